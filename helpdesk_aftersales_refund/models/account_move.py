# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

REFUND_STATUS = "helpdesk_aftersales.mt_ticket_refund_status"


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "helpdesk.aftersales.document.mixin"]

    def _aftersales_document_label(self):
        if self.move_type == "out_refund":
            return self.env._("Credit Note")
        if self.move_type == "out_invoice":
            return self.env._("Invoice")
        return super()._aftersales_document_label()

    def _aftersales_credit_notes(self):
        return self.filtered(
            lambda m: m.move_type == "out_refund" and m.helpdesk_ticket_id
        )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._aftersales_credit_notes()._aftersales_post_status(
            self.env._("Refund %(document)s posted"), REFUND_STATUS
        )
        return posted

    def button_cancel(self):
        res = super().button_cancel()
        self._aftersales_credit_notes().filtered(
            lambda m: m.state == "cancel"
        )._aftersales_post_status(
            self.env._("Refund %(document)s cancelled"), REFUND_STATUS
        )
        return res
