# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .stock_picking import RETURN_DOMAIN


class StockPicking(models.Model):
    """Whether a customer's return was credited (credit method "Returned
    products" of a ticket's Refund dialog)."""

    _inherit = "stock.picking"

    aftersales_credit_state = fields.Selection(
        selection=[
            ("to_credit", "To Credit"),
            ("partial", "Partly Credited"),
            ("credited", "Credited"),
            ("nothing", "Nothing to Credit"),
        ],
        string="Credit",
        compute="_compute_aftersales_credit_state",
        compute_sudo=True,
        help="To Credit: the returned products are invoiced and not credited "
        "yet.\nPartly Credited / Credited: a credit note of returned products "
        "credits part or all of them.\nNothing to Credit: the return does not "
        "update the sales order, or what it returned was not invoiced or is "
        "credited otherwise.",
    )

    def _compute_aftersales_credit_state(self):
        returns = self.filtered_domain(RETURN_DOMAIN).filtered(
            lambda p: p.state == "done"
        )
        plan = returns.move_ids._aftersales_credit_plan()
        for picking in self:
            picking.aftersales_credit_state = (
                picking._aftersales_credit_state_of(plan)
                if picking in returns
                else False
            )

    def _aftersales_credit_state_of(self, plan):
        self.ensure_one()
        moves = self.move_ids.filtered(lambda m: m.id in plan)
        if not moves:
            return "nothing"
        credited = {move: plan[move.id][0] for move in moves}
        to_credit = any(plan[move.id][1] for move in moves)
        unit_of = {move: move.sale_line_id.product_uom_id for move in moves}
        if all(
            unit_of[move].compare(
                credited[move],
                move.product_uom._compute_quantity(move.quantity, unit_of[move]),
            )
            >= 0
            for move in moves
        ):
            return "credited"
        if any(not unit_of[move].is_zero(credited[move]) for move in moves):
            return "partial"
        return "to_credit" if to_credit else "nothing"

    def _aftersales_portal_values(self):
        values = super()._aftersales_portal_values()
        if self.aftersales_credit_state:
            state = dict(
                self._fields["aftersales_credit_state"]._description_selection(self.env)
            )[self.aftersales_credit_state]
            values["detail"] = ", ".join(filter(None, [values.get("detail"), state]))
        return values
