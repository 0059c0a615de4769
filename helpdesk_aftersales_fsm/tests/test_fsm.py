# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Planning an intervention from a ticket, as the user documentation describes
it ("상담 건에서 현장 서비스 작업 생성하기")."""

from datetime import datetime

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import FSM_VIEW, TASK_STATUS, WIZARD, FsmCommon
from odoo.addons.helpdesk_aftersales.tests.common import flush_status, notes


@tagged("post_install", "-at_install")
class TestFsm(FsmCommon):
    def test_dialog_defaults(self):
        Wizard, action = self._open_dialog()
        self.assertEqual(action["name"], "Create a Field Service task")
        self.assertEqual(action["target"], "new")
        self.assertEqual(action["context"]["active_model"], "helpdesk.ticket")
        self.assertEqual(action["context"]["active_id"], self.ticket.id)
        self.assertFalse([k for k in action["context"] if k.startswith("default_")])
        form = Form(Wizard, view=FSM_VIEW)
        self.assertEqual(form.name, "Dishwasher leaking", "the ticket's title")
        self.assertEqual(form.project_id, self.fsm_project, "the team's project")
        self.assertEqual(form.partner_id, self.customer, "the ticket's customer")
        # the team's project changed: the dialog follows
        other = self.env["project.project"].create(
            {"name": "Installations", "is_fsm": True, "company_id": self.company.id}
        )
        self.team.fsm_project_id = other
        self.assertEqual(Form(Wizard, view=FSM_VIEW).project_id, other)

    def test_create_task_stays_on_the_ticket(self):
        _wizard, action = self._plan("action_create_task")
        self.assertEqual(action, {"type": "ir.actions.act_window_close"})
        task = self._tasks()
        self.assertEqual(len(task), 1)
        self.assertEqual(task.name, "Dishwasher leaking")
        self.assertEqual(task.project_id, self.fsm_project)
        self.assertEqual(task.partner_id, self.customer)
        self.assertEqual(task.company_id, self.ticket.company_id)
        self.assertEqual(task.description, self.ticket.description)
        self.assertEqual(task.helpdesk_ticket_id, self.ticket)
        self.assertFalse(task.user_ids, "left to the dispatcher")
        self.assertFalse(task.date_deadline, "not planned yet")
        self.assertEqual(task.stage_id, self.stages["new"], "new, without date")
        self.assertEqual(task.state, "01_in_progress")
        self.assertIn(self.customer, task.message_partner_ids, "followed")
        self.assertIn(self.agent.partner_id, task.message_partner_ids)
        self.assertEqual(self.ticket.with_user(self.agent).aftersales_task_count, 1)
        created = notes(self.ticket, "Field service task created")
        self.assertEqual(len(created), 1)
        self.assertIn("Field service task created from this ticket: <a", created.body)
        self.assertIn(f">{task.display_name}</a>.", created.body)
        self.assertEqual(len(notes(task, "Created from ticket")), 1)

    def test_plan_with_date_and_technicians(self):
        """The dialog plans: a date and technicians (project users of the
        ticket's company); the task starts in Planned, assigned to them, who
        follow it; the reason is kept on the task."""
        Wizard, _action = self._open_dialog()
        form = Form(Wizard, view=FSM_VIEW)
        self.assertFalse(form.date_deadline)
        self.assertFalse(form.user_ids)
        form.date_deadline = datetime(2026, 6, 15, 9, 0)
        form.user_ids.add(self.technician)
        form.user_ids.add(self.agent)
        form.aftersales_reason_id = self.reason
        form.save().action_create_task()
        task = self._tasks()
        self.assertEqual(task.date_deadline, datetime(2026, 6, 15, 9, 0))
        self.assertEqual(task.user_ids, self.technician | self.agent)
        self.assertEqual(task.stage_id, self.stages["planned"])
        self.assertEqual(task.aftersales_reason_id, self.reason)
        self.assertIn(self.technician.partner_id, task.message_partner_ids)
        # the technicians offered: project users of the ticket's company
        domain = self.env[WIZARD].fields_get(["user_ids"], ["domain"])["user_ids"][
            "domain"
        ]
        self.assertIn("('company_ids', 'in', company_id)", domain)
        self.assertIn(
            f"('all_group_ids', 'in', {self.env.ref('project.group_project_user').id})",
            domain,
        )

    def test_reason_required_when_the_team_says_so(self):
        self.team.aftersales_reason_required = True
        Wizard, _action = self._open_dialog()
        form = Form(Wizard, view=FSM_VIEW)
        self.assertTrue(form.aftersales_reason_required)
        with self.assertRaises(AssertionError, msg="the reason is required"):
            form.save()
        wizard = Wizard.create({})
        with self.assertRaisesText(UserError, "requires a reason"):
            wizard.action_create_task()
        self.assertFalse(self._tasks())
        form.aftersales_reason_id = self.reason
        form.save().action_create_task()
        self.assertEqual(self._tasks().aftersales_reason_id, self.reason)

    def test_stages_of_field_service_projects(self):
        """Field service projects come with the stages New, Planned, In
        Progress, Done, Cancelled; a task moved to Done or Cancelled is done or
        cancelled (its ticket is told so), moved back it is in progress."""
        self.assertEqual(
            self.fsm_project.type_ids,
            self.env["project.task.type"].union(*self.stages.values()),
        )
        self.assertEqual(
            self.fsm_project.type_ids.mapped("name"),
            ["New", "Planned", "In Progress", "Done", "Cancelled"],
        )
        self.assertEqual(
            self.fsm_project.type_ids.mapped("fold"),
            [False, False, False, True, True],
        )
        project = self.env["project.project"].create(
            {"name": "Installations", "is_fsm": True}
        )
        self.assertEqual(project.type_ids, self.fsm_project.type_ids, "created with")
        own_stage = self.env["project.task.type"].create({"name": "Mine"})
        project = self.env["project.project"].create(
            {"name": "Own stages", "is_fsm": True, "type_ids": [(6, 0, own_stage.ids)]}
        )
        self.assertEqual(project.type_ids, own_stage, "stages chosen are kept")
        plain = self.env["project.project"].create({"name": "Plain"})
        self.assertFalse(plain.type_ids)
        plain.is_fsm = True
        self.assertEqual(plain.type_ids, self.fsm_project.type_ids, "when it becomes")
        # the task follows its stage
        self._plan()
        task = self._tasks().with_user(self.agent)
        task.stage_id = self.stages["in_progress"]
        self.assertEqual(task.state, "01_in_progress")
        task.stage_id = self.stages["done"]
        self.assertEqual(task.state, "1_done")
        flush_status(self.env)
        self.assertEqual(len(notes(self.ticket, "done")), 1)
        task.stage_id = self.stages["planned"]
        self.assertEqual(task.state, "01_in_progress", "reopened")
        task.stage_id = self.stages["cancelled"]
        self.assertEqual(task.state, "1_canceled")
        # a state chosen by the user with the stage wins
        task.write({"stage_id": self.stages["done"].id, "state": "1_canceled"})
        self.assertEqual(task.state, "1_canceled")

    def test_create_and_view_task(self):
        _wizard, action = self._plan("action_create_and_view_task", name="Visit")
        task = self._tasks()
        self.assertEqual(task.name, "Visit")
        self.assertEqual(action["res_model"], "project.task")
        self.assertEqual(action["view_mode"], "form")
        self.assertEqual(action["res_id"], task.id)
        self.assertFalse(action["context"]["create"])
        self.assertFalse(
            [k for k in action["context"] if k.startswith("default_helpdesk")]
        )

    def test_ticket_without_customer(self):
        ticket = self._ticket(False)
        Wizard, _action = self._open_dialog(ticket)
        form = Form(Wizard, view=FSM_VIEW)
        self.assertFalse(form.partner_id)
        with self.assertRaises(AssertionError, msg="the customer is required"):
            form.save()
        form.partner_id = self.customer_contact
        form.save().action_create_task()
        self.assertEqual(ticket.partner_id, self.customer_contact, "written back")
        self.assertEqual(ticket.partner_email, self.customer_contact.email)
        task = self._tasks(ticket)
        self.assertEqual(task.partner_id, self.customer_contact)
        self.assertIn(self.customer_contact, task.message_partner_ids)
        # by RPC, without customer: refused, nothing created
        ticket = self._ticket(False)
        wizard = self._dialog(ticket, partner_id=self.customer)
        wizard.partner_id = False
        count = self._task_count()
        with self.assertRaisesText(UserError, "Set the customer of the task"):
            wizard.action_create_task()
        self.assertEqual(self._task_count(), count)
        self.assertFalse(ticket.partner_id)

    def test_contact_of_the_customer(self):
        self._plan(partner_id=self.customer_contact)
        task = self._tasks()
        self.assertEqual(task.partner_id, self.customer_contact)
        self.assertEqual(self.ticket.partner_id, self.customer, "unchanged")

    def test_status_messages(self):
        self._plan()
        task = self._tasks()
        flush_status(self.env)
        self.assertFalse(notes(self.ticket, "done"))
        task.with_user(self.agent).state = "1_done"
        flush_status(self.env)
        done = notes(self.ticket, "done")
        self.assertEqual(len(done), 1)
        self.assertIn(f">{task.display_name}</a> done", done.body)
        self.assertEqual(done.subtype_id, self.env.ref(TASK_STATUS))
        task.state = "01_in_progress"
        task.state = "1_canceled"
        flush_status(self.env)
        cancelled = notes(self.ticket, "cancelled")
        self.assertEqual(len(cancelled), 1)
        self.assertEqual(cancelled.subtype_id, self.env.ref(TASK_STATUS))
        # the option switched off: no status message any more
        self.team.use_fsm = False
        task.state = "1_done"
        flush_status(self.env)
        self.assertEqual(len(notes(self.ticket, "done")), 1)

    def test_smart_buttons_both_ways(self):
        self._plan()
        task = self._tasks()
        ticket = self.ticket.with_user(self.agent)
        action = ticket.with_context(
            aftersales_documents="aftersales_task_count"
        ).action_aftersales_open_documents()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("project.task", task.id)
        )
        self.assertEqual(action["name"], "Tasks")
        back = task.with_user(self.agent).action_open_helpdesk_ticket()
        self.assertEqual(
            (back["res_model"], back["res_id"]), ("helpdesk.ticket", ticket.id)
        )
        self._plan("action_create_and_view_task")
        action = ticket.with_context(
            aftersales_documents="aftersales_task_count"
        ).action_aftersales_open_documents()
        self.assertTrue(action["view_mode"].startswith("list"))
        self.assertEqual(
            self.env["project.task"].search(action["domain"]), self._tasks()
        )
        self.assertEqual(ticket.aftersales_task_count, 2)
        # the link is not copied, and deleting the ticket keeps the tasks
        self.assertFalse(task.copy().helpdesk_ticket_id)
        self.ticket.unlink()
        self.assertTrue(task.exists())
        self.assertFalse(task.helpdesk_ticket_id)

    def test_dialog_runs_once(self):
        wizard, _action = self._plan()
        for button in ("action_create_task", "action_create_and_view_task"):
            with self.assertRaisesText(UserError, "already been done"):
                getattr(wizard, button)()
        self.assertEqual(len(self._tasks()), 1)

    def test_helpdesk_user_without_project_rights(self):
        """A helpdesk user who is not a project user loads the ticket without
        error; the button is not there and its method refuses."""
        self._plan()
        ticket = self.ticket.with_user(self.helpdesk_only)
        with Form(ticket) as form:
            self.assertEqual(
                form.aftersales_task_count, 1, "internal users read the task"
            )
        action = ticket.with_context(
            aftersales_documents="aftersales_task_count"
        ).action_aftersales_open_documents()
        task = self.env["project.task"].with_user(self.helpdesk_only)
        task.browse(action["res_id"]).check_access("read")
        with self.assertRaises(AccessError):
            task.browse(action["res_id"]).check_access("write")
        arch = etree.fromstring(ticket.get_view(view_type="form")["arch"])
        self.assertFalse(
            arch.xpath("//button[@name='action_helpdesk_plan_intervention']")
        )
        with self.assertRaises(AccessError):
            ticket.action_helpdesk_plan_intervention()
        arch = etree.fromstring(
            self.ticket.with_user(self.agent).get_view(view_type="form")["arch"]
        )
        button = arch.xpath(
            "//header/button[@name='action_helpdesk_plan_intervention']"
        )
        self.assertEqual(button[0].get("invisible"), "not aftersales_can_plan")
        self.assertFalse(ticket.aftersales_can_plan)
        self.assertTrue(self.ticket.with_user(self.agent).aftersales_can_plan)
        self.assertEqual(button[0].get("string"), "Plan Intervention")

    def test_team_member_project_user_plans(self):
        """A helpdesk user of the team who is a project user (not a project
        manager), reading only the team's tickets, plans an intervention."""
        self.assertFalse(self.agent.has_group("project.group_project_manager"))
        self.assertFalse(self.agent.has_group("helpdesk_mgmt.group_helpdesk_user"))
        self.assertNotIn(self.agent.partner_id, self.fsm_project.message_partner_ids)
        _wizard, action = self._plan("action_create_and_view_task")
        task = self.env["project.task"].with_user(self.agent).browse(action["res_id"])
        self.assertEqual(task.helpdesk_ticket_id, self.ticket)
        task.check_access("write")

    def test_button_guarded_by_the_option(self):
        self.team.use_fsm = False
        with self.assertRaisesText(UserError, "The option Field Service is off"):
            self.ticket.with_user(self.agent).action_helpdesk_plan_intervention()

    def test_ticket_of_a_second_company(self):
        company_2 = self.env["res.company"].create({"name": "Second Field Co"})
        Project = self.env["project.project"]
        fsm_of_2 = [("is_fsm", "=", True), ("company_id", "=", company_2.id)]
        self.assertFalse(Project.search(fsm_of_2), "none until a team needs one")
        self.agent.company_ids |= company_2
        self.agent.company_id = company_2
        team_2 = self._aftersales_team("Field 2", company=company_2, use_fsm=True)
        project_2 = Project.search(fsm_of_2)
        self.assertEqual(len(project_2), 1, "made when the team switched it on")
        self.assertEqual(team_2.fsm_project_id, project_2)
        team_2.user_ids = self.agent
        ticket_2 = self._aftersales_ticket(team_2, self.customer)
        Wizard, _action = self._open_dialog(ticket_2)
        form = Form(Wizard.with_company(company_2), view=FSM_VIEW)
        self.assertEqual(form.project_id, project_2)
        form.save().action_create_task()
        task = self._tasks(ticket_2)
        self.assertEqual(task.company_id, company_2)
        self.assertEqual(task.project_id, project_2)

    def test_shared_project(self):
        """A field service project without company serves every company; its
        tasks belong to the ticket's company."""
        shared = self.env["project.project"].create(
            {"name": "Shared interventions", "is_fsm": True, "company_id": False}
        )
        self._plan(project_id=shared)
        task = self._tasks()
        self.assertEqual(task.project_id, shared)
        self.assertEqual(task.company_id, self.ticket.company_id)
