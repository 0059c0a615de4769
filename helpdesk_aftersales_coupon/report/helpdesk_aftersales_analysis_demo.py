# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class HelpdeskAftersalesReport(models.Model):
    _inherit = "helpdesk.aftersales.report"

    @api.model
    def _aftersales_demo_cards(self, specs):
        """Demo data of the After-Sales Analysis: gift cards and coupons of the
        demo tickets, made some days after each ticket, some of them spent.

        :param specs: ``[(ticket xmlid, reason xmlid, days after the ticket,
            program xmlid, points, points spent)]``
        """
        Card = self.env["loyalty.card"].with_context(loyalty_no_mail=True)
        for ticket_ref, reason_ref, days, program_ref, points, spent in specs:
            ticket = self.env.ref(ticket_ref)
            card = Card.create(
                {
                    "program_id": self.env.ref(program_ref).id,
                    "partner_id": ticket.partner_id.id,
                    "points": points,
                    "helpdesk_ticket_id": ticket.id,
                    "aftersales_reason_id": self.env.ref(reason_ref).id,
                }
            )
            history = self.env["loyalty.history"].create(
                {
                    "card_id": card.id,
                    "issued": points,
                    "description": self.env._(
                        "Issued from helpdesk ticket %(ticket)s", ticket=ticket.number
                    ),
                }
            )
            when = self._aftersales_demo_when(ticket, days)
            self._aftersales_demo_created(card, when)
            self._aftersales_demo_created(history, when)
            if spent:
                # spent on a later order of the customer
                card.points = points - spent
                self.env["loyalty.history"].create(
                    {"card_id": card.id, "used": spent, "description": ticket.number}
                )
