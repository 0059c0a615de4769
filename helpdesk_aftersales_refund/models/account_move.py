# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import formatLang

from odoo.addons.helpdesk_aftersales.aftersales import StatusRule

REFUND_STATUS = "helpdesk_aftersales.mt_ticket_refund_status"
# context key of the "Full Refund" of a ticket's Refund dialog
FULL_REFUND = "helpdesk_aftersales_full_refund"


class AccountMove(models.Model):
    """Credit notes (and the new draft invoices of "Full refund and new draft
    invoice") made from tickets.

    A customer is never credited more than an invoice's total: posting a credit
    note made from a ticket is refused when the posted credit notes of its
    invoice would exceed the invoice's total (taxes included, in the invoice's
    currency). Drafts may exceed it, with a warning: they are edited down
    before they are posted."""

    _name = "account.move"
    _inherit = ["account.move", "helpdesk.aftersales.document.mixin"]

    aftersales_credited_amount = fields.Monetary(
        string="Credited",
        compute="_compute_aftersales_credit",
        help="Total of the posted credit notes of the invoice, taxes included, in "
        "its currency.",
    )
    aftersales_pending_amount = fields.Monetary(
        string="Pending Credit",
        compute="_compute_aftersales_credit",
        help="Total of the draft credit notes of the invoice, taxes included, in "
        "its currency.",
    )
    aftersales_creditable_amount = fields.Monetary(
        string="Still Creditable",
        compute="_compute_aftersales_credit",
        help="What can still be credited on the invoice: its total minus its "
        "posted and draft credit notes.",
    )
    aftersales_credit_warning = fields.Char(
        string="Credit Warning",
        compute="_compute_aftersales_credit",
        help="A draft credit note made from a ticket that would credit its "
        "invoice beyond its total.",
    )

    # ------------------------------------------------------------------
    # What is credited on an invoice
    # ------------------------------------------------------------------

    @api.depends(
        "move_type",
        "state",
        "amount_total",
        "currency_id",
        "reversed_entry_id",
        "helpdesk_ticket_id",
        "reversal_move_ids.state",
        "reversal_move_ids.amount_total",
        "reversed_entry_id.reversal_move_ids.state",
        "reversed_entry_id.reversal_move_ids.amount_total",
    )
    def _compute_aftersales_credit(self):
        invoices = self.filtered(lambda m: m.move_type == "out_invoice")
        drafts = self.filtered(
            lambda m: (
                m.move_type == "out_refund"
                and m.state == "draft"
                and m.helpdesk_ticket_id
                and m.reversed_entry_id
            )
        )
        credit_notes = (
            invoices._origin | drafts.reversed_entry_id._origin
        )._aftersales_credit_notes()
        for move in self:
            move.aftersales_credited_amount = 0.0
            move.aftersales_pending_amount = 0.0
            move.aftersales_creditable_amount = 0.0
            move.aftersales_credit_warning = False
            if move in invoices:
                notes = credit_notes.get(move._origin.id, [])
                posted = sum(amount for note, amount in notes if note.state == "posted")
                pending = sum(amount for note, amount in notes if note.state == "draft")
                move.aftersales_credited_amount = posted
                move.aftersales_pending_amount = pending
                move.aftersales_creditable_amount = max(
                    move.currency_id.round(move.amount_total - posted - pending), 0.0
                )
            elif move in drafts:
                notes = credit_notes.get(move.reversed_entry_id._origin.id, [])
                move.aftersales_credit_warning = move._aftersales_draft_warning(
                    [(note, amount) for note, amount in notes if note != move._origin]
                )

    def _aftersales_credit_notes(self):
        """The draft and posted credit notes of the invoices ``self``, as
        ``{invoice id: [(credit note, its total in the invoice's currency)]}``:
        one query whatever the number of invoices."""
        invoices = self.filtered("id")
        if not invoices:
            return {}
        notes = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("move_type", "=", "out_refund"),
                    ("reversed_entry_id", "in", invoices.ids),
                    ("state", "in", ("draft", "posted")),
                ],
                order="id",
            )
        )
        result = defaultdict(list)
        for note in notes:
            invoice = note.reversed_entry_id
            result[invoice.id].append((note, note._aftersales_amount_in(invoice)))
        return result

    def _aftersales_paid(self):
        """Whether the invoice ``self`` is paid, in part or in full, by other
        means than its credit notes (which Odoo reconciles with it)."""
        self.ensure_one()
        if self.payment_state not in ("paid", "in_payment", "partial"):
            return False
        settled = self.amount_total - self.amount_residual
        return (
            self.currency_id.compare_amounts(settled, self.aftersales_credited_amount)
            > 0
        )

    def _aftersales_amount_in(self, invoice):
        """The total of the credit note ``self`` in the currency of ``invoice``
        (converted at the credit note's date when it is in another currency)."""
        self.ensure_one()
        if self.currency_id == invoice.currency_id:
            return self.amount_total
        return self.currency_id._convert(
            self.amount_total,
            invoice.currency_id,
            invoice.company_id,
            self.invoice_date or self.date or fields.Date.context_today(self),
        )

    def _aftersales_draft_warning(self, others):
        """The warning of the draft credit note ``self`` whose invoice has the
        other credit notes ``others`` (``[(credit note, amount)]``), or
        ``False`` when all of them can be posted."""
        self.ensure_one()
        invoice = self.reversed_entry_id
        currency = invoice.currency_id
        mine = self._aftersales_amount_in(invoice)
        posted = [(note, amount) for note, amount in others if note.state == "posted"]
        credited = sum(amount for _note, amount in posted)
        if currency.compare_amounts(credited + mine, invoice.amount_total) > 0:
            return self.env._(
                "This credit note cannot be posted as it is: with the credit notes "
                "already posted (%(credit_notes)s), it would credit %(invoice)s "
                "more than its total of %(total)s. At most %(left)s can still be "
                "credited.",
                credit_notes=", ".join(note.name for note, _amount in posted)
                or self.env._("none"),
                invoice=invoice.name,
                total=formatLang(self.env, invoice.amount_total, currency_obj=currency),
                left=formatLang(
                    self.env,
                    max(invoice.amount_total - credited, 0.0),
                    currency_obj=currency,
                ),
            )
        pending = [(note, amount) for note, amount in others if note.state == "draft"]
        if (
            currency.compare_amounts(
                credited + mine + sum(amount for _note, amount in pending),
                invoice.amount_total,
            )
            > 0
        ):
            return self.env._(
                "With the other draft credit notes of %(invoice)s (%(credit_notes)s), "
                "more than its total of %(total)s would be credited: once one of "
                "them is posted, the others can be posted only for what is left.",
                invoice=invoice.name,
                credit_notes=", ".join(
                    note._aftersales_credit_note_label(amount)
                    for note, amount in pending
                ),
                total=formatLang(self.env, invoice.amount_total, currency_obj=currency),
            )
        return False

    def _aftersales_credit_note_label(self, amount):
        """``RINV/2026/00001 (40.00 €)``, or ``Draft (40.00 €)`` before it has a
        number; ``amount`` in the currency of its invoice."""
        self.ensure_one()
        return self.env._(
            "%(credit_note)s (%(amount)s)",
            credit_note=self._aftersales_final_name() or self.env._("Draft"),
            amount=formatLang(
                self.env, amount, currency_obj=self.reversed_entry_id.currency_id
            ),
        )

    # ------------------------------------------------------------------
    # Never credit more than was invoiced
    # ------------------------------------------------------------------

    def _aftersales_guarded(self):
        """The credit notes of ``self`` made from a ticket that credit an
        invoice: the ones the limit applies to."""
        return self.filtered(
            lambda m: (
                m.move_type == "out_refund"
                and m.helpdesk_ticket_id
                and m.reversed_entry_id
            )
        )

    def _post(self, soft=True):
        invoices = self._aftersales_guarded().reversed_entry_id
        if invoices:
            # One session at a time posts credit notes of an invoice: the rows
            # are claimed, so that a session that read them before retries
            # and sees what the other one posted.
            self.env["helpdesk.aftersales.wizard.mixin"]._aftersales_lock(
                invoices, claim=True
            )
        posted = super()._post(soft=soft)
        posted._aftersales_guarded()._aftersales_check_credit_limit()
        return posted

    def _aftersales_check_credit_limit(self):
        """Refuse the credit notes ``self`` (just posted) when the posted credit
        notes of their invoices exceed the invoices' totals."""
        invoices = self.reversed_entry_id
        credit_notes = invoices._aftersales_credit_notes()
        for invoice in invoices:
            posted = [
                (note, amount)
                for note, amount in credit_notes.get(invoice.id, [])
                if note.state == "posted"
            ]
            credited = sum(amount for _note, amount in posted)
            if invoice.currency_id.compare_amounts(credited, invoice.amount_total) <= 0:
                continue
            mine = self.filtered(
                lambda m, invoice=invoice: m.reversed_entry_id == invoice
            )
            others = [(note, amount) for note, amount in posted if note not in mine]
            already = sum(amount for _note, amount in others)
            raise UserError(
                self.env._(
                    "%(credit_note)s cannot be posted: %(invoice)s would be credited "
                    "%(credited)s, more than its total of %(total)s. Already posted: "
                    "%(credit_notes)s. At most %(left)s can still be credited: edit "
                    "the credit note down first.",
                    credit_note=", ".join(mine.mapped("name")),
                    invoice=invoice.name,
                    credited=formatLang(
                        self.env, credited, currency_obj=invoice.currency_id
                    ),
                    total=formatLang(
                        self.env, invoice.amount_total, currency_obj=invoice.currency_id
                    ),
                    credit_notes=", ".join(
                        note._aftersales_credit_note_label(amount)
                        for note, amount in others
                    )
                    or self.env._("none"),
                    left=formatLang(
                        self.env,
                        max(invoice.amount_total - already, 0.0),
                        currency_obj=invoice.currency_id,
                    ),
                )
            )

    # ------------------------------------------------------------------
    # After-sales document
    # ------------------------------------------------------------------

    def _aftersales_status_rules(self):
        return [
            StatusRule(
                field="state",
                messages={
                    "posted": self.env._("Refund %(document)s posted"),
                    "cancel": self.env._("Refund %(document)s cancelled"),
                },
                subtype=REFUND_STATUS,
                domain=[("move_type", "=", "out_refund")],
            )
        ]

    def _aftersales_portal_values(self):
        """The amount of a credit note on the ticket's portal page (its payment
        state is the row's state)."""
        values = super()._aftersales_portal_values()
        values["value"] = formatLang(
            self.env, self.amount_total, currency_obj=self.currency_id
        )
        return values

    def _reverse_moves(self, default_values_list=None, cancel=False):
        # "Full Refund" goes through Odoo's own reversal (message on the invoice,
        # bank account, scheduled date); the credit note is posted and reconciled
        # with the invoice as Odoo does for "Reverse and Create Invoice", unless it
        # is scheduled for a future date.
        if (
            self.env.context.get(FULL_REFUND)
            and default_values_list
            and all(vals.get("auto_post", "no") == "no" for vals in default_values_list)
        ):
            cancel = True
        return super()._reverse_moves(default_values_list, cancel=cancel)
