# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

NO_TICKET_DOMAIN = "helpdesk_aftersales_no_ticket_domain"


class IrRule(models.Model):
    """Read-through-ticket: documents a helpdesk user may read only because they
    can read the ticket they were made from (repairs).

    Record rules are applied as superuser, so a rule cannot say "linked to a
    ticket the user can read" with an ``any`` on ``helpdesk_ticket_id`` alone.
    The rules' evaluation context gets ``helpdesk_ticket_read_domain``, the
    domain of the tickets the user can read (their record rules), so that a
    bridge writes, for its helpdesk group::

        [('helpdesk_ticket_id', 'any', helpdesk_ticket_read_domain)]

    together with a read-only ``ir.model.access`` for that group and a
    ``[(1, '=', 1)]`` rule for the document's own users (group rules are OR-ed).
    """

    _inherit = "ir.rule"

    def _eval_context(self):
        context = super()._eval_context()
        if not self.env.context.get(NO_TICKET_DOMAIN):
            context["helpdesk_ticket_read_domain"] = self.with_context(
                **{NO_TICKET_DOMAIN: True}
            )._compute_domain("helpdesk.ticket", "read")
        return context
