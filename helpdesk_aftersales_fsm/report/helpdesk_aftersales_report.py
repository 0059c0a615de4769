# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from odoo.addons.helpdesk_aftersales.report.helpdesk_aftersales_report import (
    ReportPart,
)


class HelpdeskAftersalesReport(models.Model):
    """Interventions in the After-Sales Analysis: one row per field service
    task, of the ticket's product."""

    _inherit = "helpdesk.aftersales.report"
    _depends = {
        "project.task": [
            "helpdesk_ticket_id",
            "aftersales_reason_id",
            "project_id",
            "allocated_hours",
            "state",
            "active",
            "date_deadline",
            "create_date",
            "name",
        ],
        "project.project": ["is_fsm"],
    }

    def _aftersales_report_parts(self):
        return [
            *super()._aftersales_report_parts(),
            self._aftersales_intervention_part(),
        ]

    def _aftersales_intervention_part(self):
        """Each field service task of the ticket, with its allocated hours as
        quantity and no value (Community has no hourly cost of technicians),
        on its deadline (else its creation). Cancelled and archived tasks are
        left out."""
        return ReportPart(
            kind="intervention",
            model="project.task",
            table="project_task ptask JOIN project_project pproj "
            "ON pproj.id = ptask.project_id",
            ticket="ptask.helpdesk_ticket_id",
            document="ptask.id",
            line="ptask.id",
            date="COALESCE(ptask.date_deadline, ptask.create_date)",
            where="pproj.is_fsm AND ptask.active AND ptask.state != '1_canceled'",
            columns={
                "name": "ptask.name",
                "reason_id": "ptask.aftersales_reason_id",
                "state": "CASE ptask.state WHEN '1_done' THEN 'done' ELSE 'open' END",
                "quantity": "ptask.allocated_hours",
            },
        )

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_demo_interventions(self, specs):
        """Demo data of the After-Sales Analysis: field service tasks of the
        demo tickets, planned some days after each ticket; the older ones done.

        :param specs: ``[(ticket xmlid, reason xmlid, days after the ticket,
            allocated hours, done, product xmlid or None)]``; the product goes
            to the ticket when tickets have one (helpdesk_product)
        """
        for (
            ticket_ref,
            reason_ref,
            days,
            hours,
            done,
            product_ref,
        ) in self._aftersales_demo_todo(specs, "aftersales_task_count"):
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
