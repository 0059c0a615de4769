# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.fields import Command

DEMO_TICKET = "helpdesk_aftersales.demo_ticket_fsm_planned"
DEMO_REASON = "helpdesk_aftersales.reason_defective"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    @api.model
    def _aftersales_fsm_demo(self):
        """Demo data (``demo/helpdesk_aftersales_fsm_demo.xml``): the base
        addon's demo ticket "Oven door does not close" has its intervention,
        planned in three days with the demo user as technician.

        The task is made the way users make it, without external id: like the
        ticket, it stays when this addon is uninstalled (its link to the ticket
        comes back when it is installed again), and a ticket that already has
        its task is left as it is."""
        ticket = self.env.ref(DEMO_TICKET, raise_if_not_found=False)
        if not ticket or ticket.aftersales_task_count:
            return
        technician = self.env.ref("base.user_demo", raise_if_not_found=False)
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
                    "aftersales_reason_id": self.env.ref(DEMO_REASON).id,
                }
            )
        )
        wizard.action_create_task()
