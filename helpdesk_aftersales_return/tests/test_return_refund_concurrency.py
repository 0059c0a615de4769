# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two sessions crediting the same return at the same moment ("Returned
products"), each with a cursor (and a transaction) of its own. Their data is
committed, so that both see it, and removed at the end."""

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.service.model import retrying
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.helpdesk_aftersales.tests.common import AftersalesConcurrencyCase

WIZARD = "account.move.reversal"


@tagged("post_install", "-at_install")
class TestReturnRefundConcurrency(AftersalesConcurrencyCase):
    _concurrency_toggles = {"use_credit_notes": True, "use_product_returns": True}

    def _concurrency_data(self, env, ticket):
        env = env(su=True)
        warehouse = env["stock.warehouse"].search(
            [("company_id", "=", env.company.id)], limit=1
        )
        product = env["product.product"].create(
            {
                "name": "Concurrent returned chair",
                "type": "consu",
                "is_storable": True,
                "list_price": 50.0,
            }
        )
        product.invoice_policy = "delivery"
        env["stock.quant"]._update_available_quantity(
            product, warehouse.lot_stock_id, 5.0
        )
        order = env["sale.order"].create(
            {
                "partner_id": ticket.partner_id.id,
                "warehouse_id": warehouse.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 2})
                ],
            }
        )
        order.action_confirm()
        delivery = order.picking_ids
        self._validate(delivery)
        invoice = order._create_invoices()
        invoice.action_post()
        wizard = (
            env["stock.return.picking"]
            .with_context(active_model="stock.picking", active_id=delivery.id)
            .create({})
        )
        wizard.product_return_moves.quantity = 1.0
        returned = env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        returned.helpdesk_ticket_id = ticket
        self._validate(returned)
        return {
            "product": product.id,
            "order": order.id,
            "invoice": invoice.id,
            "returned": returned.id,
        }

    @staticmethod
    def _validate(picking):
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()

    def _concurrency_cleanup(self, env):
        """Posted moves are reset and deleted; done transfers and the order
        cannot be deleted by the ORM: their rows go by SQL."""
        env = env(su=True)
        moves = env["account.move"].search([("partner_id", "=", self.ids["partner"])])
        moves.filtered(lambda m: m.state == "posted").button_draft()
        moves.with_context(force_delete=True).unlink()
        env[WIZARD].search([("helpdesk_ticket_id", "=", self.ids["ticket"])]).unlink()
        product = env["product.product"].browse(self.ids["product"])
        pickings = SQL(
            "SELECT id FROM stock_picking WHERE partner_id = %s", self.ids["partner"]
        )
        for table, condition in (
            ("stock_move_line", SQL("product_id = %s", product.id)),
            ("stock_move", SQL("product_id = %s", product.id)),
            ("stock_quant", SQL("product_id = %s", product.id)),
            ("stock_picking", SQL("id IN (%s)", pickings)),
            ("sale_order", SQL("id = %s", self.ids["order"])),
        ):
            env.cr.execute(
                SQL("DELETE FROM %s WHERE %s", SQL.identifier(table), condition)
            )
        env.invalidate_all()
        product.product_tmpl_id.unlink()

    def _credit_notes(self):
        return self._count(
            "account.move",
            [
                ("helpdesk_ticket_id", "=", self.ids["ticket"]),
                ("move_type", "=", "out_refund"),
            ],
        )

    def _press(self, cr, wizard_id):
        return self._session(cr)[WIZARD].browse(wizard_id).action_helpdesk_reverse()

    def test_two_sessions_credit_the_return_once(self):
        first, second = self._open_dialogs(
            "action_helpdesk_refund", 2, {"refund_method": "returned"}
        )
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._press(cr1, first)
            with self.assertRaisesRegex(UserError, "processed in another session"):
                self._press(cr2, second)
            cr2.rollback()
            # the second session reads before the first one commits
            env2 = self._session(cr2)
            returned = env2["stock.picking"].browse(self.ids["returned"])
            self.assertEqual(returned.aftersales_credit_state, "to_credit")
            cr1.commit()
            # a request retries on the serialization failure, and sees the credit
            with self.assertRaisesRegex(UserError, "no done return left to credit"):
                retrying(lambda: self._press(cr2, second), env2)
            cr2.rollback()
        self.assertEqual(self._credit_notes(), 1)
