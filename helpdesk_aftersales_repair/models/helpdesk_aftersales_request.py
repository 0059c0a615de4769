# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.helpdesk_aftersales_return.models.helpdesk_aftersales_request import (
    RequestKind,
)


class HelpdeskAftersalesRequest(models.Model):
    """Repair requests: the customer names a delivered product (and its
    lot/serial number); Approve opens the ticket's Repair form prefilled with
    it, and the repair approves the request."""

    _inherit = "helpdesk.aftersales.request"

    # requests of a kind that no longer exists go with the bridge
    kind = fields.Selection(
        selection_add=[("repair", "Repair")], ondelete={"repair": "cascade"}
    )
    repair_id = fields.Many2one(
        comodel_name="repair.order",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The repair made when the request was approved.",
    )

    @api.model
    def _aftersales_request_kinds(self):
        return {
            **super()._aftersales_request_kinds(),
            "repair": RequestKind(
                toggle="use_product_repairs", by_lot=True, one_line=True
            ),
        }

    @api.model
    def _aftersales_kind_labels(self):
        return {
            **super()._aftersales_kind_labels(),
            "repair": (self.env._("Request a repair"), self.env._("Repair request")),
        }

    def _aftersales_approve_action(self):
        """The ticket's Repair form, prefilled with the requested product."""
        if self.kind != "repair":
            return super()._aftersales_approve_action()
        action = self.ticket_id.action_helpdesk_repair()
        action["context"] = {
            **action["context"],
            "aftersales_request_id": self.id,
        }
        return action

    def _aftersales_document_values(self, document):
        if document._name == "repair.order":
            return {"repair_id": document.id}
        return super()._aftersales_document_values(document)

    def _aftersales_approved_message(self, document):
        if self.kind == "repair":
            return self.env._(
                "Your repair request %(request)s is approved. The team will tell "
                "you on this ticket how to send the product.",
                request=self.name,
            )
        return super()._aftersales_approved_message(document)
