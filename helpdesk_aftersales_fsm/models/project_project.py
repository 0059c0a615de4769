# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command, Domain

# visibilities that let a customer follow a task in the portal
PORTAL_VISIBILITIES = ("portal", "invited_users")
# the stages of field service projects (data/project_task_type_data.xml), in
# their order
FSM_STAGES = (
    "helpdesk_aftersales_fsm.project_task_type_fsm_new",
    "helpdesk_aftersales_fsm.project_task_type_fsm_planned",
    "helpdesk_aftersales_fsm.project_task_type_fsm_in_progress",
    "helpdesk_aftersales_fsm.project_task_type_fsm_done",
    "helpdesk_aftersales_fsm.project_task_type_fsm_cancelled",
)
# what an uninstallation of this addon keeps of its field service projects and
# of the teams' projects, until it is installed again (hooks.py)
KEPT_PARAM = "helpdesk_aftersales_fsm.kept_projects"


class ProjectProject(models.Model):
    _inherit = "project.project"

    is_fsm = fields.Boolean(
        string="Field Service",
        help="Plan onsite interventions from helpdesk tickets in this project. Its "
        "tasks are open to the customers who follow them in the portal.",
    )

    # ------------------------------------------------------------------
    # Portal visibility by default
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # A field service project is followed by customers in the portal: portal
        # visibility unless the caller chose another one (even over a default
        # visibility set for all projects). It comes with the field service
        # stages unless the caller gave it stages.
        stages = self._aftersales_fsm_stages()
        for vals in vals_list:
            if vals.get("is_fsm"):
                vals.setdefault("privacy_visibility", "portal")
                if stages and not vals.get("type_ids"):
                    vals["type_ids"] = [Command.link(stage.id) for stage in stages]
        return super().create(vals_list)

    def write(self, vals):
        becoming = self.browse()
        if vals.get("is_fsm"):
            becoming = self.filtered(lambda p: not p.is_fsm)
        res = super().write(vals)
        # a project that becomes a field service project without stages of its
        # own gets the field service stages
        becoming.filtered(lambda p: not p.type_ids)._aftersales_fsm_link_stages()
        return res

    @api.onchange("is_fsm")
    def _onchange_is_fsm(self):
        # In the form, the user sees the change (and Odoo's warning about
        # followers) before saving.
        if self.is_fsm and self.privacy_visibility not in PORTAL_VISIBILITIES:
            self.privacy_visibility = "portal"

    # ------------------------------------------------------------------
    # Field service projects of a company
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_fsm_domain(self, company):
        """Field service projects usable in ``company``: its own ones and the
        shared ones (no company); any of them when ``company`` is empty."""
        domain = Domain("is_fsm", "=", True)
        if company:
            domain &= Domain("company_id", "in", [company.id, False])
        return domain

    @api.model
    def _aftersales_fsm_default(self, company):
        """The first field service project of ``company`` (its own ones first,
        then the shared ones), as the current user sees them."""
        domain = self._aftersales_fsm_domain(company)
        if company:
            project = self.search(
                domain & Domain("company_id", "=", company.id), limit=1
            )
            if project:
                return project
        return self.search(domain, limit=1)

    def _aftersales_fsm_usable_in(self, company):
        """Whether the project is a field service project usable in
        ``company``."""
        self.ensure_one()
        return bool(self.sudo().filtered_domain(self._aftersales_fsm_domain(company)))

    @api.constrains("is_fsm", "company_id")
    def _check_aftersales_fsm_teams(self):
        """A project stays usable by the helpdesk teams planning interventions
        in it."""
        teams = (
            self.env["helpdesk.ticket.team"]
            .sudo()
            .with_context(active_test=False)
            .search([("fsm_project_id", "in", self.ids), ("use_fsm", "=", True)])
        )
        for team in teams:
            if not team.fsm_project_id._aftersales_fsm_usable_in(team.company_id):
                raise ValidationError(
                    self.env._(
                        "%(project)s is the field service project of the helpdesk "
                        "team %(team)s: it must stay a field service project of "
                        "the team's company. Choose another project for the team "
                        "first.",
                        project=team.fsm_project_id.display_name,
                        team=team.display_name,
                    )
                )

    @api.constrains("is_fsm")
    def _check_aftersales_fsm_linked_tasks(self):
        """A project whose tasks are interventions of helpdesk tickets stays a
        field service project (its tasks stay linked to their tickets)."""
        projects = self.filtered(lambda p: not p.is_fsm)
        if not projects:
            return
        Task = self.env["project.task"].sudo().with_context(active_test=False)
        linked = Task.search(
            [("project_id", "in", projects.ids), ("helpdesk_ticket_id", "!=", False)],
            limit=1,
        )
        if linked:
            raise ValidationError(
                self.env._(
                    "%(project)s has interventions of helpdesk tickets: it stays a "
                    "field service project.",
                    project=linked.project_id.display_name,
                )
            )

    # ------------------------------------------------------------------
    # Stages
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_fsm_stages(self):
        """The field service stages that exist (users may delete some), in
        their order."""
        Stage = self.env["project.task.type"]
        return Stage.union(
            *(
                self.env.ref(xmlid, raise_if_not_found=False) or Stage
                for xmlid in FSM_STAGES
            )
        )

    @api.model
    def _aftersales_fsm_stage(self, step):
        """The field service stage ``step`` (``new``, ``planned``,
        ``in_progress``, ``done``, ``cancelled``), if it still exists."""
        stage = self.env.ref(
            f"helpdesk_aftersales_fsm.project_task_type_fsm_{step}",
            raise_if_not_found=False,
        )
        return stage or self.env["project.task.type"]

    def _aftersales_fsm_link_stages(self):
        """Give the projects the field service stages they do not have yet."""
        stages = self._aftersales_fsm_stages()
        if self and stages:
            stages.sudo().write({"project_ids": [Command.link(p.id) for p in self]})

    # ------------------------------------------------------------------
    # The "Field Service" project of a company
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_fsm_create_default_projects(self, companies):
        """Give every company of ``companies`` that has no field service
        project (its own or a shared one, archived ones included) one, named
        "Field Service", with the field service stages. Run when a team needs
        one: it switches Field Service on, or had it on when this addon was
        installed.

        :return: the projects created
        """
        Project = self.sudo().with_context(active_test=False, mail_create_nolog=True)
        if not companies or Project.search_count(
            [("is_fsm", "=", True), ("company_id", "=", False)], limit=1
        ):
            return Project.browse()  # a shared project serves them all
        existing = Project._read_group(
            Domain("is_fsm", "=", True) & Domain("company_id", "in", companies.ids),
            ["company_id"],
        )
        missing = companies - self.env["res.company"].union(
            *(company for (company,) in existing)
        )
        projects = Project.create(
            [
                {
                    "name": self._aftersales_fsm_default_name("en_US"),
                    "is_fsm": True,
                    "privacy_visibility": "portal",
                    "company_id": company.id,
                    "user_id": False,
                }
                for company in missing
            ]
        )
        if projects:
            translations = {
                code: self._aftersales_fsm_default_name(code)
                for code, _name in self.env["res.lang"].get_installed()
            }
            for project in projects:
                project.update_field_translations("name", translations)
        return projects

    @api.model
    def _aftersales_fsm_default_name(self, lang):
        return self.with_context(lang=lang).env._("Field Service")

    # ------------------------------------------------------------------
    # Installation and uninstallation of this addon
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_fsm_install(self):
        """On install: the projects kept by an uninstallation are field service
        projects again (with the teams' choices), every field service project
        has the field service stages, and the teams planning interventions
        without a project get the first one of their company (made when it
        has none)."""
        self._aftersales_fsm_restore()
        projects = (
            self.sudo().with_context(active_test=False).search([("is_fsm", "=", True)])
        )
        projects._aftersales_fsm_link_stages()
        self.env["helpdesk.ticket.team"]._aftersales_fsm_fill_projects()

    @api.model
    def _aftersales_fsm_keep(self):
        """Before this addon is uninstalled (its columns are dropped): keep
        which projects are field service projects and which project each team
        plans interventions in, for an installation to come."""
        self.flush_model(["is_fsm"])
        self.env["helpdesk.ticket.team"].flush_model(["fsm_project_id"])
        self.env.cr.execute("SELECT id FROM project_project WHERE is_fsm ORDER BY id")
        projects = [row[0] for row in self.env.cr.fetchall()]
        self.env.cr.execute(
            "SELECT id, fsm_project_id FROM helpdesk_ticket_team "
            "WHERE fsm_project_id IS NOT NULL ORDER BY id"
        )
        teams = dict(self.env.cr.fetchall())
        self.env["ir.config_parameter"].sudo().set_param(
            KEPT_PARAM, json.dumps({"projects": projects, "teams": teams})
        )

    @api.model
    def _aftersales_fsm_restore(self):
        """Give back what :meth:`_aftersales_fsm_keep` kept (records deleted
        meanwhile are skipped; a team keeps a project chosen meanwhile)."""
        Param = self.env["ir.config_parameter"].sudo()
        kept = Param.get_param(KEPT_PARAM)
        if not kept:
            return
        kept = json.loads(kept)
        Project = self.sudo().with_context(active_test=False)
        Project.browse(kept.get("projects", [])).exists().write({"is_fsm": True})
        Team = self.env["helpdesk.ticket.team"].sudo().with_context(active_test=False)
        for team_id, project_id in kept.get("teams", {}).items():
            team = Team.browse(int(team_id)).exists()
            project = Project.browse(project_id).exists()
            if (
                team
                and project
                and not team.fsm_project_id
                and project._aftersales_fsm_usable_in(team.company_id)
            ):
                team.fsm_project_id = project
        Param.search([("key", "=", KEPT_PARAM)]).unlink()
