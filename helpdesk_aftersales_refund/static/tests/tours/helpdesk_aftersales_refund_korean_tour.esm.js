/* Copyright 2026 Helpdesk After-Sales contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_aftersales_refund_korean_tour", {
    steps: () => [
        {
            content: "The ticket form speaks Korean (helpdesk_mgmt's labels)",
            trigger: ".o_form_view .o_form_label:contains(팀)",
        },
        {
            content: "Its After-Sales group too",
            trigger:
                ".o_form_view .o_horizontal_separator:contains(애프터서비스), .o_form_view .o_group:contains(애프터서비스)",
        },
        {
            content: "Open the Refund dialog (환불)",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name=action_helpdesk_refund]:contains(환불)",
            run: "click",
        },
        {
            content: "Invoices to Refund",
            trigger: ".modal .o_horizontal_separator:contains(환불할 청구서)",
        },
        {
            content: "The invoice's columns",
            trigger: ".modal div[name=move_ids] th:contains(환불 가능 잔액)",
        },
        {
            content: "Credit Method and its three options",
            trigger: ".modal .o_form_label:contains(크레딧 방식)",
        },
        {
            trigger: ".modal div[name=refund_method] .o_select_menu_toggler",
            run: "click",
        },
        {
            trigger: ".o_select_menu_item:contains(전액 환불 및 새로운 미결 청구서)",
        },
        {
            trigger: ".o_select_menu_item:contains(일부 환불)",
            run: "click",
        },
        {
            content: "The reason",
            trigger: ".modal .o_form_label:contains(사유)",
        },
        {
            content: "The Reverse button",
            trigger: ".modal button[name=action_helpdesk_reverse]:contains(역분개)",
        },
        {
            content: "Close the dialog",
            trigger: ".modal .modal-footer button.btn-secondary[special=cancel]",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ],
});
