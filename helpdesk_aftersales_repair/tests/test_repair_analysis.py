# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Repairs in the After-Sales Analysis."""

from odoo.tests import tagged

from .common import RepairCommon
from odoo.addons.helpdesk_aftersales.tests.analysis_common import AnalysisTestMixin
from odoo.addons.helpdesk_aftersales_return.tests.common import (
    put_in_stock,
    storable_product,
)


@tagged("post_install", "-at_install")
class TestRepairAnalysis(AnalysisTestMixin, RepairCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.part.standard_price = 12.5
        cls.screw = storable_product(cls.env, "Screw")
        cls.screw.standard_price = 0.5
        put_in_stock(cls.env, cls.screw, 100, cls.warehouse)

    def test_repair_rows(self):
        """A repair counts the parts it adds, at their cost; not the parts
        it removes, nor cancelled parts."""
        repair = self._repair(parts={self.part: 2.0, self.screw: 4.0})
        row = self._analysis_rows(self.ticket, kind="repair")
        self.assertAnalysisRow(
            row,
            repair,
            kind="repair",
            state="draft",
            quantity=1.0,
            value=27.0,
            product_id=self.chair,
            categ_id=self.chair.categ_id,
            name=repair.name,
            date=repair.schedule_date.date(),
        )
        repair.move_ids.filtered(lambda m: m.product_id == self.screw).write(
            {"repair_line_type": "remove"}
        )
        row.invalidate_recordset()
        self.assertAnalysisRow(row, repair, value=25.0)
        repair.action_validate()
        row.invalidate_recordset()
        self.assertAnalysisRow(row, repair, state="open", value=25.0)
        repair.action_repair_start()
        repair.action_repair_end()
        row.invalidate_recordset()
        self.assertAnalysisRow(row, repair, state="done", value=25.0)
        self.assertEqual(self.ticket.aftersales_value, 25.0)

    def test_repaired_lot(self):
        phone = storable_product(self.env, "Phone", tracking="serial")
        lot = self.env["stock.lot"].create({"name": "SN-7", "product_id": phone.id})
        put_in_stock(self.env, phone, 1, self.warehouse, lots=lot)
        ticket = self._repair_ticket(self.customer, product_id=phone.id, lot_id=lot.id)
        repair = self._repair(ticket)
        self.assertEqual(repair.lot_id, lot)
        self.assertAnalysisRow(
            self._analysis_rows(ticket), repair, product_id=phone, lot_id=lot
        )

    def test_cancelled_repairs_are_left_out(self):
        repair = self._repair(parts={self.part: 1.0})
        self.assertEqual(len(self._analysis_rows(self.ticket, kind="repair")), 1)
        repair.action_repair_cancel()
        self.assertFalse(self._analysis_rows(self.ticket, kind="repair"))
        self.assertEqual(self.ticket.aftersales_value, 0.0)

    def test_helpdesk_user_reads_the_rows_without_inventory_rights(self):
        repair = self._repair(parts={self.part: 2.0})
        rows = self._analysis_rows(self.ticket, self.helpdesk_only, kind="repair")
        self.assertAnalysisRow(rows, repair, value=25.0)
