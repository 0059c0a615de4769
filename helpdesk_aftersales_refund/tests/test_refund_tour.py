# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import html

from odoo.tests import tagged
from odoo.tools import formatLang

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon
from odoo.addons.helpdesk_aftersales.tests.common import (
    AftersalesTestMixin,
    new_portal_user,
)


@tagged("post_install", "-at_install")
class TestRefundTour(AftersalesTestMixin, AccountTestInvoicingHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.group_ids |= cls.env.ref("helpdesk_mgmt.group_helpdesk_manager")
        cls.team = cls._aftersales_team("Refunds", use_credit_notes=True)

    def test_refund_tour(self):
        ticket = self._aftersales_ticket(
            self.team, self.partner_a, product_id=self.product_a.id
        )
        invoice = self._create_invoice_one_line(
            price_unit=80.0, product_id=self.product_a, post=True
        )
        self.assertEqual(invoice.amount_total, 92.0)
        self._aftersales_start_tour(
            ticket,
            "helpdesk_aftersales_refund_tour",
            groups=["account.group_account_invoice"],
        )
        credit_note = ticket._aftersales_documents("credit_note_count")
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual(
            credit_note.aftersales_reason_id,
            self.env.ref("helpdesk_aftersales.reason_defective"),
        )

    def test_refund_korean_tour(self):
        self.env["res.lang"]._activate_lang("ko_KR")
        self.env["ir.module.module"].search(
            [("name", "=like", "helpdesk_%")]
        )._update_translations("ko_KR")
        ticket = self._aftersales_ticket(
            self.team, self.partner_a, product_id=self.product_a.id
        )
        self._create_invoice_one_line(
            price_unit=80.0, product_id=self.product_a, post=True
        )
        self.env.ref("base.user_admin").lang = "ko_KR"
        self._aftersales_start_tour(
            ticket,
            "helpdesk_aftersales_refund_korean_tour",
            groups=["account.group_account_invoice"],
        )
        self.assertFalse(ticket.credit_note_count, "nothing was refunded")


@tagged("post_install", "-at_install")
class TestRefundPortal(AftersalesTestMixin, AccountTestInvoicingHttpCommon):
    """The ticket's portal page lists the credit notes of the visitor's own
    customer only, with links that give nothing away."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.group_ids |= cls.env.ref("helpdesk_mgmt.group_helpdesk_manager")
        team = cls._aftersales_team("Refunds", use_credit_notes=True)
        cls.portal_a = new_portal_user(cls.env, cls.partner_a, "portal-a")
        cls.ticket = cls._aftersales_ticket(team, cls.partner_a)
        invoice = cls._create_invoice_one_line(price_unit=80.0, post=True)
        cls.draft = cls._reverse_invoice(invoice)
        cls.posted = cls._reverse_invoice(invoice, post=True)
        (cls.draft | cls.posted).helpdesk_ticket_id = cls.ticket
        # a follower of the ticket from another customer
        cls.portal_b = new_portal_user(cls.env, cls.partner_b, "portal-b")
        # a follower from another company (a contact of a company of its own)
        other = cls.env["res.company"].create({"name": "Elsewhere Ltd"})
        cls.portal_c = new_portal_user(
            cls.env,
            cls.env["res.partner"].create(
                {"name": "Elsewhere follower", "company_id": other.id}
            ),
            "portal-c",
        )
        cls.ticket.message_subscribe((cls.portal_b | cls.portal_c).partner_id.ids)

    def _page(self, login):
        return self._aftersales_portal_page(self.ticket, login)

    def test_customer_sees_own_posted_credit_notes(self):
        page = self._page("portal-a")
        self.assertIn("aftersales_credit_note_count", page)
        section = page.split('name="aftersales_portal_documents"')[1]
        self.assertIn(self.posted.name, section)
        # its amount and payment state
        row = section.split('name="aftersales_credit_note_count"')[1].split("</tr>")[0]
        self.assertIn(
            formatLang(
                self.env, self.posted.amount_total, currency_obj=self.posted.currency_id
            ),
            html.unescape(row),
        )
        state = dict(
            self.posted._fields["payment_state"]._description_selection(self.env)
        )[self.posted.payment_state]
        self.assertIn(state, row)
        self.assertIn(f'href="/my/invoices/{self.posted.id}"', section)
        self.assertNotIn("access_token", section)
        self.assertNotIn(f"/my/invoices/{self.draft.id}", page, "drafts stay internal")
        self.assertEqual(
            self.url_open(f"/my/invoices/{self.posted.id}").status_code, 200
        )

    def test_followers_of_other_customers_see_nothing(self):
        for login in ("portal-b", "portal-c"):
            with self.subTest(login=login):
                page = self._page(login)
                self.assertFalse("aftersales_portal_documents" in page)
                self.assertFalse(self.posted.name in page)
                response = self.url_open(f"/my/invoices/{self.posted.id}")
                self.assertFalse(self.posted.name in response.text)
