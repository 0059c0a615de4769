# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class LoyaltyCard(models.Model):
    """What the After-Sales Analysis reads of a card: what was spent of it,
    stored so that the analysis reads it without adding up the card's history
    at each read."""

    _inherit = "loyalty.card"

    aftersales_value_used = fields.Float(
        string="Value Used",
        compute="_compute_aftersales_value_used",
        store=True,
        help="Points spent from the card (its history of uses): for a gift card, "
        "what the customer has paid with it.",
    )

    @api.depends("history_ids.used")
    def _compute_aftersales_value_used(self):
        for card in self:
            card.aftersales_value_used = sum(card.history_ids.mapped("used"))
