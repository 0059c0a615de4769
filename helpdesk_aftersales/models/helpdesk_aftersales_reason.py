# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskAftersalesReason(models.Model):
    """Why an after-sales document was made (damaged in transit, defective...):
    chosen in every dialog of a ticket, kept on the document, analysed in the
    After-Sales Analysis."""

    _name = "helpdesk.aftersales.reason"
    _description = "After-Sales Reason"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        help="Leave it empty to use the reason in every company.",
    )
    description = fields.Text(
        translate=True, help="When agents choose this reason, for their guidance."
    )

    _name_company_unique = models.Constraint(
        "UNIQUE(name, company_id)",
        "A reason of this name already exists in this company.",
    )
