# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    """The customer's requests on the ticket form: a smart button, and a banner
    for the oldest request waiting for a decision, with Approve and Refuse."""

    # one class per concern (see the docstring)
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "helpdesk.ticket"

    aftersales_request_ids = fields.One2many(
        comodel_name="helpdesk.aftersales.request",
        inverse_name="ticket_id",
        string="Customer Requests",
    )
    aftersales_request_count = fields.Integer(
        string="Requests", compute="_compute_aftersales_requests"
    )
    aftersales_request_pending_id = fields.Many2one(
        comodel_name="helpdesk.aftersales.request",
        string="Pending Request",
        compute="_compute_aftersales_requests",
        help="The oldest request of the customer waiting for a decision.",
    )
    aftersales_request_pending_text = fields.Char(
        string="Pending Request Summary", compute="_compute_aftersales_requests"
    )
    aftersales_request_can_decide = fields.Boolean(
        string="May Decide the Request",
        compute="_compute_aftersales_requests",
        help="The user may approve or refuse the pending request.",
    )

    @api.depends("aftersales_request_ids.state")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_aftersales_requests(self):
        """Two grouped queries for the whole batch; the requests the user may
        not read do not count."""
        Request = self.env["helpdesk.aftersales.request"]
        counts, pending = {}, {}
        tickets = self.filtered("id")
        if tickets and Request.has_access("read"):
            counts = dict(
                Request._read_group(
                    [("ticket_id", "in", tickets.ids)], ["ticket_id"], ["__count"]
                )
            )
            pending = {
                ticket: Request.browse(first_id)
                for ticket, first_id in Request._read_group(
                    [("ticket_id", "in", tickets.ids), ("state", "=", "requested")],
                    ["ticket_id"],
                    ["id:min"],
                )
            }
        kinds = Request._aftersales_request_kinds()
        for ticket in self:
            request = pending.get(ticket, Request)
            ticket.aftersales_request_count = counts.get(ticket, 0)
            ticket.aftersales_request_pending_id = request
            # (the products and deliveries, as text, for agents without
            # Inventory rights too)
            ticket.aftersales_request_pending_text = (
                self.env._(
                    "%(customer)s asks: %(label)s %(request)s, %(products)s.",
                    customer=request.sudo().partner_id.display_name,
                    label=request._aftersales_label(),
                    request=request.name,
                    products=request.sudo()._aftersales_summary(),
                )
                if request
                else False
            )
            toggle = kinds[request.kind].toggle if request else None
            ticket.aftersales_request_can_decide = bool(
                toggle and ticket[toggle] and self._aftersales_has_rights(toggle)
            )

    def _aftersales_pending_request(self):
        if len(self) != 1 or not self.exists():
            raise UserError(self.env._("Choose one existing ticket."))
        request = self.aftersales_request_pending_id
        if not request:
            raise UserError(
                self.env._(
                    "No request of ticket %(ticket)s waits for a decision.",
                    ticket=self.display_name,
                )
            )
        return request

    def action_aftersales_request_approve(self):
        """Approve the pending request of the banner."""
        return self._aftersales_pending_request().action_approve()

    def action_aftersales_request_refuse(self):
        """Refuse the pending request of the banner."""
        return self._aftersales_pending_request().action_refuse()

    @api.readonly
    def action_aftersales_open_requests(self):
        """The Requests smart button: the customer's requests of the ticket."""
        if len(self) != 1 or not self.exists():
            raise UserError(self.env._("Choose one existing ticket."))
        self.check_access("read")
        requests = self.aftersales_request_ids
        return self._aftersales_action_open(
            requests,
            "helpdesk_aftersales_return.helpdesk_aftersales_request_action",
            name=self.env._("Requests"),
            domain=[("ticket_id", "=", self.id)],
        )
