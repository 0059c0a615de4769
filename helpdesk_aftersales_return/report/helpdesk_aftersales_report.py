# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Command

from odoo.addons.helpdesk_aftersales.report.helpdesk_aftersales_report import (
    ReportPart,
)

# the cost of the product of a row (``rpp``) in the ticket's company: its cost
# (standard price) when the analysis is read
PRODUCT_COST = "COALESCE((rpp.standard_price ->> t.company_id::text)::numeric, 0)"
MOVES = """stock_move sm
            JOIN stock_picking sp ON sp.id = sm.picking_id
            JOIN stock_picking_type spt ON spt.id = sp.picking_type_id"""
# what a move brings back or sends, in the product's unit: what was moved once
# done, else what is planned
MOVE_QUANTITY = """CASE WHEN sm.state = 'done'
                THEN COALESCE(
                    sm.quantity * sm.product_qty / NULLIF(sm.product_uom_qty, 0),
                    sm.quantity
                )
                ELSE sm.product_qty
            END"""
MOVE_STATE = """CASE
                WHEN sp.state = 'done' THEN 'done'
                WHEN sp.state = 'draft' THEN 'draft'
                ELSE 'open'
            END"""
NOT_CANCELLED = "sp.state != 'cancel' AND sm.state != 'cancel'"


class HelpdeskAftersalesReport(models.Model):
    """Returns and replacements in the After-Sales Analysis: one row per
    product moved, at the product's cost."""

    _inherit = "helpdesk.aftersales.report"
    _depends = {
        "stock.picking": [
            "helpdesk_ticket_id",
            "aftersales_reason_id",
            "picking_type_id",
            "return_id",
            "state",
            "name",
            "date_done",
            "scheduled_date",
        ],
        "stock.move": [
            "picking_id",
            "product_id",
            "state",
            "quantity",
            "product_qty",
            "product_uom_qty",
        ],
        "stock.picking.type": ["code"],
        "product.product": ["standard_price"],
        "helpdesk.ticket": ["product_id", "lot_id"],
    }

    product_id = fields.Many2one(comodel_name="product.product", readonly=True)
    categ_id = fields.Many2one(
        comodel_name="product.category", string="Product Category", readonly=True
    )
    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Lot/Serial Number",
        readonly=True,
        help="The lot or serial number of the repaired product; for the other "
        "documents, the ticket's one when the row is of the ticket's product.",
    )

    def _aftersales_report_defaults(self, part):
        defaults = super()._aftersales_report_defaults(part)
        # the ticket's lot, on the rows of its product
        if "product_id" in defaults and self._aftersales_ticket_has("lot_id"):
            defaults["lot_id"] = "CASE WHEN rpp.id = t.product_id THEN t.lot_id END"
        return defaults

    def _aftersales_report_parts(self):
        return [
            *super()._aftersales_report_parts(),
            self._aftersales_move_part(
                "return",
                "sp.return_id IS NOT NULL AND spt.code = 'incoming'",
            ),
            self._aftersales_move_part(
                "replacement",
                "sp.return_id IS NULL AND spt.code = 'outgoing'",
            ),
        ]

    def _aftersales_move_part(self, kind, where):
        """Each product moved by the ticket's returns (or replacements), at
        the product's cost, on the day it was moved (else the planned day).
        Cancelled transfers and moves are left out."""
        return ReportPart(
            kind=kind,
            model="stock.picking",
            table=MOVES,
            ticket="sp.helpdesk_ticket_id",
            document="sp.id",
            line="sm.id",
            date="COALESCE(sp.date_done, sp.scheduled_date)",
            product="sm.product_id",
            where=f"{where} AND {NOT_CANCELLED}",
            columns={
                "name": "sp.name",
                "reason_id": "sp.aftersales_reason_id",
                "state": MOVE_STATE,
                "quantity": MOVE_QUANTITY,
                "value": f"({MOVE_QUANTITY}) * {PRODUCT_COST}",
            },
        )

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_demo_returns(self, specs):
        """Demo data of the After-Sales Analysis: products delivered to the
        customers of the demo tickets, then returned from the ticket's Return
        dialog some days after the ticket, most of them received.

        :param specs: ``[(ticket xmlid, reason xmlid, days after the ticket,
            product xmlid, quantity delivered, quantity returned, received)]``
        """
        for (
            ticket_ref,
            reason_ref,
            days,
            product_ref,
            delivered,
            returned,
            done,
        ) in self._aftersales_demo_todo(specs, "return_count"):
            ticket = self.env.ref(ticket_ref)
            product = self.env.ref(product_ref)
            if not ticket.product_id:
                ticket.product_id = product
            delivery = self._aftersales_demo_delivery(ticket, product, delivered)
            wizard = (
                self.env["stock.return.picking"]
                .with_context(active_model="helpdesk.ticket", active_id=ticket.id)
                .create(
                    {
                        "picking_id": delivery.id,
                        "aftersales_reason_id": self.env.ref(reason_ref).id,
                    }
                )
            )
            wizard.product_return_moves.quantity = 0.0
            wizard.product_return_moves.filtered(
                lambda line, product=product: line.product_id == product
            )[:1].quantity = returned
            action = wizard.action_create_returns()
            picking = self.env["stock.picking"].browse(action["res_id"])
            picking.aftersales_reason_id = self.env.ref(reason_ref)
            self._aftersales_demo_transfer(picking, ticket, days, done)

    @api.model
    def _aftersales_demo_replacements(self, specs):
        """Demo data of the After-Sales Analysis: products delivered to the
        customers of the demo tickets, then sent again from the ticket's Replace
        dialog some days after the ticket, most of them delivered.

        :param specs: ``[(ticket xmlid, reason xmlid, days after the ticket,
            product xmlid, quantity, delivered)]``
        """
        for (
            ticket_ref,
            reason_ref,
            days,
            product_ref,
            quantity,
            done,
        ) in self._aftersales_demo_todo(specs, "delivery_count"):
            ticket = self.env.ref(ticket_ref)
            product = self.env.ref(product_ref)
            # the product replaced is the ticket's (the dialog offers the
            # ticket's product when the ticket has no sales order)
            ticket.product_id = product
            self._aftersales_demo_delivery(ticket, product, quantity)
            self._aftersales_demo_stock(product, quantity)
            wizard = (
                self.env["helpdesk.aftersales.replace.wizard"]
                .with_context(active_model="helpdesk.ticket", active_id=ticket.id)
                .create({"aftersales_reason_id": self.env.ref(reason_ref).id})
            )
            for line in wizard.line_ids:
                line.quantity = quantity if line.product_id == product else 0.0
            action = wizard.action_create_replacement()
            picking = self.env["stock.picking"].browse(action["res_id"])
            self._aftersales_demo_transfer(picking, ticket, days, done)

    @api.model
    def _aftersales_demo_stock(self, product, quantity):
        if product.is_storable:
            warehouse = self.env.ref("stock.warehouse0")
            self.env["stock.quant"]._update_available_quantity(
                product, warehouse.lot_stock_id, quantity
            )

    @api.model
    def _aftersales_demo_delivery(self, ticket, product, quantity):
        """A done delivery of ``product`` to the ticket's customer, ten days
        before the ticket."""
        warehouse = self.env.ref("stock.warehouse0")
        customers = self.env.ref("stock.stock_location_customers")
        self._aftersales_demo_stock(product, quantity)
        delivery = self.env["stock.picking"].create(
            {
                "picking_type_id": warehouse.out_type_id.id,
                "partner_id": ticket.partner_id.id,
                "location_id": warehouse.lot_stock_id.id,
                "location_dest_id": customers.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": quantity,
                            "location_id": warehouse.lot_stock_id.id,
                            "location_dest_id": customers.id,
                        }
                    )
                ],
            }
        )
        delivery.action_confirm()
        delivery.action_assign()
        delivery.move_ids.quantity = quantity
        delivery.move_ids.picked = True
        delivery._action_done()
        delivery.date_done = ticket.create_date - timedelta(days=10)
        return delivery

    @api.model
    def _aftersales_demo_transfer(self, picking, ticket, days, done):
        """Date ``picking`` some days after ``ticket``; transfer it when
        ``done``."""
        when = self._aftersales_demo_when(ticket, days)
        picking.scheduled_date = when
        if done:
            picking.action_assign()
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.move_ids.picked = True
            picking._action_done()
            picking.date_done = when
