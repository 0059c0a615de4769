# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two sessions pressing Generate on the same dialog at the same moment, each
with a cursor (and a transaction) of its own."""

from odoo.tests import tagged

from odoo.addons.helpdesk_aftersales.tests.common import AftersalesConcurrencyCase

WIZARD = "helpdesk.aftersales.coupon.wizard"


@tagged("post_install", "-at_install")
class TestCouponConcurrency(AftersalesConcurrencyCase):
    _concurrency_toggles = {"use_coupons": True, "use_giftcards": True}

    def _concurrency_data(self, env, ticket):
        program = (
            env["loyalty.program"]
            .with_context(default_program_type="gift_card")
            .create({"name": "Concurrent gift cards", "sequence": -1})
        )
        return {"program": program.id}

    def _concurrency_cleanup(self, env):
        program = env["loyalty.program"].browse(self.ids["program"])
        env["loyalty.card"].with_context(active_test=False).search(
            [("program_id", "=", program.id)]
        ).unlink()
        env[WIZARD].search([("helpdesk_ticket_id", "=", self.ids["ticket"])]).unlink()
        program.action_archive()
        program.unlink()

    def test_two_sessions_on_the_same_dialog(self):
        [wizard_id] = self._open_dialogs(
            "action_helpdesk_giftcard",
            values={"program_id": self.ids["program"], "amount": 25.0},
        )
        self.assertPressedOnce(
            wizard_id,
            lambda env, wizard_id: (
                env[WIZARD].browse(wizard_id).action_helpdesk_generate()
            ),
            lambda: self._count(
                "loyalty.card", [("helpdesk_ticket_id", "=", self.ids["ticket"])]
            ),
        )
