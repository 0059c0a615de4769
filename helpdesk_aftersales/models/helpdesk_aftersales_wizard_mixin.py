# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2.errors import LockNotAvailable

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, mute_logger


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

    @api.model
    def _aftersales_ticket_from_context(self):
        return self.env["helpdesk.ticket"]._aftersales_ticket_from_context()

    @api.model
    def default_get(self, fields):
        res = super().default_get(fields)
        ticket = self._aftersales_ticket_from_context()
        if ticket and "helpdesk_ticket_id" in fields:
            res["helpdesk_ticket_id"] = ticket.id
        return res

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.pop("aftersales_done", None)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and {"helpdesk_ticket_id", "aftersales_done"} & set(vals):
            raise UserError(self.env._("The ticket of this dialog cannot be changed."))
        return super().write(vals)

    def _aftersales_link_values(self):
        """Values linking a document made by the dialog to its ticket."""
        self.ensure_one()
        if not self.helpdesk_ticket_id:
            return {}
        return {"helpdesk_ticket_id": self.helpdesk_ticket_id.id}

    def _aftersales_requirements(self):
        """The team option the dialog belongs to, and whether the ticket needs a
        customer: the class attributes, or per dialog for one that serves several
        options."""
        self.ensure_one()
        return self._aftersales_toggle, self._aftersales_needs_customer

    def _aftersales_check(self):
        """The ticket's rules (SPEC §10), before anything is made: the user reads
        the ticket, its team has the option on, it has a customer when needed,
        and the dialog works in the ticket's company. Bridges extend it with the
        checks of their documents."""
        for wizard in self.filtered("helpdesk_ticket_id"):
            ticket = wizard.helpdesk_ticket_id
            toggle, needs_customer = wizard._aftersales_requirements()
            ticket._aftersales_guard(toggle, customer=needs_customer)
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
        check the ticket's rules, run, mark it done."""
        self.ensure_one()
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
        result = method(*args, **kwargs)
        self.sudo().aftersales_done = True
        return result
