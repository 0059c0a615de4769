/* Copyright 2026 Helpdesk After-Sales contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_aftersales_request_approve_tour", {
    steps: () => [
        {
            content: "The ticket shows the customer's request",
            trigger: ".o_form_view div[name=aftersales_request_banner]:contains(REQ/)",
        },
        {
            content: "Approve it",
            trigger:
                ".o_form_view div[name=aftersales_request_banner] button[name=action_aftersales_request_approve]",
            run: "click",
        },
        {
            content: "The Return dialog says it comes from the request",
            trigger: ".modal div[name=aftersales_request_alert]:contains(REQ/)",
        },
        {
            content: "The requested quantity is prefilled",
            trigger:
                ".modal div[name=product_return_moves] .o_data_row td[name=quantity]:contains(1.00)",
        },
        {
            content: "Return",
            trigger: ".modal footer button[name=action_create_returns]",
            run: "click",
        },
        {
            content: "The return opens; back to the ticket",
            trigger:
                ".o_form_view:not(.modal) button[name=action_open_helpdesk_ticket]",
            run: "click",
        },
        {
            content: "The request is decided: no banner, one request",
            trigger:
                ".o_form_view:not(:has(div[name=aftersales_request_banner]:visible)) button[name=action_aftersales_open_requests] .o_stat_value:contains(1)",
        },
    ],
});
