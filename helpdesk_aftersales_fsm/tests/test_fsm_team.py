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
        cls.project_2 = cls.env["project.project"].create(
            {"name": "Field Service", "is_fsm": True, "company_id": cls.company_2.id}
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
        # the form shows the field under the option; left empty, the saving
        # makes the company's Field Service project
        arch = etree.fromstring(
            self.env["helpdesk.ticket.team"].get_view(view_type="form")["arch"]
        )
        field = arch.xpath(
            "//div[@name='option_use_fsm']//field[@name='fsm_project_id']"
        )
        self.assertEqual(field[0].get("placeholder"), "Field Service (made on saving)")
        self.assertEqual(
            field[0].getparent().get("invisible"), "not use_fsm", "under the option"
        )

    def test_company_gets_its_project_when_a_team_switches_on(self):
        """A company without field service project gets its "Field Service"
        project (with the stages) when one of its teams switches the option on,
        by creation or by a helpdesk manager's save; not before, and only
        once."""
        Project = self.env["project.project"].with_context(active_test=False)
        company_3 = self.env["res.company"].create({"name": "Third Co"})
        self.manager.company_ids |= company_3
        fsm_of_3 = [("is_fsm", "=", True), ("company_id", "=", company_3.id)]
        self.assertFalse(Project.search(fsm_of_3), "no team plans there yet")
        team = self._aftersales_team("Quiet", company=company_3)
        self.assertFalse(Project.search(fsm_of_3), "a team without the option")
        team.with_user(self.manager).write({"use_fsm": True})
        project = Project.search(fsm_of_3)
        self.assertEqual(len(project), 1)
        self.assertEqual(project.name, "Field Service")
        self.assertEqual(project.privacy_visibility, "portal")
        self.assertFalse(project.user_id)
        self.assertEqual(project.type_ids, self.fsm_project.type_ids, "the stages")
        self.assertEqual(team.fsm_project_id, project)
        self._aftersales_team("Second", company=company_3, use_fsm=True)
        self.assertEqual(Project.search(fsm_of_3), project, "only once")
        # an archived one counts; a chosen project is used as it is
        project.active = False
        company_4 = self.env["res.company"].create({"name": "Fourth Co"})
        chosen = self._project("Visits", company_4)
        team = self._aftersales_team(
            "Chosen", company=company_4, use_fsm=True, fsm_project_id=chosen.id
        )
        self.assertEqual(team.fsm_project_id, chosen)
        self.assertEqual(
            Project.search([("is_fsm", "=", True), ("company_id", "=", company_4.id)]),
            chosen,
        )
        # a team moved to a company without project switched on there
        team = self._aftersales_team("Moving", use_fsm=True)
        company_5 = self.env["res.company"].create({"name": "Fifth Co"})
        team.company_id = company_5
        self.assertEqual(team.fsm_project_id.company_id, company_5)
        # the team form of a manager, in a company without project: the option
        # ticked, the project left empty (the form sends it empty), saved
        company_6 = self.env["res.company"].create({"name": "Sixth Co"})
        self.manager.company_ids |= company_6
        Team = (
            self.env["helpdesk.ticket.team"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=company_6.ids)
        )
        with Form(Team) as form:
            form.name = "Form Team"
            form.use_fsm = True
            self.assertFalse(form.fsm_project_id, "none yet: made on saving")
        team = form.record
        self.assertEqual(team.fsm_project_id.company_id, company_6)
        self.assertEqual(team.fsm_project_id.name, "Field Service")

    def test_team_switched_on_while_this_addon_installs(self):
        """Installed by a team switching the option on (the team was saved
        before this addon's code ran): the install gives the team's company its
        project, and the team gets it; a company whose teams do not plan
        interventions gets none; run again, the install makes nothing (an
        update does not run it at all)."""
        Project = self.env["project.project"].with_context(active_test=False)
        company_3 = self.env["res.company"].create({"name": "Third Co"})
        company_4 = self.env["res.company"].create({"name": "Fourth Co"})
        team = self._aftersales_team("Early", company=company_3)
        self._aftersales_team("Quiet", company=company_4)
        self.env.cr.execute(
            "UPDATE helpdesk_ticket_team SET use_fsm = TRUE WHERE id = %s", [team.id]
        )
        team.invalidate_recordset()
        Project._aftersales_fsm_install()
        self.assertEqual(team.fsm_project_id.company_id, company_3)
        self.assertTrue(team.fsm_project_id.is_fsm)
        self.assertEqual(team.fsm_project_id.type_ids, self.fsm_project.type_ids)
        self.assertFalse(
            Project.search([("is_fsm", "=", True), ("company_id", "=", company_4.id)])
        )
        count = Project.search_count([])
        Project._aftersales_fsm_install()
        self.assertEqual(Project.search_count([]), count)

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

    def test_shared_project_serves_every_company(self):
        shared = self.env["project.project"].create(
            {"name": "Shared", "is_fsm": True, "company_id": False}
        )
        company_3 = self.env["res.company"].create({"name": "Third Co"})
        team = self._aftersales_team("Shared team", company=company_3, use_fsm=True)
        self.assertEqual(team.fsm_project_id, shared)
        self.assertEqual(
            self.env["project.project"].search(
                [("is_fsm", "=", True), ("company_id", "=", company_3.id)]
            ),
            self.env["project.project"],
            "no project of its own",
        )

    def test_kept_across_an_uninstallation(self):
        """Uninstalling this addon drops the columns saying which projects are
        field service projects and which project each team uses: they are kept
        (uninstall hook) and given back on install, so that no second "Field
        Service" project is made and the teams keep their project."""
        chosen = self._project("Installations", self.company)
        self.team.fsm_project_id = chosen
        Project = self.env["project.project"].with_context(active_test=False)
        fsm_projects = Project.search([("is_fsm", "=", True)])
        Project._aftersales_fsm_keep()
        # what the uninstallation does to the columns (then the install makes
        # them again, empty)
        self.env.flush_all()
        self.env.cr.execute("UPDATE project_project SET is_fsm = FALSE")
        self.env.cr.execute("UPDATE helpdesk_ticket_team SET fsm_project_id = NULL")
        self.env.invalidate_all()
        Project._aftersales_fsm_install()
        self.assertEqual(Project.search([("is_fsm", "=", True)]), fsm_projects)
        self.assertEqual(self.team.fsm_project_id, chosen)
        self.assertFalse(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("helpdesk_aftersales_fsm.kept_projects"),
            "given back once",
        )

    def test_default_project_name_in_korean(self):
        self.env["res.lang"]._activate_lang("ko_KR")
        self.env["ir.module.module"]._load_module_terms(
            ["helpdesk_aftersales_fsm"], ["ko_KR"], overwrite=True
        )
        company = self.env["res.company"].create({"name": "Korean Co"})
        self._aftersales_team("Korean team", company=company, use_fsm=True)
        project = self.env["project.project"].search(
            [("is_fsm", "=", True), ("company_id", "=", company.id)]
        )
        self.assertEqual(project.with_context(lang="ko_KR").name, "현장 서비스")
        self.assertEqual(project.with_context(lang="en_US").name, "Field Service")
        self.assertEqual(
            project.type_ids.with_context(lang="ko_KR").mapped("name"),
            ["신규", "계획됨", "진행 중", "완료", "취소됨"],
        )
