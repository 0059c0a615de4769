# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A repair made from a ticket whose unit is under warranty starts with "Under
Warranty" checked; the agent may change it, and the change is tracked."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common import RepairCommon
from odoo.addons.helpdesk_aftersales.tests.common import flush_status
from odoo.addons.helpdesk_aftersales_return.tests.common import (
    put_in_stock,
    storable_product,
)


@tagged("post_install", "-at_install")
class TestRepairWarranty(RepairCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.drill = storable_product(cls.env, "Drill", tracking="serial")
        cls.drill.write({"warranty": 2, "warranty_type": "year"})

    def _drill_ticket(self, name, months_ago):
        """A ticket about a drill (serial ``name``) delivered to the customer
        ``months_ago`` months ago."""
        lot = self.env["stock.lot"].create({"name": name, "product_id": self.drill.id})
        put_in_stock(self.env, self.drill, 1, self.warehouse, lots=[lot])
        order, delivery = self._sold(self.customer, self.drill, 1)
        date = fields.Datetime.now() - relativedelta(months=months_ago)
        delivery.move_line_ids.date = date
        return self._repair_ticket(
            self.customer, order, product_id=self.drill.id, lot_id=lot.id
        )

    def test_repair_starts_under_warranty(self):
        ticket = self._drill_ticket("SN-IN", 11)
        self.assertEqual(ticket.aftersales_warranty_status, "under")
        with self._open_form(ticket) as form:
            self.assertTrue(form.under_warranty, "under warranty")
        repair = form.save()
        self.assertTrue(repair.under_warranty)
        self.assertEqual(repair.helpdesk_ticket_id, ticket)
        flush_status(self.env)  # saved (the end of the request)
        # the agent changes it later: tracked
        # (the test base switches tracking off; users have it on)
        tracking = {"tracking_disable": False, "mail_notrack": False}
        agent_repair = repair.with_user(self.agent).with_context(**tracking)
        agent_repair.write({"under_warranty": False})
        flush_status(self.env)
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "repair.order"),
                ("mail_message_id.res_id", "=", repair.id),
                ("field_id.name", "=", "under_warranty"),
            ]
        )
        self.assertEqual(len(tracked), 1)
        self.assertEqual(tracked.mail_message_id.author_id, self.agent.partner_id)

    def test_repair_out_of_warranty_or_unknown(self):
        ticket = self._drill_ticket("SN-OUT", 25)
        self.assertEqual(ticket.aftersales_warranty_status, "ended")
        with self._open_form(ticket) as form:
            self.assertFalse(form.under_warranty)
        unknown = self._repair_ticket(self.customer, product_id=self.drill.id)
        self.assertFalse(unknown.aftersales_warranty_status)
        with self._open_form(unknown) as form:
            self.assertFalse(form.under_warranty)
        # the Repair app's own form is left alone
        self.assertFalse(
            self.env["repair.order"]
            .default_get(["under_warranty"])
            .get("under_warranty")
        )
