# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class StockReturnPicking(models.TransientModel):
    """The Return dialog opened by Approve on a customer's return request
    (context key ``aftersales_request_id``): the request's delivery, reason and
    quantities; the request is approved when the return is made."""

    _inherit = "stock.return.picking"

    aftersales_request_id = fields.Many2one(
        comodel_name="helpdesk.aftersales.request",
        string="Customer Request",
        readonly=True,
    )

    @api.model
    def default_get(self, fields):
        res = super().default_get(fields)
        return self._aftersales_request_prefill(res, fields)

    @api.model
    def _aftersales_request_prefill(self, res, fields):
        """The defaults of a dialog opened for a pending return request of its
        ticket: the request, its delivery and its reason."""
        ticket = self._aftersales_ticket_from_context()
        request = self.env["helpdesk.aftersales.request"]._aftersales_from_context(
            "return", ticket
        )
        if not request:
            return res
        ticket._aftersales_guard("use_product_returns", customer=True)
        request = request.sudo()
        prefill = {
            "aftersales_request_id": request.id,
            "picking_id": request.delivery_id.id,
            "aftersales_reason_id": request.reason_id.id,
        }
        res.update(
            (fname, value) for fname, value in prefill.items() if fname in fields
        )
        return res

    def _aftersales_request_of_dialog(self):
        """The request the dialog was opened for, when it is still pending and
        the dialog returns its delivery (its lines are prefilled then)."""
        if len(self) != 1 or not self.helpdesk_ticket_id:
            return self.env["helpdesk.aftersales.request"]
        request = self.aftersales_request_id.sudo()
        if (
            request.ticket_id != self.helpdesk_ticket_id
            or request.kind != "return"
            or request.state != "requested"
            or request.delivery_id != self.picking_id._origin
        ):
            return self.env["helpdesk.aftersales.request"]
        return request

    def _prepare_stock_return_picking_line_vals_from_move(self, stock_move):
        vals = super()._prepare_stock_return_picking_line_vals_from_move(stock_move)
        request = self._aftersales_request_of_dialog()
        if request:
            vals["quantity"] = sum(
                request.line_ids.filtered(
                    lambda line: line.move_id == stock_move
                ).mapped("quantity")
            )
        return vals

    def _create_return(self):
        return_picking = super()._create_return()
        self._aftersales_request_approve(return_picking)
        return return_picking

    def _aftersales_request_approve(self, return_picking):
        """The return of a dialog opened for a request approves it."""
        if (
            len(self) != 1
            or not self.helpdesk_ticket_id
            or not self.aftersales_request_id
        ):
            return
        request = self.aftersales_request_id
        if (
            request.sudo().ticket_id != self.helpdesk_ticket_id
            or request.sudo().kind != "return"
        ):
            raise UserError(
                self.env._(
                    "This dialog can only approve the return requests of ticket "
                    "%(ticket)s.",
                    ticket=self.helpdesk_ticket_id.display_name,
                )
            )
        request._aftersales_approve(return_picking)
