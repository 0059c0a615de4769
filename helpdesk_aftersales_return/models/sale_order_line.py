# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _aftersales_share_returns(self, returns, invoice_lines, credit_lines):
        """Share what is left to credit on the line ``self`` among its
        ``returns`` (oldest first), see ``stock.move._aftersales_credit_plan``.

        :return: ``{return id: (credited quantity, [(invoice line, quantity)])}``
        """
        self.ensure_one()
        unit = self.product_uom_id

        def quantity(line):
            return line.product_uom_id._compute_quantity(line.quantity, unit)

        invoiced = sum(quantity(line) for line in invoice_lines)
        price = (
            sum(invoice_lines.mapped("price_subtotal")) / invoiced if invoiced else 0
        )

        def credited_value(credit):
            """The quantity a credit line counts for: less than its own when
            its price is lower than the invoiced one (a gesture on the price)."""
            credited = quantity(credit)
            if (
                not price
                or not credited
                or credit.currency_id != invoice_lines[:1].currency_id
            ):
                return credited
            return credited * min(1.0, credit.price_subtotal / credited / price)

        # what is left to credit per invoice
        left_per_invoice = defaultdict(float)
        for line in invoice_lines:
            left_per_invoice[line.move_id] += quantity(line)
        credited = 0.0
        for credit in credit_lines:
            value = credited_value(credit)
            credited += value
            invoice = credit.move_id.reversed_entry_id
            if invoice in left_per_invoice:
                left_per_invoice[invoice] -= value
        left = self._aftersales_left_to_credit(
            invoiced,
            credited,
            sum(
                move.product_uom._compute_quantity(move.quantity, unit)
                for move in returns
            ),
        )
        invoices = sorted(
            left_per_invoice,
            key=lambda m: (m.invoice_date or m.date, m.id),
            reverse=True,
        )
        shares = {}
        for move in returns:
            own = sum(
                quantity(credit)
                for credit in credit_lines
                if credit.aftersales_returned_move_id == move
            )
            returned = move.product_uom._compute_quantity(move.quantity, unit)
            wanted = unit.round(min(max(returned - own, 0.0), max(left, 0.0)))
            left -= wanted
            allocations = []
            for invoice in invoices:
                if unit.compare(wanted, 0.0) <= 0:
                    break
                taken = unit.round(min(wanted, left_per_invoice[invoice]))
                if unit.compare(taken, 0.0) <= 0:
                    continue
                left_per_invoice[invoice] -= taken
                wanted -= taken
                line = invoice_lines.filtered(lambda l, inv=invoice: l.move_id == inv)[
                    :1
                ]
                allocations.append((line, taken))
            shares[move.id] = (own, allocations)
        return shares

    def _aftersales_left_to_credit(self, invoiced, credited, returned):
        """What the returns of the line may still be credited for, in its unit,
        given what was ``invoiced``, ``credited`` (in all, whatever the credit
        notes) and ``returned`` (by all its returns).

        - Invoiced on delivered quantities: the returns lowered what the order
          delivered; what was invoiced beyond what was delivered and not
          credited yet (what the order's own invoicing would credit).
        - Invoiced on ordered quantities: what was returned, within what was
          invoiced, less what was credited.
        """
        self.ensure_one()
        if self.product_id.invoice_policy == "delivery":
            return invoiced - credited - self.qty_delivered
        return min(returned, invoiced) - credited
