# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two sessions sending requests for the same delivery at the same moment,
each with a cursor (and a transaction) of its own. Their data is committed, so
that both see it, and removed at the end."""

import secrets

from psycopg2.errors import LockNotAvailable

from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import tagged
from odoo.tools import SQL

from .common import direct_deliveries, storable_product
from odoo.addons.helpdesk_aftersales.tests.common import (
    AftersalesConcurrencyCase,
    new_portal_user,
)

REQUEST = "helpdesk.aftersales.request"


@tagged("post_install", "-at_install")
class TestRequestConcurrency(AftersalesConcurrencyCase):
    _concurrency_toggles = {"use_product_returns": True}

    def _concurrency_data(self, env, ticket):
        warehouse = env["stock.warehouse"].search(
            [("company_id", "=", env.company.id)], limit=1
        )
        product = storable_product(env, "Concurrent requested chair")
        delivery = direct_deliveries(
            env, ticket.partner_id, product, 1, warehouse, quantity=3.0
        )
        portal = new_portal_user(env, ticket.partner_id, "concurrent-portal")
        return {
            "product": product.id,
            "delivery": delivery.id,
            "move": delivery.move_ids.id,
            "portal": portal.id,
            "reason": env.ref("helpdesk_aftersales.reason_defective").id,
        }

    def _concurrency_cleanup(self, env):
        """Done transfers cannot be deleted by the ORM: their rows go by SQL."""
        env[REQUEST].sudo().search([("ticket_id", "=", self.ids["ticket"])]).unlink()
        env["res.users"].browse(self.ids["portal"]).unlink()
        product = env["product.product"].browse(self.ids["product"])
        for table, condition in (
            ("stock_move_line", SQL("product_id = %s", product.id)),
            ("stock_move", SQL("product_id = %s", product.id)),
            ("stock_quant", SQL("product_id = %s", product.id)),
            ("stock_picking", SQL("id = %s", self.ids["delivery"])),
        ):
            env.cr.execute(
                SQL("DELETE FROM %s WHERE %s", SQL.identifier(table), condition)
            )
        product.product_tmpl_id.unlink()

    def _send(self, cr, quantity, token):
        """The portal user sends the form (``quantity`` of the delivered
        move) on cursor ``cr``."""
        env = self._session(cr)(user=self.ids["portal"])
        ticket = env["helpdesk.ticket"].browse(self.ids["ticket"])
        return env[REQUEST]._aftersales_portal_submit(
            ticket,
            "return",
            [(self.ids["move"], 0, quantity)],
            str(self.ids["reason"]),
            "",
            [],
            token,
        )

    def _requests(self):
        return self._count(REQUEST, [("ticket_id", "=", self.ids["ticket"])])

    def test_same_form_sent_twice_at_once(self):
        """The second sending waits for the first one (Odoo retries it on a
        concurrency error) and then finds the request it made."""
        token = secrets.token_hex(16)
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            request, created = self._send(cr1, 1.0, token)
            self.assertTrue(created)
            with self.assertRaises(LockNotAvailable):
                self._send(cr2, 1.0, token)
            cr2.rollback()
            cr1.commit()
            env2 = self._session(cr2)
            again, created = retrying(lambda: self._send(cr2, 1.0, token), env2)
            self.assertFalse(created)
            self.assertEqual(again.id, request.id)
        self.assertEqual(self._requests(), 1)

    def test_two_requests_for_the_same_move_at_once(self):
        """Two requests of 2 of the 3 delivered chairs: the second one is
        refused once the first is committed."""
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._send(cr1, 2.0, secrets.token_hex(16))
            env2 = self._session(cr2)
            # the second session starts reading before the first one commits
            env2[REQUEST].sudo().search_count([])
            cr1.commit()
            with self.assertRaisesRegex(UserError, "At most 1.00"):
                retrying(lambda: self._send(cr2, 2.0, secrets.token_hex(16)), env2)
            cr2.rollback()
        self.assertEqual(self._requests(), 1)
