# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.helpdesk_aftersales.report.helpdesk_aftersales_report import (
    ReportPart,
)

# the loyalty cards of a ticket (archived ones are left out)
CARDS = "loyalty_card lc JOIN loyalty_program lp ON lp.id = lc.program_id"
# the reward a coupon made from a ticket pays for: the one that needs the
# fewest points of its program (the dialog gives the card those points)
COUPON_REWARD = """LEFT JOIN (
                SELECT DISTINCT ON (program_id)
                    program_id, reward_type, discount_mode, discount, required_points
                FROM loyalty_reward
                WHERE active
                ORDER BY program_id, required_points, id
            ) lr ON lr.program_id = lc.program_id"""
# a coupon is used when its points no longer pay for its reward
COUPON_USED = "lc.points < COALESCE(lr.required_points, 0)"
# a reward of a fixed amount: per order, or per point of the card's reward
COUPON_VALUE = """CASE
                WHEN lr.reward_type != 'discount' THEN 0
                WHEN lr.discount_mode = 'per_order' THEN lr.discount
                WHEN lr.discount_mode = 'per_point'
                    THEN lr.discount * lr.required_points
                ELSE 0
            END"""
EXPIRED = "lc.expiration_date < CURRENT_DATE"


class HelpdeskAftersalesReport(models.Model):
    """Gift cards and coupons in the After-Sales Analysis: one row per card,
    of the ticket's product."""

    _inherit = "helpdesk.aftersales.report"
    _depends = {
        "loyalty.card": [
            "helpdesk_ticket_id",
            "aftersales_reason_id",
            "program_id",
            "points",
            "expiration_date",
            "active",
            "create_date",
            "aftersales_value_used",
        ],
        "loyalty.program": ["program_type"],
        "loyalty.reward": [
            "program_id",
            "reward_type",
            "discount_mode",
            "discount",
            "required_points",
            "active",
        ],
    }

    product_id = fields.Many2one(comodel_name="product.product", readonly=True)
    categ_id = fields.Many2one(
        comodel_name="product.category", string="Product Category", readonly=True
    )

    def _aftersales_report_parts(self):
        return [
            *super()._aftersales_report_parts(),
            self._aftersales_gift_card_part(),
            self._aftersales_coupon_part(),
        ]

    def _aftersales_gift_card_part(self):
        """Gift cards at the value issued (their balance plus what was spent
        of them) and the value used. In progress while they can be used; done
        once spent or expired."""
        return ReportPart(
            kind="gift_card",
            model="loyalty.card",
            table=CARDS,
            ticket="lc.helpdesk_ticket_id",
            document="lc.id",
            line="lc.id",
            date="lc.create_date",
            where="lp.program_type = 'gift_card' AND lc.active",
            columns={
                "reason_id": "lc.aftersales_reason_id",
                "state": f"CASE WHEN lc.points <= 0 OR {EXPIRED} "
                "THEN 'done' ELSE 'open' END",
                "quantity": "1",
                "value": "lc.points + lc.aftersales_value_used",
                "value_used": "lc.aftersales_value_used",
            },
        )

    def _aftersales_coupon_part(self):
        """Coupons at the value of their reward when it is a fixed amount (a
        percentage or a free product has no value of its own); used when their
        points no longer pay for it. In progress while they can be used; done
        once used or expired."""
        return ReportPart(
            kind="coupon",
            model="loyalty.card",
            table=CARDS,
            ticket="lc.helpdesk_ticket_id",
            document="lc.id",
            line="lc.id",
            date="lc.create_date",
            joins=COUPON_REWARD,
            where="lp.program_type = 'coupons' AND lc.active",
            columns={
                "reason_id": "lc.aftersales_reason_id",
                "state": f"CASE WHEN {COUPON_USED} OR {EXPIRED} "
                "THEN 'done' ELSE 'open' END",
                "quantity": "1",
                "value": COUPON_VALUE,
                "value_used": f"CASE WHEN {COUPON_USED} THEN {COUPON_VALUE} ELSE 0 END",
            },
        )

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_demo_cards(self, specs):
        """Demo data of the After-Sales Analysis: gift cards and coupons of the
        demo tickets, made some days after each ticket, some of them spent.

        :param specs: ``[(ticket xmlid, reason xmlid, days after the ticket,
            program xmlid, points, points spent)]``
        """
        Card = self.env["loyalty.card"].with_context(loyalty_no_mail=True)
        for (
            ticket_ref,
            reason_ref,
            days,
            program_ref,
            points,
            spent,
        ) in self._aftersales_demo_todo(specs, "giftcard_count", "coupon_count"):
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
