# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.fields import Domain

from .stock_picking import RETURN_DOMAIN


class HelpdeskTicket(models.Model):
    """The returns of a ticket that its Refund dialog may credit."""

    # one class per concern (see the docstring)
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "helpdesk.ticket"

    def _aftersales_returned_moves(self):
        """The moves of the ticket's done returns that a credit note of
        returned products may credit (as superuser)."""
        self.ensure_one()
        returns = (
            self.env["stock.picking"]
            .sudo()
            .search(
                Domain("helpdesk_ticket_id", "=", self.id)
                & Domain(RETURN_DOMAIN)
                & Domain("state", "=", "done")
                & Domain("company_id", "=", self.company_id.id)
            )
        )
        return returns.move_ids.filtered_domain(
            self.env["stock.move"]._aftersales_creditable_domain()
        )

    def action_aftersales_open_documents(self):
        action = super().action_aftersales_open_documents()
        if self.env.context.get("aftersales_documents") == "return_count":
            # the list of the ticket's returns says which are credited
            action["context"] = {**action["context"], "aftersales_credit_state": True}
        return action
