# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Credit notes in the After-Sales Analysis."""

from odoo import Command, fields
from odoo.tests import tagged

from .common import RefundCommon
from odoo.addons.helpdesk_aftersales.tests.analysis_common import AnalysisTestMixin


@tagged("post_install", "-at_install")
class TestRefundAnalysis(AnalysisTestMixin, RefundCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env.ref("helpdesk_aftersales.reason_defective")

    def _credit_note(self, lines, currency=None, post=True, ticket=None):
        """A credit note of the ticket's customer linked to it, with
        ``lines`` (``[(product, quantity, unit price)]``)."""
        ticket = ticket or self.ticket
        credit_note = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": ticket.partner_id.id,
                "invoice_date": fields.Date.today(),
                "currency_id": (currency or self.env.company.currency_id).id,
                "helpdesk_ticket_id": ticket.id,
                "aftersales_reason_id": self.reason.id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": product.id, "quantity": qty, "price_unit": price}
                    )
                    for product, qty, price in lines
                ],
            }
        )
        if post:
            credit_note.action_post()
        return credit_note

    def test_refund_dialog_rows(self):
        """A partial refund (a draft credit note) counts for nothing until it
        is posted; then its line counts for its untaxed amount."""
        _wizard, action = self._refund("partial", invoices=self.invoice)
        credit_note = self.env["account.move"].browse(action["res_id"])
        row = self._analysis_rows(self.ticket)
        self.assertAnalysisRow(
            row,
            credit_note,
            kind="credit_note",
            state="draft",
            quantity=1.0,
            value=0.0,
            product_id=self.product_a,
            categ_id=self.product_a.categ_id,
            date=credit_note.date,
        )
        credit_note.action_post()
        row.invalidate_recordset()
        self.assertAnalysisRow(row, credit_note, state="done", value=100.0)
        self.assertEqual(row.name, credit_note.name)
        self.assertEqual(self.ticket.aftersales_value, 100.0)

    def test_one_row_per_product_line(self):
        credit_note = self._credit_note(
            [(self.product_a, 2.0, 50.0), (self.product_b, 1.0, 30.0)]
        )
        rows = self._analysis_rows(self.ticket)
        self.assertEqual(len(rows), 2, "one row per product line, none for taxes")
        by_product = {row.product_id: row for row in rows}
        self.assertAnalysisRow(
            by_product[self.product_a], credit_note, quantity=2.0, value=100.0
        )
        self.assertAnalysisRow(
            by_product[self.product_b], credit_note, quantity=1.0, value=30.0
        )
        self.assertEqual(set(rows.mapped("reason_id")), {self.reason})
        self.assertEqual(self.ticket.aftersales_value, 130.0)

    def test_value_in_company_currency(self):
        currency = self.setup_other_currency("EUR", rates=[("1900-01-01", 2.0)])
        credit_note = self._credit_note([(self.product_a, 1.0, 300.0)], currency)
        row = self._analysis_rows(self.ticket)
        self.assertAnalysisRow(row, credit_note, value=150.0)
        self.assertEqual(row.currency_id, self.env.company.currency_id)

    def test_cancelled_credit_notes_are_left_out(self):
        kept = self._credit_note([(self.product_a, 1.0, 40.0)])
        cancelled = self._credit_note([(self.product_a, 1.0, 70.0)], post=False)
        cancelled.button_cancel()
        rows = self._analysis_rows(self.ticket)
        self.assertEqual(rows.mapped("res_id"), kept.ids)
        kept.button_draft()
        kept.button_cancel()
        self.assertFalse(self._analysis_rows(self.ticket))
        self.assertEqual(self.ticket.aftersales_value, 0.0)

    def test_invoice_of_a_ticket_is_not_after_sales(self):
        """The new draft invoice of "Full refund and new draft invoice" is
        linked to the ticket; it costs nothing."""
        _wizard, _action = self._refund("modify", invoices=self.invoice)
        rows = self._analysis_rows(self.ticket)
        self.assertEqual(set(rows.mapped("kind")), {"credit_note"})
        self.assertEqual(self.ticket.aftersales_value, 100.0)
