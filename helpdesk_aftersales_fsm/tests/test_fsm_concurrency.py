# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two sessions pressing Create Task on the same dialog at the same moment, each
with a cursor (and a transaction) of its own. Their data is committed, so that
both see it, and removed at the end."""

from odoo import api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.helpdesk_aftersales.tests.common import committed_env

WIZARD = "helpdesk.ticket.fsm.task"


@tagged("post_install", "-at_install")
class TestFsmConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        self.uid = self.env.ref("base.user_admin").id
        with committed_env(self.registry) as env:
            partner = env["res.partner"].create({"name": "Concurrent customer"})
            team = env["helpdesk.ticket.team"].create(
                {"name": "Concurrent interventions", "use_fsm": True}
            )
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": "Plan twice?",
                    "description": "<p>Two agents at once</p>",
                    "team_id": team.id,
                    "partner_id": partner.id,
                }
            )
            self.ids = {"partner": partner.id, "team": team.id, "ticket": ticket.id}
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with committed_env(self.registry) as env:
            env["project.task"].with_context(active_test=False).search(
                [("helpdesk_ticket_id", "=", self.ids["ticket"])]
            ).unlink()
            env[WIZARD].search(
                [("helpdesk_ticket_id", "=", self.ids["ticket"])]
            ).unlink()
            env["helpdesk.ticket"].browse(self.ids["ticket"]).unlink()
            env["helpdesk.ticket.team"].browse(self.ids["team"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _dialog(self):
        with committed_env(self.registry, self.uid) as env:
            ticket = env["helpdesk.ticket"].browse(self.ids["ticket"])
            action = ticket.action_helpdesk_plan_intervention()
            wizard = env[WIZARD].with_context(**action["context"]).create({})
            self.assertTrue(wizard.project_id.is_fsm, "the team's project")
            return wizard.id

    def _tasks(self):
        with committed_env(self.registry) as env:
            return env["project.task"].search_count(
                [("helpdesk_ticket_id", "=", self.ids["ticket"])]
            )

    def _create(self, cr, wizard_id, button="action_create_task"):
        env = api.Environment(cr, self.uid, {})
        return getattr(env[WIZARD].browse(wizard_id), button)()

    def test_two_sessions_on_the_same_dialog(self):
        wizard_id = self._dialog()
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._create(cr1, wizard_id)
            with self.assertRaisesRegex(UserError, "processed in another session"):
                self._create(cr2, wizard_id, "action_create_and_view_task")
            cr2.rollback()
            cr1.commit()
            with self.assertRaisesRegex(UserError, "already been done"):
                self._create(cr2, wizard_id)
            cr2.rollback()
        self.assertEqual(self._tasks(), 1)
