# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.fields import Command, Domain

from odoo.addons.helpdesk_aftersales.aftersales import DocumentKind

REPAIR_VIEW = "repair.view_repair_order_form"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    repair_count = fields.Integer(
        string="Repairs", compute="_compute_aftersales_counts"
    )

    def _aftersales_document_kinds(self):
        return [
            *super()._aftersales_document_kinds(),
            # counted as superuser: a helpdesk user without Inventory rights
            # sees the count and reads the repairs of the tickets they read
            # (security/repair_security.xml)
            DocumentKind(
                count_field="repair_count",
                model="repair.order",
                toggle="use_product_repairs",
                groups="stock.group_stock_user",
                active_domain=[("state", "!=", "cancel")],
                action="repair.action_repair_order_tree",
                sudo=True,
                created_note=self.env._(
                    "Repair created from this ticket: %(document)s."
                ),
                linked_note=self.env._("Repair linked to this ticket: %(document)s."),
                portal_label=self.env._("Repair"),
                portal_domain=[("state", "!=", "draft")],
                portal_date_field="schedule_date",
                portal_state_field="state",
            ),
        ]

    # ------------------------------------------------------------------
    # Header button
    # ------------------------------------------------------------------

    def action_helpdesk_repair(self):
        """The Repair button: a new repair order of the ticket, in full page, as
        the Repair app opens one. The ticket goes to the form as
        ``active_model``/``active_id``; ``repair.order.default_get`` prefills it
        (no ``default_*`` key, which would land on the parts' moves)."""
        self._aftersales_guard("use_product_repairs")
        self.env["repair.order"].check_access("create")
        return self._aftersales_dialog(
            "repair.order", REPAIR_VIEW, self.env._("Repair"), target="current"
        )

    # ------------------------------------------------------------------
    # What a repair of the ticket starts with
    # ------------------------------------------------------------------

    def _aftersales_repair_values(self):
        """Values of a new repair order of the ticket: its product ("Product to
        Repair") and lot, its customer, its sales order of that product, the
        last return of that product from the ticket, the quantity returned
        (else 1) and the ticket's description as internal notes. Only
        documents of the ticket's company and customer are used."""
        self.ensure_one()
        Lot = self.env["stock.lot"]
        product = self._aftersales_repair_product()
        lot = self.lot_id if product and self.lot_id.product_id == product else Lot
        picking = self._aftersales_repair_return(product, lot)
        returned = picking.move_line_ids.lot_id.filtered(
            lambda rec: rec.product_id == product
        )
        if returned and lot not in returned:
            # what came back is repaired: the lot of the return, as Odoo's
            # repair takes it (when the return has one lot of the product)
            lot = returned if len(returned) == 1 else Lot
        return {
            "helpdesk_ticket_id": self.id,
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "product_id": product.id,
            "lot_id": lot.id,
            "product_qty": self._aftersales_repair_quantity(product, lot, picking),
            "sale_order_id": self._aftersales_repair_sale_order(product).id,
            "picking_id": picking.id,
            "internal_notes": self.description,
        }

    def _aftersales_repair_product(self):
        """The ticket's product, when it can be repaired in the ticket's company
        (a goods product, as the repair's own field requires)."""
        product = self.product_id
        if (
            product.type != "consu"
            or product.company_id
            and product.company_id != self.company_id
        ):
            return self.env["product.product"]
        return product

    def _aftersales_repair_sale_order(self, product):
        """The ticket's confirmed sales order of its customer and company that
        contains the product (the most recent one when several do); without
        such an order, the ticket's only one.

        Odoo bills the parts of a repair on its sales order: the order is
        given only to a user who may add lines to it (a technician without
        Sales rights repairs without order, as in the Repair app)."""
        SaleOrder = self.env["sale.order"]
        if not self.env["sale.order.line"].has_access("create"):
            return SaleOrder
        orders = self.sale_order_ids.filtered(
            lambda o: (
                o.state == "sale"
                and o.company_id == self.company_id
                and o.partner_id.commercial_partner_id == self.commercial_partner_id
            )
        ).sorted()
        with_product = orders.filtered(lambda o: product in o.order_line.product_id)
        if product and with_product:
            order = with_product[:1]
        else:
            order = orders if len(orders) == 1 else SaleOrder
        return order if order.has_access("write") else SaleOrder

    def _aftersales_repair_return(self, product, lot):
        """The most recent return of the ticket (never one of its replacement
        deliveries) bringing the product back, with the lot when one does."""
        Picking = self.env["stock.picking"]
        if not product:
            return Picking
        domain = (
            self._aftersales_kind_domain(self._aftersales_kind("return_count"))
            & Domain("state", "!=", "cancel")
            & Domain("company_id", "=", self.company_id.id)
            & Domain("move_ids.product_id", "=", product.id)
        )
        if lot:
            with_lot = Picking.search(
                domain & Domain("move_line_ids.lot_id", "=", lot.id),
                order="id desc",
                limit=1,
            )
            if with_lot:
                return with_lot
        return Picking.search(domain, order="id desc", limit=1)

    def _aftersales_repair_quantity(self, product, lot, picking):
        """What comes back of the product in the return (of the lot, for a
        product tracked by lots), else 1."""
        if not picking or product.tracking == "serial":
            return 1.0
        moves = picking.move_ids.filtered(
            lambda m: m.product_id == product and m.state != "cancel"
        )
        if lot and product.tracking == "lot":
            lines = moves.move_line_ids.filtered(lambda ml: ml.lot_id == lot)
            quantity = sum(lines.mapped("quantity_product_uom"))
        else:
            quantity = sum(
                move.product_uom._compute_quantity(move.quantity, product.uom_id)
                for move in moves
            )
        return quantity if product.uom_id.compare(quantity, 0.0) > 0 else 1.0

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_repair_demo(self):
        """Demo data (``demo/helpdesk_aftersales_repair_demo.xml``): the office
        chair of the base addon's demo ticket "Office chair armrest broken" is
        sold, delivered, sent back from the ticket's Return dialog and in
        repair from the ticket.

        The documents are made the way users make them, without external ids:
        like the ticket, they stay when this addon is uninstalled (their links
        to the ticket come back when it is installed again), and a ticket that
        already has its sales order is left as it is (no second order, return
        or repair when the addon is installed again)."""
        ticket = self.env.ref(
            "helpdesk_aftersales.demo_ticket_repair", raise_if_not_found=False
        )
        product = self.env.ref(
            "helpdesk_aftersales_return.demo_product_return", raise_if_not_found=False
        )
        if not ticket or not product or ticket.sale_order_ids:
            return
        reason = self.env.ref("helpdesk_aftersales.reason_defective")
        order = self.env["sale.order"].create(
            {
                "partner_id": ticket.partner_id.id,
                "warehouse_id": self.env.ref("stock.warehouse0").id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": 1,
                            "price_unit": 320.0,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        order.picking_ids.with_context(skip_sms=True).button_validate()
        ticket.write(
            {"product_id": product.id, "sale_order_ids": [Command.set(order.ids)]}
        )
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_model="helpdesk.ticket", active_id=ticket.id)
            .create(
                {
                    "picking_id": order.picking_ids.id,
                    "aftersales_reason_id": reason.id,
                }
            )
        )
        wizard.action_create_returns_all()
        returned = ticket._aftersales_documents("return_count")
        returned.with_context(skip_sms=True).button_validate()
        self.env["repair.order"].create(
            {
                "helpdesk_ticket_id": ticket.id,
                "partner_id": ticket.partner_id.id,
                "product_id": product.id,
                "product_qty": 1.0,
                "sale_order_id": order.id,
                "picking_id": returned.id,
                "under_warranty": True,
                "internal_notes": ticket.description,
                "aftersales_reason_id": reason.id,
            }
        )
