# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


class ReportReturnAuthorization(models.AbstractModel):
    """The Return Authorization of approved return requests: the customer puts
    it in the parcel; its barcode is the return's reference."""

    _name = "report.helpdesk_aftersales_return.report_return_authorization"
    _description = "Return Authorization"

    @api.model
    def _get_report_values(self, docids, data=None):
        requests = self.env["helpdesk.aftersales.request"].browse(docids).exists()
        refused = requests.filtered(
            lambda r: r.kind != "return" or r.state != "approved" or not r.picking_id
        )
        if refused or not requests:
            raise UserError(
                self.env._(
                    "A Return Authorization is printed for approved return requests "
                    "only."
                )
            )
        return {
            "doc_ids": requests.ids,
            "doc_model": requests._name,
            "docs": requests,
        }
