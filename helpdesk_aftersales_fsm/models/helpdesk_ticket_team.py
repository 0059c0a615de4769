# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    fsm_project_id = fields.Many2one(
        comodel_name="project.project",
        string="Field Service Project",
        compute="_compute_fsm_project_id",
        store=True,
        readonly=False,
        ondelete="restrict",
        domain="[('is_fsm', '=', True), '|', ('company_id', '=', False), "
        "('company_id', '=?', company_id)]",
        help="Project of the field service tasks planned from the tickets of this "
        "team; the Plan Intervention dialog starts with it.",
    )

    # ------------------------------------------------------------------
    # The company's "Field Service" project, made when a team needs it
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # (the project is made as superuser: only for who may save the team)
        self.check_access("create")
        company_ids = []
        for vals in vals_list:
            if vals.get("use_fsm") and not vals.get("fsm_project_id"):
                # (an empty project, as the form sends it, is computed)
                vals.pop("fsm_project_id", None)
                company_ids.append(vals.get("company_id") or self.env.company.id)
        self._aftersales_fsm_prepare_projects(company_ids)
        return super().create(vals_list)

    def write(self, vals):
        if not vals.get("fsm_project_id") and (
            vals.get("use_fsm") or vals.get("company_id")
        ):
            self.check_access("write")
            if vals.get("use_fsm"):
                # (an empty project, as the form sends it, is computed)
                vals = {k: v for k, v in vals.items() if k != "fsm_project_id"}
            switched_on = vals.get("use_fsm")
            if vals.get("company_id") and (switched_on or self.filtered("use_fsm")):
                self._aftersales_fsm_prepare_projects([vals["company_id"]])
            elif switched_on:
                self._aftersales_fsm_prepare_projects(self.company_id.ids)
        return super().write(vals)

    @api.model
    def _aftersales_fsm_prepare_projects(self, company_ids):
        """A company whose team switches Field Service on gets a "Field
        Service" project when it has none yet (the team then starts with it).
        Only ids of existing companies: a wrong value is left to the ORM's
        own check."""
        company_ids = [
            cid
            for cid in company_ids
            if isinstance(cid, int) and not isinstance(cid, bool) and cid > 0
        ]
        companies = self.env["res.company"].sudo().browse(company_ids).exists()
        if companies:
            self.env["project.project"]._aftersales_fsm_create_default_projects(
                companies
            )

    @api.depends("use_fsm", "company_id")
    def _compute_fsm_project_id(self):
        # A chosen project that is still usable is kept, whether the option is
        # switched off or the company changes; otherwise the team gets the first
        # field service project of its company when the option is on.
        Project = self.env["project.project"]
        for team in self:
            project = team.fsm_project_id
            if project and project._aftersales_fsm_usable_in(team.company_id):
                continue
            team.fsm_project_id = (
                Project._aftersales_fsm_default(team.company_id)
                if team.use_fsm
                else False
            )

    @api.constrains("use_fsm", "fsm_project_id", "company_id")
    def _check_fsm_project_id(self):
        # While this addon is being installed (by a team switching the option
        # on), the field is computed before any field service project exists:
        # the data file that runs next makes the projects and fills the teams.
        installing = not self.env.registry.ready
        for team in self:
            project = team.fsm_project_id
            if team.use_fsm and not project and not installing:
                raise ValidationError(
                    self.env._(
                        "Choose the field service project of the helpdesk team "
                        "%(team)s: the Field Service option needs one.",
                        team=team.display_name,
                    )
                )
            if project and not project._aftersales_fsm_usable_in(team.company_id):
                raise ValidationError(
                    self.env._(
                        "%(project)s cannot be the field service project of the "
                        "helpdesk team %(team)s: choose a field service project of "
                        "the team's company.",
                        project=project.display_name,
                        team=team.display_name,
                    )
                )

    @api.model
    def _aftersales_fsm_fill_projects(self):
        """Give the teams planning interventions without a project (switched on
        while this addon was being installed, before its code ran) the first
        field service project of their company, made when the company has
        none."""
        teams = (
            self.sudo()
            .with_context(active_test=False)
            .search([("use_fsm", "=", True), ("fsm_project_id", "=", False)])
        )
        if not teams:
            return
        Project = self.env["project.project"].sudo()
        Project._aftersales_fsm_create_default_projects(teams.company_id)
        for team in teams:
            project = Project._aftersales_fsm_default(team.company_id)
            if project:
                team.fsm_project_id = project
