# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two sessions pressing Return at the same moment, each with a cursor (and a
transaction) of its own. Their data is committed, so that both see it, and
removed at the end."""

from odoo import api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from .common import direct_deliveries, storable_product
from odoo.addons.helpdesk_aftersales.tests.common import committed_env

WIZARD = "stock.return.picking"


@tagged("post_install", "-at_install")
class TestReturnConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        self.uid = self.env.ref("base.user_admin").id
        with committed_env(self.registry) as env:
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id)], limit=1
            )
            partner = env["res.partner"].create({"name": "Concurrent customer"})
            product = storable_product(env, "Concurrent chair")
            delivery = direct_deliveries(
                env, partner, product, 1, warehouse, quantity=2.0
            )
            team = env["helpdesk.ticket.team"].create(
                {"name": "Concurrent returns", "use_product_returns": True}
            )
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": "Return twice?",
                    "description": "<p>Two agents at once</p>",
                    "team_id": team.id,
                    "partner_id": partner.id,
                }
            )
            self.ids = {
                "partner": partner.id,
                "product": product.id,
                "delivery": delivery.id,
                "team": team.id,
                "ticket": ticket.id,
            }
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        """Done transfers cannot be deleted by the ORM: their rows go by SQL."""
        with committed_env(self.registry) as env:
            product = env["product.product"].browse(self.ids["product"])
            cr = env.cr
            pickings = SQL(
                "SELECT id FROM stock_picking WHERE partner_id = %s",
                self.ids["partner"],
            )
            for table, condition in (
                ("stock_move_line", SQL("product_id = %s", product.id)),
                ("stock_move", SQL("product_id = %s", product.id)),
                ("stock_quant", SQL("product_id = %s", product.id)),
                ("stock_picking", SQL("id IN (%s)", pickings)),
            ):
                cr.execute(
                    SQL("DELETE FROM %s WHERE %s", SQL.identifier(table), condition)
                )
            env["helpdesk.ticket"].browse(self.ids["ticket"]).unlink()
            env["helpdesk.ticket.team"].browse(self.ids["team"]).unlink()
            product.product_tmpl_id.unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _dialogs(self, count):
        """``count`` Return dialogs of the ticket, saved with the delivery and
        its quantity (2) preselected."""
        with committed_env(self.registry, self.uid) as env:
            ticket = env["helpdesk.ticket"].browse(self.ids["ticket"])
            action = ticket.action_helpdesk_return()
            Wizard = env[WIZARD].with_context(**action["context"])
            wizards = Wizard.create([{}] * count)
            self.assertEqual(wizards.picking_id.ids, [self.ids["delivery"]])
            self.assertEqual(
                set(wizards.product_return_moves.mapped("quantity")), {2.0}
            )
            return wizards.ids

    def _returns(self):
        with committed_env(self.registry) as env:
            return env["stock.picking"].search_count(
                [("return_id", "=", self.ids["delivery"])]
            )

    def _press_return(self, cr, wizard_id):
        env = api.Environment(cr, self.uid, {})
        return env[WIZARD].browse(wizard_id).action_create_returns()

    def test_two_sessions_on_the_same_dialog(self):
        [wizard_id] = self._dialogs(1)
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._press_return(cr1, wizard_id)
            with self.assertRaisesRegex(UserError, "processed in another session"):
                self._press_return(cr2, wizard_id)
            cr2.rollback()
            cr1.commit()
            with self.assertRaisesRegex(UserError, "already been done"):
                self._press_return(cr2, wizard_id)
            cr2.rollback()
        self.assertEqual(self._returns(), 1)

    def test_two_dialogs_on_the_same_delivery(self):
        first, second = self._dialogs(2)
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._press_return(cr1, first)
            with self.assertRaisesRegex(UserError, "processed in another session"):
                self._press_return(cr2, second)
            cr2.rollback()
            # the second session starts reading before the first one commits
            env2 = api.Environment(cr2, self.uid, {})
            delivery = env2["stock.picking"].browse(self.ids["delivery"])
            self.assertEqual(delivery.move_ids._aftersales_returnable_quantity(), 2.0)
            cr1.commit()
            # as a request does: serialization failure, then a retry that sees
            # the committed return
            with self.assertRaisesRegex(UserError, "already been returned"):
                retrying(lambda: self._press_return(cr2, second), env2)
            cr2.rollback()
        self.assertEqual(self._returns(), 1)
