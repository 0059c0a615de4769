# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import api, fields, models


class HelpdeskAftersalesDocumentMixin(models.AbstractModel):
    """The other side of a ticket: a document created from a helpdesk ticket
    (credit note, loyalty card, picking, repair order, task).

    A bridge adds it to its document model::

        class AccountMove(models.Model):
            _name = "account.move"
            _inherit = ["account.move", "helpdesk.aftersales.document.mixin"]

    and gets:

    - ``helpdesk_ticket_id``: indexed, not copied, set to null when the ticket is
      deleted (the document stays);
    - :meth:`action_open_helpdesk_ticket` for a "Ticket" smart button;
    - chatter notes on both sides when a document is linked to a ticket
      (created with it, or linked later);
    - :meth:`_aftersales_post_status` to tell the ticket that the document
      reached a final state, under an after-sales status subtype.
    """

    _name = "helpdesk.aftersales.document.mixin"
    _description = "Helpdesk After-Sales Document"

    helpdesk_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Ticket",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="Helpdesk ticket this document was created from.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.filtered("helpdesk_ticket_id")._aftersales_notify_linked()
        return records

    def write(self, vals):
        newly_linked = self.browse()
        if vals.get("helpdesk_ticket_id"):
            newly_linked = self.filtered(
                lambda r: r.helpdesk_ticket_id.id != vals["helpdesk_ticket_id"]
            )
        res = super().write(vals)
        newly_linked._aftersales_notify_linked()
        return res

    def _aftersales_document_label(self):
        """What the document is, for the chatter ("Credit Note", "Return"...).
        Bridges override it when the model's name is too generic."""
        return self.env["ir.model"]._get(self._name).name

    def _aftersales_notify_linked(self):
        """Post "created from ticket <link>" on each document and "<document
        link> created" on its ticket. Ticket messages are posted as superuser (the
        author stays the current user): the user may create the document without
        write access to the ticket."""
        for record in self:
            ticket = record.helpdesk_ticket_id
            if hasattr(record, "message_post"):
                record.message_post(
                    body=escape(record.env._("Created from ticket %(ticket)s"))
                    % {"ticket": ticket._get_html_link()},
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
            ticket.sudo().message_post(
                body=escape(record.env._("%(document_type)s %(document)s created"))
                % {
                    "document_type": record._aftersales_document_label(),
                    "document": record._get_html_link(),
                },
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )

    def _aftersales_post_status(self, message, subtype_xmlid):
        """Tell the ticket of each document that it reached a final state.

        :param str message: translated text with a ``%(document)s`` placeholder,
            replaced by a link to the document, e.g. ``"Refund %(document)s posted"``
        :param str subtype_xmlid: one of the after-sales status subtypes; the
            message is posted only on tickets whose team has its option on.
        """
        toggles = self.env["helpdesk.ticket"]._aftersales_status_toggles(subtype_xmlid)
        for record in self.filtered("helpdesk_ticket_id"):
            ticket = record.helpdesk_ticket_id.sudo()
            if not any(ticket.team_id[toggle] for toggle in toggles):
                continue
            ticket.message_post(
                body=escape(message) % {"document": record._get_html_link()},
                message_type="notification",
                subtype_xmlid=subtype_xmlid,
            )

    def action_open_helpdesk_ticket(self):
        """The "Ticket" smart button of the document."""
        self.ensure_one()
        self.helpdesk_ticket_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Ticket"),
            "res_model": "helpdesk.ticket",
            "view_mode": "form",
            "views": [(False, "form")],
            "res_id": self.helpdesk_ticket_id.id,
        }
