# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Interventions in the After-Sales Analysis."""

from odoo import fields
from odoo.tests import tagged

from .common import FsmCommon
from odoo.addons.helpdesk_aftersales.tests.analysis_common import AnalysisTestMixin


@tagged("post_install", "-at_install")
class TestFsmAnalysis(AnalysisTestMixin, FsmCommon):
    def test_intervention_rows(self):
        """An intervention counts its allocated hours, for no value."""
        _wizard, _action = self._plan("action_create_task")
        task = self._tasks()
        task.allocated_hours = 3.5
        row = self._analysis_rows(self.ticket)
        self.assertAnalysisRow(
            row,
            task,
            kind="intervention",
            state="open",
            quantity=3.5,
            value=0.0,
            name=task.name,
            date=fields.Date.today(),
        )
        deadline = fields.Datetime.now().replace(microsecond=0)
        task.date_deadline = deadline
        task.state = "1_done"
        row.invalidate_recordset()
        self.assertAnalysisRow(row, task, state="done", date=deadline.date())
        self.assertEqual(self.ticket.aftersales_value, 0.0)

    def test_cancelled_and_archived_tasks_are_left_out(self):
        self._plan("action_create_task")
        self._plan("action_create_task")
        cancelled, archived = self._tasks()
        cancelled.state = "1_canceled"
        self.assertEqual(self._analysis_rows(self.ticket).res_id, archived.id)
        archived.active = False
        self.assertFalse(self._analysis_rows(self.ticket))

    def test_team_user_sees_the_rows_of_the_team(self):
        other_team = self._aftersales_team("Other Field Team", use_fsm=True)
        elsewhere = self._aftersales_ticket(other_team, self.customer, user_id=False)
        self._plan("action_create_task")
        self.env["project.task"].create(
            {
                "name": "Elsewhere",
                "project_id": self.fsm_project.id,
                "partner_id": self.customer.id,
                "helpdesk_ticket_id": elsewhere.id,
            }
        )
        tickets = self.ticket | elsewhere
        self.assertEqual(len(self._analysis_rows(tickets)), 2)
        # the agent is a member of the ticket's team, not of the other one
        rows = self._analysis_rows(tickets, self.agent)
        self.assertAnalysisRow(rows, self._tasks())
