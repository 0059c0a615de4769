# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Refund exactly what came back, in the browser, and the credited state of the
returns on the customer's portal."""

from odoo.tests import tagged

from .common_refund import ReturnRefundTestMixin
from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon
from odoo.addons.helpdesk_aftersales.tests.common import new_portal_user


@tagged("post_install", "-at_install")
class TestReturnRefundTour(ReturnRefundTestMixin, AccountTestInvoicingHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._return_refund_setup()
        cls.order, cls.delivery, cls.invoice = cls._sell([(cls.chair, 4)])
        cls.ticket = cls._ticket_of(cls.order)

    def test_refund_returned_products_tour(self):
        returned = self._return(self.ticket, self.delivery, {self.chair: 2})
        returned |= self._return(self.ticket, self.delivery, {self.chair: 1})
        self._aftersales_start_tour(
            self.ticket,
            "helpdesk_aftersales_return_refund_tour",
            groups=["account.group_account_invoice", "stock.group_stock_user"],
        )
        credit_note = self.ticket._aftersales_documents("credit_note_count")
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(sum(credit_note.invoice_line_ids.mapped("quantity")), 3)
        self.assertEqual(set(returned.mapped("aftersales_credit_state")), {"credited"})

    def test_portal_shows_whether_returns_are_credited(self):
        returned = self._return(self.ticket, self.delivery, {self.chair: 2})
        self._credit_returns(self.ticket)
        waiting = self._return(self.ticket, self.delivery, {self.chair: 1})
        portal = new_portal_user(self.env, self.customer, "chair-buyer")
        self.ticket.message_subscribe(portal.partner_id.ids)
        page = self._aftersales_portal_page(self.ticket, "chair-buyer")
        rows = page.split('name="aftersales_return_count"')
        credited = next(
            row for row in rows[1:] if returned.name in row.split("</tr>")[0]
        )
        self.assertIn("Credited", credited.split("</tr>")[0])
        to_credit = next(
            row for row in rows[1:] if waiting.name in row.split("</tr>")[0]
        )
        self.assertIn("To Credit", to_credit.split("</tr>")[0])
