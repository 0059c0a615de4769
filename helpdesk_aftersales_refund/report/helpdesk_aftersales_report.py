# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.fields import Command

from odoo.addons.helpdesk_aftersales.report.helpdesk_aftersales_report import (
    ReportPart,
)


class HelpdeskAftersalesReport(models.Model):
    """Credit notes in the After-Sales Analysis: one row per product line."""

    _inherit = "helpdesk.aftersales.report"
    _depends = {
        "account.move": [
            "helpdesk_ticket_id",
            "aftersales_reason_id",
            "move_type",
            "state",
            "date",
            "name",
        ],
        "account.move.line": [
            "move_id",
            "display_type",
            "product_id",
            "quantity",
            "balance",
        ],
    }

    product_id = fields.Many2one(comodel_name="product.product", readonly=True)
    categ_id = fields.Many2one(
        comodel_name="product.category", string="Product Category", readonly=True
    )

    def _aftersales_report_parts(self):
        return [
            *super()._aftersales_report_parts(),
            self._aftersales_credit_note_part(),
        ]

    def _aftersales_credit_note_part(self):
        """Each product line of the ticket's credit notes, at its accounting
        date. The value is the line's untaxed amount in the company's currency
        once the credit note is posted; a draft counts for nothing yet;
        cancelled credit notes are left out."""
        return ReportPart(
            kind="credit_note",
            model="account.move",
            table="account_move_line aml JOIN account_move am ON am.id = aml.move_id",
            ticket="am.helpdesk_ticket_id",
            document="am.id",
            line="aml.id",
            date="am.date",
            product="aml.product_id",
            where="am.move_type = 'out_refund' AND am.state IN ('draft', 'posted') "
            "AND aml.display_type = 'product'",
            columns={
                "name": "am.name",
                "reason_id": "am.aftersales_reason_id",
                "state": "CASE am.state WHEN 'posted' THEN 'done' ELSE 'draft' END",
                "quantity": "aml.quantity",
                "value": "CASE am.state WHEN 'posted' THEN aml.balance ELSE 0 END",
            },
        )

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_demo_credit_notes(self, specs):
        """Demo data of the After-Sales Analysis: credit notes of the demo
        tickets, dated some days after each ticket.

        :param specs: ``[(ticket xmlid, reason xmlid, days after the ticket,
            [(product xmlid, quantity, unit price)], posted)]``; the ticket
            gets the first product when it has none
        """
        for ticket_ref, reason_ref, days, lines, posted in self._aftersales_demo_todo(
            specs, "credit_note_count"
        ):
            ticket = self.env.ref(ticket_ref)
            products = [self.env.ref(product) for product, _qty, _price in lines]
            if not ticket.product_id:
                ticket.product_id = products[0]
            date = self._aftersales_demo_when(ticket, days).date()
            credit_note = self.env["account.move"].create(
                {
                    "move_type": "out_refund",
                    "partner_id": ticket.partner_id.id,
                    "invoice_date": date,
                    "date": date,
                    "helpdesk_ticket_id": ticket.id,
                    "aftersales_reason_id": self.env.ref(reason_ref).id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": quantity,
                                "price_unit": price,
                            }
                        )
                        for product, (_ref, quantity, price) in zip(
                            products, lines, strict=True
                        )
                    ],
                }
            )
            if posted:
                credit_note.action_post()
