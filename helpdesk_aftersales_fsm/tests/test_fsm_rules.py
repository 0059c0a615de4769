# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The dialog as an adversarial user tries it: JSON-RPC calls of its public
methods with crafted values, links written by hand, counts per user."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import FSM_VIEW, WIZARD, FsmCommon

BUTTONS = ("action_create_task", "action_create_and_view_task")


@tagged("post_install", "-at_install")
class TestFsmRules(FsmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.env["res.company"].create({"name": "Elsewhere Field Co"})
        cls.foreign_project = cls.env["project.project"].create(
            {"name": "Field Service", "is_fsm": True, "company_id": cls.company_2.id}
        )
        cls.plain_project = cls.env["project.project"].create(
            {
                "name": "Internal improvements",
                "company_id": cls.company.id,
                "privacy_visibility": "employees",
            }
        )

    def _aftersales_made(self):
        return self._task_count()

    def test_rpc_project_of_another_company(self):
        self.agent.company_ids |= self.company_2  # the user may even read it
        for button in BUTTONS:
            with self.subTest(button=button):
                wizard = self._dialog()
                wizard.project_id = self.foreign_project
                self.assertRefused(
                    getattr(wizard, button), "belongs to another company"
                )
        self.assertFalse(self.ticket.aftersales_task_count)

    def test_rpc_project_not_field_service(self):
        for button in BUTTONS:
            with self.subTest(button=button):
                wizard = self._dialog()
                wizard.project_id = self.plain_project
                self.assertRefused(
                    getattr(wizard, button), "is not a field service project"
                )

    def test_dialog_offers_field_service_projects_of_the_company_only(self):
        self.agent.company_ids |= self.company_2
        domain = self.env[WIZARD].fields_get(["project_id"], ["domain"])["project_id"][
            "domain"
        ]
        self.assertIn("('is_fsm', '=', True)", domain)
        self.assertIn("('company_id', '=', company_id)", domain)
        offered = (
            self.env["project.project"]
            .with_user(self.agent)
            .search(
                [
                    ("is_fsm", "=", True),
                    "|",
                    ("company_id", "=", False),
                    ("company_id", "=", self.ticket.company_id.id),
                ]
            )
        )
        self.assertIn(self.fsm_project, offered)
        self.assertNotIn(self.foreign_project, offered)
        self.assertNotIn(self.plain_project, offered)

    def test_rpc_customer_of_another_entity(self):
        for button in BUTTONS:
            with self.subTest(button=button):
                wizard = self._dialog()
                wizard.partner_id = self.other_customer
                self.assertRefused(
                    getattr(wizard, button), "The customer of the task must be"
                )
        foreign = self.env["res.partner"].create(
            {"name": "Foreign contact", "company_id": self.company_2.id}
        )
        self.agent.company_ids |= self.company_2  # the user may even read it
        ticket = self._ticket(False)
        wizard = self._dialog(ticket, partner_id=self.customer)
        wizard.sudo().partner_id = foreign
        self.assertRefused(wizard.action_create_task, "belongs to another company")
        self.assertFalse(ticket.partner_id, "nothing written back")

    def test_rpc_empty_title_or_project(self):
        wizard = self._dialog()
        wizard.name = "   "
        self.assertRefused(wizard.action_create_task, "Give the task a title")
        wizard = self._dialog()
        wizard.project_id = False
        self.assertRefused(
            wizard.action_create_and_view_task, "Choose the field service project"
        )

    def test_rpc_unreadable_project(self):
        private = self.env["project.project"].create(
            {
                "name": "Private interventions",
                "is_fsm": True,
                "privacy_visibility": "followers",
                "company_id": self.company.id,
            }
        )
        wizard = self._dialog()
        wizard.project_id = private
        for button in BUTTONS:
            with self.subTest(button=button):
                self.assertRefused(getattr(wizard, button), "", exception=AccessError)
        # its followers use it
        private.message_subscribe(self.agent.partner_id.ids)
        wizard = self._dialog(project_id=private)
        wizard.action_create_task()
        self.assertEqual(self._tasks().project_id, private)

    def test_rpc_dialog_of_an_unreadable_ticket(self):
        other_team = self._aftersales_team("Secret", use_fsm=True)
        secret = self._aftersales_ticket(other_team, self.customer)
        with self.assertRaises(AccessError):
            secret.with_user(self.agent).check_access("read")
        Wizard = self.env[WIZARD].with_user(self.agent)
        values = {
            "name": "Sneaky",
            "project_id": self.fsm_project.id,
            "partner_id": self.customer.id,
        }
        # neither by the ticket's id nor from its context: nothing of it shown
        self.assertRefused(
            lambda: Wizard.create({**values, "helpdesk_ticket_id": secret.id}),
            "",
            exception=AccessError,
        )
        self.assertRefused(
            lambda: Wizard.with_context(
                active_model="helpdesk.ticket", active_id=secret.id
            ).create(values),
            "",
            exception=AccessError,
        )
        self.assertFalse(Wizard.search([("helpdesk_ticket_id", "=", secret.id)]))

    def test_rpc_dialog_without_ticket(self):
        self.assertRefused(
            lambda: (
                self.env[WIZARD]
                .with_user(self.agent)
                .create(
                    {
                        "name": "No ticket",
                        "project_id": self.fsm_project.id,
                        "partner_id": self.customer.id,
                    }
                )
            ),
            "Plan an intervention from the ticket it is for",
        )

    def test_rpc_cannot_change_the_ticket_or_replay(self):
        wizard, _action = self._plan()
        other = self._ticket(self.customer)
        with self.assertRaisesText(UserError, "cannot be changed"):
            wizard.write({"helpdesk_ticket_id": other.id})
        with self.assertRaisesText(UserError, "cannot be changed"):
            wizard.write({"aftersales_done": False})
        for button in BUTTONS:
            with self.subTest(button=button):
                self.assertRefused(getattr(wizard, button), "already been done")
        fresh = (
            self.env[WIZARD]
            .with_user(self.agent)
            .create({"helpdesk_ticket_id": self.ticket.id, "aftersales_done": True})
        )
        self.assertFalse(fresh.aftersales_done, "not settable on create")
        self.assertEqual(fresh.project_id, self.fsm_project, "defaults by RPC too")

    def test_rpc_option_off(self):
        wizard = self._dialog()
        self.team.use_fsm = False
        for button in BUTTONS:
            with self.subTest(button=button):
                self.assertRefused(
                    getattr(wizard, button), "The option Field Service is off"
                )

    def test_links_only_to_the_ticket_customer_and_company(self):
        task = self.env["project.task"].create(
            {
                "name": "Other's task",
                "project_id": self.fsm_project.id,
                "partner_id": self.other_customer.id,
            }
        )
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            task.helpdesk_ticket_id = self.ticket
        self._plan()
        task = self._tasks()
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            task.partner_id = self.other_customer
        foreign_task = self.env["project.task"].create(
            {
                "name": "Foreign task",
                "project_id": self.foreign_project.id,
                "partner_id": self.customer.id,
            }
        )
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            foreign_task.helpdesk_ticket_id = self.ticket

    def test_counts_depend_on_the_user(self):
        self._plan()
        self._tasks().project_id.privacy_visibility = "followers"
        # the agent follows the task (they created it); another user does not
        self.assertCountPerUser(
            self.ticket, "aftersales_task_count", self.agent, self.helpdesk_only, 1
        )
        with Form(self.ticket.with_user(self.helpdesk_only)) as form:
            self.assertEqual(
                form.aftersales_task_count, 0, "no access, no count, no error"
            )

    def test_counts_one_query_for_any_number_of_tickets(self):
        """One grouped query per kind of document, for 1 ticket as for 200 (the
        counts of the other bridges installed are computed along: as many
        queries as kinds, at most)."""
        tickets = self._aftersales_tickets(self.team, self.customer, 200)
        self._plan(ticket=tickets[0])
        totals = self.assertCountQueries(tickets, self.agent, ["aftersales_task_count"])
        self.assertEqual(totals, {"aftersales_task_count": 1})

    def test_dialog_opens_in_constant_queries(self):
        """Opening the dialog costs the same for a customer with 10 and with 500
        past interventions."""

        def ticket_with_history(partner, count):
            self.env["project.task"].with_context(
                tracking_disable=True, mail_create_nolog=True
            ).create(
                [
                    {
                        "name": f"Past visit {n}",
                        "project_id": self.fsm_project.id,
                        "partner_id": partner.id,
                    }
                    for n in range(count)
                ]
            )
            return self._ticket(partner)

        few = ticket_with_history(self.other_customer, 10)
        many = ticket_with_history(
            self.env["res.partner"].create({"name": "Loyal customer"}), 500
        )
        self.env.flush_all()
        self.env.cr.execute("ANALYZE project_task")

        def opening_queries(ticket):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            Wizard, _action = self._open_dialog(ticket)
            Form(Wizard, view=FSM_VIEW)
            return self.cr.sql_log_count - start

        opening_queries(few)  # warm the caches (views, rules, translations)
        opening_queries(many)
        self.assertEqual(opening_queries(few), opening_queries(many))
