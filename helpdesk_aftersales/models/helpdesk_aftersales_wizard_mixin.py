# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import math

from psycopg2.errors import LockNotAvailable

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, clean_context, mute_logger

_logger = logging.getLogger(__name__)

NUMBER_TYPES = ("integer", "float", "monetary")


class HelpdeskAftersalesWizardMixin(models.AbstractModel):
    """A dialog opened from a ticket (its own wizard, or an inherited one of
    Odoo such as the reversal or return dialog).

    - The ticket comes from the action's ``active_model``/``active_id``
      (:meth:`helpdesk.ticket._aftersales_dialog`), never from a
      ``default_helpdesk_ticket_id`` that would land on every record created
      along the way; :meth:`_aftersales_link_values` links what it creates.
    - :meth:`_aftersales_check` enforces the ticket's rules; a bridge calls it,
      through :meth:`_aftersales_run_once`, from every public method of the
      wizard, since a JSON-RPC client reaches them all.
    - :meth:`_aftersales_run_once` makes the action run once: pressing twice,
      or two sessions on the same dialog, make one document.

    Without a ticket (the dialog opened from its own app), an inherited wizard
    behaves as in Odoo.
    """

    _name = "helpdesk.aftersales.wizard.mixin"
    _description = "Helpdesk After-Sales Dialog"
    # the team option the dialog belongs to, and whether it needs a customer
    _aftersales_toggle = None
    _aftersales_needs_customer = True

    helpdesk_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", string="Ticket", readonly=True
    )
    aftersales_done = fields.Boolean(string="Done", readonly=True, copy=False)
    aftersales_reason_id = fields.Many2one(
        comodel_name="helpdesk.aftersales.reason",
        string="Reason",
        domain="[('company_id', 'in', [aftersales_company_id, False])]",
        help="Why this is done for the customer; kept on the document and "
        "analysed in the After-Sales Analysis.",
    )
    aftersales_company_id = fields.Many2one(
        related="helpdesk_ticket_id.company_id", string="Ticket's Company"
    )
    aftersales_reason_required = fields.Boolean(
        related="helpdesk_ticket_id.team_id.aftersales_reason_required",
        string="Reason Required",
    )

    @api.model
    def _aftersales_ticket_from_context(self):
        return self.env["helpdesk.ticket"]._aftersales_ticket_from_context()

    @api.model
    def default_get(self, fields):
        res = super().default_get(fields)
        ticket = self._aftersales_ticket_from_context()
        if ticket and self._aftersales_toggle:
            # the dialog of a ticket the user may not act on is not even opened
            # (its defaults would show the ticket's documents)
            ticket._aftersales_guard(
                self._aftersales_toggle, customer=self._aftersales_needs_customer
            )
        if ticket and "helpdesk_ticket_id" in fields:
            res["helpdesk_ticket_id"] = ticket.id
        return res

    # fields the dialog sets itself: never from the client's values or context
    _aftersales_protected_fields = ("aftersales_done",)

    @api.model_create_multi
    def create(self, vals_list):
        protected = self._aftersales_protected_fields
        for vals in vals_list:
            for fname in protected:
                vals.pop(fname, None)
            self._aftersales_check_values(vals)
        context = {
            key: value
            for key, value in self.env.context.items()
            if key.removeprefix("default_") not in protected
        }
        clean = self.with_env(self.env(context=context))
        return super(HelpdeskAftersalesWizardMixin, clean).create(vals_list)

    def write(self, vals):
        changed = {"helpdesk_ticket_id", *self._aftersales_protected_fields} & set(vals)
        if not self.env.su and changed:
            raise UserError(
                self.env._(
                    "The ticket of this dialog and what it made cannot be changed."
                )
            )
        self._aftersales_check_values(vals)
        return super().write(vals)

    @api.model
    def _aftersales_check_values(self, vals):
        """Refuse, with a clear message, values that no form of the dialog could
        send: a number that is not a finite number (``True``, a text, NaN,
        infinity) or a record that is not an id."""
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if field is None or value is False or value is None:
                continue
            if field.type in NUMBER_TYPES and not self._aftersales_is_number(value):
                raise UserError(
                    self.env._(
                        "%(field)s must be a number.",
                        field=field._description_string(self.env),
                    )
                )
            if field.type == "many2one" and not (
                isinstance(value, int) and not isinstance(value, bool) and value > 0
            ):
                raise UserError(
                    self.env._(
                        "%(field)s must be one record.",
                        field=field._description_string(self.env),
                    )
                )

    @staticmethod
    def _aftersales_is_number(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        return math.isfinite(value) and abs(value) < 1e15

    def _aftersales_link_values(self):
        """Values linking a document made by the dialog to its ticket, with the
        reason."""
        self.ensure_one()
        if not self.helpdesk_ticket_id:
            return {}
        return {
            "helpdesk_ticket_id": self.helpdesk_ticket_id.id,
            "aftersales_reason_id": self.aftersales_reason_id.id,
        }

    def _aftersales_requirements(self):
        """The team option the dialog belongs to, and whether the ticket needs a
        customer: the class attributes, or per dialog for one that serves several
        options."""
        self.ensure_one()
        return self._aftersales_toggle, self._aftersales_needs_customer

    def _aftersales_check(self):
        """The ticket's rules, before anything is made: the user reads
        the ticket, its team has the option on, it has a customer when needed,
        and the dialog works in the ticket's company. Bridges extend it with the
        checks of their documents."""
        for wizard in self.filtered("helpdesk_ticket_id"):
            ticket = wizard.helpdesk_ticket_id
            toggle, needs_customer = wizard._aftersales_requirements()
            ticket._aftersales_guard(toggle, customer=needs_customer)
            wizard._aftersales_check_reason()
            if (
                "company_id" in wizard._fields
                and wizard.company_id
                and wizard.company_id != ticket.company_id
            ):
                raise UserError(
                    self.env._(
                        "This dialog works in %(company)s, the company of ticket "
                        "%(ticket)s.",
                        company=ticket.company_id.display_name,
                        ticket=ticket.display_name,
                    )
                )

    def _aftersales_check_reason(self):
        """The reason is one of the ticket's company (or of all), and is given
        when the team requires one."""
        self.ensure_one()
        ticket = self.helpdesk_ticket_id
        reason = self.aftersales_reason_id
        if not reason and ticket.team_id.aftersales_reason_required:
            raise UserError(
                self.env._(
                    "The team %(team)s requires a reason: choose one.",
                    team=ticket.team_id.display_name,
                )
            )
        if reason:
            reason = reason.exists()
            # a reason without company is one of every company
            if not reason or (
                reason.company_id and reason.company_id != ticket.company_id
            ):
                raise UserError(
                    self.env._("Choose a reason of the company of the ticket.")
                )

    def _aftersales_lock(self, records=None, claim=False):
        """Lock the rows of ``records`` (default: the dialog) until the end of the
        transaction; when another session holds them, give a clear error instead
        of waiting.

        With ``claim``, also mark the rows as updated by this transaction (their
        values do not change): once it commits, a transaction that read them
        before can no longer lock them; it fails with a serialization error and
        is retried on fresh data, as a request is. Use it for documents that
        several dialogs settle without writing on them (a lock alone does not do
        that: a row only locked by a committed transaction can be locked again).
        """
        records = self if records is None else records
        if not records:
            return
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id IN %s FOR NO KEY UPDATE NOWAIT",
                        SQL.identifier(records._table),
                        tuple(records.ids),
                    )
                )
        except LockNotAvailable:
            raise UserError(
                self.env._(
                    "This is being processed in another session. Try again in a moment."
                )
            ) from None
        if claim:
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET write_date = write_date WHERE id IN %s",
                    SQL.identifier(records._table),
                    tuple(records.ids),
                )
            )

    def _aftersales_run_once(self, method, *args, **kwargs):
        """Run ``method`` once for the dialog: lock it, refuse when it already ran,
        check the ticket's rules, run, mark it done.

        ``method`` runs without the ``default_`` keys of the caller's context:
        what the dialog makes gets only the values the dialog computed."""
        self._aftersales_ensure_one()
        self._aftersales_lock()
        self.invalidate_recordset(["aftersales_done"])
        if self.aftersales_done:
            raise UserError(
                self.env._(
                    "This has already been done. Open the dialog of the ticket "
                    "again for another one."
                )
            )
        self._aftersales_check()
        result = self._aftersales_call_clean(method, *args, **kwargs)
        self.sudo().aftersales_done = True
        return result

    def _aftersales_ensure_one(self):
        """A public method of a dialog works on one existing dialog."""
        if len(self) != 1 or not self.exists():
            raise UserError(
                self.env._(
                    "This dialog no longer exists. Open it again from the ticket."
                )
            )

    def _aftersales_call_clean(self, method, *args, **kwargs):
        """Call the bound ``method`` of a record without the ``default_`` keys of
        the caller's context."""
        record = getattr(method, "__self__", None)
        function = getattr(method, "__func__", None)
        if isinstance(record, models.BaseModel) and function is not None:
            # the same function (a parent's one for ``super().method``), called
            # on the record with a clean context
            clean = record.with_context(clean_context(record.env.context))
            return function(clean, *args, **kwargs)
        return method(*args, **kwargs)
