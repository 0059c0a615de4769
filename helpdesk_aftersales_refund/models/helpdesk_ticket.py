# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.helpdesk_aftersales.aftersales import DocumentKind

REFUND_VIEW = "helpdesk_aftersales_refund.view_account_move_reversal_helpdesk"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    credit_note_count = fields.Integer(
        string="Credit Notes", compute="_compute_aftersales_counts"
    )
    aftersales_credit_note_total = fields.Monetary(
        string="Credited",
        compute="_compute_aftersales_counts",
        currency_field="aftersales_currency_id",
        help="Total of the credit notes of the ticket (cancelled ones left out), "
        "taxes included, in the company's currency.",
    )

    def _aftersales_document_kinds(self):
        return [
            *super()._aftersales_document_kinds(),
            DocumentKind(
                count_field="credit_note_count",
                model="account.move",
                toggle="use_credit_notes",
                groups="account.group_account_invoice",
                domain=[("move_type", "=", "out_refund")],
                active_domain=[("state", "!=", "cancel")],
                value_field="aftersales_credit_note_total",
                value_source="amount_total_signed",
                action="account.action_move_out_refund_type",
                created_note=self.env._(
                    "Credit note created from this ticket: %(document)s."
                ),
                linked_note=self.env._(
                    "Credit note linked to this ticket: %(document)s."
                ),
                portal_label=self.env._("Refund"),
                portal_domain=[("state", "=", "posted")],
                portal_date_field="invoice_date",
                portal_state_field="payment_state",
            ),
            # the new draft invoice of "Full refund and new draft invoice":
            # linked to the ticket, not counted
            DocumentKind(
                count_field=None,
                model="account.move",
                toggle="use_credit_notes",
                groups="account.group_account_invoice",
                domain=[("move_type", "=", "out_invoice")],
                created_note=self.env._(
                    "Invoice created from this ticket: %(document)s."
                ),
                linked_note=self.env._("Invoice linked to this ticket: %(document)s."),
            ),
        ]

    def _compute_aftersales_counts(self):
        res = super()._compute_aftersales_counts()
        # credit notes' totals in the company's currency are signed (negative):
        # the smart button shows what was credited
        for ticket in self:
            ticket.aftersales_credit_note_total = -ticket.aftersales_credit_note_total
        return res

    def _aftersales_refund_invoice_domain(self):
        """Invoices that can be refunded from the ticket: posted customer invoices
        of its customer (commercial entity), in the ticket's company, not fully
        refunded yet."""
        self.ensure_one()
        return Domain(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "!=", "reversed"),
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("company_id", "=", self.company_id.id),
            ]
        )

    def _aftersales_refund_default_invoice(self):
        """The invoice the Refund dialog starts with: the most recent refundable
        one of the ticket's sales orders and product."""
        return self._aftersales_preselect(
            "account.move",
            self._aftersales_refund_invoice_domain(),
            order_path="invoice_line_ids.sale_line_ids.order_id",
            product_path="invoice_line_ids.product_id",
            order="invoice_date desc, id desc",
        )

    def _aftersales_no_invoice_error(self):
        return UserError(
            self.env._(
                "Before creating a credit note, an invoice must be issued first."
            )
        )

    def action_helpdesk_refund(self):
        """The Refund button: the reversal dialog of the ticket's invoices."""
        self._aftersales_guard("use_credit_notes", customer=True)
        self.env["account.move.reversal"].check_access("create")
        if not self.env["account.move"].search_count(
            self._aftersales_refund_invoice_domain(), limit=1
        ):
            raise self._aftersales_no_invoice_error()
        return self._aftersales_dialog(
            "account.move.reversal", REFUND_VIEW, self.env._("Refund")
        )
