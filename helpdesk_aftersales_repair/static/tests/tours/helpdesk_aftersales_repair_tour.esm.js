/* Copyright 2026 Helpdesk After-Sales contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_aftersales_repair_tour", {
    steps: () => [
        {
            content: "Open a new repair from the ticket",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name=action_helpdesk_repair]",
            run: "click",
        },
        {
            content: "The ticket's product is the product to repair",
            trigger: ".o_form_view div[name=product_id] input:value(/Office Chair/)",
        },
        {
            content: "The ticket's customer",
            trigger: ".o_form_view div[name=partner_id] input:value(/Return Customer/)",
        },
        {
            content: "The product's return",
            trigger: ".o_form_view div[name=picking_id] input:value(/IN/)",
        },
        {
            content: "The ticket's sales order",
            trigger: ".o_form_view button[name=action_view_sale_order]:contains(S0)",
        },
        {
            content: "The ticket's description is in the repair notes",
            trigger: ".o_notebook a[name=repair_notes]",
            run: "click",
        },
        {
            content: "The description is there",
            trigger:
                ".o_form_view div[name=internal_notes]:contains(The product arrived broken)",
        },
        {
            content: "Save the repair",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the repair has its reference",
            trigger: ".o_breadcrumb .active:contains(/RO/)",
        },
        {
            content: "It links back to the ticket",
            trigger: ".o_form_view button[name=action_open_helpdesk_ticket]",
            run: "click",
        },
        {
            content: "The ticket shows its repair",
            trigger:
                "button[name=action_aftersales_open_documents] div[name=repair_count] .o_stat_value:contains(1)",
        },
    ],
});

registry.category("web_tour.tours").add("helpdesk_aftersales_repair_readonly_tour", {
    steps: () => [
        {
            content: "Open the repair of the ticket from its smart button",
            trigger:
                "button[name=action_aftersales_open_documents] div[name=repair_count] .o_stat_value:contains(1)",
            run: "click",
        },
        {
            content: "The repair opens, read-only, with its product",
            trigger:
                ".o_form_view .o_form_readonly div[name=product_id]:contains(Office Chair)",
        },
        {
            content: "Nothing of Inventory to act upon",
            trigger:
                ".o_form_view:not(:has(button[name=action_repair_start])):not(:has(a[name=parts])) .o_statusbar_status",
        },
        {
            content: "Back to the ticket",
            trigger: ".o_form_view button[name=action_open_helpdesk_ticket]",
            run: "click",
        },
        {
            content: "The ticket again",
            trigger: ".o_form_view div[name=repair_count]",
        },
    ],
});
