# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from ..models.account_move import FULL_REFUND

PAID_STATES = ("paid", "in_payment", "partial")


class AccountMoveReversal(models.TransientModel):
    """The reversal dialog opened by the Refund button of a ticket. Without a
    ticket (the accounting app's own Reverse), it behaves as in Odoo."""

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
        help="Partial Refund: a draft credit note, editable before it is issued.\n"
        "Full Refund: the credit note is validated and reconciled with the invoice; "
        "choose it to cancel a validated invoice.\n"
        "Full refund and new draft invoice: as Full Refund, and the invoice is "
        "copied as a new draft; choose it to modify a validated invoice.",
    )
    helpdesk_paid_invoice = fields.Boolean(
        string="Paid Invoice", compute="_compute_helpdesk_paid_invoice"
    )

    @api.depends("move_ids")
    def _compute_helpdesk_paid_invoice(self):
        for wizard in self:
            wizard.helpdesk_paid_invoice = any(
                move._origin.payment_state in PAID_STATES for move in wizard.move_ids
            )

    @api.depends("move_ids")
    def _compute_refund_method(self):
        for wizard in self:
            if wizard.helpdesk_paid_invoice or not wizard.refund_method:
                wizard.refund_method = "partial"

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

    @api.model
    def default_get(self, fields):
        res = super().default_get(fields)
        ticket = self._aftersales_ticket_from_context()
        if ticket:
            if "company_id" in fields:
                res["company_id"] = ticket.company_id.id
            if "move_ids" in fields:
                invoice = ticket._aftersales_refund_default_invoice()
                res["move_ids"] = [Command.set(invoice.ids)]
            if "reason" in fields:
                res["reason"] = self.env._(
                    "Helpdesk ticket %(number)s", number=ticket.number
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
    # Public methods: every one of them follows the ticket's rules
    # ------------------------------------------------------------------

    def reverse_moves(self, is_modify=False):
        # refund_moves() and modify_moves() come here too: on a ticket's dialog,
        # called by RPC, they are a partial refund and a full refund with a new
        # draft invoice, with the same checks as the dialog's own button.
        if not self.helpdesk_ticket_id:
            return super().reverse_moves(is_modify=is_modify)
        return self._aftersales_refund("modify" if is_modify else "partial")

    def action_helpdesk_reverse(self):
        """The "Reverse" button of the ticket's Refund dialog: creates the credit
        notes with the chosen credit method and opens them."""
        return self._aftersales_refund(self.refund_method)

    # ------------------------------------------------------------------

    def _aftersales_refund(self, method):
        self.ensure_one()
        if not self.helpdesk_ticket_id:
            raise UserError(self.env._("This dialog must be opened from a ticket."))
        return self._aftersales_run_once(self._aftersales_make_refund, method)

    def _aftersales_make_refund(self, method):
        self._aftersales_check_refund(method)
        existing = self.move_ids.reversal_move_ids
        parent = super(
            AccountMoveReversal, self.with_context(**{FULL_REFUND: method == "full"})
        )
        parent.reverse_moves(is_modify=method == "modify")
        self.move_ids.invalidate_recordset(["reversal_move_ids"])
        credit_notes = self.move_ids.reversal_move_ids - existing
        return self.helpdesk_ticket_id._aftersales_action_open(
            credit_notes,
            "account.action_move_out_refund_type",
            name=self.env._("Credit Notes"),
        )

    def _aftersales_check_refund(self, method):
        """Refuse, with a clear message and before anything is created, what the
        ticket's Refund dialog cannot do. The invoices are locked first, so that
        two dialogs never refund the same invoice in full."""
        ticket = self.helpdesk_ticket_id
        if method not in dict(self._fields["refund_method"].selection):
            raise UserError(self.env._("Choose a credit method."))
        if not self.move_ids:
            raise ticket._aftersales_no_invoice_error()
        self._aftersales_lock(self.move_ids)
        self.move_ids.invalidate_recordset()
        refunded = self.move_ids.filtered(lambda m: m.payment_state == "reversed")
        if refunded:
            raise UserError(
                self.env._(
                    "%(invoices)s is already fully refunded: it cannot be refunded "
                    "again.",
                    invoices=", ".join(refunded.mapped("display_name")),
                )
            )
        wrong = self.move_ids - self.move_ids.filtered_domain(
            ticket._aftersales_refund_invoice_domain()
        )
        if wrong:
            raise UserError(
                self.env._(
                    "Only posted customer invoices of %(customer)s in %(company)s can "
                    "be refunded from this ticket, not %(invoices)s.",
                    customer=ticket.commercial_partner_id.display_name,
                    company=ticket.company_id.display_name,
                    invoices=", ".join(wrong.mapped("display_name")),
                )
            )
        paid = self.move_ids.filtered(lambda m: m.payment_state in PAID_STATES)
        if paid and method != "partial":
            raise UserError(
                self.env._(
                    "%(invoices)s is already paid: only a Partial Refund can be made.",
                    invoices=", ".join(paid.mapped("display_name")),
                )
            )
