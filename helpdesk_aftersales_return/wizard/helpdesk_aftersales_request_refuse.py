# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

REFUSE_REASON_MAX_LENGTH = 2000


class HelpdeskAftersalesRequestRefuse(models.TransientModel):
    """Refuse a customer's request, with the reason the customer receives.
    Opened from the ticket for one pending request of that ticket (context key
    ``aftersales_request_id``); it runs once."""

    _name = "helpdesk.aftersales.request.refuse"
    _inherit = ["helpdesk.aftersales.wizard.mixin"]
    _description = "Refuse an After-Sales Request"
    _aftersales_protected_fields = ("aftersales_done", "request_id")

    request_id = fields.Many2one(
        comodel_name="helpdesk.aftersales.request",
        readonly=True,
    )
    request_summary = fields.Char(
        string="Requested", compute="_compute_request_summary"
    )
    refuse_reason = fields.Text(
        string="Reason for the Customer",
        required=True,
        help="The customer receives it in a message on the ticket.",
    )

    @api.depends("request_id")
    def _compute_request_summary(self):
        for wizard in self:
            request = wizard.request_id.sudo()
            wizard.request_summary = (
                f"{request.name}: {request._aftersales_summary()}" if request else ""
            )

    @api.model
    def default_get(self, fields):
        res = super().default_get(fields)
        ticket = self._aftersales_ticket_from_context()
        request = self.env["helpdesk.aftersales.request"]._aftersales_from_context(
            None, ticket
        )
        if request and "request_id" in fields:
            res["request_id"] = request.id
        return res

    def _aftersales_requirements(self):
        self.ensure_one()
        request = self.request_id.sudo()
        if not request or request.ticket_id != self.helpdesk_ticket_id:
            raise UserError(
                self.env._("Open this dialog from the request of the ticket.")
            )
        return request._aftersales_kind().toggle, True

    def _aftersales_check_reason(self):
        # the refusal's reason is the text the customer receives
        return

    def action_refuse(self):
        return self._aftersales_run_once(self._aftersales_refuse)

    def _aftersales_refuse(self):
        reason = (
            self.refuse_reason.strip() if isinstance(self.refuse_reason, str) else ""
        )
        if not reason:
            raise UserError(self.env._("Write the reason the customer receives."))
        if len(reason) > REFUSE_REASON_MAX_LENGTH:
            raise UserError(
                self.env._(
                    "Write the reason in at most %(count)s characters.",
                    count=REFUSE_REASON_MAX_LENGTH,
                )
            )
        self.request_id._aftersales_refuse(reason)
        return {"type": "ir.actions.act_window_close"}
