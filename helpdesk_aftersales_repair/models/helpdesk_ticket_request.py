# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class HelpdeskTicket(models.Model):
    # one class per concern (see the docstring)
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "helpdesk.ticket"

    def _aftersales_repair_values(self):
        """A repair opened by Approve on a repair request (context key
        ``aftersales_request_id``) starts with the requested product, lot and
        quantity, and the reason."""
        values = super()._aftersales_repair_values()
        request = self.env["helpdesk.aftersales.request"]._aftersales_from_context(
            "repair", self
        )
        if request:
            values.update(self._aftersales_repair_request_values(request))
        return values

    def _aftersales_repair_request_values(self, request):
        line = request.sudo().line_ids[:1]
        product = line.product_id
        lot = line.lot_id
        return {
            "product_id": product.id,
            "lot_id": lot.id,
            "product_qty": line.uom_id._compute_quantity(line.quantity, product.uom_id),
            "picking_id": self._aftersales_repair_return(product, lot).id,
            "sale_order_id": self._aftersales_repair_sale_order(product).id,
            "aftersales_reason_id": request.sudo().reason_id.id,
        }
