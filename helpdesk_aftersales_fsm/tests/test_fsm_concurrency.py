# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two sessions pressing Create Task on the same dialog at the same moment, each
with a cursor (and a transaction) of its own."""

from odoo.tests import tagged

from odoo.addons.helpdesk_aftersales.tests.common import AftersalesConcurrencyCase

WIZARD = "helpdesk.ticket.fsm.task"


@tagged("post_install", "-at_install")
class TestFsmConcurrency(AftersalesConcurrencyCase):
    _concurrency_toggles = {"use_fsm": True}

    def _concurrency_cleanup(self, env):
        env["project.task"].with_context(active_test=False).search(
            [("helpdesk_ticket_id", "=", self.ids["ticket"])]
        ).unlink()
        env[WIZARD].search([("helpdesk_ticket_id", "=", self.ids["ticket"])]).unlink()

    def test_two_sessions_on_the_same_dialog(self):
        [wizard_id] = self._open_dialogs("action_helpdesk_plan_intervention")
        self.assertPressedOnce(
            wizard_id,
            lambda env, wizard_id: env[WIZARD].browse(wizard_id).action_create_task(),
            lambda: self._count(
                "project.task", [("helpdesk_ticket_id", "=", self.ids["ticket"])]
            ),
            lambda env, wizard_id: (
                env[WIZARD].browse(wizard_id).action_create_and_view_task()
            ),
        )
