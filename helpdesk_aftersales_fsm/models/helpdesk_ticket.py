# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.fields import Command

from .project_project import PORTAL_VISIBILITIES
from odoo.addons.helpdesk_aftersales.aftersales import DocumentKind

FSM_WIZARD = "helpdesk.ticket.fsm.task"
FSM_VIEW = "helpdesk_aftersales_fsm.helpdesk_ticket_fsm_task_view_form"
TASK_ACTION = "project.action_view_all_task"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # prefixed: helpdesk_mgmt_project gives tickets tasks of its own
    aftersales_task_count = fields.Integer(
        string="Tasks", compute="_compute_aftersales_counts"
    )

    def _aftersales_document_kinds(self):
        return [
            *super()._aftersales_document_kinds(),
            DocumentKind(
                count_field="aftersales_task_count",
                model="project.task",
                toggle="use_fsm",
                groups="project.group_project_user",
                # tasks of field service projects only (whether the user reads
                # the project or only the task)
                domain=[("is_fsm", "=", True)],
                active_domain=[("state", "!=", "1_canceled")],
                action=TASK_ACTION,
                created_note=self.env._(
                    "Field service task created from this ticket: %(document)s."
                ),
                linked_note=self.env._(
                    "Field service task linked to this ticket: %(document)s."
                ),
                portal_label=self.env._("Intervention"),
                # only tasks of projects open to the portal; the link is given to
                # the visitors who may read the task (its followers)
                portal_domain=[
                    ("project_id.privacy_visibility", "in", PORTAL_VISIBILITIES)
                ],
                portal_date_field="date_deadline",
                portal_state_field="state",
            ),
        ]

    def _aftersales_fsm_default_project(self):
        """The project the Plan Intervention dialog starts with: the team's
        field service project when it is usable in the ticket's company (and
        the user reads it), else the first field service project of that
        company."""
        self.ensure_one()
        project = self.team_id.fsm_project_id._filtered_access("read")
        if project and project._aftersales_fsm_usable_in(self.company_id):
            return project
        return self.env["project.project"]._aftersales_fsm_default(self.company_id)

    def action_helpdesk_plan_intervention(self):
        """The Plan Intervention button: the dialog creating a field service
        task for the ticket."""
        self._aftersales_guard("use_fsm")
        # the dialog is for project users (To-Do lets every internal user create
        # tasks, private ones only)
        self.env[FSM_WIZARD].check_access("create")
        self.env["project.task"].check_access("create")
        return self._aftersales_dialog(
            FSM_WIZARD, FSM_VIEW, self.env._("Create a Field Service task")
        )

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_fsm_demo(self):
        """Demo data (``demo/helpdesk_aftersales_fsm_demo.xml``): the base
        addon's demo ticket "Oven door does not close" has its intervention,
        planned in three days with the demo user as technician.

        The task is made the way users make it, without external id: like the
        ticket, it stays when this addon is uninstalled (its link to the ticket
        comes back when it is installed again), and a ticket that already has
        its task is left as it is."""
        ticket = self.env.ref(
            "helpdesk_aftersales.demo_ticket_fsm_planned", raise_if_not_found=False
        )
        if not ticket or ticket.aftersales_task_count:
            return
        technician = (
            self.env.ref("base.user_demo", raise_if_not_found=False)
            or self.env["res.users"]
        )
        planned = datetime.combine(
            fields.Date.context_today(self) + timedelta(days=3), time(9, 0)
        )
        wizard = (
            self.env["helpdesk.ticket.fsm.task"]
            .with_context(active_model="helpdesk.ticket", active_id=ticket.id)
            .create(
                {
                    "date_deadline": planned,
                    "user_ids": [Command.set(technician.ids)],
                    "aftersales_reason_id": self.env.ref(
                        "helpdesk_aftersales.reason_defective"
                    ).id,
                }
            )
        )
        wizard.action_create_task()
