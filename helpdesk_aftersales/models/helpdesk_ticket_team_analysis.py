# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from .helpdesk_ticket_analysis import REPORT, REPORT_ACTION


class HelpdeskTicketTeam(models.Model):
    """This month's after-sales of a team, on its card of the helpdesk
    dashboard."""

    # one class per concern (see the docstring)
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "helpdesk.ticket.team"

    aftersales_month_value = fields.Monetary(
        string="After-Sales This Month",
        currency_field="aftersales_month_currency_id",
        compute="_compute_aftersales_month",
        help="What the after-sales documents of the team's tickets dated this "
        "month cost (After-Sales Analysis), in the current company's currency.",
    )
    aftersales_month_count = fields.Integer(
        string="After-Sales Documents This Month",
        compute="_compute_aftersales_month",
        help="After-sales documents of the team's tickets dated this month.",
    )
    aftersales_month_currency_id = fields.Many2one(
        comodel_name="res.currency",
        string="After-Sales Currency",
        compute="_compute_aftersales_month",
    )

    @api.model
    def _aftersales_this_month(self):
        """The first day of this month and of the next one (user's timezone)."""
        start = fields.Date.context_today(self).replace(day=1)
        return start, start + relativedelta(months=1)

    @api.depends_context("uid", "allowed_company_ids", "tz")
    def _compute_aftersales_month(self):
        """One grouped query for all the teams, with the current user's rights
        on the analysis (nothing for a user who may not read it); values of
        several currencies are converted into the current company's."""
        totals = self._aftersales_month_totals()
        currency = self.env.company.currency_id
        for team in self:
            value, count = totals.get(team._origin.id, (0.0, 0))
            team.aftersales_month_value = value
            team.aftersales_month_count = count
            team.aftersales_month_currency_id = currency

    def _aftersales_month_totals(self):
        """``{team id: (value, number of documents)}`` of this month."""
        team_ids = [tid for tid in self._origin.ids if tid]
        Report = self.env[REPORT]
        if not team_ids or not Report.has_access("read"):
            return {}
        start, end = self._aftersales_this_month()
        groups = Report._read_group(
            Domain("team_id", "in", team_ids)
            & Domain("date", ">=", start)
            & Domain("date", "<", end),
            ["team_id"],
            ["value:sum_currency", "document_ref:count_distinct"],
        )
        return {team.id: (value, count) for team, value, count in groups}

    @api.readonly
    def action_aftersales_analysis(self):
        """The After-Sales Analysis of the team, this month."""
        if len(self) != 1 or not self.exists():
            raise UserError(self.env._("Choose one existing team."))
        self.check_access("read")
        self.env[REPORT].check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(REPORT_ACTION)
        action["context"] = {
            "search_default_team_id": self.id,
            "search_default_this_month": 1,
            "create": False,
        }
        return action
