# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.helpdesk_aftersales.report.helpdesk_aftersales_report import (
    ReportPart,
)

# the parts a repair adds to the product, at their cost (standard price) in
# the repair's company when the analysis is read
REPAIR_PARTS = """LEFT JOIN LATERAL (
                SELECT SUM(
                    part.product_qty
                    * COALESCE((pp.standard_price ->> ro.company_id::text)::numeric, 0)
                ) AS cost
                FROM stock_move part
                JOIN product_product pp ON pp.id = part.product_id
                WHERE part.repair_id = ro.id
                    AND part.repair_line_type = 'add'
                    AND part.state != 'cancel'
            ) parts ON TRUE"""
REPAIR_STATE = """CASE ro.state
                WHEN 'draft' THEN 'draft'
                WHEN 'done' THEN 'done'
                ELSE 'open'
            END"""


class HelpdeskAftersalesReport(models.Model):
    """Repairs in the After-Sales Analysis: one row per repair, of the
    repaired product and lot."""

    _inherit = "helpdesk.aftersales.report"
    _depends = {
        "repair.order": [
            "helpdesk_ticket_id",
            "aftersales_reason_id",
            "company_id",
            "product_id",
            "lot_id",
            "product_qty",
            "state",
            "schedule_date",
            "name",
        ],
        "stock.move": ["repair_id", "repair_line_type", "product_qty", "state"],
    }

    def _aftersales_report_parts(self):
        return [*super()._aftersales_report_parts(), self._aftersales_repair_part()]

    def _aftersales_repair_part(self):
        """Each repair of the ticket at the cost of the parts it adds, on its
        scheduled date. Cancelled repairs are left out."""
        return ReportPart(
            kind="repair",
            model="repair.order",
            table="repair_order ro",
            ticket="ro.helpdesk_ticket_id",
            document="ro.id",
            line="ro.id",
            date="ro.schedule_date",
            product="ro.product_id",
            joins=REPAIR_PARTS,
            where="ro.state != 'cancel'",
            columns={
                "name": "ro.name",
                "reason_id": "ro.aftersales_reason_id",
                "lot_id": "ro.lot_id",
                "state": REPAIR_STATE,
                "quantity": "ro.product_qty",
                "value": "COALESCE(parts.cost, 0)",
            },
        )
