# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.fields import Command


class HelpdeskAftersalesReport(models.Model):
    _inherit = "helpdesk.aftersales.report"

    @api.model
    def _aftersales_demo_credit_notes(self, specs):
        """Demo data of the After-Sales Analysis: credit notes of the demo
        tickets, dated some days after each ticket.

        :param specs: ``[(ticket xmlid, reason xmlid, days after the ticket,
            [(product xmlid, quantity, unit price)], posted)]``; the ticket
            gets the first product when it has none
        """
        for ticket_ref, reason_ref, days, lines, posted in specs:
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
