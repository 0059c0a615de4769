# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.helpdesk_aftersales.aftersales import StatusRule

TASK_STATUS = "helpdesk_aftersales.mt_ticket_task_status"


class ProjectTask(models.Model):
    _name = "project.task"
    _inherit = ["project.task", "helpdesk.aftersales.document.mixin"]

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
