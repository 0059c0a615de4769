# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import sale_delivery
from .common_request import PNG, RequestHttpMixin, RequestTestMixin
from odoo.addons.helpdesk_aftersales.tests.common import (
    AftersalesTestMixin,
    new_portal_user,
)

REFUSED_PAGE = 'name="aftersales_request_error"'


@tagged("post_install", "-at_install")
class TestRequestPortal(
    RequestHttpMixin, RequestTestMixin, AftersalesTestMixin, HttpCase
):
    """The customer, a colleague, another customer and a follower of another
    company on the ticket's page and its request form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._request_setup()
        cls.users = cls._aftersales_attackers(cls.ticket, suffix="-request")
        # a portal user of another customer who follows the ticket
        cls.follower = new_portal_user(
            cls.env,
            cls.env["res.partner"].create(
                {"name": "Follower Elsewhere", "email": "f@elsewhere.example"}
            ),
            "request-follower",
        )
        cls.ticket.message_subscribe(cls.follower.partner_id.ids)

    def assertRefusedPage(self, response, message):
        """The form is shown again with ``message``, and nothing was made."""
        self.assertEqual(response.status_code, 200)
        self.assertIn(REFUSED_PAGE, response.text)
        self.assertIn(message, response.text)

    def _post_refused(self, message, lines=None, **fields):
        """Send the form as the customer: refused with ``message``, nothing
        made."""
        made = self._requests_made()
        response = self._post_form(
            self.ticket,
            {self.move: 1} if lines is None else lines,
            login="request-portal",
            **fields,
        )
        self.assertRefusedPage(response, message)
        self.assertEqual(self._requests_made(), made, "nothing created")
        return response

    # ------------------------------------------------------------------
    # The customer
    # ------------------------------------------------------------------

    def test_customer_requests_a_return(self):
        page = self._aftersales_portal_page(self.ticket, "request-portal")
        self.assertIn('name="aftersales_request_return"', page)
        form = self._form_page(self.ticket).text
        self.assertIn(f'name="aftersales_row_{self.move.id}-0"', form)
        self.assertNotIn(f"aftersales_row_{self.other_delivery.move_ids.id}-", form)
        self.assertIn("Products delivered in the last", form)
        response = self._post_form(
            self.ticket,
            {self.move: 2},
            comment="Two seats are torn.",
            photos=[("seat.png", PNG, "image/png")],
        )
        self.assertEqual(response.status_code, 303)
        request = self.ticket.aftersales_request_ids
        self.assertEqual(len(request), 1)
        self.assertIn(f"aftersales_request={request.id}", response.headers["Location"])
        self.assertRecordValues(
            request,
            [
                {
                    "kind": "return",
                    "state": "requested",
                    "partner_id": self.contact.id,
                    "commercial_partner_id": self.customer.id,
                    "reason_id": self.reason.id,
                    "comment": "Two seats are torn.",
                    "delivery_id": self.delivery.id,
                }
            ],
        )
        self.assertRecordValues(
            request.line_ids, [{"move_id": self.move.id, "quantity": 2.0}]
        )
        # the photo, on the ticket and in the customer's message
        self.assertEqual(request.photo_ids.mimetype, "image/png")
        self.assertEqual(request.photo_ids.res_model, "helpdesk.ticket")
        message = self.ticket.message_ids.filtered(
            lambda m: "Two seats are torn." in (m.body or "")
        )
        self.assertEqual(message.author_id, self.contact)
        self.assertEqual(message.message_type, "comment")
        self.assertEqual(message.attachment_ids, request.photo_ids)
        self.assertIn(request.name, message.body)
        # the agent has something to do
        activity = request.activity_id
        self.assertEqual(activity.user_id, self.agent)
        self.assertEqual(activity.res_id, self.ticket.id)
        # the ticket's page lists it, waiting for a decision
        page = self.url_open(
            f"/my/ticket/{self.ticket.id}?aftersales_request={request.id}"
        ).text
        self.assertIn(f'name="aftersales_request_{request.id}"', page)
        self.assertIn('data-state="requested"', page)
        self.assertIn('name="aftersales_request_notice"', page)
        # what is requested is no longer available to other requests
        form = self._form_page(self.ticket).text
        self.assertIn(
            '<td class="text-end o_portal_aftersales_available">1.00</td>', form
        )

    def test_colleague_requests_for_the_company(self):
        """A colleague of the same company may ask for the company's
        deliveries."""
        page = self._aftersales_portal_page(self.ticket, "colleague-request")
        self.assertIn('name="aftersales_request_return"', page)
        response = self._post_form(self.ticket, {self.move: 1})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(
            self.ticket.aftersales_request_ids.partner_id,
            self.users["colleague"].partner_id,
        )
        # the customer's contact sees the colleague's request too
        page = self._aftersales_portal_page(self.ticket, "request-portal")
        self.assertIn(
            f'name="aftersales_request_{self.ticket.aftersales_request_ids.id}"', page
        )

    # ------------------------------------------------------------------
    # Others
    # ------------------------------------------------------------------

    def test_another_customer_sees_nothing(self):
        self._submit()
        made = self._requests_made()
        self.authenticate("stranger-request", "stranger-request")
        for url in (
            f"/my/ticket/{self.ticket.id}",
            f"/my/ticket/{self.ticket.id}/request/return",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
            self.assertTrue(response.headers["Location"].endswith("/my"), url)
        response = self._post_form_blind("stranger-request")
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertEqual(self._requests_made(), made, "nothing created")

    def _post_form_blind(self, login):
        """Post the form of the ticket without having seen it (an attacker
        who knows the ticket's id), with a valid session token."""
        self.authenticate(login, login)
        home = self.url_open("/my").text
        return self.url_open(
            f"/my/ticket/{self.ticket.id}/request/return",
            data={
                "csrf_token": self._csrf_token(home),
                "submission_token": "a" * 32,
                "reason_id": str(self.reason.id),
                "line_move": [str(self.move.id)],
                "line_lot": ["0"],
                "line_quantity": ["1"],
            },
            allow_redirects=False,
        )

    def test_follower_of_another_company(self):
        """A follower of another company reads the ticket, not its requests,
        and may not request the customer's deliveries."""
        request, _created = self._submit()
        page = self._aftersales_portal_page(self.ticket, "request-follower")
        self.assertNotIn("aftersales_request_return", page)
        self.assertNotIn(request.name, page)
        self.assertNotIn(f"aftersales_request_{request.id}", page)
        form = self._form_page(self.ticket).text
        self.assertIn("Only the customer of ticket", form)
        self.assertNotIn("o_portal_aftersales_request_form", form)
        self.assertNotIn(self.delivery.name, form)
        made = self._requests_made()
        response = self._post_form_blind("request-follower")
        self.assertRefusedPage(response, "Only the customer of ticket")
        self.assertEqual(self._requests_made(), made, "nothing created")
        # nor print a Return Authorization of the customer
        response = self.url_open(
            f"/my/ticket/{self.ticket.id}/request/{request.id}/authorization",
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)

    # ------------------------------------------------------------------
    # Bad input: refused with a message on the form, nothing created
    # ------------------------------------------------------------------

    def test_another_customers_delivery(self):
        self._post_refused(
            "Choose among the products delivered to you",
            lines={self.other_delivery.move_ids: 1},
        )
        self._post_refused(
            "Choose among the products delivered to you",
            lines=[(999999999, 0, "1")],
        )

    def test_another_company_delivery(self):
        """A delivery of the same customer in another company of the
        database is not one of the ticket's."""
        company = self.env["res.company"].create({"name": "Other Company"})
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        )
        chair = self.chair.with_company(company)
        self.env["stock.quant"].with_company(company)._update_available_quantity(
            chair, warehouse.lot_stock_id, 5
        )
        _order, delivery = sale_delivery(
            self.env["res.partner"].with_company(company).env,
            self.customer,
            chair,
            1,
            warehouse,
        )
        self.assertEqual(delivery.company_id, company)
        form = self._form_page(self.ticket, login="request-portal").text
        self.assertNotIn(delivery.name, form)
        self._post_refused(
            "Choose among the products delivered to you",
            lines={delivery.move_ids: 1},
        )

    def test_more_than_returnable(self):
        self._post_refused("At most 3.00", lines={self.move: 4})

    def test_refused_in_korean(self):
        self._aftersales_load_korean("helpdesk_aftersales_return")
        self.portal.lang = "ko_KR"
        self._post_refused("이하로만 요청할 수 있습니다", lines={self.move: 4})

    def test_more_than_returnable_over_two_lines(self):
        self._post_refused(
            "At most 3.00",
            lines=[(self.move.id, 0, "2"), (self.move.id, 0, "2")],
        )

    def test_more_than_returnable_with_pending_request(self):
        self._submit(lines=[(self.move, 2.0)])
        self._post_refused("At most 1.00", lines={self.move: 2})

    def test_more_than_returnable_after_a_return(self):
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_model="helpdesk.ticket", active_id=self.ticket.id)
            .create({"picking_id": self.delivery.id})
        )
        wizard.product_return_moves.quantity = 2
        wizard.action_create_returns()
        self._post_refused("At most 1.00", lines={self.move: 2})

    def test_expired_window(self):
        self.move.date = fields.Datetime.now() - timedelta(days=31)
        form = self._form_page(self.ticket, login="request-portal").text
        self.assertNotIn(f"aftersales_row_{self.move.id}-", form)
        self.assertIn('name="aftersales_request_nothing"', form)
        self._post_refused("Products delivered more than 30 days ago")
        # no window: the delivery is offered again
        self.team.aftersales_return_days = 0
        form = self._form_page(self.ticket).text
        self.assertIn(f"aftersales_row_{self.move.id}-", form)

    def test_closed_ticket(self):
        self.ticket.stage_id = self.env["helpdesk.ticket.stage"].create(
            {"name": "Solved", "closed": True}
        )
        page = self._aftersales_portal_page(self.ticket, "request-portal")
        self.assertNotIn("aftersales_request_return", page)
        self._post_refused("is closed: requests can no longer be sent")

    def test_option_off(self):
        self.team.use_product_returns = False
        page = self._aftersales_portal_page(self.ticket, "request-portal")
        self.assertNotIn("aftersales_request_return", page)
        self._post_refused("This kind of request is not offered")

    def test_unknown_kind(self):
        self.authenticate("request-portal", "request-portal")
        response = self.url_open(f"/my/ticket/{self.ticket.id}/request/refund")
        self.assertEqual(response.status_code, 404)

    def test_photos_not_images(self):
        self._post_refused(
            "invoice.png file is not a photo",
            photos=[("invoice.png", b"%PDF-1.4 not an image", "image/png")],
        )
        self._post_refused(
            "logo.svg file is not a photo",
            photos=[
                (
                    "logo.svg",
                    (
                        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)'
                        b"</script></svg>"
                    ),
                    "image/svg+xml",
                )
            ],
        )
        # a PNG's signature on something else
        self._post_refused(
            "broken.png file is not a photo",
            photos=[("broken.png", PNG[:16] + b"\0" * 64, "image/png")],
        )

    def test_photos_too_large(self):
        large = PNG + b"\0" * (5 * 1024 * 1024)
        self._post_refused(
            "big.png file is larger than 5 MB",
            photos=[("big.png", large, "image/png")],
        )

    def test_too_many_photos(self):
        self._post_refused(
            "Send at most 5 photos",
            photos=[(f"p{n}.png", PNG, "image/png") for n in range(6)],
        )

    def test_reason(self):
        self._post_refused("Choose the reason of your request", reason_id="")
        other_company = self.env["res.company"].create({"name": "Elsewhere"})
        reason = self.env["helpdesk.aftersales.reason"].create(
            {"name": "Elsewhere only", "company_id": other_company.id}
        )
        self._post_refused(
            "Choose the reason of your request", reason_id=str(reason.id)
        )

    def test_bad_numbers_and_ids(self):
        for quantity in ("abc", "-1", "nan", "inf", "1e999", "1e12"):
            self._post_refused(
                "Enter each quantity as a number",
                lines=[(self.move.id, 0, quantity)],
            )
        for move_id in ("abc", "-5", "1.5", "99999999999"):
            self._post_refused(
                "The form is incomplete",
                lines=[(move_id, 0, "1")],
            )
        # a lot on a return line
        self._post_refused("The form is incomplete", lines=[(self.move.id, 5, "1")])
        self._post_refused("Enter the quantity of at least one product", lines={})
        self._post_refused(
            "Enter the quantity of at least one product", lines={self.move: 0}
        )

    def test_incomplete_form(self):
        made = self._requests_made()
        page = self._form_page(self.ticket, login="request-portal").text
        response = self.url_open(
            f"/my/ticket/{self.ticket.id}/request/return",
            data={
                "csrf_token": self._csrf_token(page),
                "submission_token": self._hidden(page, "submission_token"),
                "reason_id": str(self.reason.id),
                "line_move": [str(self.move.id), str(self.move.id)],
                "line_lot": ["0"],
                "line_quantity": ["1"],
            },
            allow_redirects=False,
        )
        self.assertRefusedPage(response, "The form is incomplete")
        self.assertEqual(self._requests_made(), made)

    def test_two_deliveries_in_one_return_request(self):
        _order, second = sale_delivery(
            self.env, self.customer, self.chair, 1, self.warehouse
        )
        self._post_refused(
            "A request is about one delivery",
            lines={self.move: 1, second.move_ids: 1},
        )

    def test_expired_form_token(self):
        self._post_refused("This form has expired", submission_token="x")

    def test_missing_csrf_token(self):
        made = self._requests_made()
        response = self._post_form(
            self.ticket, {self.move: 1}, login="request-portal", csrf_token=None
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Session expired (invalid CSRF token)", response.text)
        self.assertEqual(self._requests_made(), made, "nothing created")

    def test_form_sent_twice(self):
        page = self._form_page(self.ticket, login="request-portal").text
        data = {
            "csrf_token": self._hidden(page, "csrf_token"),
            "submission_token": self._hidden(page, "submission_token"),
            "reason_id": str(self.reason.id),
            "line_move": [str(self.move.id)],
            "line_lot": ["0"],
            "line_quantity": ["1"],
        }
        url = f"/my/ticket/{self.ticket.id}/request/return"
        first = self.url_open(url, data=data, allow_redirects=False)
        self.assertEqual(first.status_code, 303)
        made = self._requests_made()
        second = self.url_open(url, data=data, allow_redirects=False)
        self.assertEqual(second.status_code, 303)
        self.assertIn("aftersales_request=sent", second.headers["Location"])
        self.assertEqual(self._requests_made(), made, "one request")
        page = self.url_open(second.headers["Location"]).text
        self.assertIn("This request has already been sent.", page)
