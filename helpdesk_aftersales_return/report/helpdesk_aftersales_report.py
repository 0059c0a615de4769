# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

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

    product_id = fields.Many2one(
        comodel_name="product.product", string="Product", readonly=True
    )
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
