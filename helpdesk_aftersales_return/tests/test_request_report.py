# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, tagged

from .common import RETURN_VIEW
from .common_request import RequestHttpMixin, RequestTestMixin
from odoo.addons.helpdesk_aftersales.tests.common import AftersalesTestMixin

REPORT = "helpdesk_aftersales_return.action_report_return_authorization"


@tagged("post_install", "-at_install")
class TestReturnAuthorization(
    RequestHttpMixin, RequestTestMixin, AftersalesTestMixin, HttpCase
):
    """The customer prints the Return Authorization of an approved return:
    the return's reference as a barcode, the products and quantities, the
    warehouse's address, the reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._request_setup()
        cls.warehouse.partner_id.write(
            {"street": "12 Warehouse Road", "city": "Incheon", "zip": "22300"}
        )
        cls.request, _created = cls._submit(lines=[(cls.move, 2.0)])
        action = cls.request.with_user(cls.agent).action_approve()
        Wizard = cls.env[action["res_model"]].with_user(cls.agent)
        wizard = Form(Wizard.with_context(**action["context"]), view=RETURN_VIEW).save()
        wizard.action_create_returns()
        cls.return_picking = cls.request.picking_id

    def test_pdf_with_barcode(self):
        self.assertEqual(self.request.state, "approved")
        Report = self.env["ir.actions.report"]
        html, _kind = Report._render_qweb_html(REPORT, self.request.ids)
        html = html.decode()
        self.assertIn("Return Authorization", html)
        # the barcode of the return's reference, as an image
        self.assertRegex(html, r'<img[^>]+src="data:image/png;base64,[^"]+"')
        self.assertIn(f"Barcode {self.return_picking.name}", html)
        self.assertIn("12 Warehouse Road", html)
        self.assertIn("Office Chair", html)
        self.assertIn("2.00", html)
        self.assertIn(self.reason.name, html)
        self.assertIn(self.request.name, html)
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            REPORT, self.request.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertTrue(re.search(rb"/Subtype\s*/Image", pdf), "the barcode image")

    def test_only_approved_returns(self):
        pending, _created = self._submit()
        with self.assertRaisesText(UserError, "approved return requests only"):
            self.env["ir.actions.report"]._render_qweb_html(REPORT, pending.ids)

    def test_customer_prints_it(self):
        page = self._aftersales_portal_page(self.ticket, "request-portal")
        url = f"/my/ticket/{self.ticket.id}/request/{self.request.id}/authorization"
        self.assertIn(url, page)
        self.assertIn('data-state="approved"', page)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn(
            self.return_picking.name.replace("/", "_"),
            response.headers["Content-Disposition"],
        )

    def test_others_cannot_print_it(self):
        users = self._aftersales_attackers(self.ticket, suffix="-print")
        url = f"/my/ticket/{self.ticket.id}/request/{self.request.id}/authorization"
        # a colleague of the same company may
        self.authenticate("colleague-print", "colleague-print")
        self.assertEqual(self.url_open(url).headers["Content-Type"], "application/pdf")
        self.authenticate("stranger-print", "stranger-print")
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        # a pending request has none
        pending, _created = self._submit()
        self.authenticate("request-portal", "request-portal")
        response = self.url_open(
            f"/my/ticket/{self.ticket.id}/request/{pending.id}/authorization",
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        # nor a request of another ticket through this one's address
        other_ticket = self._ticket(self.contact)
        response = self.url_open(
            f"/my/ticket/{other_ticket.id}/request/{self.request.id}/authorization",
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(users)
