# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

PAID_STATES = ("paid", "in_payment", "partial")


class AccountMoveReversal(models.TransientModel):
    """The reversal dialog opened by the Refund button of a ticket. Without a
    ticket (the accounting app's own Reverse), it behaves as in Odoo."""

    _inherit = "account.move.reversal"

    helpdesk_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", string="Ticket", readonly=True
    )
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
                move.payment_state in PAID_STATES for move in wizard.move_ids
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
        ticket = self.env["helpdesk.ticket"].browse(
            self.env.context.get("default_helpdesk_ticket_id")
        )
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

    def _helpdesk_link_values(self):
        """Values linking a move made by this dialog (credit note, new draft
        invoice) to the ticket."""
        if not self.helpdesk_ticket_id:
            return {}
        return {"helpdesk_ticket_id": self.helpdesk_ticket_id.id}

    def _prepare_default_reversal(self, move):
        return {
            **super()._prepare_default_reversal(move),
            **self._helpdesk_link_values(),
        }

    def _modify_default_reverse_values(self, origin_move):
        return {
            **super()._modify_default_reverse_values(origin_move),
            **self._helpdesk_link_values(),
        }

    def _helpdesk_check_refund(self):
        """Refuse, with a clear message and before anything is created, what the
        ticket's Refund dialog cannot do."""
        self.ensure_one()
        ticket = self.helpdesk_ticket_id
        if not ticket:
            raise UserError(self.env._("This dialog must be opened from a ticket."))
        if self.new_move_ids:
            raise UserError(
                self.env._(
                    "This refund has already been made. Open the Refund dialog of "
                    "the ticket again for another one."
                )
            )
        if not self.move_ids:
            raise ticket._aftersales_no_invoice_error()
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
        if paid and self.refund_method != "partial":
            raise UserError(
                self.env._(
                    "%(invoices)s is already paid: only a Partial Refund can be made.",
                    invoices=", ".join(paid.mapped("display_name")),
                )
            )

    def _helpdesk_full_refund(self):
        """Credit notes posted and reconciled with their invoice, no new invoice."""
        moves = self.move_ids
        credit_notes = moves._reverse_moves(
            [self._prepare_default_reversal(move) for move in moves], cancel=True
        )
        self.new_move_ids = credit_notes
        return credit_notes

    def action_helpdesk_reverse(self):
        """The "Reverse" button of the ticket's Refund dialog: creates the credit
        notes with the chosen credit method and opens them."""
        self._helpdesk_check_refund()
        existing = self.move_ids.reversal_move_ids
        if self.refund_method == "full":
            self._helpdesk_full_refund()
        else:
            self.reverse_moves(is_modify=self.refund_method == "modify")
        self.move_ids.invalidate_recordset(["reversal_move_ids"])
        credit_notes = self.move_ids.reversal_move_ids - existing
        return self.helpdesk_ticket_id._aftersales_action_open(
            credit_notes,
            "account.action_move_out_refund_type",
            name=self.env._("Credit Notes"),
        )
