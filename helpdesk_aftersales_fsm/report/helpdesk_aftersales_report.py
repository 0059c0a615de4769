# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

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
