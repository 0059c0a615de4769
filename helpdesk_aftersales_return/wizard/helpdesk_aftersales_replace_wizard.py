# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import formatLang

from .values import check_required, check_values

DELIVERY_ACTION = "stock.action_picking_tree_outgoing"


class HelpdeskAftersalesReplaceWizard(models.TransientModel):
    """The Replace dialog of a ticket: the products delivered to the customer
    for this ticket (by its sales orders, or without orders its product), with
    the quantities to send again. It makes one delivery, ready to process,
    through the warehouse's own delivery route (in several steps when the
    warehouse delivers so)."""

    _name = "helpdesk.aftersales.replace.wizard"
    _inherit = "helpdesk.aftersales.wizard.mixin"
    _description = "Replace Delivered Products"
    _aftersales_toggle = "use_product_replacements"

    helpdesk_partner_id = fields.Many2one(
        related="helpdesk_ticket_id.commercial_partner_id", string="Customer"
    )
    warehouse_id = fields.Many2one(
        comodel_name="stock.warehouse",
        required=True,
        domain="[('company_id', '=', aftersales_company_id)]",
        help="The warehouse that sends the replacement, with its delivery steps.",
    )
    line_ids = fields.One2many(
        comodel_name="helpdesk.aftersales.replace.wizard.line",
        inverse_name="wizard_id",
        string="Products",
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
        if "warehouse_id" in fields:
            res["warehouse_id"] = ticket._aftersales_warehouse().id
        if "line_ids" in fields:
            res["line_ids"] = [
                Command.create(values) for values in ticket._aftersales_replace_lines()
            ]
        return res

    # ------------------------------------------------------------------
    # Public method
    # ------------------------------------------------------------------

    def action_create_replacement(self):
        """Send the products again: a new delivery to the customer, confirmed
        and reserved, linked to the ticket; it opens."""
        return self._aftersales_run_once(self._aftersales_replace)

    # ------------------------------------------------------------------

    def _aftersales_check(self):
        if not self.helpdesk_ticket_id:
            raise UserError(self.env._("This dialog must be opened from a ticket."))
        res = super()._aftersales_check()
        self._aftersales_check_replacement()
        return res

    def _aftersales_lines_to_send(self):
        return self.line_ids.filtered(
            lambda line: line.product_id.uom_id.compare(line.quantity, 0.0) > 0
        )

    def _aftersales_check_replacement(self):
        """Refuse, before anything is made: a warehouse of another company,
        quantities that are negative or all zero, products or lots/serial
        numbers not delivered to the customer, more than the customer received
        (less what the ticket already sent). The ticket is locked and claimed
        first, so that two dialogs of the ticket never send more together."""
        self.ensure_one()
        ticket = self.helpdesk_ticket_id
        if self.warehouse_id.company_id != ticket.company_id:
            raise UserError(
                self.env._(
                    "Choose a warehouse of %(company)s, the company of ticket "
                    "%(ticket)s.",
                    company=ticket.company_id.display_name,
                    ticket=ticket.display_name,
                )
            )
        for line in self.line_ids:
            if line.product_id.uom_id.compare(line.quantity, 0.0) < 0:
                raise UserError(
                    self.env._(
                        "The quantity to send of %(product)s cannot be negative.",
                        product=line.product_id.display_name,
                    )
                )
        lines = self._aftersales_lines_to_send()
        if not lines:
            raise UserError(
                self.env._("Set the quantity to send of at least one product.")
            )
        self._aftersales_lock(ticket, claim=True)
        self._aftersales_check_quantities(lines)
        self._aftersales_check_lots(lines)

    def _aftersales_check_quantities(self, lines):
        ticket = self.helpdesk_ticket_id
        totals = defaultdict(float)
        for line in lines:
            totals[line.product_id] += line.quantity
        products = lines.product_id
        received = ticket._aftersales_received_quantities(products)
        sent = ticket._aftersales_replaced_quantities(products)
        for product, quantity in totals.items():
            if product.id not in received:
                raise UserError(
                    self.env._(
                        "%(product)s was not delivered to %(customer)s in "
                        "%(company)s: it cannot be replaced from this ticket.",
                        product=product.display_name,
                        customer=ticket.commercial_partner_id.display_name,
                        company=ticket.company_id.display_name,
                    )
                )
            available = max(received[product.id] - sent.get(product.id, 0.0), 0.0)
            if product.uom_id.compare(quantity, available) > 0:
                raise UserError(
                    self.env._(
                        "At most %(quantity)s %(unit)s of %(product)s can be sent "
                        "from this ticket: what %(customer)s received, less the "
                        "replacements already sent.",
                        quantity=formatLang(self.env, available, dp="Product Unit"),
                        unit=product.uom_id.display_name,
                        product=product.display_name,
                        customer=ticket.commercial_partner_id.display_name,
                    )
                )

    def _aftersales_check_lots(self, lines):
        ticket = self.helpdesk_ticket_id
        with_lot = lines.filtered("lot_id")
        if not with_lot:
            return
        delivered = ticket._aftersales_delivered_lots(with_lot.lot_id)
        for line in with_lot:
            if line.lot_id.product_id != line.product_id or line.lot_id not in (
                delivered
            ):
                raise UserError(
                    self.env._(
                        "The lot/serial number %(lot)s of %(product)s was not "
                        "delivered to %(customer)s.",
                        lot=line.lot_id.display_name,
                        product=line.product_id.display_name,
                        customer=ticket.commercial_partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # The delivery
    # ------------------------------------------------------------------

    def _aftersales_replace(self):
        ticket = self.helpdesk_ticket_id
        deliveries = self._aftersales_create_delivery(self._aftersales_lines_to_send())
        deliveries.action_confirm()
        deliveries.action_assign()
        return ticket._aftersales_action_open(
            deliveries, DELIVERY_ACTION, name=self.env._("Replacement")
        )

    def _aftersales_create_delivery(self, lines):
        """The transfers sending ``lines`` to the customer's delivery address,
        as the warehouse's delivery route starts them (from the rule that
        would serve a sales order): a delivery, or in several steps the pick
        (the next steps follow on their own and belong to the ticket too).
        Their moves carry a reference of their own, so that they never merge
        into another transfer."""
        ticket = self.helpdesk_ticket_id
        address = ticket.partner_id.browse(
            ticket.partner_id.address_get(["delivery"])["delivery"]
        )
        customers = address.property_stock_customer
        values = {
            "warehouse_id": self.warehouse_id,
            "company_id": ticket.company_id,
            "partner": address,
            "partner_id": address.id,
            "reference_ids": self.env["stock.reference"].create(
                {"name": ticket.number}
            ),
            "date_planned": fields.Datetime.now(),
        }
        Rule = self.env["stock.rule"]
        moves_by_rule = defaultdict(list)
        for line in lines:
            rule = Rule._get_rule(line.product_id, customers, values)
            if (
                not rule
                or rule.action not in ("pull", "pull_push")
                or not rule.location_src_id
            ):
                raise UserError(
                    self.env._(
                        "%(warehouse)s has no delivery route for %(product)s: "
                        "check the routes of the product and of the warehouse.",
                        warehouse=self.warehouse_id.display_name,
                        product=line.product_id.display_name,
                    )
                )
            move_values = rule._get_stock_move_values(
                line.product_id,
                line.quantity,
                line.product_id.uom_id,
                customers,
                line.product_id.display_name,
                ticket.number,
                ticket.company_id,
                dict(values),
            )
            if rule.procure_method == "mts_else_mto":
                move_values["procure_method"] = "make_to_stock"
            moves_by_rule[rule].append(move_values)
        return self.env["stock.picking"].create(
            [
                {
                    "picking_type_id": rule.picking_type_id.id,
                    "location_id": rule.location_src_id.id,
                    # where the operation type goes (the customer, or the next
                    # step), unless the rule says
                    **(
                        {"location_dest_id": rule.location_dest_id.id}
                        if rule.location_dest_from_rule
                        else {}
                    ),
                    "partner_id": address.id,
                    "origin": ticket.number,
                    "note": self._aftersales_note(lines),
                    "move_ids": [Command.create(vals) for vals in moves_values],
                    **self._aftersales_link_values(),
                }
                for rule, moves_values in moves_by_rule.items()
            ]
        )

    def _aftersales_note(self, lines):
        """The note of the delivery: the lots/serial numbers it replaces."""
        replaced = [
            escape(
                self.env._(
                    "Replaces %(product)s, lot/serial number %(lot)s.",
                    product=line.product_id.display_name,
                    lot=line.lot_id.name,
                )
            )
            for line in lines.filtered("lot_id")
        ]
        if not replaced:
            return False
        return Markup("<p>%s</p>") % Markup("<br/>").join(replaced)


class HelpdeskAftersalesReplaceWizardLine(models.TransientModel):
    _name = "helpdesk.aftersales.replace.wizard.line"
    _description = "Product to Replace"

    wizard_id = fields.Many2one(
        comodel_name="helpdesk.aftersales.replace.wizard",
        string="Dialog",
        required=True,
        ondelete="cascade",
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        required=True,
        domain="[('type', '=', 'consu')]",
    )
    product_tracking = fields.Selection(related="product_id.tracking")
    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Lot/Serial Number",
        domain="[('product_id', '=', product_id)]",
        help="The customer's unit that this replaces, for a product tracked by "
        "lot or serial number; the delivery's note says it.",
    )
    customer_quantity = fields.Float(
        string="Delivered",
        digits="Product Unit",
        readonly=True,
        help="What the customer has of the product from the deliveries of this "
        "ticket: delivered, less what came back.",
    )
    quantity = fields.Float(
        digits="Product Unit",
        help="How many to send again.",
    )
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")

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
