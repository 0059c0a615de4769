# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import formatLang

from .values import check_required, check_values


class StockReturnPickingLine(models.TransientModel):
    """A line of the return dialog: its values are checked at the boundary
    (a JSON-RPC client writes them as it likes)."""

    _inherit = "stock.return.picking.line"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_values(self, vals)
            check_required(self, vals, ["product_id"])
        return super().create(vals_list)

    def write(self, vals):
        check_values(self, vals)
        check_required(self, vals, [fname for fname in ["product_id"] if fname in vals])
        return super().write(vals)


class StockReturnPicking(models.TransientModel):
    """The return dialog opened by the Return button of a ticket: a delivery of
    the ticket's customer, quantities defaulting to what is left to return.
    Without a ticket (the Return button of a transfer), it behaves as in Odoo.

    Its three buttons (Return, Return All, Return for Exchange) are public
    methods: on a ticket's dialog, each one runs once and follows the ticket's
    rules, whoever calls it (the dialog or a JSON-RPC client)."""

    _name = "stock.return.picking"
    _inherit = ["stock.return.picking", "helpdesk.aftersales.wizard.mixin"]
    _aftersales_toggle = "use_product_returns"

    helpdesk_partner_id = fields.Many2one(
        related="helpdesk_ticket_id.commercial_partner_id", string="Customer"
    )
    helpdesk_company_id = fields.Many2one(
        related="helpdesk_ticket_id.company_id", string="Ticket Company"
    )
    helpdesk_can_exchange = fields.Boolean(
        related="helpdesk_ticket_id.aftersales_can_replace",
        string="May Exchange",
        help="Return for Exchange sends the products again: the team needs "
        "Replacements on too.",
    )
    helpdesk_fully_returned = fields.Boolean(
        string="Fully Returned",
        compute="_compute_helpdesk_fully_returned",
        help="Everything delivered in the chosen delivery is already returned.",
    )

    @api.depends("picking_id")
    def _compute_helpdesk_fully_returned(self):
        for wizard in self:
            wizard.helpdesk_fully_returned = bool(
                wizard.helpdesk_ticket_id and wizard.picking_id
            ) and not any(
                move._aftersales_returnable_quantity()
                for move in wizard._aftersales_returnable_moves()
            )

    @api.model
    def _aftersales_check_values(self, vals):
        check_values(self, vals)
        return super()._aftersales_check_values(vals)

    @api.model
    def default_get(self, fields):
        res = super().default_get(fields)
        ticket = self._aftersales_ticket_from_context()
        if not ticket:
            return res
        # (the base's default_get checked the ticket's rules)
        if "picking_id" in fields and not res.get("picking_id"):
            res["picking_id"] = ticket._aftersales_return_default_delivery().id
        return res

    def _aftersales_returnable_moves(self):
        """The moves of the delivery that the dialog lists (as Odoo does)."""
        self.ensure_one()
        return self.picking_id._origin.move_ids.filtered(
            lambda m: m.state != "cancel" and m.location_dest_usage != "inventory"
        )

    def _prepare_stock_return_picking_line_vals_from_move(self, stock_move):
        vals = super()._prepare_stock_return_picking_line_vals_from_move(stock_move)
        if len(self) == 1 and self.helpdesk_ticket_id:
            # what was delivered and is not returned yet, as Return All computes
            # it (Odoo starts from 0)
            vals["quantity"] = stock_move._aftersales_returnable_quantity()
        return vals

    def _prepare_picking_default_values(self):
        return {
            **super()._prepare_picking_default_values(),
            **self._aftersales_link_values(),
        }

    # ------------------------------------------------------------------
    # Public methods: on a ticket's dialog, every one follows its rules (one
    # existing dialog for all, with a clear message otherwise)
    # ------------------------------------------------------------------

    def action_create_returns(self):
        self._aftersales_ensure_one()
        if not self.helpdesk_ticket_id:
            return super().action_create_returns()
        action = self._aftersales_run_once(super().action_create_returns)
        return self._aftersales_open_return(action)

    def action_create_returns_all(self):
        # Odoo's Return All sets the quantities, then calls action_create_returns
        # (above), which checks them. That inner call runs in the same
        # transaction: it passes _aftersales_run_once again, the dialog being
        # marked done only at the end.
        self._aftersales_ensure_one()
        if not self.helpdesk_ticket_id:
            return super().action_create_returns_all()
        return self._aftersales_run_once(super().action_create_returns_all)

    def action_create_exchanges(self):
        """Return for Exchange: the return, then Odoo's procurement sends the
        products again. The exchange is a replacement: the team needs both
        options."""
        self._aftersales_ensure_one()
        if not self.helpdesk_ticket_id:
            return super().action_create_exchanges()
        self.helpdesk_ticket_id._aftersales_guard(
            "use_product_replacements", customer=True
        )
        # the transfers made below are the ones after the last this transaction
        # sees (others' uncommitted ones stay invisible to it)
        last_id = self.env["stock.picking"].sudo().search([], order="id desc", limit=1)
        action = self._aftersales_run_once(super().action_create_exchanges)
        self._aftersales_link_exchanges(last_id.id)
        return action

    # ------------------------------------------------------------------

    def _aftersales_open_return(self, action):
        """The return made by Odoo's Return (``action`` opens it), opened from
        the ticket (with the context of a return, not the one of the dialog)."""
        return_picking = self.env["stock.picking"].browse(action["res_id"])
        return self.helpdesk_ticket_id._aftersales_action_open(
            return_picking,
            "stock.action_picking_tree_incoming",
            name=self.env._("Return"),
        )

    def _aftersales_link_exchanges(self, last_id):
        """The new transfers of the customer that the exchange made (after the
        transfer ``last_id``) are the ticket's replacement: in a delivery in
        several steps, the first one (the next ones follow, see
        ``stock.move._aftersales_follow_ticket``). Products that Odoo adds to an
        open delivery of the same order stay out: that delivery is not the
        ticket's."""
        ticket = self.helpdesk_ticket_id
        exchanges = self.env["stock.picking"].search(
            [
                ("id", ">", last_id),
                ("return_id", "=", False),
                ("helpdesk_ticket_id", "=", False),
            ]
        )
        exchanges = exchanges.filtered(
            lambda p: ticket._aftersales_kind_of(p) is not None
        )
        exchanges -= ticket._aftersales_foreign(exchanges)
        exchanges.write(self._aftersales_link_values())

    def _create_return(self):
        if not self.helpdesk_ticket_id:
            return super()._create_return()
        self._aftersales_check_quantities()
        return_picking = super()._create_return()
        self._aftersales_carry_ticket_lot(return_picking)
        return return_picking

    # ------------------------------------------------------------------
    # The ticket's rules
    # ------------------------------------------------------------------

    def _aftersales_check(self):
        res = super()._aftersales_check()
        for wizard in self.filtered("helpdesk_ticket_id"):
            wizard._aftersales_check_delivery()
        return res

    def _aftersales_check_delivery(self):
        """Refuse, before anything is made, a delivery that is not a done
        delivery of the ticket's customer in its company, or that is returned
        already. The delivery is locked and claimed first, so that two dialogs
        never return it twice."""
        self.ensure_one()
        ticket = self.helpdesk_ticket_id
        delivery = self.picking_id
        if not delivery:
            raise UserError(self.env._("Choose the delivery to return."))
        delivery.check_access("read")
        if not delivery.filtered_domain(ticket._aftersales_return_delivery_domain()):
            raise UserError(
                self.env._(
                    "Only done deliveries of %(customer)s in %(company)s can be "
                    "returned from this ticket, not %(delivery)s.",
                    customer=ticket.commercial_partner_id.display_name,
                    company=ticket.company_id.display_name,
                    delivery=delivery.display_name,
                )
            )
        self._aftersales_lock(delivery, claim=True)
        delivery.move_ids.returned_move_ids.invalidate_recordset()
        if not any(
            move._aftersales_returnable_quantity()
            for move in self._aftersales_returnable_moves()
        ):
            raise UserError(
                self.env._(
                    "Everything delivered in %(delivery)s has already been returned.",
                    delivery=delivery.display_name,
                )
            )

    def _aftersales_check_quantities(self):
        """The quantities to return: products of the delivery only, none
        negative, not all zero, and for each delivered move the total of its
        lines no more than what is left to return (earlier returns that are
        not cancelled count)."""
        self.ensure_one()
        delivery = self.picking_id
        moves = self._aftersales_returnable_moves()
        totals = defaultdict(float)
        to_return = False
        for line in self.product_return_moves:
            move = line.move_id
            if move not in moves or line.product_id != move.product_id:
                raise UserError(
                    self.env._(
                        "Only the products of %(delivery)s can be returned from "
                        "this ticket.",
                        delivery=delivery.display_name,
                    )
                )
            unit = line.uom_id or move.product_uom
            if unit.compare(line.quantity, 0.0) < 0:
                raise UserError(
                    self.env._(
                        "The quantity to return of %(product)s cannot be negative.",
                        product=line.product_id.display_name,
                    )
                )
            totals[move] += unit._compute_quantity(line.quantity, move.product_uom)
            to_return = to_return or not unit.is_zero(line.quantity)
        for move, quantity in totals.items():
            returnable = move._aftersales_returnable_quantity()
            if move.product_uom.compare(quantity, returnable) > 0:
                raise UserError(
                    self.env._(
                        "At most %(quantity)s %(unit)s of %(product)s can be "
                        "returned from %(delivery)s: the rest was not delivered "
                        "or is already returned.",
                        quantity=formatLang(self.env, returnable, dp="Product Unit"),
                        unit=move.product_uom.display_name,
                        product=move.product_id.display_name,
                        delivery=delivery.display_name,
                    )
                )
        if not to_return:
            raise UserError(
                self.env._("Set the quantity to return of at least one product.")
            )

    def _aftersales_carry_ticket_lot(self, return_picking):
        """Odoo's return proposes the first lots/serial numbers of the delivery:
        a return of the ticket's product carries the ticket's lot instead, when
        the delivery sent it and it is not returned yet."""
        lot = self.helpdesk_ticket_id.lot_id
        if not lot:
            return
        for move in return_picking.move_ids:
            line = move.move_line_ids[:1]
            if (
                move.product_id != lot.product_id
                or move.product_id.tracking == "none"
                or not line
                or lot in move.move_line_ids.lot_id
            ):
                continue
            origin = move.origin_returned_move_id
            delivered = sum(
                origin.move_line_ids.filtered(lambda ml: ml.lot_id == lot).mapped(
                    "quantity_product_uom"
                )
            )
            returned = sum(
                origin.returned_move_ids.filtered(lambda m: m.state != "cancel")
                .move_line_ids.filtered(lambda ml: ml.lot_id == lot)
                .mapped("quantity_product_uom")
            )
            rounding = move.product_id.uom_id
            if rounding.compare(line.quantity_product_uom, delivered - returned) <= 0:
                line.write({"lot_id": lot.id, "lot_name": lot.name})
