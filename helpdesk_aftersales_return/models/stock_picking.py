# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import formatLang

from odoo.addons.helpdesk_aftersales.aftersales import StatusRule

RETURN_STATUS = "helpdesk_aftersales.mt_ticket_return_status"
DELIVERY_STATUS = "helpdesk_aftersales.mt_ticket_delivery_status"
# The kinds of transfers a ticket makes: returns of the customer's deliveries,
# deliveries that are not returns (replacements, exchanges), and the internal
# steps (pick, pack) of such a delivery sent in several steps.
RETURN_DOMAIN = [("return_id", "!=", False), ("picking_type_code", "=", "incoming")]
DELIVERY_DOMAIN = [("picking_type_code", "=", "outgoing"), ("return_id", "=", False)]
DELIVERY_STEP_DOMAIN = [
    ("picking_type_code", "=", "internal"),
    ("return_id", "=", False),
]


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "helpdesk.aftersales.document.mixin"]

    def _aftersales_status_rules(self):
        return [
            StatusRule(
                field="state",
                messages={
                    "done": self.env._("Return %(document)s done"),
                    "cancel": self.env._("Return %(document)s cancelled"),
                },
                subtype=RETURN_STATUS,
                domain=RETURN_DOMAIN,
            ),
            StatusRule(
                field="state",
                messages={
                    "done": self.env._("Delivery %(document)s done"),
                    "cancel": self.env._("Delivery %(document)s cancelled"),
                },
                subtype=DELIVERY_STATUS,
                domain=DELIVERY_DOMAIN,
            ),
        ]

    def _aftersales_portal_values(self):
        """The products of a return or delivery and their quantities (what was
        moved once it is done, what is planned before)."""
        products = []
        for move in self.move_ids.filtered(lambda m: m.state != "cancel"):
            quantity = move.quantity if move.state == "done" else move.product_uom_qty
            products.append(
                self.env._(
                    "%(product)s: %(quantity)s %(unit)s",
                    product=move.product_id.display_name,
                    quantity=formatLang(self.env, quantity, dp="Product Unit"),
                    unit=move.product_uom.display_name,
                )
            )
        return {"detail": ", ".join(products)}
