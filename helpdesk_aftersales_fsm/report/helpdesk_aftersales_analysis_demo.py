# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class HelpdeskAftersalesReport(models.Model):
    _inherit = "helpdesk.aftersales.report"

    @api.model
    def _aftersales_demo_interventions(self, specs):
        """Demo data of the After-Sales Analysis: field service tasks of the
        demo tickets, planned some days after each ticket; the older ones done.

        :param specs: ``[(ticket xmlid, reason xmlid, days after the ticket,
            allocated hours, done, product xmlid or None)]``; the product goes
            to the ticket when tickets have one (helpdesk_product)
        """
        for ticket_ref, reason_ref, days, hours, done, product_ref in specs:
            ticket = self.env.ref(ticket_ref)
            if product_ref and "product_id" in ticket._fields and not ticket.product_id:
                ticket.product_id = self.env.ref(product_ref)
            project = self.env["project.project"].search(
                [
                    ("is_fsm", "=", True),
                    ("company_id", "in", [ticket.company_id.id, False]),
                ],
                order="company_id",
                limit=1,
            )
            task = self.env["project.task"].create(
                {
                    "name": ticket.name,
                    "project_id": project.id,
                    "partner_id": ticket.partner_id.id,
                    "description": ticket.description,
                    "allocated_hours": hours,
                    "date_deadline": self._aftersales_demo_when(ticket, days),
                    "user_ids": False,
                    "helpdesk_ticket_id": ticket.id,
                    "aftersales_reason_id": self.env.ref(reason_ref).id,
                }
            )
            if done:
                task.state = "1_done"
