# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.fields import Command

DEMO_TICKET = "helpdesk_aftersales.demo_ticket_repair"
DEMO_PRODUCT = "helpdesk_aftersales_return.demo_product_return"
DEMO_REASON = "helpdesk_aftersales.reason_defective"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

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
        ticket = self.env.ref(DEMO_TICKET, raise_if_not_found=False)
        product = self.env.ref(DEMO_PRODUCT, raise_if_not_found=False)
        if not ticket or not product or ticket.sale_order_ids:
            return
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
                    "aftersales_reason_id": self.env.ref(DEMO_REASON).id,
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
                "aftersales_reason_id": self.env.ref(DEMO_REASON).id,
            }
        )
