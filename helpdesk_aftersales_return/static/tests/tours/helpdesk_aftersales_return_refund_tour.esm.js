/* Copyright 2026 Helpdesk After-Sales contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_aftersales_return_refund_tour", {
    steps: () => [
        {
            content: "Open the Refund dialog of a ticket whose return is done",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name=action_helpdesk_refund]",
            run: "click",
        },
        {
            content: "Returned products is the credit method proposed",
            trigger: '.modal div[name=refund_method] input:value("Returned products")',
        },
        {
            content: "The returns are listed with what they credit",
            trigger:
                ".modal div[name=aftersales_return_move_ids] .o_data_row td[name=aftersales_to_credit_qty]:contains(2.00)",
        },
        {
            trigger:
                ".modal div[name=aftersales_return_move_ids] .o_data_row td[name=aftersales_to_credit_qty]:contains(1.00)",
        },
        {
            content: "Its explanation is shown, not the invoices",
            trigger:
                ".modal div[name=refund_method_help]:contains(exactly the returned quantities)",
        },
        {
            trigger: ".modal:not(:has(div[name=move_ids]:visible))",
        },
        {
            content: "Reverse",
            trigger: ".modal button[name=action_helpdesk_reverse]",
            run: "click",
        },
        {
            content: "The credit note opens, validated; back to the ticket",
            trigger: ".o_form_view button[name=action_open_helpdesk_ticket]",
            run: "click",
        },
        {
            content: "The ticket shows its credit note",
            trigger:
                "button[name=action_aftersales_open_documents] div[name=credit_note_count]:contains(1)",
        },
        {
            content: "Open its returns",
            trigger:
                "button[name=action_aftersales_open_documents]:has(div[name=return_count])",
            run: "click",
        },
        {
            content: "The list of the ticket's returns says they are credited",
            trigger: ".o_list_view td[name=aftersales_credit_state]:contains(Credited)",
        },
        {
            trigger:
                ".o_list_view:not(:has(td[name=aftersales_credit_state]:contains(To Credit)))",
        },
    ],
});
