/* Copyright 2026 Helpdesk After-Sales contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_aftersales_replace_tour", {
    steps: () => [
        {
            content: "Open the Replace dialog from the ticket",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name=action_helpdesk_replace]",
            run: "click",
        },
        {
            content: "The product delivered to the customer is listed",
            trigger:
                ".modal div[name=line_ids] .o_data_row td[name=product_id]:contains(Office Chair)",
        },
        {
            content: "Its quantity defaults to what the customer has",
            trigger:
                ".modal div[name=line_ids] .o_data_row td[name=quantity]:contains(3.00)",
            run: "click",
        },
        {
            content: "Send one of them only",
            trigger: ".modal div[name=line_ids] .o_data_row td[name=quantity] input",
            run: "edit 1",
        },
        {
            content: "Replace",
            trigger: ".modal footer button[name=action_create_replacement]",
            run: "click",
        },
        {
            content: "The delivery opens, ready; it links back to the ticket",
            trigger:
                ".o_form_view:not(.modal) .o_statusbar_status button.o_arrow_button_current:contains(Ready)",
        },
        {
            content: "Back to the ticket",
            trigger:
                ".o_form_view:not(.modal) button[name=action_open_helpdesk_ticket]",
            run: "click",
        },
        {
            content: "The ticket shows its delivery",
            trigger:
                "button[name=action_aftersales_open_documents] div[name=delivery_count] .o_stat_value:contains(1)",
        },
    ],
});
