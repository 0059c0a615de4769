# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.fields import Command

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

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_demo_repairs(self, specs):
        """Demo data of the After-Sales Analysis: repairs of the demo tickets'
        product with parts, scheduled some days after each ticket; the older
        ones repaired.

        :param specs: ``[(ticket xmlid, reason xmlid, days after the ticket,
            [(part xmlid, quantity)], state)]``, state ``draft``, ``confirmed``
            or ``done``
        """
        stock = self.env.ref("stock.warehouse0").lot_stock_id
        Quant = self.env["stock.quant"]
        for ticket_ref, reason_ref, days, parts, state in self._aftersales_demo_todo(
            specs, "repair_count"
        ):
            ticket = self.env.ref(ticket_ref)
            product = ticket.product_id or self.env.ref(
                "helpdesk_aftersales_return.demo_product_return"
            )
            ticket.product_id = product
            moves = []
            for part_ref, quantity in parts:
                part = self.env.ref(part_ref)
                Quant._update_available_quantity(part, stock, quantity)
                moves.append(
                    Command.create(
                        {
                            "product_id": part.id,
                            "product_uom_qty": quantity,
                            "repair_line_type": "add",
                        }
                    )
                )
            Quant._update_available_quantity(product, stock, 1.0)
            repair = self.env["repair.order"].create(
                {
                    "partner_id": ticket.partner_id.id,
                    "product_id": product.id,
                    "product_qty": 1.0,
                    "helpdesk_ticket_id": ticket.id,
                    "aftersales_reason_id": self.env.ref(reason_ref).id,
                    "schedule_date": self._aftersales_demo_when(ticket, days),
                    "internal_notes": ticket.description,
                    "move_ids": moves,
                }
            )
            if state in ("confirmed", "done"):
                repair.action_validate()
            if state == "done":
                repair.action_repair_start()
                repair.action_repair_end()
