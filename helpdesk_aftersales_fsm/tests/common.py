# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Abstract bases of the field service tests (no test of their own)."""

from odoo.tests import Form, HttpCase

from odoo.addons.helpdesk_aftersales.tests.common import AftersalesTestMixin
from odoo.addons.project.tests.test_project_base import TestProjectCommon

WIZARD = "helpdesk.ticket.fsm.task"
FSM_VIEW = "helpdesk_aftersales_fsm.helpdesk_ticket_fsm_task_view_form"
TASK_STATUS = "helpdesk_aftersales.mt_ticket_task_status"
# a helpdesk user of the team who is a project user, not a project manager
AGENT_GROUPS = "helpdesk_mgmt.group_helpdesk_user_team,project.group_project_user"


class FsmTestMixin(AftersalesTestMixin):
    """Users, team and ticket of the field service tests, and the dialog's
    helpers; combined with a transaction or HTTP test base."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.group_ids |= cls.env.ref("helpdesk_mgmt.group_helpdesk_manager")
        cls.company = cls.env.company
        cls.stages = {
            step: cls.env.ref(f"helpdesk_aftersales_fsm.project_task_type_fsm_{step}")
            for step in ("new", "planned", "in_progress", "done", "cancelled")
        }
        cls.reason = cls.env.ref("helpdesk_aftersales.reason_defective")
        cls.agent = cls._aftersales_user("fsm-agent", AGENT_GROUPS)
        # a technician: a project user of the company, not a helpdesk user
        cls.technician = cls._aftersales_user(
            "fsm-technician", "project.group_project_user"
        )
        cls.helpdesk_only = cls._aftersales_user(
            "fsm-helpdesk-only", "helpdesk_mgmt.group_helpdesk_user"
        )
        cls.team = cls._aftersales_team("Field Service Team", use_fsm=True)
        # the company's "Field Service" project (made when a team first needed
        # it)
        cls.fsm_project = cls.team.fsm_project_id
        cls.team.user_ids = cls.agent
        cls.customer = cls.env["res.partner"].create(
            {"name": "Onsite Customer", "email": "onsite@example.com"}
        )
        cls.customer_contact = cls.env["res.partner"].create(
            {"name": "Site contact", "parent_id": cls.customer.id}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other Customer", "email": "other@example.com"}
        )
        cls.ticket = cls._ticket(cls.customer)

    @classmethod
    def _ticket(cls, partner, **values):
        return cls._aftersales_ticket(
            cls.team, partner, name="Dishwasher leaking", **values
        )

    def _open_dialog(self, ticket=None, user=None):
        """The Plan Intervention button, as the ticket form calls it: the
        dialog's model in the action's context, and the action."""
        user = user or self.agent
        ticket = (ticket or self.ticket).with_user(user)
        action = ticket.action_helpdesk_plan_intervention()
        Wizard = self.env[action["res_model"]].with_user(user)
        return Wizard.with_context(**action["context"]), action

    def _dialog(self, ticket=None, user=None, **changes):
        """The saved dialog, with ``changes`` made in the form."""
        Wizard, _action = self._open_dialog(ticket, user)
        with Form(Wizard, view=FSM_VIEW) as form:
            for name, value in changes.items():
                setattr(form, name, value)
        return form.save()

    def _plan(self, button="action_create_task", ticket=None, user=None, **changes):
        """Open the dialog, make ``changes``, press ``button``."""
        wizard = self._dialog(ticket, user, **changes)
        return wizard, getattr(wizard, button)()

    def _tasks(self, ticket=None):
        return self.env["project.task"].search(
            [("helpdesk_ticket_id", "=", (ticket or self.ticket).id)]
        )

    def _task_count(self):
        return (
            self.env["project.task"]
            .sudo()
            .with_context(active_test=False)
            .search_count([])
        )


class FsmCommon(FsmTestMixin, TestProjectCommon):
    pass


class FsmHttpCommon(FsmTestMixin, HttpCase):
    pass
