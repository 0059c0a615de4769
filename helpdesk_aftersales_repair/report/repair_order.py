# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RepairOrder(models.Model):
    """What the After-Sales Analysis reads of a repair: the cost of the parts
    it adds, stored so that the analysis reads it without adding up the parts
    at each read."""

    # one class per concern (see the docstring)
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "repair.order"

    aftersales_parts_cost = fields.Monetary(
        string="Parts Cost",
        compute="_compute_aftersales_parts_cost",
        store=True,
        currency_field="aftersales_currency_id",
        help="The parts the repair adds (not the cancelled ones) at their cost "
        "(the product's standard price in the repair's company) when they were "
        "last changed.",
    )
    aftersales_currency_id = fields.Many2one(
        related="company_id.currency_id", string="After-Sales Currency"
    )

    @api.depends(
        "company_id",
        "move_ids.product_id",
        "move_ids.product_qty",
        "move_ids.repair_line_type",
        "move_ids.state",
    )
    def _compute_aftersales_parts_cost(self):
        for repair in self:
            parts = repair.move_ids.filtered(
                lambda m: m.repair_line_type == "add" and m.state != "cancel"
            )
            repair.aftersales_parts_cost = sum(
                part.product_qty
                * part.product_id.with_company(repair.company_id).standard_price
                for part in parts
            )
