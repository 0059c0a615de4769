# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain

from .stock_picking import DELIVERY_DOMAIN, RETURN_DOMAIN
from odoo.addons.helpdesk_aftersales.aftersales import DocumentKind

RETURN_VIEW = "helpdesk_aftersales_return.view_stock_return_picking_form_helpdesk"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Lot/Serial Number",
        compute="_compute_lot_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
        domain="[('product_id', '=', product_id)]",
        help="Lot or serial number of the product the ticket is about. Returns of "
        "this product carry it.",
    )
    return_count = fields.Integer(
        string="Returns", compute="_compute_aftersales_counts"
    )
    delivery_count = fields.Integer(
        string="Deliveries", compute="_compute_aftersales_counts"
    )
    aftersales_has_deliveries = fields.Boolean(
        string="Customer Has Deliveries",
        compute="_compute_aftersales_has_deliveries",
        help="The customer (commercial entity) of the ticket has at least one done "
        "delivery in the company of the ticket that the user can read: the Return "
        "button is shown.",
    )

    # ------------------------------------------------------------------
    # Lot/Serial Number
    # ------------------------------------------------------------------

    @api.depends("product_id")
    def _compute_lot_id(self):
        # another product: its lot no longer applies
        for ticket in self:
            if ticket.lot_id.product_id != ticket.product_id:
                ticket.lot_id = False

    @api.constrains("lot_id", "product_id", "company_id")
    def _check_lot_id(self):
        for ticket in self.sudo().filtered("lot_id"):
            lot = ticket.lot_id
            if lot.product_id != ticket.product_id:
                raise ValidationError(
                    self.env._(
                        "The lot/serial number %(lot)s is not one of product "
                        "%(product)s of ticket %(ticket)s.",
                        lot=lot.display_name,
                        product=ticket.product_id.display_name or self.env._("none"),
                        ticket=ticket.display_name,
                    )
                )
            if lot.company_id and lot.company_id != ticket.company_id:
                raise ValidationError(
                    self.env._(
                        "The lot/serial number %(lot)s belongs to another company "
                        "than ticket %(ticket)s.",
                        lot=lot.display_name,
                        ticket=ticket.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Smart buttons
    # ------------------------------------------------------------------

    def _aftersales_document_kinds(self):
        picking = {
            "model": "stock.picking",
            "groups": "stock.group_stock_user",
            "active_domain": [("state", "!=", "cancel")],
            "portal_domain": [("state", "!=", "draft")],
            "portal_date_field": "date_done",
            "portal_state_field": "state",
        }
        return [
            *super()._aftersales_document_kinds(),
            DocumentKind(
                count_field="return_count",
                toggle="use_product_returns",
                domain=RETURN_DOMAIN,
                action="stock.action_picking_tree_incoming",
                created_note=self.env._(
                    "Return created from this ticket: %(document)s."
                ),
                linked_note=self.env._("Return linked to this ticket: %(document)s."),
                portal_label=self.env._("Return"),
                **picking,
            ),
            DocumentKind(
                count_field="delivery_count",
                toggle="use_product_replacements",
                domain=DELIVERY_DOMAIN,
                action="stock.action_picking_tree_outgoing",
                created_note=self.env._(
                    "Delivery created from this ticket: %(document)s."
                ),
                linked_note=self.env._("Delivery linked to this ticket: %(document)s."),
                portal_label=self.env._("Replacement"),
                **picking,
            ),
        ]

    # ------------------------------------------------------------------
    # Deliveries of the customer
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_done_delivery_domain(self):
        """Done deliveries to a customer. In a delivery in several steps (pick,
        pack, ship), only the last one reaches the customer."""
        return Domain(
            [
                ("picking_type_code", "=", "outgoing"),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
            ]
        )

    def _aftersales_return_delivery_domain(self):
        """The deliveries that can be returned from the ticket: done deliveries
        to its customer (commercial entity) in its company."""
        self.ensure_one()
        return self._aftersales_done_delivery_domain() & Domain(
            [
                (
                    "partner_id.commercial_partner_id",
                    "=",
                    self.commercial_partner_id.id,
                ),
                ("company_id", "=", self.company_id.id),
            ]
        )

    @api.depends("commercial_partner_id", "company_id")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_aftersales_has_deliveries(self):
        """One grouped query for the whole batch of tickets; deliveries the user
        cannot read do not count, a user without Inventory rights gets False."""
        delivered = self._aftersales_delivered_customers()
        for ticket in self:
            ticket.aftersales_has_deliveries = (
                ticket.commercial_partner_id.id,
                ticket.company_id.id,
            ) in delivered

    def _aftersales_delivered_customers(self):
        """``{(commercial partner id, company id)}`` of the tickets' customers that
        have a done delivery in the ticket's company."""
        partners = self.commercial_partner_id
        Picking = self.env["stock.picking"]
        if not partners or not Picking.has_access("read"):
            return set()
        groups = Picking._read_group(
            self._aftersales_done_delivery_domain()
            & Domain("partner_id.commercial_partner_id", "in", partners.ids)
            & Domain("company_id", "in", self.company_id.ids),
            ["partner_id.commercial_partner_id", "company_id"],
        )
        return {(partner.id, company.id) for partner, company in groups}

    def _aftersales_return_default_delivery(self):
        """The delivery the Return dialog starts with: the most recent one of the
        ticket's sales orders and product."""
        return self._aftersales_preselect(
            "stock.picking",
            self._aftersales_return_delivery_domain(),
            order_path="sale_id",
            product_path="move_ids.product_id",
            order="date_done desc, id desc",
        )

    # ------------------------------------------------------------------
    # Header buttons
    # ------------------------------------------------------------------

    def action_helpdesk_return(self):
        """The Return button: Odoo's return dialog on a delivery of the customer."""
        self._aftersales_guard("use_product_returns", customer=True)
        self.env["stock.return.picking"].check_access("create")
        if not self.env["stock.picking"].search_count(
            self._aftersales_return_delivery_domain(), limit=1
        ):
            raise UserError(
                self.env._(
                    "%(customer)s has no done delivery in %(company)s: there is "
                    "nothing to return.",
                    customer=self.commercial_partner_id.display_name,
                    company=self.company_id.display_name,
                )
            )
        return self._aftersales_dialog(
            "stock.return.picking", RETURN_VIEW, self.env._("Return")
        )

    def action_helpdesk_replace(self):
        """The Replace button: a new delivery to the customer, linked to the
        ticket, with the ticket's product (and lot). It is created as a draft
        here (no default value in the context, which would also land on the
        moves and on the next steps' transfers) and opens in full page, like any
        delivery order, to be completed and validated."""
        self._aftersales_guard("use_product_replacements", customer=True)
        Picking = self.env["stock.picking"]
        Picking.check_access("create")
        delivery = Picking.create(self._aftersales_replacement_values())
        return self._aftersales_action_open(
            delivery,
            "stock.action_picking_tree_outgoing",
            name=self.env._("Replacement"),
        )

    def _aftersales_warehouse(self):
        """The warehouse sending replacements: the one of the ticket's sales
        order, else the first of the ticket's company."""
        self.ensure_one()
        warehouse = self.sale_order_ids.warehouse_id.filtered(
            lambda w: w.company_id == self.company_id
        )[:1]
        if not warehouse:
            warehouse = self.env["stock.warehouse"].search(
                [("company_id", "=", self.company_id.id)], limit=1
            )
        if not warehouse.out_type_id:
            raise UserError(
                self.env._(
                    "%(company)s has no warehouse with a delivery operation type.",
                    company=self.company_id.display_name,
                )
            )
        return warehouse

    def _aftersales_replacement_values(self):
        """Values of the replacement delivery: the warehouse's delivery type, the
        customer's delivery address, the ticket as origin and link, and a move
        of the ticket's product, with its lot when that lot is in stock where
        the delivery starts (a replaced item sent back after its return)."""
        self.ensure_one()
        picking_type = self._aftersales_warehouse().out_type_id
        address = self.partner_id.address_get(["delivery"])["delivery"]
        values = {
            "picking_type_id": picking_type.id,
            "partner_id": address,
            "origin": self.number,
            "helpdesk_ticket_id": self.id,
        }
        product = self.product_id
        if product and product.type == "consu":
            move = {
                "product_id": product.id,
                "product_uom_qty": 1.0,
                "product_uom": product.uom_id.id,
            }
            lot = self.lot_id
            source = picking_type.default_location_src_id
            if (
                lot
                and product.tracking != "none"
                and source
                and self.env["stock.quant"]._get_available_quantity(
                    product, source, lot_id=lot, strict=False
                )
                > 0
            ):
                move["lot_ids"] = [Command.set(lot.ids)]
            values["move_ids"] = [Command.create(move)]
        return values
