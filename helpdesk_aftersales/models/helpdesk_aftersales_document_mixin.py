# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import sql

STATUS_DATA = "helpdesk_aftersales.status.%s"


class HelpdeskAftersalesDocumentMixin(models.AbstractModel):
    """The other side of a ticket: a document made from a helpdesk ticket
    (credit note, loyalty card, picking, repair order, task).

    A bridge adds it to its document model::

        class AccountMove(models.Model):
            _name = "account.move"
            _inherit = ["account.move", "helpdesk.aftersales.document.mixin"]

    and gets:

    - ``helpdesk_ticket_id``: indexed, not copied, set to null when the ticket is
      deleted (the document stays);
    - ``aftersales_reason_id``: why it was made;
    - link integrity: a document is linked only when it is of a kind that a
      bridge declares, to a ticket of its company and of its customer
      (commercial entity), by a user who may make such documents from that
      ticket, whoever writes the link;
    - chatter notes on both sides when a document is created from a ticket or
      linked to one later;
    - status messages on the ticket declared by :meth:`_aftersales_status_rules`;
    - :meth:`action_open_helpdesk_ticket` for a "Ticket" smart button.
    """

    _name = "helpdesk.aftersales.document.mixin"
    _description = "Helpdesk After-Sales Document"
    # field of the document holding its customer
    _aftersales_partner_field = "partner_id"

    helpdesk_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Ticket",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="Helpdesk ticket this document was created from.",
    )

    aftersales_reason_id = fields.Many2one(
        comodel_name="helpdesk.aftersales.reason",
        string="After-Sales Reason",
        index="btree_not_null",
        ondelete="restrict",
        copy=False,
        help="Why the document was made from its ticket.",
    )

    def _auto_init(self):
        res = super()._auto_init()
        # a bridge installed again gets back the links kept at its uninstallation
        if sql.table_exists(self.env.cr, "helpdesk_aftersales_kept_link"):
            self.env.cr.execute(
                "SELECT 1 FROM helpdesk_aftersales_kept_link WHERE res_model = %s "
                "LIMIT 1",
                [self._name],
            )
            if self.env.cr.fetchone():
                self.env["helpdesk.aftersales.kept.link"]._aftersales_restore(self)
        return res

    # ------------------------------------------------------------------
    # Link integrity
    # ------------------------------------------------------------------

    def _aftersales_integrity_fields(self):
        names = ["helpdesk_ticket_id", self._aftersales_partner_field, "company_id"]
        return [name for name in names if name in self._fields]

    @api.constrains(lambda self: self._aftersales_integrity_fields())
    def _check_aftersales_ticket_link(self):
        """A linked document stays a document of the ticket's kinds, company and
        customer (commercial entity), whatever changes afterwards."""
        Ticket = self.env["helpdesk.ticket"]
        for record in self.filtered("helpdesk_ticket_id"):
            if not self.env.su:
                # the message below tells nothing of a ticket the user cannot read
                record.helpdesk_ticket_id.check_access("read")
            ticket = record.helpdesk_ticket_id.sudo()
            if Ticket._aftersales_kind_of(record) is None or ticket._aftersales_foreign(
                record, self._aftersales_partner_field
            ):
                raise ValidationError(record._aftersales_link_error(ticket))

    def _aftersales_link_error(self, ticket):
        if not ticket.commercial_partner_id:
            return self.env._(
                "%(document)s cannot be linked to ticket %(ticket)s, which has no "
                "customer: set its customer first.",
                document=self.sudo().display_name,
                ticket=ticket.display_name,
            )
        return self.env._(
            "%(document)s cannot be linked to ticket %(ticket)s: only the "
            "after-sales documents of its customer (%(customer)s) in its company "
            "(%(company)s) can.",
            document=self.sudo().display_name,
            ticket=ticket.display_name,
            customer=ticket.commercial_partner_id.display_name,
            company=ticket.company_id.display_name,
        )

    def _aftersales_check_new_links(self):
        """Whoever links a document to a ticket (a dialog, a form, an import, an
        RPC call, a ``default_`` key of the context) needs the rights of the
        document's kind on that ticket: checked on the final values, after
        defaults. The option of the kind must be on for the ticket's team.
        Code running as superuser checked the user's rights itself."""
        Ticket = self.env["helpdesk.ticket"]
        for record in self.filtered("helpdesk_ticket_id"):
            ticket = record.helpdesk_ticket_id
            kind = Ticket._aftersales_kind_of(record)
            if kind is None:
                raise ValidationError(record._aftersales_link_error(ticket.sudo()))
            if self.env.su:
                if not ticket.sudo()[kind.toggle]:
                    raise ValidationError(record._aftersales_link_error(ticket.sudo()))
                continue
            ticket._aftersales_guard(kind.toggle)

    # ------------------------------------------------------------------
    # Chatter notes
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        linked = records.filtered("helpdesk_ticket_id")
        linked._aftersales_check_new_links()
        linked._aftersales_notify_linked(created=True)
        return records

    def write(self, vals):
        self._aftersales_status_prepare(vals)
        newly_linked = self.browse()
        if vals.get("helpdesk_ticket_id"):
            newly_linked = self.filtered(
                lambda r: r.helpdesk_ticket_id.id != vals["helpdesk_ticket_id"]
            )
        res = super().write(vals)
        newly_linked._aftersales_check_new_links()
        newly_linked._aftersales_notify_linked(created=False)
        return res

    def _aftersales_final_name(self):
        """The name of the document for a chatter link, or ``False`` while it has
        no final one (a draft named "/"): its display name is used then."""
        if "name" not in self._fields:
            return self.display_name
        return self.name if self.name and self.name != "/" else False

    def _aftersales_link(self):
        """A link to the document, named by its final name."""
        name = self._aftersales_final_name() or self.sudo().display_name
        return self._get_html_link(title=name)

    def _aftersales_notify_linked(self, created):
        """Post "created from ticket <link>" (or "linked to") on each document and
        the kind's own sentence on its ticket, as the user who links (who reads
        the ticket, as checked before)."""
        Ticket = self.env["helpdesk.ticket"]
        for record in self:
            ticket = record.helpdesk_ticket_id
            if hasattr(record, "message_post"):
                body = (
                    self.env._("Created from ticket %(ticket)s.")
                    if created
                    else self.env._("Linked to ticket %(ticket)s.")
                )
                record.message_post(
                    body=escape(body) % {"ticket": ticket._get_html_link()},
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
            kind = Ticket._aftersales_kind_of(record)
            note = kind.created_note if created else kind.linked_note
            if not note:
                note = (
                    self.env._("Document created from this ticket: %(document)s.")
                    if created
                    else self.env._("Document linked to this ticket: %(document)s.")
                )
            ticket.message_post(
                body=escape(note) % {"document": record._aftersales_link()},
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # Status messages
    # ------------------------------------------------------------------

    def _aftersales_status_rules(self):
        """The status messages of the model, as a list of
        :class:`~odoo.addons.helpdesk_aftersales.aftersales.StatusRule`."""
        return []

    @api.model
    @tools.ormcache()
    def _aftersales_status_fields(self):
        """The fields watched by the status rules of the model (cached: the
        rules do not change while the registry lives)."""
        return frozenset(rule.field for rule in self._aftersales_status_rules())

    def _aftersales_status_prepare(self, fnames):
        """Remember, before they change, the status fields among ``fnames`` of the
        documents linked to a ticket; compared at the end of the transaction
        (as mail tracking does, for computed fields too)."""
        watched = self._aftersales_status_fields().intersection(fnames)
        if not watched:
            return
        linked = self.filtered(lambda r: r.id and r.helpdesk_ticket_id)
        if not linked:
            return
        initial = self.env.cr.precommit.data.setdefault(STATUS_DATA % self._name, {})
        for record in linked:
            values = initial.setdefault(record.id, {})
            for fname in watched:
                values.setdefault(fname, record[fname])
        self.env.cr.precommit.add(self._aftersales_status_finalize)

    def _compute_field_value(self, field):
        self._aftersales_status_prepare(
            f.name for f in self.pool.field_computed[field] if f.store
        )
        return super()._compute_field_value(field)

    def _aftersales_status_finalize(self):
        initial = self.env.cr.precommit.data.pop(STATUS_DATA % self._name, {})
        records = self.sudo().browse(list(initial)).exists()
        for rule in records._aftersales_status_rules():
            for record in records.filtered_domain(rule.domain):
                value = record[rule.field]
                before = initial[record.id].get(rule.field, value)
                if value != before and value in rule.messages:
                    record._aftersales_post_status(rule.messages[value], rule.subtype)
        self.env.flush_all()

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
                body=escape(message) % {"document": record._aftersales_link()},
                message_type="notification",
                subtype_xmlid=subtype_xmlid,
            )

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------

    def _aftersales_portal_values(self):
        """What the ticket's portal page shows of the document beyond its name,
        date and state, to override: ``date`` (text replacing the date) and
        ``detail`` (a short text in a column of its own, e.g. a balance)."""
        return {}

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_helpdesk_ticket(self):
        """The "Ticket" smart button of the document."""
        if len(self) != 1 or not self.exists():
            raise UserError(self.env._("Choose one existing document."))
        self.check_access("read")
        if not self.helpdesk_ticket_id:
            raise UserError(self.env._("This document is not linked to a ticket."))
        self.helpdesk_ticket_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Ticket"),
            "res_model": "helpdesk.ticket",
            "view_mode": "form",
            "views": [(False, "form")],
            "res_id": self.helpdesk_ticket_id.id,
        }
