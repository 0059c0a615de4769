# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from .stock_picking import DELIVERY_DOMAIN, DELIVERY_STEP_DOMAIN, RETURN_DOMAIN
from odoo.addons.helpdesk_aftersales.aftersales import DocumentKind

RETURN_VIEW = "helpdesk_aftersales_return.view_stock_return_picking_form_helpdesk"
REPLACE_WIZARD = "helpdesk.aftersales.replace.wizard"
REPLACE_VIEW = "helpdesk_aftersales_return.helpdesk_aftersales_replace_wizard_view_form"
# the module that defines helpdesk.ticket.lot_id (a name other addons may use)
LOT_FIELD_MODULE = "helpdesk_aftersales_return"


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
        "and Replace buttons are shown.",
    )

    # ------------------------------------------------------------------
    # Lot/Serial Number
    # ------------------------------------------------------------------

    def _auto_init(self):
        self._aftersales_check_lot_field(self._fields["lot_id"]._modules)
        return super()._auto_init()

    @api.model
    def _aftersales_check_lot_field(self, modules):
        """``lot_id`` keeps the name users know, which another addon of the
        ticket may define too: with two definitions, one addon would silently
        change the other's field. Installing or updating
        such an addon with this one stops with this error instead."""
        others = sorted(set(modules) - {LOT_FIELD_MODULE})
        if others:
            raise UserError(
                self.env._(
                    "The field Lot/Serial Number (lot_id) of helpdesk tickets is "
                    "defined by %(module)s and also by %(others)s: install only "
                    "one of them.",
                    module=LOT_FIELD_MODULE,
                    others=", ".join(others),
                )
            )

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
    # Document kinds (smart buttons, links, portal)
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
            # the internal steps (pick, pack) of a replacement sent in several
            # steps: linked, not counted nor shown
            DocumentKind(
                count_field=None,
                model="stock.picking",
                toggle="use_product_replacements",
                groups="stock.group_stock_user",
                domain=DELIVERY_STEP_DOMAIN,
                active_domain=[("state", "!=", "cancel")],
                created_note=self.env._(
                    "Transfer of a replacement created from this ticket: %(document)s."
                ),
                linked_note=self.env._(
                    "Transfer of a replacement linked to this ticket: %(document)s."
                ),
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
        ticket's sales orders (of its product first), or without orders of its
        product; none otherwise (the agent chooses)."""
        return self._aftersales_preselect(
            "stock.picking",
            self._aftersales_return_delivery_domain(),
            order_path="sale_id",
            product_path="move_ids.product_id",
            order="date_done desc, id desc",
        )

    # ------------------------------------------------------------------
    # Products delivered to the customer (Replace dialog)
    # ------------------------------------------------------------------

    def _aftersales_customer_moves_domain(self):
        """Done moves (or move lines) of deliveries to the ticket's customer
        (commercial entity) in its company."""
        self.ensure_one()
        return Domain(
            [
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
                ("picking_code", "=", "outgoing"),
                (
                    "picking_id.partner_id.commercial_partner_id",
                    "=",
                    self.commercial_partner_id.id,
                ),
                ("company_id", "=", self.company_id.id),
            ]
        )

    def _aftersales_replace_lines(self):
        """The lines the Replace dialog starts with: the products delivered by
        the ticket's sales orders (without orders, its product) with what the
        customer has of them (delivered, less what came back); the quantity to
        send is that for the ticket's product (for the only product, when the
        ticket has none), 0 for the others. Two grouped queries, whatever the
        customer's history."""
        self.ensure_one()
        narrowings = self._aftersales_narrowings("picking_id.sale_id", "product_id")
        if not narrowings:
            return []
        Move = self.env["stock.move"]
        domain = self._aftersales_customer_moves_domain() & narrowings[-1]
        delivered = dict(Move._read_group(domain, ["product_id"], ["product_qty:sum"]))
        returned = dict(
            Move._read_group(
                Domain("state", "=", "done")
                & Domain("origin_returned_move_id", "any", domain),
                ["product_id"],
                ["product_qty:sum"],
            )
        )
        products = sorted(
            delivered, key=lambda p: (p != self.product_id, p.display_name)
        )
        lines = []
        for product in products:
            has = max(
                product.uom_id.round(delivered[product] - returned.get(product, 0.0)),
                0.0,
            )
            chosen = product == self.product_id or (
                not self.product_id and len(products) == 1
            )
            lines.append(
                {
                    "product_id": product.id,
                    "lot_id": self.lot_id.id
                    if self.lot_id.product_id == product
                    else False,
                    "customer_quantity": has,
                    "quantity": has if chosen else 0.0,
                }
            )
        return lines

    def _aftersales_received_quantities(self, products):
        """``{product id: quantity}`` that the customer received of
        ``products`` in the ticket's company, the ticket's own replacements
        left out."""
        self.ensure_one()
        groups = self.env["stock.move"]._read_group(
            self._aftersales_customer_moves_domain()
            & Domain("product_id", "in", products.ids)
            & Domain("picking_id.helpdesk_ticket_id", "!=", self.id),
            ["product_id"],
            ["product_qty:sum"],
        )
        return {product.id: quantity for product, quantity in groups}

    def _aftersales_replaced_quantities(self, products):
        """``{product id: quantity}`` of ``products`` that the ticket's
        replacements (not cancelled) send or sent: the first step of each."""
        self.ensure_one()
        groups = self.env["stock.move"]._read_group(
            Domain("picking_id.helpdesk_ticket_id", "=", self.id)
            & Domain("picking_id.return_id", "=", False)
            & Domain("picking_code", "in", ["outgoing", "internal"])
            & Domain("state", "!=", "cancel")
            & Domain("move_orig_ids", "=", False)
            & Domain("product_id", "in", products.ids),
            ["product_id"],
            ["product_qty:sum"],
        )
        return {product.id: quantity for product, quantity in groups}

    def _aftersales_delivered_lots(self, lots):
        """The lots/serial numbers of ``lots`` delivered to the ticket's
        customer in its company."""
        self.ensure_one()
        groups = self.env["stock.move.line"]._read_group(
            self._aftersales_customer_moves_domain() & Domain("lot_id", "in", lots.ids),
            ["lot_id"],
        )
        return self.env["stock.lot"].union(*(lot for (lot,) in groups))

    # ------------------------------------------------------------------
    # Header buttons
    # ------------------------------------------------------------------

    def action_helpdesk_return(self):
        """The Return button: Odoo's return dialog on a delivery of the customer."""
        self._aftersales_guard("use_product_returns", customer=True)
        self.env["stock.return.picking"].check_access("create")
        self._aftersales_check_has_deliveries()
        return self._aftersales_dialog(
            "stock.return.picking", RETURN_VIEW, self.env._("Return")
        )

    def action_helpdesk_replace(self):
        """The Replace button: a dialog of the products delivered to the
        customer for this ticket, which sends them again in a new delivery."""
        self._aftersales_guard("use_product_replacements", customer=True)
        self.env["stock.picking"].check_access("create")
        self._aftersales_check_has_deliveries()
        return self._aftersales_dialog(
            REPLACE_WIZARD, REPLACE_VIEW, self.env._("Replace")
        )

    def _aftersales_check_has_deliveries(self):
        if not self.env["stock.picking"].search_count(
            self._aftersales_return_delivery_domain(), limit=1
        ):
            raise UserError(
                self.env._(
                    "%(customer)s has no done delivery in %(company)s: there is "
                    "nothing to return or replace.",
                    customer=self.commercial_partner_id.display_name,
                    company=self.company_id.display_name,
                )
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
        return warehouse
