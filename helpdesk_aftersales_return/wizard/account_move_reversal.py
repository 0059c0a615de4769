# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class AccountMoveReversal(models.TransientModel):
    """The credit method "Returned products" of a ticket's Refund dialog: a
    credit note of exactly what came back in the ticket's done returns, at the
    prices of the invoices that billed it.

    - Products invoiced on delivered quantities: a return lowers what the
      order delivered, and the credit note is the order's own invoicing of the
      returned quantities (its lines belong to the order's lines).
    - Products invoiced on ordered quantities (a return does not change what
      the order has to invoice): a reversal of the matching invoice lines,
      restricted to the returned quantities; its lines do not belong to the
      order's lines, so that the order does not propose to invoice them again.
    """

    _inherit = "account.move.reversal"

    refund_method = fields.Selection(
        selection_add=[("returned", "Returned products"), ("partial",)],
        ondelete={"returned": "set null"},
    )
    aftersales_return_move_ids = fields.Many2many(
        comodel_name="stock.move",
        string="Returned Products",
        compute="_compute_aftersales_returns",
        help="The products of the ticket's done returns that are not credited "
        "yet, and what a credit note of returned products credits of them.",
    )
    aftersales_returns_note = fields.Char(
        string="Returns Note",
        compute="_compute_aftersales_returns",
        help="Why the ticket's done returns have nothing to credit.",
    )

    @api.depends("helpdesk_ticket_id")
    def _compute_aftersales_returns(self):
        for wizard in self:
            ticket = wizard.helpdesk_ticket_id
            moves = (
                ticket._aftersales_returned_moves()
                if ticket
                else self.env["stock.move"]
            )
            plan = moves._aftersales_credit_plan() if moves else {}
            to_credit = moves.filtered(lambda m, plan=plan: plan[m.id][1])
            wizard.aftersales_return_move_ids = to_credit.sudo(False)
            wizard.aftersales_returns_note = (
                not to_credit
                and moves
                and wizard._aftersales_nothing_to_credit(moves, plan)
            ) or False

    def _aftersales_offered_methods(self):
        methods = super()._aftersales_offered_methods()
        if self.aftersales_return_move_ids:
            return ["returned", *methods]
        return methods

    def _aftersales_credit(self, method):
        if method != "returned":
            return super()._aftersales_credit(method)
        return self._aftersales_credit_returns()

    # ------------------------------------------------------------------
    # Returned products
    # ------------------------------------------------------------------

    def _aftersales_credit_returns(self):
        """Credit what is left to credit of the ticket's done returns, and
        post it. The returns are locked and claimed first: two dialogs (or two
        sessions) never credit a return twice."""
        ticket = self.helpdesk_ticket_id
        moves = ticket._aftersales_returned_moves()
        if moves:
            self._aftersales_lock(moves.picking_id, claim=True)
            moves.invalidate_recordset()
        plan = moves._aftersales_credit_plan()
        allocations = [
            (move, line, quantity)
            for move in moves
            for line, quantity in plan[move.id][1]
        ]
        if not allocations:
            raise UserError(
                self._aftersales_nothing_to_credit(moves, plan)
                or self.env._(
                    "Ticket %(ticket)s has no done return left to credit.",
                    ticket=ticket.display_name,
                )
            )
        invoices = self.env["account.move"].browse(
            {line.move_id.id for _move, line, _quantity in allocations}
        )
        ticket._aftersales_check_own(invoices)
        self._aftersales_lock(invoices, claim=True)
        credit_notes = self._aftersales_make_return_credit_notes(allocations)
        credit_notes.filtered(lambda m: m.auto_post == "no").action_post()
        return credit_notes

    def _aftersales_nothing_to_credit(self, moves, plan):
        """Why the returns ``moves`` have nothing to credit (``plan``: their
        credit plan), or ``False`` when they were all credited as returns."""
        uncredited = moves.filtered(lambda m: m._aftersales_uncredited(plan))
        not_invoiced = uncredited.filtered(
            lambda m: (
                not m.sale_line_id.invoice_lines.filtered(
                    lambda l: (
                        l.move_id.move_type == "out_invoice"
                        and l.parent_state == "posted"
                    )
                )
            )
        )
        if not_invoiced:
            return self.env._(
                "The products returned in %(returns)s are not invoiced "
                "(%(orders)s): there is nothing to credit.",
                returns=", ".join(not_invoiced.picking_id.mapped("name")),
                orders=", ".join(not_invoiced.sale_line_id.order_id.mapped("name")),
            )
        if uncredited:
            return self.env._(
                "The products returned in %(returns)s are already credited by "
                "other credit notes of their invoices: there is nothing left to "
                "credit.",
                returns=", ".join(uncredited.picking_id.mapped("name")),
            )
        return False

    def _aftersales_make_return_credit_notes(self, allocations):
        """The credit notes of ``allocations`` (``[(return move, invoice line,
        quantity in the unit of the order line)]``): one per invoice (and per
        order for products invoiced on delivered quantities)."""
        groups = defaultdict(list)
        for move, line, quantity in allocations:
            order_line = move.sale_line_id
            by_order = order_line.product_id.invoice_policy == "delivery"
            key = (line.move_id, order_line.order_id if by_order else False)
            groups[key].append((move, line, quantity))
        credit_notes = self.env["account.move"]
        for (invoice, order), entries in groups.items():
            invoice = invoice.sudo(False)
            if order:
                credit_notes |= self._aftersales_credit_by_order(
                    invoice, order.sudo(False), entries
                )
            else:
                credit_notes |= self._aftersales_credit_by_reversal(invoice, entries)
        return credit_notes

    def _aftersales_return_defaults(self, invoice):
        """What a credit note of returned products of ``invoice`` starts with:
        the reversal's values (date, reason, ticket), in the invoice's
        journal."""
        return {
            **self._prepare_default_reversal(invoice),
            "journal_id": invoice.journal_id.id,
        }

    def _aftersales_credit_by_order(self, invoice, order, entries):
        """The order's own invoicing of the returned quantities, at the prices
        of ``invoice``, as a credit note of it."""
        values = order._prepare_invoice()
        values.pop("transaction_ids", None)
        values.update(
            {
                **self._aftersales_return_defaults(invoice),
                "move_type": "out_refund",
                "reversed_entry_id": invoice.id,
                "currency_id": invoice.currency_id.id,
                "invoice_line_ids": [
                    Command.create(self._aftersales_order_line_values(*entry))
                    for entry in entries
                ],
            }
        )
        return self.env["account.move"].create(values)

    def _aftersales_order_line_values(self, move, invoice_line, quantity):
        order_line = move.sale_line_id.sudo(False)
        return order_line._prepare_invoice_line(
            quantity=quantity,
            price_unit=invoice_line.product_uom_id._compute_price(
                invoice_line.price_unit, order_line.product_uom_id
            ),
            discount=invoice_line.discount,
            tax_ids=[Command.set(invoice_line.tax_ids.ids)],
            aftersales_returned_move_id=move.id,
        )

    def _aftersales_credit_by_reversal(self, invoice, entries):
        """A reversal of ``invoice`` restricted to the returned quantities of
        its lines that billed them."""
        credit_note = invoice._reverse_moves(
            [self._aftersales_return_defaults(invoice)]
        )
        per_line = defaultdict(list)
        for move, line, quantity in entries:
            per_line[line.id].append((move, quantity))
        originals = invoice.invoice_line_ids
        copies = credit_note.invoice_line_ids
        commands = []
        for original, copy in zip(originals, copies, strict=True):
            returned = per_line.get(original.id)
            if not returned or copy.display_type != "product":
                commands.append(Command.delete(copy.id))
                continue
            for index, (move, quantity) in enumerate(returned):
                values = {
                    "quantity": move.sale_line_id.product_uom_id._compute_quantity(
                        quantity, copy.product_uom_id
                    ),
                    "aftersales_returned_move_id": move.id,
                    "sale_line_ids": [Command.clear()],
                }
                if index == 0:
                    commands.append(Command.update(copy.id, values))
                else:
                    # another return of the same invoice line: a line of its own
                    commands.append(
                        Command.create({**self._aftersales_line_copy(copy), **values})
                    )
        credit_note.write({"invoice_line_ids": commands})
        return credit_note

    @api.model
    def _aftersales_line_copy(self, line):
        """The values of a new credit note line like ``line``."""
        return {
            "display_type": "product",
            "sequence": line.sequence,
            "product_id": line.product_id.id,
            "name": line.name,
            "product_uom_id": line.product_uom_id.id,
            "price_unit": line.price_unit,
            "discount": line.discount,
            "tax_ids": [Command.set(line.tax_ids.ids)],
            "account_id": line.account_id.id,
            "analytic_distribution": line.analytic_distribution,
        }
