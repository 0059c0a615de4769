# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    @api.model_create_multi
    def create(self, vals_list):
        repairs = super().create(vals_list)
        repairs._aftersales_request_approve()
        return repairs

    def _aftersales_request_approve(self):
        """The repair made from the form opened by Approve on a repair request
        (context key ``aftersales_request_id``) approves that request."""
        Request = self.env["helpdesk.aftersales.request"]
        for repair in self.filtered("helpdesk_ticket_id"):
            request = Request._aftersales_from_context(
                "repair", repair.helpdesk_ticket_id
            )
            if request:
                request._aftersales_approve(repair)
