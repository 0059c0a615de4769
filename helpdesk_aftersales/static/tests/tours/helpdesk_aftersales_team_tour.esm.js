/* Copyright 2026 Helpdesk After-Sales contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_aftersales_team_tour", {
    steps: () => [
        {
            content: "The team form has an After-Sales section",
            trigger: ".o_form_view div[name=aftersales]:contains(After-Sales)",
        },
        {
            content: "Each option has its one-line help",
            trigger:
                "div[name=option_use_credit_notes]:contains(Issue credit notes to refund customers or settle balances)",
        },
        {
            content: "Switch Refunds on",
            trigger: "div[name=option_use_credit_notes] .o_field_boolean input",
            run: "click",
        },
        {
            content: "Save the team",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "The team is saved",
            trigger: ".o_form_readonly, .o_form_saved",
        },
        {
            content: "Refunds stays on",
            trigger: "div[name=option_use_credit_notes] .o_field_boolean input:checked",
        },
    ],
});
