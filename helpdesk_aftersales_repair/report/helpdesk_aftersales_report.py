# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.helpdesk_aftersales.report.helpdesk_aftersales_report import (
    ReportPart,
)

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
            "aftersales_parts_cost",
        ],
    }

    def _aftersales_report_parts(self):
        return [*super()._aftersales_report_parts(), self._aftersales_repair_part()]

    def _aftersales_repair_part(self):
        """Each repair of the ticket at the cost of the parts it adds (stored
        on the repair), on its scheduled date. Cancelled repairs are left
        out."""
        return ReportPart(
            kind="repair",
            model="repair.order",
            table="repair_order ro",
            ticket="ro.helpdesk_ticket_id",
            document="ro.id",
            line="ro.id",
            date="ro.schedule_date",
            product="ro.product_id",
            where="ro.state != 'cancel'",
            columns={
                "name": "ro.name",
                "reason_id": "ro.aftersales_reason_id",
                "lot_id": "ro.lot_id",
                "state": REPAIR_STATE,
                "quantity": "ro.product_qty",
                "value": "ro.aftersales_parts_cost",
            },
        )
