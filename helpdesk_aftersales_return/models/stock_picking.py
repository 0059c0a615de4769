# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.helpdesk_aftersales.aftersales import StatusRule

RETURN_STATUS = "helpdesk_aftersales.mt_ticket_return_status"
DELIVERY_STATUS = "helpdesk_aftersales.mt_ticket_delivery_status"
# The two kinds of transfers a ticket makes: returns of the customer's deliveries,
# and deliveries that are not returns (replacements, exchanges).
RETURN_DOMAIN = [("return_id", "!=", False), ("picking_type_code", "=", "incoming")]
DELIVERY_DOMAIN = [("picking_type_code", "=", "outgoing"), ("return_id", "=", False)]


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
