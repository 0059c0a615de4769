# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# Chatter subtype of each status message, with the team toggle that enables it.
AFTERSALES_STATUS_SUBTYPES = {
    "helpdesk_aftersales.mt_ticket_refund_status": ("use_credit_notes",),
    "helpdesk_aftersales.mt_ticket_return_status": ("use_product_returns",),
    "helpdesk_aftersales.mt_ticket_delivery_status": ("use_product_replacements",),
    "helpdesk_aftersales.mt_ticket_repair_status": ("use_product_repairs",),
    "helpdesk_aftersales.mt_ticket_task_status": ("use_fsm",),
}


class HelpdeskTicket(models.Model):
    """The after-sales status subtypes of the ticket's chatter."""

    # one class per concern (see the docstring)
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "helpdesk.ticket"

    @api.model
    def _aftersales_status_toggles(self, subtype_xmlid):
        """The team toggles that enable the status subtype ``subtype_xmlid``."""
        if subtype_xmlid not in AFTERSALES_STATUS_SUBTYPES:
            raise ValueError(f"{subtype_xmlid} is not an after-sales status subtype")
        return AFTERSALES_STATUS_SUBTYPES[subtype_xmlid]

    def _mail_get_message_subtypes(self):
        """Offer the after-sales status subtypes in the follow options only when
        the team of the ticket has the matching option on."""
        subtypes = super()._mail_get_message_subtypes()
        if len(self) != 1:
            return subtypes
        hidden = self.env["mail.message.subtype"]
        for xmlid, toggles in AFTERSALES_STATUS_SUBTYPES.items():
            subtype = self.env.ref(xmlid, raise_if_not_found=False)
            if subtype and not any(self[toggle] for toggle in toggles):
                hidden |= subtype
        return subtypes - hidden
