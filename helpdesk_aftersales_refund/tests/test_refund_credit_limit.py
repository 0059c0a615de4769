# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A customer is never credited more than was invoiced: what the Refund dialog
shows and proposes, and the check when a ticket's credit note is posted."""

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import REFUND_VIEW, RefundCommon


@tagged("post_install", "-at_install")
class TestRefundCreditLimit(RefundCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 100.00 and 15 % of taxes: 115.00
        cls.total = cls.invoice.amount_total

    def _partial(self, ticket=None, invoices=None):
        """A Partial Refund from the dialog: the new draft credit note."""
        before = self.env["account.move"].search([("move_type", "=", "out_refund")])
        self._refund("partial", ticket=ticket, invoices=invoices)
        return (
            self.env["account.move"].search([("move_type", "=", "out_refund")]) - before
        )

    def _dialog_invoice(self):
        """The invoice as the dialog lists it."""
        Wizard, _action = self._open_dialog()
        with Form(Wizard, view=REFUND_VIEW) as form:
            self.assertEqual(form.move_ids[:], self.invoice)
            return form.move_ids[0], form

    # what the dialog shows and proposes --------------------------------------

    def test_dialog_shows_credited_pending_and_creditable(self):
        row, form = self._dialog_invoice()
        self.assertEqual(
            (
                row.aftersales_credited_amount,
                row.aftersales_pending_amount,
                row.aftersales_creditable_amount,
            ),
            (0.0, 0.0, self.total),
        )
        self.assertEqual(form.aftersales_refund_methods, ["partial", "full", "modify"])
        first = self._edit_credit_note(self._partial(), 40.0)
        first.action_post()  # 40 %
        second = self._partial()
        self.assertAlmostEqual(second.amount_total, self.total * 0.6, 2)
        self.assertEqual(
            second.invoice_line_ids.price_unit, 60.0, "reduced in proportion"
        )
        row, form = self._dialog_invoice()
        self.assertAlmostEqual(row.aftersales_credited_amount, self.total * 0.4, 2)
        self.assertAlmostEqual(row.aftersales_pending_amount, self.total * 0.6, 2)
        self.assertEqual(row.aftersales_creditable_amount, 0.0)
        self.assertTrue(form.aftersales_credited_invoice)
        self.assertEqual(form.aftersales_refund_methods, ["partial"])
        # nothing left to propose: the pending draft is to be posted or edited
        self.assertRefused(
            lambda: self._refund("partial"), "is already credited for its whole total"
        )
        for method in ("full", "modify"):
            wizard = self._dialog()
            wizard.refund_method = method  # what the dialog does not offer
            self.assertRefused(
                wizard.action_helpdesk_reverse, "already has credit notes"
            )

    def test_reduction_of_an_awkward_amount(self):
        """What is left after a third is credited: the proposed credit note never
        exceeds it, taxes' rounding included."""
        invoice = self._create_invoice(post=True)  # two lines, several taxes
        ticket = self._ticket(self.partner_a)
        first = self._partial(ticket, invoice)
        with Form(first) as form:
            for index in range(len(first.invoice_line_ids)):
                with form.invoice_line_ids.edit(index) as line:
                    line.price_unit = round(line.price_unit / 3, 2)
        first.action_post()
        left = invoice.amount_total - first.amount_total
        second = self._partial(ticket, invoice)
        self.assertLessEqual(second.amount_total, round(left, 2))
        self.assertAlmostEqual(second.amount_total, left, delta=0.05)
        second.action_post()

    # posting ---------------------------------------------------------------------

    def test_forty_and_sixty_percent_post_a_third_one_percent_does_not(self):
        forty = self._edit_credit_note(self._partial(), 40.0)
        sixty = self._partial()  # proposed: the 60 % left
        self._edit_credit_note(sixty, 59.0)  # edited down for a while
        one = self._partial()  # proposed: the 1 % left
        self.assertAlmostEqual(one.amount_total, self.total * 0.01, 2)
        self._edit_credit_note(sixty, 60.0)
        self.assertIn(
            "With the other draft credit notes", sixty.aftersales_credit_warning
        )
        forty.action_post()
        sixty.with_user(self.agent).action_post()
        self.assertEqual((forty | sixty).mapped("state"), ["posted", "posted"])
        self.assertIn("cannot be posted as it is", one.aftersales_credit_warning)
        with self.assertRaisesText(UserError, "cannot be posted") as caught:
            one.with_user(self.agent).action_post()
        message = str(caught.exception)
        self.assertIn(forty.name, message)
        self.assertIn(sixty.name, message)
        self.assertIn(self.invoice.name, message)
        self.assertEqual(one.state, "draft")

    def test_two_full_amount_drafts_the_second_post_refused(self):
        first = self._edit_credit_note(self._partial(), 50.0)
        second = self._partial()  # the 50 % left...
        # ...both edited back up to the whole invoice (drafts may exceed it)
        self._edit_credit_note(second, 100.0)
        self._edit_credit_note(first, 100.0)
        for draft in (first, second):
            self.assertEqual(draft.amount_total, self.total)
            self.assertIn(
                "With the other draft credit notes", draft.aftersales_credit_warning
            )
        first.action_post()
        self.assertFalse(first.aftersales_credit_warning)
        self.assertIn("cannot be posted as it is", second.aftersales_credit_warning)
        # through the form's button (RPC) or the list's "Confirm" action alike
        self.assertRefused(second.with_user(self.agent).action_post, first.name)
        self.assertRefused(
            lambda: (
                self.env["validate.account.move"]
                .with_context(active_model="account.move", active_ids=second.ids)
                .create({"force_post": True})
                .validate_move()
            ),
            first.name,
        )
        self.assertEqual(second.state, "draft")
        self.assertEqual(self.invoice.aftersales_credited_amount, self.total)

    def test_full_refund_after_a_draft_is_refused(self):
        self._partial()
        self.assertRefused(lambda: self._refund("full"), "already has credit notes")
        self.assertEqual(self.invoice.payment_state, "not_paid")

    def test_another_currency(self):
        euro = self.setup_other_currency("EUR", rates=[("2000-01-01", 2.0)])
        invoice = self._create_invoice_one_line(
            price_unit=100.0, product_id=self.product_a, currency_id=euro, post=True
        )
        self.assertEqual(invoice.currency_id, euro)
        total = invoice.amount_total
        ticket = self._ticket(self.partner_a)
        forty = self._edit_credit_note(self._partial(ticket, invoice), 40.0)
        self.assertEqual(forty.currency_id, euro)
        forty.action_post()
        self.assertAlmostEqual(invoice.aftersales_credited_amount, total * 0.4, 2)
        sixty = self._partial(ticket, invoice)
        self.assertAlmostEqual(sixty.amount_total, total * 0.6, 2)
        # a credit note switched to the company's currency counts converted
        # (1 company unit = 2 EUR): 30 + taxes is 60 % of the EUR invoice
        with Form(sixty) as form:
            form.currency_id = self.env.company.currency_id
            with form.invoice_line_ids.edit(0) as line:
                line.price_unit = 30.01
        self.assertIn("cannot be posted as it is", sixty.aftersales_credit_warning)
        self.assertRefused(sixty.action_post, "cannot be posted")
        self._edit_credit_note(sixty, 30.0)
        sixty.action_post()
        self.assertAlmostEqual(invoice.aftersales_credited_amount, total, 2)

    def test_credit_notes_not_made_from_a_ticket_are_untouched(self):
        """The accounting app's own reversals: twice the invoice, posted."""
        first = self._reverse_invoice(self.invoice)
        second = self._reverse_invoice(self.invoice)
        self.assertFalse(first.aftersales_credit_warning)
        (first | second).action_post()
        self.assertEqual((first | second).mapped("state"), ["posted", "posted"])
        self.assertEqual(self.invoice.aftersales_credited_amount, 2 * self.total)
        # the ticket's dialog then has nothing left to credit
        self.assertEqual(self.invoice.payment_state, "reversed")
        self.assertRefused(
            lambda: self._refund("partial", invoices=self.invoice),
            "an invoice must be issued first",
        )

    def test_a_ticket_credit_note_made_in_accounting_is_guarded(self):
        """A credit note of the accounting app linked to the ticket later is a
        ticket's credit note."""
        posted = self._reverse_invoice(self.invoice, post=True)
        draft = self._reverse_invoice(self.invoice)
        draft.helpdesk_ticket_id = self.ticket
        self.assertRefused(draft.action_post, posted.name)
        draft.write(
            {
                "invoice_line_ids": [
                    Command.update(draft.invoice_line_ids.id, {"price_unit": 0.0})
                ]
            }
        )
        draft.action_post()
