# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    aftersales_card_currency_id = fields.Many2one(
        comodel_name="res.currency",
        string="Card Limit Currency",
        compute="_compute_aftersales_card_currency_id",
    )
    aftersales_card_max_value = fields.Monetary(
        string="Max. value without approval",
        currency_field="aftersales_card_currency_id",
        help="Gift cards and coupons worth more than this amount (in the "
        "company's currency) are issued by helpdesk managers only. 0 means no "
        "limit.",
    )

    _aftersales_card_max_value_positive = models.Constraint(
        "CHECK(aftersales_card_max_value >= 0)",
        "The maximum value of a card without approval cannot be negative.",
    )

    @api.depends("company_id")
    def _compute_aftersales_card_currency_id(self):
        for team in self:
            team.aftersales_card_currency_id = (
                team.company_id.currency_id or self.env.company.currency_id
            )
