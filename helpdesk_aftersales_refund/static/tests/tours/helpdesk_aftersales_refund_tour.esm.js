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
            content: "The ticket's invoice is preselected",
            trigger: ".modal div[name=move_ids] .o_tag:contains(INV/)",
        },
        {
            content: "Choose Full Refund",
            trigger: ".modal div[name=refund_method] input[data-value=full]",
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
            content: "The ticket shows its credit note",
            trigger:
                "button[name=action_aftersales_open_documents] div[name=credit_note_count] .o_stat_value:contains(1)",
        },
    ],
});
