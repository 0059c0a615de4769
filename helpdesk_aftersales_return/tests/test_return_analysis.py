# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Returns and replacements in the After-Sales Analysis."""

from odoo import Command
from odoo.tests import tagged

from .common import (
    ReturnCommon,
    put_in_stock,
    replace,
    sale_delivery,
    storable_product,
)
from odoo.addons.helpdesk_aftersales.tests.analysis_common import AnalysisTestMixin


@tagged("post_install", "-at_install")
class TestReturnAnalysis(AnalysisTestMixin, ReturnCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.chair.standard_price = 40.0

    def _replace(self, ticket=None):
        """The Replace dialog of the ticket, one unit of its (one) delivered
        product: the delivery made."""
        return replace(ticket or self.ticket, [1.0], user=self.agent)[2]

    def test_return_rows(self):
        """A return counts the products it brings back at their cost: what is
        planned while it is on its way, what came back once done."""
        _wizard, _action, picking = self._return([2.0])
        row = self._analysis_rows(self.ticket)
        self.assertAnalysisRow(
            row,
            picking,
            kind="return",
            state="open",
            quantity=2.0,
            value=80.0,
            product_id=self.chair,
            categ_id=self.chair.categ_id,
            name=picking.name,
            date=picking.scheduled_date.date(),
        )
        picking.move_ids.quantity = 1.0
        picking.move_ids.picked = True
        picking.with_context(cancel_backorder=True)._action_done()
        self.assertEqual(picking.state, "done")
        row.invalidate_recordset()
        self.assertAnalysisRow(
            row,
            picking,
            state="done",
            quantity=1.0,
            value=40.0,
            date=picking.date_done.date(),
        )
        # the cost of the product when the analysis is read
        self.chair.standard_price = 55.0
        row.invalidate_recordset()
        self.assertAnalysisRow(row, picking, value=55.0)
        self.assertEqual(self.ticket.aftersales_value, 55.0)

    def test_replacement_rows_one_per_product(self):
        table = storable_product(self.env, "Table")
        table.standard_price = 100.0
        delivery = self._replace()
        delivery.write(
            {
                "move_ids": [
                    Command.create(
                        {
                            "product_id": table.id,
                            "product_uom_qty": 2.0,
                            "location_id": delivery.location_id.id,
                            "location_dest_id": delivery.location_dest_id.id,
                        }
                    )
                ]
            }
        )
        rows = self._analysis_rows(self.ticket)
        self.assertEqual(len(rows), 2, "one row per product")
        by_product = {row.product_id: row for row in rows}
        self.assertAnalysisRow(
            by_product[self.chair],
            delivery,
            kind="replacement",
            state="draft",
            quantity=1.0,
            value=40.0,
        )
        self.assertAnalysisRow(
            by_product[table], delivery, kind="replacement", quantity=2.0, value=200.0
        )
        self.assertEqual(self.ticket.aftersales_value, 240.0)
        # a cancelled move, then the cancelled delivery: left out
        delivery.action_confirm()
        delivery.move_ids.filtered(lambda m: m.product_id == table)._action_cancel()
        self.assertEqual(self._analysis_rows(self.ticket).product_id, self.chair)
        delivery.action_cancel()
        self.assertFalse(self._analysis_rows(self.ticket))
        self.assertEqual(self.ticket.aftersales_value, 0.0)

    def test_lot_of_the_ticket(self):
        phone = storable_product(self.env, "Phone", tracking="serial")
        lots = self.env["stock.lot"].create(
            [{"name": name, "product_id": phone.id} for name in ("SN-1", "SN-2")]
        )
        put_in_stock(self.env, phone, 1, self.warehouse, lots=lots)
        # the customer received SN-1; the ticket is about it
        customer = self.env["res.partner"].create({"name": "Phone Customer"})
        sale_delivery(self.env, customer, phone, 1, self.warehouse)
        lot = lots.filtered(lambda lot: lot.name == "SN-1")
        ticket = self._ticket(customer, product_id=phone.id, lot_id=lot.id)
        delivery = self._replace(ticket)
        row = self._analysis_rows(ticket)
        self.assertAnalysisRow(row, delivery, product_id=phone, lot_id=lot)
        # a row of another product has no lot
        delivery.write(
            {
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.chair.id,
                            "product_uom_qty": 1.0,
                            "location_id": delivery.location_id.id,
                            "location_dest_id": delivery.location_dest_id.id,
                        }
                    )
                ]
            }
        )
        rows = self._analysis_rows(ticket)
        self.assertEqual(rows.product_id, phone | self.chair)
        self.assertEqual(rows.filtered(lambda r: r.product_id == phone).lot_id, lot)
        self.assertFalse(rows.filtered(lambda r: r.product_id == self.chair).lot_id)

    def test_rows_follow_the_agents_rules(self):
        """Inventory rights are not needed to read the analysis; the agent's
        tickets are."""
        _wizard, _action, picking = self._return([1.0])
        own = self._aftersales_user(
            "return-analysis-own", "helpdesk_mgmt.group_helpdesk_user_own"
        )
        self.assertFalse(self._analysis_rows(self.ticket, own))
        self.ticket.user_id = own
        self.team.user_ids |= own
        self.assertAnalysisRow(
            self._analysis_rows(self.ticket, own), picking, value=40.0
        )
        self.assertEqual(self.ticket.with_user(own).aftersales_value, 40.0)
