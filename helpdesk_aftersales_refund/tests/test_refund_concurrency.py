# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two sessions pressing Reverse at the same moment, each with a cursor (and a
transaction) of its own."""

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.service.model import retrying
from odoo.tests import tagged

from odoo.addons.helpdesk_aftersales.tests.common import (
    AftersalesConcurrencyCase,
    committed_env,
)

WIZARD = "account.move.reversal"


@tagged("post_install", "-at_install")
class TestRefundConcurrency(AftersalesConcurrencyCase):
    _concurrency_toggles = {"use_credit_notes": True}

    def _concurrency_data(self, env, ticket):
        invoice = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": ticket.partner_id.id,
                "invoice_line_ids": [
                    Command.create({"name": "Desk", "price_unit": 120.0})
                ],
            }
        )
        invoice.action_post()
        return {"invoice": invoice.id, "journal": invoice.journal_id.id}

    def _concurrency_cleanup(self, env):
        moves = env["account.move"].search([("partner_id", "=", self.ids["partner"])])
        moves.filtered(lambda m: m.state != "draft").button_draft()
        moves.with_context(force_delete=True).unlink()

    def _dialogs(self, count):
        """``count`` Refund dialogs of the ticket, Full Refund chosen, saved."""
        values = {
            "refund_method": "full",
            "journal_id": self.ids["journal"],
            "move_ids": [Command.set([self.ids["invoice"]])],
        }
        return self._open_dialogs("action_helpdesk_refund", count, values)

    def _credit_notes(self):
        return self._count(
            "account.move",
            [
                ("helpdesk_ticket_id", "=", self.ids["ticket"]),
                ("move_type", "=", "out_refund"),
            ],
        )

    def _reverse(self, cr, wizard_id):
        return self._session(cr)[WIZARD].browse(wizard_id).action_helpdesk_reverse()

    def test_two_sessions_on_the_same_dialog(self):
        [wizard_id] = self._dialogs(1)
        self.assertPressedOnce(
            wizard_id,
            lambda env, wizard_id: env[WIZARD].browse(wizard_id).refund_moves(),
            self._credit_notes,
            lambda env, wizard_id: (
                env[WIZARD].browse(wizard_id).action_helpdesk_reverse()
            ),
        )

    def test_two_dialogs_on_the_same_invoice(self):
        first, second = self._dialogs(2)
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._reverse(cr1, first)
            with self.assertRaisesRegex(UserError, "processed in another session"):
                self._reverse(cr2, second)
            cr2.rollback()
            # the second session starts reading before the first one commits
            env2 = self._session(cr2)
            invoice = env2["account.move"].browse(self.ids["invoice"])
            self.assertEqual(invoice.payment_state, "not_paid")
            cr1.commit()
            # as a request does: serialization failure, then a retry that sees
            # the committed refund
            with self.assertRaisesRegex(UserError, "already fully refunded"):
                retrying(lambda: self._reverse(cr2, second), env2)
            cr2.rollback()
        self.assertEqual(self._credit_notes(), 1)

    def test_two_sessions_post_the_two_last_drafts(self):
        """Two drafts of the whole invoice made from the ticket, posted by two
        sessions at once: one posts, the other is refused."""
        with committed_env(self.registry, self.uid) as env:
            invoice = env["account.move"].browse(self.ids["invoice"])
            link = {"helpdesk_ticket_id": self.ids["ticket"]}
            first = invoice._reverse_moves([dict(link)])
            second = invoice._reverse_moves([dict(link)])
            drafts = (first | second).ids

        def post(cr, move_id):
            self._session(cr)["account.move"].browse(move_id).action_post()

        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            post(cr1, drafts[0])
            with self.assertRaisesRegex(UserError, "processed in another session"):
                post(cr2, drafts[1])
            cr2.rollback()
            # the second session reads before the first one commits
            env2 = self._session(cr2)
            self.assertEqual(env2["account.move"].browse(drafts[0]).state, "draft")
            cr1.commit()
            # a request retries on the serialization failure, and sees the post
            with self.assertRaisesRegex(UserError, "cannot be posted"):
                retrying(lambda: post(cr2, drafts[1]), env2)
            cr2.rollback()
        posted = self._count(
            "account.move",
            [("id", "in", drafts), ("state", "=", "posted")],
        )
        self.assertEqual(posted, 1)
