/* Copyright 2026 Helpdesk After-Sales contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

// a whole 1x1 PNG image
const PNG =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

registry.category("web_tour.tours").add("helpdesk_aftersales_request_portal_tour", {
    steps: () => [
        {
            content:
                "The customer asks for a return from the ticket's page (in Korean)",
            trigger: "a[name=aftersales_request_return]:contains(반품 요청)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The chairs delivered to the customer are listed",
            trigger:
                "form.o_portal_aftersales_request_form tr[data-product='Office Chair'] .o_portal_aftersales_available:contains(3.00)",
        },
        {
            content: "Return one chair",
            trigger:
                "form.o_portal_aftersales_request_form tr[data-product='Office Chair'] input[name=line_quantity]",
            run: "edit 1",
        },
        {
            content: "Why",
            trigger: "select[name=reason_id]",
            run: "selectByIndex 1",
        },
        {
            content: "In the customer's words",
            trigger: "textarea[name=comment]",
            run: "edit 의자 좌석이 찢어져 있습니다.",
        },
        {
            content: "With a photo",
            trigger: "input[name=photos]",
            run() {
                const bytes = Uint8Array.from(window.atob(PNG), (c) => c.charCodeAt(0));
                const transfer = new window.DataTransfer();
                transfer.items.add(
                    new window.File([bytes], "seat.png", {type: "image/png"})
                );
                this.anchor.files = transfer.files;
            },
        },
        {
            content: "Send the request",
            trigger: "button[name=aftersales_request_send]:contains(요청 보내기)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back on the ticket, the request waits for a decision",
            trigger:
                "div[name=aftersales_portal_requests] .o_portal_aftersales_request_state[data-state=requested]",
        },
        {
            content: "The customer is told it was sent",
            trigger: "div[name=aftersales_request_notice]",
        },
    ],
});
