# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

REPORT = "helpdesk.aftersales.report"
REPORT_ACTION = "helpdesk_aftersales.helpdesk_aftersales_report_action"


class HelpdeskTicket(models.Model):
    """What the after-sales documents of a ticket cost, from the After-Sales
    Analysis."""

    # one class per concern (see the docstring)
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "helpdesk.ticket"

    aftersales_value = fields.Monetary(
        string="After-Sales Value",
        currency_field="aftersales_currency_id",
        compute="_compute_aftersales_value",
        help="What the after-sales documents of the ticket cost (After-Sales "
        "Analysis): posted credit notes, gift cards and coupons issued, returned "
        "and replaced products and repair parts at cost.",
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_aftersales_value(self):
        """One grouped query for the whole batch, with the current user's rights
        on the analysis (nothing for a user who may not read it)."""
        values = self._aftersales_report_totals()
        for ticket in self:
            ticket.aftersales_value = values.get(ticket._origin.id, 0.0)

    def _aftersales_report_totals(self):
        """``{ticket id: value}`` of the tickets that have after-sales rows."""
        ticket_ids = [tid for tid in self._origin.ids if tid]
        Report = self.env[REPORT]
        if not ticket_ids or not Report.has_access("read"):
            return {}
        groups = Report._read_group(
            Domain("ticket_id", "in", ticket_ids), ["ticket_id"], ["value:sum"]
        )
        return {ticket.id: value for ticket, value in groups}

    @api.readonly
    def action_aftersales_analysis(self):
        """The rows of the After-Sales Analysis of the ticket."""
        if len(self) != 1 or not self.exists():
            raise UserError(self.env._("Choose one existing ticket."))
        self.check_access("read")
        self.env[REPORT].check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(REPORT_ACTION)
        action.update(
            {
                "name": self.env._(
                    "After-Sales of %(ticket)s", ticket=self.display_name
                ),
                "domain": [("ticket_id", "=", self.id)],
                "context": {"create": False},
                "view_mode": "list,pivot,graph",
                "views": [(False, "list"), (False, "pivot"), (False, "graph")],
            }
        )
        return action

    @api.model
    def _aftersales_demo_set_ages(self, ages):
        """Demo data: the tickets ``{xmlid of this addon: days}`` were created
        that many days ago (the After-Sales Analysis demo spreads them over
        several months)."""
        now = fields.Datetime.now()
        for xmlid, days in ages.items():
            ticket = self.env.ref(f"helpdesk_aftersales.{xmlid}", False)
            if ticket:
                self.env.cr.execute(
                    "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
                    [now - timedelta(days=days), ticket.id],
                )
        self.invalidate_model(["create_date"])
