# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Field service projects and the team's project: defaults, required, company
changes, the projects made on install and for new companies."""

from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import FsmCommon


@tagged("post_install", "-at_install")
class TestFsmTeam(FsmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls._aftersales_user(
            "fsm-helpdesk-manager",
            "helpdesk_mgmt.group_helpdesk_manager,base.group_multi_company",
        )
        cls.company_2 = cls.env["res.company"].create({"name": "Second Field Co"})
        cls.manager.company_ids |= cls.company_2
        cls.project_2 = cls.env["project.project"].search(
            [("is_fsm", "=", True), ("company_id", "=", cls.company_2.id)]
        )

    def _project(self, name, company, **values):
        return self.env["project.project"].create(
            {"name": name, "is_fsm": True, "company_id": company.id, **values}
        )

    def test_default_project_when_switched_on(self):
        team = self._aftersales_team("New team")
        self.assertFalse(team.fsm_project_id)
        with Form(team.with_user(self.manager)) as form:
            form.use_fsm = True
            self.assertEqual(form.fsm_project_id, self.fsm_project)
        self.assertEqual(team.fsm_project_id, self.fsm_project)
        team = self._aftersales_team("Created on", use_fsm=True)
        self.assertEqual(team.fsm_project_id, self.fsm_project)

    def test_project_required_when_switched_on(self):
        with self.assertRaisesText(ValidationError, "Choose the field service project"):
            self.team.with_user(self.manager).write({"fsm_project_id": False})
        self.team.with_user(self.manager).write(
            {"use_fsm": False, "fsm_project_id": False}
        )
        # no field service project at all in the company: switching on is refused
        company_3 = self.env["res.company"].create({"name": "Third Co"})
        self.env["project.project"].search(
            [("is_fsm", "=", True), ("company_id", "=", company_3.id)]
        ).is_fsm = False
        with self.assertRaisesText(ValidationError, "Choose the field service project"):
            self._aftersales_team("Empty", company=company_3, use_fsm=True)
        # the form says it: the field is required while the option is on
        arch = etree.fromstring(
            self.env["helpdesk.ticket.team"].get_view(view_type="form")["arch"]
        )
        field = arch.xpath(
            "//div[@name='option_use_fsm']//field[@name='fsm_project_id']"
        )
        self.assertEqual(field[0].get("required"), "use_fsm")
        self.assertEqual(
            field[0].getparent().get("invisible"), "not use_fsm", "under the option"
        )

    def test_team_switched_on_while_this_addon_installs(self):
        """Installed by a team switching the option on, the addon computes the
        team's project before any field service project exists: the install
        goes on, and the data file gives the team its project."""
        company_3 = self.env["res.company"].create({"name": "Third Co"})
        project_3 = self.env["project.project"].search(
            [("is_fsm", "=", True), ("company_id", "=", company_3.id)]
        )
        project_3.is_fsm = False  # as before the installation
        self.patch(self.env.registry, "ready", False)
        team = self._aftersales_team("Early", company=company_3, use_fsm=True)
        self.assertFalse(team.fsm_project_id)
        project_3.is_fsm = True
        self.env["project.project"]._aftersales_fsm_create_default_projects()
        self.assertEqual(team.fsm_project_id, project_3)

    def test_switching_off_keeps_the_project(self):
        chosen = self._project("Installations", self.company)
        self.team.fsm_project_id = chosen
        with Form(self.team.with_user(self.manager)) as form:
            form.use_fsm = False
            self.assertEqual(form.fsm_project_id, chosen)
            form.use_fsm = True
            self.assertEqual(form.fsm_project_id, chosen, "not reset to the first one")
        self.assertEqual(self.team.fsm_project_id, chosen)

    def test_company_change(self):
        shared = self.env["project.project"].create(
            {"name": "Shared", "is_fsm": True, "company_id": False}
        )
        chosen = self._project("Installations", self.company)
        self.team.fsm_project_id = chosen
        # the chosen project is not of the new company: the new company's one
        with Form(self.team.with_user(self.manager)) as form:
            form.company_id = self.company_2
            self.assertEqual(form.fsm_project_id, self.project_2)
        # a shared project stays whatever the company
        self.team.fsm_project_id = shared
        with Form(self.team.with_user(self.manager)) as form:
            form.company_id = self.company
            self.assertEqual(form.fsm_project_id, shared)
        # switched off, a project that no longer fits is cleared, not kept
        self.team.write({"fsm_project_id": chosen.id, "use_fsm": False})
        self.team.company_id = self.company_2
        self.assertFalse(self.team.fsm_project_id)

    def test_project_of_another_company_or_not_field_service(self):
        plain = self.env["project.project"].create(
            {"name": "Plain", "company_id": self.company.id}
        )
        for project in (self.project_2, plain):
            with (
                self.subTest(project=project.name),
                self.assertRaisesText(ValidationError, "cannot be the field service"),
            ):
                self.team.with_user(self.manager).fsm_project_id = project
        self.assertEqual(self.team.fsm_project_id, self.fsm_project)

    def test_team_project_stays_a_field_service_project(self):
        with self.assertRaisesText(ValidationError, "Choose another project"):
            self.fsm_project.is_fsm = False
        with self.assertRaisesText(ValidationError, "Choose another project"):
            self.fsm_project.company_id = self.company_2
        # unused by a team with the option on: free to change
        self.project_2.is_fsm = False

    def test_portal_visibility_by_default(self):
        Project = self.env["project.project"]
        self.assertEqual(self.fsm_project.privacy_visibility, "portal")
        project = Project.create({"name": "Visits", "is_fsm": True})
        self.assertEqual(project.privacy_visibility, "portal")
        project = Project.create(
            {
                "name": "Private visits",
                "is_fsm": True,
                "privacy_visibility": "followers",
            }
        )
        self.assertEqual(project.privacy_visibility, "followers", "a choice is kept")
        # a default visibility for all projects does not apply to field service
        self.env["ir.default"].set("project.project", "privacy_visibility", "employees")
        self.assertEqual(
            Project.create({"name": "Plain"}).privacy_visibility, "employees"
        )
        self.assertEqual(
            Project.create({"name": "Visits 2", "is_fsm": True}).privacy_visibility,
            "portal",
        )
        # in the form, switching a project to field service opens it to the portal
        with Form(Project) as form:
            form.name = "Repairs on site"
            self.assertEqual(form.privacy_visibility, "employees")
            form.is_fsm = True
            self.assertEqual(form.privacy_visibility, "portal")
        self.assertTrue(form.record.is_fsm)

    def test_projects_made_on_install_and_for_new_companies(self):
        Project = self.env["project.project"]
        companies = self.env["res.company"].search([])
        for company in companies:
            self.assertTrue(
                Project.search_count(
                    [("is_fsm", "=", True), ("company_id", "=", company.id)]
                ),
                company.name,
            )
        self.assertEqual(self.project_2.name, "Field Service")
        self.assertEqual(self.project_2.privacy_visibility, "portal")
        self.assertFalse(self.project_2.user_id)
        # run again (module update): nothing new
        count = Project.search_count([("is_fsm", "=", True)])
        self.assertFalse(Project._aftersales_fsm_create_default_projects())
        self.assertEqual(Project.search_count([("is_fsm", "=", True)]), count)
        # an archived one counts: it is not made again
        self.project_2.active = False
        self.assertFalse(Project._aftersales_fsm_create_default_projects())
        # a team switched on before its company had a project gets it
        team = self._aftersales_team("Early", company=self.company_2)
        self.env.cr.execute(
            "UPDATE helpdesk_ticket_team SET use_fsm = TRUE WHERE id = %s", [team.id]
        )
        team.invalidate_recordset()
        self.project_2.active = True
        Project._aftersales_fsm_create_default_projects()
        self.assertEqual(team.fsm_project_id, self.project_2)

    def test_default_project_name_in_korean(self):
        self.env["res.lang"]._activate_lang("ko_KR")
        company = self.env["res.company"].create({"name": "Korean Co"})
        project = self.env["project.project"].search(
            [("is_fsm", "=", True), ("company_id", "=", company.id)]
        )
        self.assertEqual(project.with_context(lang="ko_KR").name, "현장 서비스")
        self.assertEqual(project.with_context(lang="en_US").name, "Field Service")
