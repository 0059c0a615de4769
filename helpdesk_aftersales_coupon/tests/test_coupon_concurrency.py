# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two sessions pressing Generate on the same dialog at the same moment, each
with a cursor (and a transaction) of its own. Their data is committed, so that
both see it, and removed at the end."""

from odoo import api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.helpdesk_aftersales.tests.common import committed_env

WIZARD = "helpdesk.aftersales.coupon.wizard"


@tagged("post_install", "-at_install")
class TestCouponConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        self.uid = self.env.ref("base.user_admin").id
        with committed_env(self.registry) as env:
            partner = env["res.partner"].create({"name": "Concurrent customer"})
            team = env["helpdesk.ticket.team"].create(
                {
                    "name": "Concurrent coupons",
                    "use_coupons": True,
                    "use_giftcards": True,
                }
            )
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": "Two coupons?",
                    "description": "<p>Two agents at once</p>",
                    "team_id": team.id,
                    "partner_id": partner.id,
                }
            )
            program = (
                env["loyalty.program"]
                .with_context(default_program_type="gift_card")
                .create({"name": "Concurrent gift cards", "sequence": -1})
            )
            self.ids = {
                "partner": partner.id,
                "team": team.id,
                "ticket": ticket.id,
                "program": program.id,
            }
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with committed_env(self.registry) as env:
            program = env["loyalty.program"].browse(self.ids["program"])
            env["loyalty.card"].with_context(active_test=False).search(
                [("program_id", "=", program.id)]
            ).unlink()
            env["helpdesk.ticket"].browse(self.ids["ticket"]).unlink()
            env["helpdesk.ticket.team"].browse(self.ids["team"]).unlink()
            program.action_archive()
            program.unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _dialog(self):
        """A Gift Card dialog of the ticket, program and amount chosen, saved."""
        with committed_env(self.registry, self.uid) as env:
            ticket = env["helpdesk.ticket"].browse(self.ids["ticket"])
            action = ticket.action_helpdesk_giftcard()
            wizard = (
                env[WIZARD]
                .with_context(**action["context"])
                .create({"program_id": self.ids["program"], "amount": 25.0})
            )
            self.assertEqual(wizard.kind, "gift_card")
            return wizard.id

    def _cards(self):
        with committed_env(self.registry) as env:
            return env["loyalty.card"].search_count(
                [("helpdesk_ticket_id", "=", self.ids["ticket"])]
            )

    def _generate(self, cr, wizard_id):
        env = api.Environment(cr, self.uid, {})
        return env[WIZARD].browse(wizard_id).action_helpdesk_generate()

    def test_two_sessions_on_the_same_dialog(self):
        wizard_id = self._dialog()
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._generate(cr1, wizard_id)
            with self.assertRaisesRegex(UserError, "processed in another session"):
                self._generate(cr2, wizard_id)
            cr2.rollback()
            cr1.commit()
            with self.assertRaisesRegex(UserError, "already been done"):
                self._generate(cr2, wizard_id)
            cr2.rollback()
        self.assertEqual(self._cards(), 1)
