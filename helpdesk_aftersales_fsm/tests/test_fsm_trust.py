# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Planning an intervention whatever the client sends: the users an attacker
would use (followers without helpdesk group, a helpdesk manager without
Project rights, an agent of their own tickets, portal users), every public
method with bad values, and the tasks that may be linked to a ticket."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import WIZARD, FsmCommon
from odoo.addons.helpdesk_aftersales.tests.common import new_portal_user

BUTTONS = ("action_create_task", "action_create_and_view_task")
BAD_IDS = (999999999, -1, 0, True, "abc", [1], 1.5)


@tagged("post_install", "-at_install")
class TestFsmTrust(FsmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.attackers = cls._aftersales_attackers(cls.ticket)
        cls.plain_project = cls.env["project.project"].create(
            {"name": "Internal improvements", "company_id": cls.company.id}
        )

    def _aftersales_made(self):
        Task = self.env["project.task"].sudo().with_context(active_test=False)
        return (
            Task.search_count([]),
            Task.search_count([("helpdesk_ticket_id", "!=", False)]),
        )

    def _task_values(self, project=None, **values):
        return {
            "name": "Visit",
            "project_id": (project or self.fsm_project).id,
            "partner_id": self.customer.id,
            **values,
        }

    def _wizard(self, **values):
        Wizard, _action = self._open_dialog()
        return Wizard.create(values)

    # the users an attacker would use ---------------------------------------

    def test_attackers_may_not_plan_from_the_ticket(self):
        """No button, no dialog, no dialog method, no task of the ticket by
        creation, context key or link, for any of them."""
        dialog = self._wizard()
        unlinked = self.env["project.task"].create(self._task_values())
        context = {"active_model": "helpdesk.ticket", "active_id": self.ticket.id}
        for name, user in self.attackers.items():
            ticket = self.ticket.with_user(user)
            Wizard = self.env[WIZARD].with_user(user)
            Task = self.env["project.task"].with_user(user)
            calls = {
                "button": ticket.action_helpdesk_plan_intervention,
                "dialog": lambda Wizard=Wizard: Wizard.with_context(**context).create(
                    {}
                ),
                "dialog by id": lambda Wizard=Wizard: Wizard.create(
                    {"helpdesk_ticket_id": self.ticket.id}
                ),
                "create task": lambda Task=Task: Task.create(
                    self._task_values(helpdesk_ticket_id=self.ticket.id)
                ),
                "default key": lambda Task=Task: Task.with_context(
                    default_helpdesk_ticket_id=self.ticket.id
                ).create(self._task_values()),
                "link": lambda user=user: unlinked.with_user(user).write(
                    {"helpdesk_ticket_id": self.ticket.id}
                ),
                **{
                    f"agent's dialog: {button}": lambda user=user, button=button: (
                        getattr(dialog.with_user(user), button)()
                    )
                    for button in BUTTONS
                },
            }
            for call_name, call in calls.items():
                with self.subTest(user=name, call=call_name):
                    self.assertRefused(call, "", exception=UserError)
            if ticket.has_access("read"):
                self.assertFalse(ticket.aftersales_can_plan, name)
        self.assertFalse(unlinked.helpdesk_ticket_id)
        self.assertFalse(dialog.aftersales_done, "the agent may still use it")
        dialog.action_create_task()
        self.assertEqual(len(self._tasks()), 1)

    def test_followers_are_told_why(self):
        user = self.attackers["follower_stock"]  # a project user
        Task = self.env["project.task"].with_user(user)
        for call in (
            self.ticket.with_user(user).action_helpdesk_plan_intervention,
            lambda: (
                self.env[WIZARD]
                .with_user(user)
                .with_context(active_model="helpdesk.ticket", active_id=self.ticket.id)
                .create({})
            ),
            lambda: Task.create(self._task_values(helpdesk_ticket_id=self.ticket.id)),
        ):
            with self.subTest(call=call):
                self.assertRefused(call, "Only helpdesk agents", AccessError)

    # which tasks may be linked ----------------------------------------------

    def test_only_tasks_of_field_service_projects_are_linked(self):
        """A task of a project that is not a field service project cannot be
        linked to a ticket (by creation, a context key, a link, or by moving a
        linked task); a field service project with linked tasks stays one."""
        Task = self.env["project.task"].with_user(self.agent)
        self.plain_project.message_subscribe(self.agent.partner_id.ids)
        message = "cannot be linked to ticket"
        self.assertRefused(
            lambda: Task.create(
                self._task_values(self.plain_project, helpdesk_ticket_id=self.ticket.id)
            ),
            message,
            ValidationError,
        )
        self.assertRefused(
            lambda: Task.with_context(default_helpdesk_ticket_id=self.ticket.id).create(
                self._task_values(self.plain_project)
            ),
            message,
            ValidationError,
        )
        plain_task = Task.create(self._task_values(self.plain_project))
        self.assertRefused(
            lambda: plain_task.write({"helpdesk_ticket_id": self.ticket.id}),
            message,
            ValidationError,
        )
        # linked, the task stays in field service projects
        self._plan()
        task = self._tasks().with_user(self.agent)
        with self.assertRaisesText(ValidationError, message):
            task.project_id = self.plain_project
        with self.assertRaisesText(ValidationError, "stays a field service project"):
            self.fsm_project.is_fsm = False
        self.assertEqual(task.project_id, self.fsm_project)
        # the same through the agent's own task form with a default key
        task = Task.with_context(default_helpdesk_ticket_id=self.ticket.id).create(
            self._task_values()
        )
        self.assertEqual(task.helpdesk_ticket_id, self.ticket, "a field service task")

    # public methods with bad values -----------------------------------------

    def test_button_on_not_one_ticket(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        for tickets in (
            Ticket,
            Ticket.browse(999999999),
            (self.ticket | self._ticket(self.customer)).with_user(self.agent),
        ):
            with self.subTest(tickets=tickets.ids):
                self.assertRefused(
                    tickets.action_helpdesk_plan_intervention,
                    "Choose one existing ticket",
                )

    def test_dialog_of_a_ticket_that_is_not_one(self):
        Wizard = self.env[WIZARD].with_user(self.agent)
        for ticket_id in ("abc", [self.ticket.id], 1.5, True, 999999999):
            with self.subTest(active_id=ticket_id):
                self.assertRefused(
                    lambda ticket_id=ticket_id: Wizard.with_context(
                        active_model="helpdesk.ticket", active_id=ticket_id
                    ).create({}),
                    "Choose one existing ticket",
                )
        for ticket_id in BAD_IDS:
            with self.subTest(helpdesk_ticket_id=ticket_id):
                self.assertRefused(
                    lambda ticket_id=ticket_id: Wizard.create(
                        {"helpdesk_ticket_id": ticket_id}
                    ),
                    "",
                )

    def test_buttons_of_not_one_dialog(self):
        first, second = self._wizard(), self._wizard()
        Wizard = self.env[WIZARD].with_user(self.agent)
        for wizards in (Wizard, Wizard.browse(999999999), first | second):
            for button in BUTTONS:
                with self.subTest(wizards=wizards.ids, button=button):
                    self.assertRefused(
                        getattr(wizards, button), "This dialog no longer exists"
                    )

    def test_values_no_form_sends(self):
        """Wrong types and missing records, on create and write of the dialog:
        a clear error, nothing made."""
        cases = {
            "name": ((123, True, ["Visit"], {"en_US": "Visit"}), "must be a text"),
            "date_deadline": (
                ("tomorrow", "2026-13-45 25:00:00", 20260615, True, [2026]),
                "must be a date and time",
            ),
            "user_ids": (
                (
                    "abc",
                    [self.technician.id],
                    [(6, 0, [999999999])],
                    [(6, 0, "abc")],
                    [(0, 0, {"name": "Ghost", "login": "ghost"})],
                    [(4, "abc")],
                    [(4, True)],
                    [(1, self.technician.id, {"name": "Renamed"})],
                    [(2, self.technician.id)],
                ),
                "Choose the technicians among the users",
            ),
            "project_id": (BAD_IDS, ""),
            "partner_id": (BAD_IDS, ""),
            "aftersales_reason_id": (BAD_IDS, ""),
        }
        wizard = self._wizard()
        technician_name = self.technician.name
        for fname, (values, message) in cases.items():
            for value in values:
                with self.subTest(field=fname, value=value):
                    self.assertRefused(
                        lambda fname=fname, value=value: self._wizard(**{fname: value}),
                        message,
                    )
                    self.assertRefused(
                        lambda fname=fname, value=value: wizard.write({fname: value}),
                        message,
                    )
        self.assertEqual(self.technician.name, technician_name, "not renamed")
        self.assertTrue(self.technician.exists())
        wizard.action_create_task()
        task = self._tasks()
        self.assertEqual(task.name, "Dishwasher leaking", "none of it was kept")
        self.assertFalse(task.user_ids)
        self.assertFalse(task.date_deadline)

    def test_technicians_are_project_users_of_the_company(self):
        company_2 = self.env["res.company"].create({"name": "Elsewhere Co"})
        elsewhere = self._aftersales_user(
            "fsm-elsewhere", "project.group_project_user", company_2
        )
        no_project = self._aftersales_user("fsm-no-project", "base.group_user")
        archived = self._aftersales_user("fsm-archived", "project.group_project_user")
        archived.active = False
        portal = new_portal_user(self.env, self.customer, "fsm-portal-technician")
        for user in (elsewhere, no_project, archived, portal):
            with self.subTest(user=user.login):
                wizard = self._wizard(user_ids=[Command.set(user.ids)])
                for button in BUTTONS:
                    self.assertRefused(
                        getattr(wizard, button),
                        f"Only project users of {self.company.name}",
                    )
        wizard = self._wizard(user_ids=[Command.set(self.technician.ids)])
        wizard.action_create_and_view_task()
        self.assertEqual(self._tasks().user_ids, self.technician)

    def test_open_ticket_of_not_one_task(self):
        self._plan()
        self._plan()
        tasks = self._tasks().with_user(self.agent)
        Task = self.env["project.task"].with_user(self.agent)
        for records in (Task, Task.browse(999999999), tasks):
            with (
                self.subTest(tasks=records.ids),
                self.assertRaisesText(UserError, "Choose one existing document"),
            ):
                records.action_open_helpdesk_ticket()
        unlinked = Task.create(self._task_values())
        with self.assertRaisesText(UserError, "not linked to a ticket"):
            unlinked.action_open_helpdesk_ticket()
