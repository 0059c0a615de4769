# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

# visibilities that let a customer follow a task in the portal
PORTAL_VISIBILITIES = ("portal", "invited_users")


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
        # visibility set for all projects).
        for vals in vals_list:
            if vals.get("is_fsm"):
                vals.setdefault("privacy_visibility", "portal")
        return super().create(vals_list)

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

    @api.model
    def _aftersales_fsm_create_default_projects(self, companies=None):
        """Give every company of ``companies`` (default: all) that has no field
        service project one, named "Field Service", and give the teams that
        plan interventions without a project yet the first project of their
        company. Idempotent: run on install and update (data file) and when a
        company is created.

        :return: the projects created
        """
        Project = self.sudo().with_context(active_test=False, mail_create_nolog=True)
        if companies is None:
            # every company (a handful of records)
            companies = self.env["res.company"].sudo().search([])  # pylint: disable=no-search-all
        existing = Project._read_group(
            Domain("is_fsm", "=", True) & Domain("company_id", "in", companies.ids),
            ["company_id"],
        )
        missing = companies - self.env["res.company"].union(
            *(company for (company,) in existing)
        )
        if Project.search_count(
            [("is_fsm", "=", True), ("company_id", "=", False)], limit=1
        ):
            missing = self.env["res.company"]  # a shared project serves them all
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
        self.env["helpdesk.ticket.team"]._aftersales_fsm_fill_projects()
        return projects

    @api.model
    def _aftersales_fsm_default_name(self, lang):
        return self.with_context(lang=lang).env._("Field Service")
