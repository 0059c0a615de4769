# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import float_round, formatLang

from ..models.account_move import FULL_REFUND

# the x2many commands a form sends to choose records (never create, update or
# delete the records themselves)
CHOICE_COMMANDS = (Command.SET, Command.LINK, Command.UNLINK, Command.CLEAR)


class AccountMoveReversal(models.TransientModel):
    """The reversal dialog opened by the Refund button of a ticket. Without a
    ticket (the accounting app's own Reverse), it behaves as in Odoo.

    Every public method of the dialog (Odoo's ``refund_moves``,
    ``modify_moves``, ``reverse_moves`` and the ticket's
    ``action_helpdesk_reverse``) runs once and follows the ticket's rules on a
    ticket's dialog, whoever calls it."""

    _name = "account.move.reversal"
    _inherit = ["account.move.reversal", "helpdesk.aftersales.wizard.mixin"]
    _aftersales_toggle = "use_credit_notes"

    helpdesk_partner_id = fields.Many2one(
        related="helpdesk_ticket_id.commercial_partner_id", string="Customer"
    )
    refund_method = fields.Selection(
        selection=[
            ("partial", "Partial Refund"),
            ("full", "Full Refund"),
            ("modify", "Full refund and new draft invoice"),
        ],
        string="Credit Method",
        compute="_compute_refund_method",
        store=True,
        readonly=False,
        help="Partial Refund: a draft credit note of what is still creditable on "
        "each invoice, editable before it is posted.\n"
        "Full Refund: the credit note is validated and reconciled with the invoice; "
        "choose it to cancel a validated invoice.\n"
        "Full refund and new draft invoice: as Full Refund, and the invoice is "
        "copied as a new draft; choose it to modify a validated invoice.",
    )
    aftersales_refund_methods = fields.Json(
        string="Offered Credit Methods",
        compute="_compute_aftersales_refund_methods",
        help="The credit methods the dialog offers for the chosen invoices.",
    )
    helpdesk_paid_invoice = fields.Boolean(
        string="Paid Invoice", compute="_compute_aftersales_invoice_states"
    )
    aftersales_credited_invoice = fields.Boolean(
        string="Partly Credited Invoice",
        compute="_compute_aftersales_invoice_states",
        help="A chosen invoice already has credit notes, posted or draft.",
    )
    # the reason text of the credit note starts from the ticket and its reason
    reason = fields.Char(compute="_compute_reason", store=True, readonly=False)
    # computed before the dialog is saved: a dialog created without it (by RPC)
    # gets its journal instead of a database error
    journal_id = fields.Many2one(
        compute="_compute_journal_id", store=True, readonly=False, precompute=True
    )

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------

    @api.model
    def default_get(self, fields):
        res = super().default_get(fields)
        ticket = self._aftersales_ticket_from_context()
        if ticket:
            if not ticket.exists():
                raise UserError(self.env._("Choose one existing ticket."))
            if "company_id" in fields:
                res["company_id"] = ticket.company_id.id
            if "move_ids" in fields:
                invoice = ticket._aftersales_refund_default_invoice()
                res["move_ids"] = [Command.set(invoice.ids)]
        return res

    @api.depends("move_ids")
    def _compute_aftersales_invoice_states(self):
        for wizard in self:
            invoices = wizard.move_ids._origin
            wizard.helpdesk_paid_invoice = any(
                invoice._aftersales_paid() for invoice in invoices
            )
            wizard.aftersales_credited_invoice = any(
                not invoice.currency_id.is_zero(
                    invoice.aftersales_credited_amount
                    + invoice.aftersales_pending_amount
                )
                for invoice in invoices
            )

    @api.depends("move_ids", "helpdesk_ticket_id")
    def _compute_aftersales_refund_methods(self):
        for wizard in self:
            wizard.aftersales_refund_methods = wizard._aftersales_offered_methods()

    def _aftersales_offered_methods(self):
        """The credit methods offered for the chosen invoices: only Partial
        Refund for a paid invoice or one that has credit notes already."""
        self.ensure_one()
        if self.helpdesk_paid_invoice or self.aftersales_credited_invoice:
            return ["partial"]
        return ["partial", "full", "modify"]

    @api.depends("move_ids", "helpdesk_ticket_id")
    def _compute_refund_method(self):
        for wizard in self:
            offered = wizard._aftersales_offered_methods()
            if wizard.refund_method not in offered:
                wizard.refund_method = offered[0]

    @api.depends("helpdesk_ticket_id", "aftersales_reason_id")
    def _compute_reason(self):
        for wizard in self:
            ticket = wizard.helpdesk_ticket_id
            if not ticket:
                # the accounting app's dialog: what the user types
                wizard.reason = wizard.reason
            elif wizard.aftersales_reason_id:
                wizard.reason = self.env._(
                    "Helpdesk ticket %(number)s: %(reason)s",
                    number=ticket.number,
                    reason=wizard.aftersales_reason_id.name,
                )
            else:
                wizard.reason = self.env._(
                    "Helpdesk ticket %(number)s", number=ticket.number
                )

    @api.constrains("journal_id", "move_ids")
    def _check_journal_type(self):
        # A ticket's dialog may be saved without invoice: "Reverse" then says
        # clearly that an invoice must be issued first.
        return super(
            AccountMoveReversal, self.filtered(lambda w: w.move_ids)
        )._check_journal_type()

    @api.depends("move_ids", "helpdesk_ticket_id")
    def _compute_journal_id(self):
        # Without an invoice chosen yet, the ticket's dialog still opens (the
        # "Reverse" button then says what is missing).
        res = super()._compute_journal_id()
        for wizard in self.filtered(
            lambda w: w.helpdesk_ticket_id and not w.journal_id
        ):
            wizard.journal_id = self.env["account.journal"].search(
                [
                    *self.env["account.journal"]._check_company_domain(
                        wizard.company_id
                    ),
                    ("type", "=", "sale"),
                ],
                limit=1,
            )
        return res

    def _prepare_default_reversal(self, move):
        return {
            **super()._prepare_default_reversal(move),
            **self._aftersales_link_values(),
        }

    def _modify_default_reverse_values(self, origin_move):
        return {
            **super()._modify_default_reverse_values(origin_move),
            **self._aftersales_link_values(),
        }

    # ------------------------------------------------------------------
    # Values a client sends
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_check_values(self, vals):
        """Besides numbers and records: choices among the field's options,
        dates, texts, and x2many commands that only choose existing records
        (never create, change or delete them)."""
        res = super()._aftersales_check_values(vals)
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if field is None or value is False or value is None:
                continue
            if not self._aftersales_valid_value(field, value):
                raise UserError(
                    self.env._(
                        "%(field)s: this value cannot be chosen.",
                        field=field._description_string(self.env),
                    )
                )
        return res

    @api.model
    def _aftersales_valid_value(self, field, value):
        if field.type == "selection":
            return isinstance(value, str) and value in dict(
                field._description_selection(self.env)
            )
        if field.type == "date":
            if isinstance(value, date):
                return True
            try:
                return isinstance(value, str) and bool(fields.Date.to_date(value))
            except ValueError:
                return False
        if field.type in ("char", "text"):
            return isinstance(value, str)
        if field.type == "boolean":
            return isinstance(value, bool)
        if field.type == "many2one":
            return bool(self.env[field.comodel_name].sudo().browse(value).exists())
        if field.type == "many2many":
            return self._aftersales_valid_choice(field, value)
        return True

    @api.model
    def _aftersales_valid_choice(self, field, commands):
        """``commands`` only choose existing records of the field's model."""
        if not isinstance(commands, (list, tuple)):
            return False
        ids = []
        for command in commands:
            if (
                not isinstance(command, (list, tuple))
                or not command
                or command[0] not in CHOICE_COMMANDS
            ):
                return False
            if command[0] == Command.SET:
                if len(command) != 3 or not isinstance(command[2], (list, tuple)):
                    return False
                ids += command[2]
            elif command[0] in (Command.LINK, Command.UNLINK):
                if len(command) < 2:
                    return False
                ids.append(command[1])
        if not all(
            isinstance(id_, int) and not isinstance(id_, bool) and 0 < id_ < 2**31
            for id_ in ids
        ):
            return False
        records = self.env[field.comodel_name].sudo().browse(ids)
        return len(records.exists()) == len(set(ids))

    # ------------------------------------------------------------------
    # Public methods: on a ticket's dialog, every one follows its rules
    # ------------------------------------------------------------------

    def reverse_moves(self, is_modify=False):
        # On a ticket's dialog, called by RPC, it is a Partial Refund or a Full
        # refund and new draft invoice, with the same checks as the dialog's own
        # Reverse button.
        if not self._aftersales_on_ticket():
            return super().reverse_moves(is_modify=is_modify)
        if not isinstance(is_modify, bool):
            raise UserError(self.env._("Choose a credit method."))
        return self._aftersales_refund("modify" if is_modify else "partial")

    def refund_moves(self):
        if not self._aftersales_on_ticket():
            return super().refund_moves()
        return self._aftersales_refund("partial")

    def modify_moves(self):
        if not self._aftersales_on_ticket():
            return super().modify_moves()
        return self._aftersales_refund("modify")

    def action_helpdesk_reverse(self):
        """The "Reverse" button of the ticket's Refund dialog: creates the credit
        notes with the chosen credit method and opens them."""
        if not self._aftersales_on_ticket():
            raise UserError(self.env._("This dialog must be opened from a ticket."))
        return self._aftersales_refund(self.refund_method)

    # ------------------------------------------------------------------

    def _aftersales_on_ticket(self):
        """Whether the call is on a ticket's dialog. The accounting app's own
        dialog (one record without ticket) behaves as in Odoo; anything else
        than one existing dialog is refused clearly."""
        if len(self) == 1 and self.exists() and not self.helpdesk_ticket_id:
            return False
        self._aftersales_ensure_one()
        return True

    def _aftersales_refund(self, method):
        return self._aftersales_run_once(self._aftersales_make_refund, method)

    def _aftersales_make_refund(self, method):
        if method not in dict(self._fields["refund_method"].selection):
            raise UserError(self.env._("Choose a credit method."))
        credit_notes = self._aftersales_credit(method)
        return self.helpdesk_ticket_id._aftersales_action_open(
            credit_notes,
            "account.action_move_out_refund_type",
            name=self.env._("Credit Notes"),
        )

    def _aftersales_credit(self, method):
        """Make the credit notes of ``method`` (checked before anything is
        made): the reversal of the chosen invoices, as Odoo makes it."""
        creditable = self._aftersales_check_invoices(method)
        invoices = self.move_ids
        existing = invoices.reversal_move_ids
        parent = super(
            AccountMoveReversal, self.with_context(**{FULL_REFUND: method == "full"})
        )
        parent.reverse_moves(is_modify=method == "modify")
        invoices.invalidate_recordset(["reversal_move_ids"])
        credit_notes = invoices.reversal_move_ids - existing
        if method == "partial":
            for credit_note in credit_notes:
                invoice = credit_note.reversed_entry_id
                self._aftersales_reduce(credit_note, creditable[invoice])
        return credit_notes

    def _aftersales_reduce(self, credit_note, amount):
        """Reduce the lines of the draft ``credit_note`` proportionally, for its
        total (taxes included, in its currency) to be at most ``amount``: what
        is still creditable on its invoice."""
        currency = credit_note.currency_id
        lines = credit_note.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        total = credit_note.amount_total
        if not lines or currency.compare_amounts(total, amount) <= 0:
            return
        digits = self.env["decimal.precision"].precision_get("Product Price")
        ratio = amount / total
        credit_note.write(
            {
                "invoice_line_ids": [
                    Command.update(
                        line.id,
                        {
                            "price_unit": float_round(
                                line.price_unit * ratio,
                                precision_digits=digits,
                                rounding_method="DOWN",
                            )
                        },
                    )
                    for line in lines
                ]
            }
        )
        # the taxes' rounding may leave a cent above: taken off the largest line
        excess = credit_note.amount_total - amount
        if currency.compare_amounts(excess, 0.0) > 0:
            line = max(lines, key=lambda line: line.price_subtotal)
            line.price_unit = float_round(
                line.price_unit - excess / (line.quantity or 1.0),
                precision_digits=digits,
                rounding_method="DOWN",
            )

    # ------------------------------------------------------------------
    # The ticket's rules
    # ------------------------------------------------------------------

    def _aftersales_check_invoices(self, method):
        """Refuse, with a clear message and before anything is created, what the
        ticket's Refund dialog cannot do with the chosen invoices. The invoices
        are locked and claimed first, so that two dialogs (or two sessions)
        never credit the same invoice beyond its total.

        :return: ``{invoice: amount still creditable}``
        """
        ticket = self.helpdesk_ticket_id
        invoices = self.move_ids
        if not invoices:
            raise ticket._aftersales_no_invoice_error()
        ticket._aftersales_check_own(invoices)
        not_invoices = invoices.filtered(
            lambda m: m.move_type != "out_invoice" or m.state != "posted"
        )
        if not_invoices:
            raise UserError(
                self.env._(
                    "Only posted customer invoices can be refunded, not %(documents)s.",
                    documents=", ".join(not_invoices.mapped("display_name")),
                )
            )
        self._aftersales_lock(invoices, claim=True)
        invoices.invalidate_recordset()
        refunded = invoices.filtered(lambda m: m.payment_state == "reversed")
        if refunded:
            raise UserError(
                self.env._(
                    "%(invoices)s is already fully refunded: it cannot be refunded "
                    "again.",
                    invoices=", ".join(refunded.mapped("display_name")),
                )
            )
        creditable = self._aftersales_check_creditable(method)
        paid = invoices.filtered(lambda m: m._aftersales_paid())
        if paid and method != "partial":
            raise UserError(
                self.env._(
                    "%(invoices)s is already paid: only a Partial Refund can be made.",
                    invoices=", ".join(paid.mapped("display_name")),
                )
            )
        return creditable

    def _aftersales_check_creditable(self, method):
        """A customer is never credited twice: a Full Refund needs invoices
        without credit notes; a Partial Refund, something left to credit.

        :return: ``{invoice: amount still creditable}``
        """
        invoices = self.move_ids
        credit_notes = invoices._aftersales_credit_notes()
        creditable = {}
        for invoice in invoices:
            notes = credit_notes.get(invoice.id, [])
            currency = invoice.currency_id
            left = invoice.amount_total - sum(amount for _note, amount in notes)
            labels = ", ".join(
                note._aftersales_credit_note_label(amount) for note, amount in notes
            )
            if notes and method != "partial":
                raise UserError(
                    self.env._(
                        "%(invoice)s already has credit notes (%(credit_notes)s): "
                        "only a Partial Refund of what is left can be made.",
                        invoice=invoice.display_name,
                        credit_notes=labels,
                    )
                )
            if currency.compare_amounts(left, 0.0) <= 0:
                raise UserError(
                    self.env._(
                        "%(invoice)s is already credited for its whole total of "
                        "%(total)s by %(credit_notes)s: post, edit or cancel those "
                        "credit notes instead.",
                        invoice=invoice.display_name,
                        total=formatLang(
                            self.env, invoice.amount_total, currency_obj=currency
                        ),
                        credit_notes=labels,
                    )
                )
            creditable[invoice] = currency.round(left)
        return creditable
