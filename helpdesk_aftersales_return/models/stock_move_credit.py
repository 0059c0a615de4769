# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.fields import Domain


class StockMove(models.Model):
    """What is left to credit of the customers' returns.

    A return (with "Update quantities on SO/PO") of a sold product is credited
    at most once, and never beyond what was invoiced: the quantities already
    credited for the return itself, and those credited on the same sales order
    line otherwise (a Partial Refund of the invoice, the order's own credit
    notes), are counted."""

    # one class per concern (see the docstring)
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "stock.move"

    aftersales_credited_qty = fields.Float(
        string="Credited Quantity",
        compute="_compute_aftersales_credit",
        compute_sudo=True,
        digits="Product Unit",
        help="Quantity of this return credited by credit notes of returned "
        "products (cancelled ones left out).",
    )
    aftersales_to_credit_qty = fields.Float(
        string="Quantity to Credit",
        compute="_compute_aftersales_credit",
        compute_sudo=True,
        digits="Product Unit",
        help="What a credit note of returned products credits now: the "
        "returned quantity not credited yet, within what was invoiced and not "
        "credited otherwise.",
    )

    def _compute_aftersales_credit(self):
        plan = self._aftersales_credit_plan()
        for move in self:
            credited, allocations = plan.get(move._origin.id, (0.0, []))
            unit = move.sale_line_id.product_uom_id
            to_credit = sum(quantity for _line, quantity in allocations)
            if unit and move.product_uom and unit != move.product_uom:
                credited = unit._compute_quantity(credited, move.product_uom)
                to_credit = unit._compute_quantity(to_credit, move.product_uom)
            move.aftersales_credited_qty = credited
            move.aftersales_to_credit_qty = to_credit

    @api.model
    def _aftersales_creditable_domain(self):
        """Done returns from customers of sold products, that update the sales
        order ("Update quantities on SO/PO"): the ones a credit note of
        returned products may credit."""
        return Domain(
            [
                ("state", "=", "done"),
                ("to_refund", "=", True),
                ("sale_line_id", "!=", False),
                ("origin_returned_move_id", "!=", False),
                ("location_id.usage", "=", "customer"),
            ]
        )

    def _aftersales_credit_plan(self):
        """What to credit of the returns ``self`` (those of them that can be
        credited), in the unit of their sales order line.

        Per sales order line, what was invoiced (posted invoices) minus what
        was credited (credit notes not cancelled, of the line or of its
        returns; a credit line at a lower price than invoiced counts for its
        value) is shared among its returns, oldest first; each return takes
        what it returned and was not credited for it yet. A return's share is
        taken from the most recent invoices first, each within what is not
        credited yet on it.

        :return: ``{move id: (credited quantity, [(invoice line, quantity)])}``
            (records as superuser)
        """
        domain = self._aftersales_creditable_domain()
        moves = self.sudo()._origin.filtered_domain(domain)
        if not moves:
            return {}
        sale_lines = moves.sale_line_id
        returns = moves.search(
            domain & Domain("sale_line_id", "in", sale_lines.ids), order="date, id"
        )
        Line = self.env["account.move.line"].sudo()
        invoice_lines = Line.search(
            [
                ("sale_line_ids", "in", sale_lines.ids),
                ("move_id.move_type", "=", "out_invoice"),
                ("parent_state", "=", "posted"),
                ("display_type", "=", "product"),
            ]
        )
        credit_lines = Line.search(
            [
                ("move_id.move_type", "=", "out_refund"),
                ("parent_state", "!=", "cancel"),
                ("display_type", "=", "product"),
                "|",
                ("sale_line_ids", "in", sale_lines.ids),
                ("aftersales_returned_move_id", "in", returns.ids),
            ]
        )
        plan = {}
        for sale_line in sale_lines:
            plan.update(
                sale_line._aftersales_share_returns(
                    returns.filtered(lambda r, sl=sale_line: r.sale_line_id == sl),
                    invoice_lines.filtered(
                        lambda l, sl=sale_line: sl in l.sale_line_ids
                    ),
                    credit_lines.filtered(
                        lambda c, sl=sale_line: (
                            sl in c.sale_line_ids
                            or c.aftersales_returned_move_id.sale_line_id == sl
                        )
                    ),
                )
            )
        return {move_id: plan[move_id] for move_id in moves.ids}

    def _aftersales_uncredited(self, plan):
        """Whether the return ``self`` has nothing to credit in ``plan`` (its
        credit plan) though part of it is not credited as a return."""
        self.ensure_one()
        credited, allocations = plan[self.id]
        unit = self.sale_line_id.product_uom_id
        returned = self.product_uom._compute_quantity(self.quantity, unit)
        return not allocations and unit.compare(returned, credited) > 0
