# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import tagged

from .common import FsmHttpCommon
from odoo.addons.helpdesk_aftersales.tests.common import new_portal_user


@tagged("post_install", "-at_install")
class TestFsmTour(FsmHttpCommon):
    def test_backend_tour(self):
        """Ticket → Plan Intervention with a date and a technician → Create Task
        (stays), then → Create & View Task → the task → back to the ticket; as a
        team member who is a project user, not a project manager."""
        self.agent.password = "fsm-agent-password"
        self.technician.name = "Tom Technician"
        action = self.env.ref("helpdesk_mgmt.helpdesk_ticket_action")
        self.start_tour(
            f"/odoo/action-{action.id}/{self.ticket.id}",
            "helpdesk_aftersales_fsm_tour",
            login=self.agent.login,
        )
        tasks = self._tasks()
        self.assertEqual(
            sorted(tasks.mapped("name")),
            ["Check the water connection", "Dishwasher leaking"],
        )
        self.assertEqual(tasks.project_id, self.fsm_project)
        self.assertEqual(tasks.partner_id, self.customer)
        planned = tasks.filtered(lambda t: t.name == "Check the water connection")
        self.assertEqual(planned.user_ids, self.technician)
        self.assertEqual(planned.stage_id, self.stages["planned"])
        # the date typed in the agent's time zone
        local = fields.Datetime.context_timestamp(
            planned.with_user(self.agent), planned.date_deadline
        )
        self.assertEqual(local.strftime("%m/%d/%Y %H:%M"), "06/15/2026 09:00")
        other = tasks - planned
        self.assertFalse(other.user_ids)
        self.assertEqual(other.stage_id, self.stages["new"])

    def test_portal_tour(self):
        """The customer opens the ticket, its task, and comes back."""
        new_portal_user(self.env, self.customer, "fsm-portal-customer")
        self._plan(name="Check the water connection")
        self.start_tour(
            f"/my/ticket/{self.ticket.id}",
            "helpdesk_aftersales_fsm_portal_tour",
            login="fsm-portal-customer",
        )


@tagged("post_install", "-at_install")
class TestFsmPortal(FsmHttpCommon):
    """The ticket's portal page lists the customer's tasks, the task's page links
    back to the ticket; another customer sees neither, and no link carries a
    token."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_customer = new_portal_user(cls.env, cls.customer, "fsm-portal-a")
        cls.portal_other = new_portal_user(cls.env, cls.other_customer, "fsm-portal-b")
        wizard = (
            cls.env["helpdesk.ticket.fsm.task"]
            .with_context(active_model="helpdesk.ticket", active_id=cls.ticket.id)
            .create({"name": "Check the water connection"})
        )
        wizard.action_create_task()
        cls.task = cls.ticket._aftersales_documents("aftersales_task_count")
        cls.task.date_deadline = "2026-06-15 09:00:00"

    def _get(self, login, url):
        self.authenticate(login, login)
        return self.url_open(url)

    def test_customer_sees_the_task_and_the_links_both_ways(self):
        response = self._get("fsm-portal-a", f"/my/ticket/{self.ticket.id}")
        self.assertEqual(response.status_code, 200)
        section = response.text.split('name="aftersales_aftersales_task_count"')[1]
        self.assertIn("Check the water connection", section)
        self.assertIn("06/15/2026 09:00", section, "the planned date and time")
        self.assertIn(">New<", section, "the stage")
        self.assertIn(f'href="/my/tasks/{self.task.id}"', section)
        self.assertNotIn("access_token", section)
        self.task.stage_id = self.stages["planned"]
        response = self.url_open(f"/my/ticket/{self.ticket.id}")
        section = response.text.split('name="aftersales_aftersales_task_count"')[1]
        self.assertIn(">Planned<", section)
        response = self.url_open(f"/my/tasks/{self.task.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Check the water connection", response.text)
        # its stage under "Stage:", no stray time without allocated hours
        header = response.text.split('id="card_header"')[1].split('id="card_body"')[0]
        self.assertRegex(header, r"Stage:</small>\s*<span[^>]*>Planned</span>")
        self.assertRegex(
            response.text, r'name="portal_my_task_allocated_hours">\s*</div>'
        )
        links = response.text.split('id="task-links"')[1].split("</ul>")[0]
        self.assertIn(f'href="/my/ticket/{self.ticket.id}"', links)
        self.assertIn(f"Ticket {self.ticket.number}", links)
        self.assertNotIn("access_token", links)

    def test_other_customer_sees_neither(self):
        for url in (f"/my/ticket/{self.ticket.id}", f"/my/tasks/{self.task.id}"):
            with self.subTest(url=url):
                response = self._get("fsm-portal-b", url)
                self.assertTrue(response.url.endswith("/my"), "sent back to /my")
                self.assertNotIn("Check the water connection", response.text)
                self.assertNotIn("Dishwasher leaking", response.text)

    def test_follower_of_another_customer_sees_no_task(self):
        """A follower of the ticket from another customer reads the ticket, not
        the customer's task."""
        self.ticket.message_subscribe(self.portal_other.partner_id.ids)
        response = self._get("fsm-portal-b", f"/my/ticket/{self.ticket.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f'data-res_id="{self.ticket.id}"', response.text, "its page")
        self.assertNotIn("aftersales_task_count", response.text)
        self.assertNotIn("Check the water connection", response.text)

    def test_task_of_an_internal_project_is_not_listed(self):
        self.task.project_id.privacy_visibility = "employees"
        response = self._get("fsm-portal-a", f"/my/ticket/{self.ticket.id}")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Check the water connection", response.text)
        response = self.url_open(f"/my/tasks/{self.task.id}")
        self.assertNotIn("Check the water connection", response.text)

    def test_task_follower_who_cannot_read_the_ticket(self):
        """Someone of another customer added to the task's followers (a
        subcontractor, say) reads the task, but gets no link to the ticket."""
        self.task.message_subscribe(self.portal_other.partner_id.ids)
        response = self._get("fsm-portal-b", f"/my/tasks/{self.task.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Check the water connection", response.text)
        self.assertNotIn(f"/my/ticket/{self.ticket.id}", response.text)
