/* Copyright 2026 Helpdesk After-Sales contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_aftersales_refund_tour", {
    steps: () => [
        {
            content: "Open the Refund dialog from the ticket",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name=action_helpdesk_refund]",
            run: "click",
        },
        {
            content: "The invoice of the ticket's product is preselected and listed",
            trigger:
                ".modal div[name=move_ids] .o_data_row td[name=name]:contains(INV/)",
        },
        {
            content: "with its payment state",
            trigger: ".modal div[name=move_ids] .o_data_row td[name=payment_state]",
        },
        {
            content: "and what is still creditable",
            trigger:
                ".modal div[name=move_ids] .o_data_row td[name=aftersales_creditable_amount]:contains(92.00)",
        },
        {
            content: "Choose the reason",
            trigger: ".modal div[name=aftersales_reason_id] input",
            run: "edit Defective",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Defective)",
            run: "click",
        },
        {
            content: "Choose Full Refund",
            trigger: ".modal div[name=refund_method] .o_select_menu_toggler",
            run: "click",
        },
        {
            trigger: ".o_select_menu_item:contains(Full Refund)",
            run: "click",
        },
        {
            content: "Its explanation is shown",
            trigger:
                ".modal div[name=refund_method_help]:contains(Choose it to cancel a validated invoice)",
        },
        {
            content: "Reverse",
            trigger: ".modal button[name=action_helpdesk_reverse]",
            run: "click",
        },
        {
            content: "The credit note opens; it links back to the ticket",
            trigger: ".o_form_view button[name=action_open_helpdesk_ticket]",
            run: "click",
        },
        {
            content: "The ticket shows its credit note and the amount credited",
            trigger:
                "button[name=action_aftersales_open_documents] div[name=credit_note_count]:contains(1)",
        },
        {
            trigger:
                "button[name=action_aftersales_open_documents] div[name=aftersales_credit_note_total]:contains(92.00)",
        },
    ],
});
