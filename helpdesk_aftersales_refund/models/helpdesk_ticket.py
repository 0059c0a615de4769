# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

CREDIT_NOTES = [("move_type", "=", "out_refund")]


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    credit_note_count = fields.Integer(
        string="Credit Notes", compute="_compute_credit_note_count"
    )

    def _compute_credit_note_count(self):
        counts = self._aftersales_count("account.move", CREDIT_NOTES)
        for ticket in self:
            ticket.credit_note_count = counts.get(ticket._origin.id, 0)

    def _aftersales_refund_invoice_domain(self):
        """Invoices that can be refunded from the ticket: posted customer invoices
        of its customer (commercial entity), in the ticket's company."""
        self.ensure_one()
        return Domain(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("company_id", "=", self.company_id.id),
            ]
        )

    def _aftersales_refund_default_invoice(self):
        """The invoice the Refund dialog starts with: the most recent one not fully
        refunded yet, of the ticket's sales orders and product when it has them.
        At most four small queries, whatever the customer's history."""
        self.ensure_one()
        Move = self.env["account.move"]
        base = self._aftersales_refund_invoice_domain() & Domain(
            "payment_state", "!=", "reversed"
        )
        by_order = Domain(
            "invoice_line_ids.sale_line_ids.order_id", "in", self.sale_order_ids.ids
        )
        by_product = Domain("invoice_line_ids.product_id", "=", self.product_id.id)
        narrowings = []
        if self.sale_order_ids and self.product_id:
            narrowings.append(by_order & by_product)
        if self.sale_order_ids:
            narrowings.append(by_order)
        if self.product_id:
            narrowings.append(by_product)
        narrowings.append(Domain.TRUE)
        for narrowing in narrowings:
            invoice = Move.search(
                base & narrowing, order="invoice_date desc, id desc", limit=1
            )
            if invoice:
                return invoice
        return Move

    def _aftersales_no_invoice_error(self):
        return UserError(
            self.env._(
                "Before creating a credit note, an invoice must be issued first."
            )
        )

    def action_helpdesk_refund(self):
        """The Refund button: the reversal dialog of the ticket's invoices."""
        self.ensure_one()
        self.env["account.move.reversal"].check_access("create")
        if not self.partner_id:
            raise UserError(self.env._("Set the customer of the ticket first."))
        if not self.env["account.move"].search_count(
            self._aftersales_refund_invoice_domain(), limit=1
        ):
            raise self._aftersales_no_invoice_error()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refund"),
            "res_model": "account.move.reversal",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "helpdesk_aftersales_refund.view_account_move_reversal_helpdesk"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {
                "default_helpdesk_ticket_id": self.id,
                "active_model": self._name,
                "active_id": self.id,
                "active_ids": self.ids,
            },
        }

    def _aftersales_credit_notes(self):
        return self._aftersales_documents("account.move", CREDIT_NOTES)

    def action_view_credit_notes(self):
        self.ensure_one()
        return self._aftersales_action_open(
            self._aftersales_credit_notes(),
            "account.action_move_out_refund_type",
            name=self.env._("Credit Notes"),
        )

    def _aftersales_portal_credit_notes(self):
        """Posted credit notes of the ticket, for its portal page."""
        self.ensure_one()
        return (
            self.sudo()
            ._aftersales_credit_notes()
            .filtered(lambda m: m.state == "posted")
        )
