# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two sessions pressing Reverse at the same moment, each with a cursor (and a
transaction) of its own. Their data is committed, so that both see it, and
removed at the end."""

from odoo import api
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

from odoo.addons.helpdesk_aftersales.tests.common import committed_env

WIZARD = "account.move.reversal"


@tagged("post_install", "-at_install")
class TestRefundConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        self.uid = self.env.ref("base.user_admin").id
        with committed_env(self.registry) as env:
            partner = env["res.partner"].create({"name": "Concurrent customer"})
            team = env["helpdesk.ticket.team"].create(
                {"name": "Concurrent refunds", "use_credit_notes": True}
            )
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": "Refund twice?",
                    "description": "<p>Two agents at once</p>",
                    "team_id": team.id,
                    "partner_id": partner.id,
                }
            )
            invoice = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_line_ids": [
                        Command.create({"name": "Desk", "price_unit": 120.0})
                    ],
                }
            )
            invoice.action_post()
            self.ids = {
                "partner": partner.id,
                "team": team.id,
                "ticket": ticket.id,
                "invoice": invoice.id,
            }
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with committed_env(self.registry) as env:
            moves = env["account.move"].search(
                [("partner_id", "=", self.ids["partner"])]
            )
            moves.filtered(lambda m: m.state != "draft").button_draft()
            moves.with_context(force_delete=True).unlink()
            env["helpdesk.ticket"].browse(self.ids["ticket"]).unlink()
            env["helpdesk.ticket.team"].browse(self.ids["team"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _dialogs(self, count):
        """``count`` Refund dialogs of the ticket, Full Refund chosen, saved."""
        with committed_env(self.registry, self.uid) as env:
            ticket = env["helpdesk.ticket"].browse(self.ids["ticket"])
            action = ticket.action_helpdesk_refund()
            Wizard = env[WIZARD].with_context(**action["context"])
            journal = env["account.move"].browse(self.ids["invoice"]).journal_id
            wizards = Wizard.create(
                [{"refund_method": "full", "journal_id": journal.id}] * count
            )
            self.assertEqual(
                wizards.move_ids.ids, [self.ids["invoice"]], "the invoice is chosen"
            )
            return wizards.ids

    def _credit_notes(self):
        with committed_env(self.registry) as env:
            return env["account.move"].search_count(
                [
                    ("helpdesk_ticket_id", "=", self.ids["ticket"]),
                    ("move_type", "=", "out_refund"),
                ]
            )

    def _reverse(self, cr, wizard_id):
        env = api.Environment(cr, self.uid, {})
        return env[WIZARD].browse(wizard_id).action_helpdesk_reverse()

    def test_two_sessions_on_the_same_dialog(self):
        [wizard_id] = self._dialogs(1)
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._reverse(cr1, wizard_id)
            with self.assertRaisesRegex(UserError, "processed in another session"):
                self._reverse(cr2, wizard_id)
            cr2.rollback()
            cr1.commit()
            with self.assertRaisesRegex(UserError, "already been done"):
                self._reverse(cr2, wizard_id)
            cr2.rollback()
        self.assertEqual(self._credit_notes(), 1)

    def test_two_dialogs_on_the_same_invoice(self):
        first, second = self._dialogs(2)
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._reverse(cr1, first)
            with self.assertRaisesRegex(UserError, "processed in another session"):
                self._reverse(cr2, second)
            cr2.rollback()
            # the second session starts reading before the first one commits
            env2 = api.Environment(cr2, self.uid, {})
            self.assertEqual(
                env2["account.move"].browse(self.ids["invoice"]).payment_state,
                "not_paid",
            )
            cr1.commit()
            # as a request does: serialization failure, then a retry that sees
            # the committed refund
            with self.assertRaisesRegex(UserError, "already fully refunded"):
                retrying(lambda: self._reverse(cr2, second), env2)
            cr2.rollback()
        self.assertEqual(self._credit_notes(), 1)
