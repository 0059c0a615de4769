# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import format_date

from odoo.addons.helpdesk_aftersales.aftersales import StatusRule

TASK_STATUS = "helpdesk_aftersales.mt_ticket_task_status"
# the state a task takes when it is moved to a field service stage
STAGE_STATES = {
    "done": "1_done",
    "cancelled": "1_canceled",
}
CLOSED_STATES = tuple(STAGE_STATES.values())


class ProjectTask(models.Model):
    _name = "project.task"
    _inherit = ["project.task", "helpdesk.aftersales.document.mixin"]

    # stored on the task: users who read a task without reading its project
    # (followers of the task) count it on their tickets too
    is_fsm = fields.Boolean(
        related="project_id.is_fsm", store=True, string="Field Service"
    )

    def _aftersales_status_rules(self):
        return [
            StatusRule(
                field="state",
                messages={
                    "1_done": self.env._("Task %(document)s done"),
                    "1_canceled": self.env._("Task %(document)s cancelled"),
                },
                subtype=TASK_STATUS,
            )
        ]

    @api.constrains("project_id")
    def _check_aftersales_fsm_project(self):
        """A task linked to a ticket stays in field service projects."""
        self._check_aftersales_ticket_link()

    def _aftersales_portal_values(self):
        """The portal row of an intervention: its planned date and time (in
        the visitor's time zone) and its stage."""
        values = {}
        if self.date_deadline:
            local = fields.Datetime.context_timestamp(
                self.with_context(tz=self.env.user.tz or "UTC"), self.date_deadline
            )
            values["date"] = f"{format_date(self.env, local.date())} {local:%H:%M}"
        if self.stage_id:
            values["state"] = self.stage_id.name
        return values

    # ------------------------------------------------------------------
    # Field service stages and the task's state
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.update(self._aftersales_fsm_state_of_stage(vals))
        return super().create(vals_list)

    def write(self, vals):
        state = self._aftersales_fsm_state_of_stage(vals)
        if state.get("state") == "01_in_progress":
            # moved back from Done or Cancelled: the closed ones reopen
            reopened = self.filtered(lambda task: task.state in CLOSED_STATES)
            res = super().write(vals)
            if reopened:
                super(ProjectTask, reopened).write(state)
            return res
        return super().write({**vals, **state})

    @api.model
    def _aftersales_fsm_state_of_stage(self, vals):
        """The state a task takes when ``vals`` move it to a field service
        stage: done or cancelled in the Done or Cancelled stage (its ticket is
        told so), in progress again in another one. Nothing when the caller
        sets the state itself or the stage is another one."""
        stage_id = vals.get("stage_id")
        if (
            not stage_id
            or "state" in vals
            or not isinstance(stage_id, int)
            or isinstance(stage_id, bool)
        ):
            return {}
        Project = self.env["project.project"]
        for step, state in STAGE_STATES.items():
            if Project._aftersales_fsm_stage(step).id == stage_id:
                return {"state": state}
        if any(
            Project._aftersales_fsm_stage(step).id == stage_id
            for step in ("new", "planned", "in_progress")
        ):
            return {"state": "01_in_progress"}
        return {}
