# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _aftersales_returnable_quantity(self):
        """What is left to return of a done move, in its unit: its quantity minus
        its returns that are not cancelled (done ones for what they moved, the
        others for their whole demand, since they are on their way)."""
        self.ensure_one()
        if self.state != "done":
            return 0.0
        returned = 0.0
        for move in self.returned_move_ids:
            if move.state == "cancel":
                continue
            quantity = move.quantity if move.state == "done" else move.product_uom_qty
            returned += move.product_uom._compute_quantity(quantity, self.product_uom)
        return max(self.product_uom.round(self.quantity - returned), 0.0)

    def _assign_picking_post_process(self, new=False):
        res = super()._assign_picking_post_process(new=new)
        if new:
            self._aftersales_follow_ticket()
        return res

    def _aftersales_follow_ticket(self):
        """A replacement sent in several steps (pick, pack, ship) is made one
        step at a time: the transfer of the next step belongs to the ticket of
        the previous one, so that the final delivery to the customer is the
        ticket's too. What follows a return is the warehouse's own business: it
        is not linked."""
        picking = self.picking_id
        if len(picking) != 1 or picking.helpdesk_ticket_id:
            return
        previous = self.sudo().move_orig_ids.picking_id
        ticket = previous.helpdesk_ticket_id
        if (
            not previous
            or len(ticket) != 1
            or any(p.return_id or not p.helpdesk_ticket_id for p in previous)
        ):
            return
        picking = picking.sudo()
        if not ticket._aftersales_foreign(picking):
            # As superuser: the link is the previous step's, and whoever
            # validates that step (a warehouse worker) may not read tickets.
            picking.helpdesk_ticket_id = ticket

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        # a unit delivered to a customer starts (again) its warranty
        self.env["helpdesk.ticket"]._aftersales_warranty_recompute(moves.move_line_ids)
        return moves
