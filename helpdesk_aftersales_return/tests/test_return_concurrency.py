# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two sessions pressing Return (or Replace) at the same moment, each with a
cursor (and a transaction) of its own. Their data is committed, so that both
see it, and removed at the end."""

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.service.model import retrying
from odoo.tests import tagged
from odoo.tools import SQL

from .common import direct_deliveries, storable_product
from odoo.addons.helpdesk_aftersales.tests.common import (
    AftersalesConcurrencyCase,
    committed_env,
)

WIZARD = "stock.return.picking"
REPLACE_WIZARD = "helpdesk.aftersales.replace.wizard"


class ReturnConcurrencyCase(AftersalesConcurrencyCase):
    """A customer with a delivery of 2 chairs, committed (no test of its own)."""

    _concurrency_toggles = {
        "use_product_returns": True,
        "use_product_replacements": True,
    }

    def _concurrency_data(self, env, ticket):
        warehouse = env["stock.warehouse"].search(
            [("company_id", "=", env.company.id)], limit=1
        )
        product = storable_product(env, "Concurrent chair")
        delivery = direct_deliveries(
            env, ticket.partner_id, product, 1, warehouse, quantity=2.0
        )
        return {"product": product.id, "delivery": delivery.id}

    def _concurrency_cleanup(self, env):
        """Done transfers cannot be deleted by the ORM: their rows go by SQL."""
        product = env["product.product"].browse(self.ids["product"])
        pickings = SQL(
            "SELECT id FROM stock_picking WHERE partner_id = %s", self.ids["partner"]
        )
        for table, condition in (
            ("stock_move_line", SQL("product_id = %s", product.id)),
            ("stock_move", SQL("product_id = %s", product.id)),
            ("stock_quant", SQL("product_id = %s", product.id)),
            ("stock_picking", SQL("id IN (%s)", pickings)),
        ):
            env.cr.execute(
                SQL("DELETE FROM %s WHERE %s", SQL.identifier(table), condition)
            )
        ticket_domain = [("helpdesk_ticket_id", "=", self.ids["ticket"])]
        for model in (WIZARD, REPLACE_WIZARD):
            env[model].search(ticket_domain).unlink()
        number = env["helpdesk.ticket"].browse(self.ids["ticket"]).number
        env["stock.reference"].search([("name", "=", number)]).unlink()
        product.product_tmpl_id.unlink()


@tagged("post_install", "-at_install")
class TestReturnConcurrency(ReturnConcurrencyCase):
    def _dialogs(self, count):
        """``count`` Return dialogs of the ticket, saved with the delivery and
        its quantity (2) preselected."""
        ids = self._open_dialogs(
            "action_helpdesk_return", count, {"picking_id": self.ids["delivery"]}
        )
        with committed_env(self.registry) as env:
            wizards = env[WIZARD].browse(ids)
            self.assertEqual(wizards.picking_id.ids, [self.ids["delivery"]])
            self.assertEqual(
                set(wizards.product_return_moves.mapped("quantity")), {2.0}
            )
        return ids

    def _returns(self):
        return self._count("stock.picking", [("return_id", "=", self.ids["delivery"])])

    def _press_return(self, cr, wizard_id):
        return self._session(cr)[WIZARD].browse(wizard_id).action_create_returns()

    def test_two_sessions_on_the_same_dialog(self):
        [wizard_id] = self._dialogs(1)
        self.assertPressedOnce(
            wizard_id,
            lambda env, wizard_id: (
                env[WIZARD].browse(wizard_id).action_create_returns()
            ),
            self._returns,
            lambda env, wizard_id: (
                env[WIZARD].browse(wizard_id).action_create_returns_all()
            ),
        )

    def test_two_dialogs_on_the_same_delivery(self):
        first, second = self._dialogs(2)
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._press_return(cr1, first)
            with self.assertRaisesRegex(UserError, "processed in another session"):
                self._press_return(cr2, second)
            cr2.rollback()
            # the second session starts reading before the first one commits
            env2 = self._session(cr2)
            delivery = env2["stock.picking"].browse(self.ids["delivery"])
            self.assertEqual(delivery.move_ids._aftersales_returnable_quantity(), 2.0)
            cr1.commit()
            # as a request does: serialization failure, then a retry that sees
            # the committed return
            with self.assertRaisesRegex(UserError, "already been returned"):
                retrying(lambda: self._press_return(cr2, second), env2)
            cr2.rollback()
        self.assertEqual(self._returns(), 1)


@tagged("post_install", "-at_install")
class TestReplaceConcurrency(ReturnConcurrencyCase):
    def _replacements(self):
        return self._count(
            "stock.picking",
            [
                ("helpdesk_ticket_id", "=", self.ids["ticket"]),
                ("return_id", "=", False),
            ],
        )

    def test_two_sessions_on_the_same_dialog(self):
        [wizard_id] = self._open_dialogs(
            "action_helpdesk_replace",
            1,
            {
                "line_ids": [
                    Command.create({"product_id": self.ids["product"], "quantity": 1})
                ]
            },
        )
        self.assertPressedOnce(
            wizard_id,
            lambda env, wizard_id: (
                env[REPLACE_WIZARD].browse(wizard_id).action_create_replacement()
            ),
            self._replacements,
        )
