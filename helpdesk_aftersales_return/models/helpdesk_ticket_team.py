# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    aftersales_return_days = fields.Integer(
        string="Return Window (days)",
        default=0,
        help="Customers may ask for the return of products delivered at most this "
        "many days ago, from the portal page of their ticket. 0: no limit.",
    )

    _aftersales_return_days_positive = models.Constraint(
        "CHECK(aftersales_return_days >= 0)",
        "The return window cannot be negative.",
    )
