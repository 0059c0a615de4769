/* Copyright 2026 Helpdesk After-Sales contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_aftersales_return_tour", {
    steps: () => [
        {
            content: "Open the Return dialog from the ticket",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name=action_helpdesk_return]",
            run: "click",
        },
        {
            content: "The customer's delivery is preselected",
            trigger: ".modal div[name=picking_id] input:value(/OUT/)",
        },
        {
            content: "Its quantity defaults to what was delivered",
            trigger:
                ".modal div[name=product_return_moves] .o_data_row td[name=quantity]:contains(3.00)",
            run: "click",
        },
        {
            content: "Return one of them only",
            trigger:
                ".modal div[name=product_return_moves] .o_data_row td[name=quantity] input",
            run: "edit 1",
        },
        {
            content: "Return",
            trigger: ".modal footer button[name=action_create_returns]",
            run: "click",
        },
        {
            content: "The return opens; it links back to the ticket",
            trigger:
                ".o_form_view:not(.modal) button[name=action_open_helpdesk_ticket]",
            run: "click",
        },
        {
            content: "The ticket shows its return",
            trigger:
                "button[name=action_aftersales_open_documents] div[name=return_count] .o_stat_value:contains(1)",
        },
    ],
});
