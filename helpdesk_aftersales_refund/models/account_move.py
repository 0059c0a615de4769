# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.helpdesk_aftersales.aftersales import StatusRule

REFUND_STATUS = "helpdesk_aftersales.mt_ticket_refund_status"
# context key of the "Full Refund" of a ticket's Refund dialog
FULL_REFUND = "helpdesk_aftersales_full_refund"


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "helpdesk.aftersales.document.mixin"]

    def _aftersales_status_rules(self):
        return [
            StatusRule(
                field="state",
                messages={
                    "posted": self.env._("Refund %(document)s posted"),
                    "cancel": self.env._("Refund %(document)s cancelled"),
                },
                subtype=REFUND_STATUS,
                domain=[("move_type", "=", "out_refund")],
            )
        ]

    def _reverse_moves(self, default_values_list=None, cancel=False):
        # "Full Refund" goes through Odoo's own reversal (message on the invoice,
        # bank account, scheduled date); the credit note is posted and reconciled
        # with the invoice as Odoo does for "Reverse and Create Invoice", unless it
        # is scheduled for a future date.
        if (
            self.env.context.get(FULL_REFUND)
            and default_values_list
            and all(vals.get("auto_post", "no") == "no" for vals in default_values_list)
        ):
            cancel = True
        return super()._reverse_moves(default_values_list, cancel=cancel)
