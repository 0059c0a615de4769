/* Copyright 2026 Helpdesk After-Sales contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_aftersales_coupon_tour", {
    steps: () => [
        {
            content: "Open the Coupon dialog from the ticket",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name=action_helpdesk_coupon]",
            run: "click",
        },
        {
            content: "The dialog asks for a coupon program",
            trigger: ".modal .modal-title:contains(Generate a Coupon)",
        },
        {
            content: "The only coupon program is chosen",
            trigger: ".modal div[name=program_id] input:value(Tour Apology Coupon)",
            run: "click",
        },
        {
            content: "The dropdown offers the coupon programs of the ticket's company",
            trigger: ".o-autocomplete--dropdown-menu li:contains(Tour Apology Coupon)",
            run: "click",
        },
        {
            content: "Generate",
            trigger: ".modal button[name=action_helpdesk_generate]",
            run: "click",
        },
        {
            content: "The code is shown, with a button to copy it",
            trigger: ".modal div[name=code] .o_clipboard_button",
        },
        {
            content: "and its validity",
            trigger: ".modal div[name=card_validity]:contains(No expiry)",
        },
        {
            content: "Send",
            trigger: ".modal button[name=action_helpdesk_send]",
            run: "click",
        },
        {
            content: "The composer opens with the ticket's customer as recipient",
            trigger: ".modal div[name=partner_ids] .o_tag:contains(Tour Customer)",
        },
        {
            content: "and its follower",
            trigger: ".modal div[name=partner_ids] .o_tag:contains(Tour Follower)",
        },
        {
            content: "with our coupon e-mail",
            trigger: ".modal div[name=subject] input:value(Your coupon from)",
        },
        {
            content: "Send the e-mail",
            trigger: ".modal .o_mail_send",
            run: "click",
        },
        {
            content: "The composer is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The ticket shows its coupon",
            trigger:
                "button[name=action_aftersales_open_documents] div[name=coupon_count] .o_stat_value:contains(1)",
        },
    ],
});

registry.category("web_tour.tours").add("helpdesk_aftersales_gift_card_tour", {
    steps: () => [
        {
            content: "Open the Gift Card dialog from the ticket",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name=action_helpdesk_giftcard]",
            run: "click",
        },
        {
            content: "The dialog asks for a gift card program",
            trigger: ".modal .modal-title:contains(Generate a Gift Card)",
        },
        {
            content: "The amount starts at the price of the program's gift card",
            trigger: ".modal div[name=amount] input:value(50.00)",
        },
        {
            content: "Give 25 instead",
            trigger: ".modal div[name=amount] input",
            run: "edit 25",
        },
        {
            content: "Choose the reason",
            trigger: ".modal div[name=aftersales_reason_id] input",
            run: "edit Goodwill",
        },
        {
            content: "The dropdown offers the reasons",
            trigger: ".o-autocomplete--dropdown-menu li:contains(Goodwill)",
            run: "click",
        },
        {
            content: "Generate",
            trigger: ".modal button[name=action_helpdesk_generate]",
            run: "click",
        },
        {
            content: "The code is shown, with a button to copy it",
            trigger: ".modal div[name=code] .o_clipboard_button",
        },
        {
            content: "and its balance",
            trigger: ".modal div[name=card_value]:contains(25.00)",
        },
        {
            content: "Send",
            trigger: ".modal button[name=action_helpdesk_send]",
            run: "click",
        },
        {
            content: "The composer opens with the ticket's customer as recipient",
            trigger: ".modal div[name=partner_ids] .o_tag:contains(Tour Customer)",
        },
        {
            content: "with our gift card e-mail",
            trigger: ".modal div[name=subject] input:value(Your gift card from)",
        },
        {
            content: "Send the e-mail",
            trigger: ".modal .o_mail_send",
            run: "click",
        },
        {
            content: "The composer is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The ticket shows its gift card and what it is worth",
            trigger:
                "button[name=action_aftersales_open_documents] div[name=giftcard_stat]:contains(25.00)",
        },
        {
            content: "The sending is logged on the ticket",
            trigger: ".o-mail-Message:contains(sent to Tour Customer)",
        },
    ],
});
