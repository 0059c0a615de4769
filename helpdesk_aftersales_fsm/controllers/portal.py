# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request

from odoo.addons.project.controllers.portal import ProjectCustomerPortal


class ProjectCustomerPortalAftersalesFsm(ProjectCustomerPortal):
    def _task_get_page_view_values(self, task, access_token, **kwargs):
        values = super()._task_get_page_view_values(task, access_token, **kwargs)
        # The task comes as superuser: the link back to its ticket is given only
        # when the visitor may read that ticket, and never carries a token.
        ticket = request.env["helpdesk.ticket"].browse(
            task.sudo().helpdesk_ticket_id.id
        )
        if ticket and ticket._filtered_access("read"):
            values["task_link_section"].append(
                {
                    "access_url": ticket.access_url,
                    "title": request.env._("Ticket %(number)s", number=ticket.number),
                }
            )
        return values
