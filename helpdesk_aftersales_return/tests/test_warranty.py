# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Warranty by serial number: the unit a ticket is about is under warranty from
the date it was delivered to the customer, for the product's warranty period
(OCA product_warranty)."""

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import format_date

from .common import (
    ReturnCommon,
    put_in_stock,
    replace,
    sale_delivery,
    storable_product,
)


@tagged("post_install", "-at_install")
class TestWarranty(ReturnCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.drill = storable_product(cls.env, "Drill", tracking="serial")
        cls.drill.write({"warranty": 2, "warranty_type": "year"})
        cls.today = fields.Date.context_today(cls.env["helpdesk.ticket"])

    def _lot(self, name):
        return self.env["stock.lot"].create({"name": name, "product_id": self.drill.id})

    def _deliver(self, lot, customer, months_ago, product=None):
        """``lot`` (or ``product`` untracked) sold and delivered to ``customer``
        ``months_ago`` months ago: the order."""
        product = product or lot.product_id
        put_in_stock(self.env, product, 1, self.warehouse, lots=lot and [lot])
        order, delivery = sale_delivery(self.env, customer, product, 1, self.warehouse)
        self._backdate(delivery, months_ago)
        return order

    def _backdate(self, picking, months_ago):
        date = fields.Datetime.now() - relativedelta(months=months_ago)
        picking.move_line_ids.date = date
        picking.move_ids.date = date
        picking.date_done = date
        return date

    def _drill_ticket(self, customer, lot, **values):
        return self._ticket(customer, product_id=self.drill.id, lot_id=lot.id, **values)

    def assertWarranty(self, ticket, status, months_ago=None):
        ticket.invalidate_recordset(["aftersales_warranty_status"])
        self.assertEqual(ticket.aftersales_warranty_status, status)
        if months_ago is None:
            self.assertFalse(ticket.aftersales_warranty_end)
            self.assertFalse(ticket.aftersales_warranty_label)
            return
        delivered = fields.Datetime.now() - relativedelta(months=months_ago)
        end = fields.Date.to_date(delivered) + relativedelta(years=2)
        self.assertEqual(ticket.aftersales_warranty_end, end)
        label = {
            "under": f"Under warranty until {format_date(self.env, end)}",
            "ended": f"Warranty ended on {format_date(self.env, end)}",
        }[status]
        self.assertEqual(ticket.aftersales_warranty_label, label)

    def test_serial_delivered_23_months_ago_is_under_warranty(self):
        lot = self._lot("SN-23")
        self._deliver(lot, self.customer, 23)
        ticket = self._drill_ticket(self.customer, lot)
        self.assertWarranty(ticket, "under", 23)
        under = self.env["helpdesk.ticket"].search(
            [("aftersales_warranty_end", ">=", self.today)]
        )
        self.assertIn(ticket, under, "the Under warranty filter finds it")

    def test_serial_delivered_25_months_ago_is_out_of_warranty(self):
        lot = self._lot("SN-25")
        self._deliver(lot, self.customer, 25)
        ticket = self._drill_ticket(self.customer, lot)
        self.assertWarranty(ticket, "ended", 25)
        under = self.env["helpdesk.ticket"].search(
            [("aftersales_warranty_end", ">=", self.today)]
        )
        self.assertNotIn(ticket, under)

    def test_returned_and_delivered_again_counts_from_the_last_delivery(self):
        """The customer's unit came back and was sent again: the warranty
        starts again from that delivery, recomputed when it is done."""
        lot = self._lot("SN-AGAIN")
        order = self._deliver(lot, self.customer, 30)
        ticket = self._drill_ticket(
            self.customer, lot, sale_order_ids=[Command.set(order.ids)]
        )
        self.assertWarranty(ticket, "ended", 30)
        _wizard, _action, return_picking = self._return([1.0], ticket=ticket)
        return_picking.button_validate()
        self.assertWarranty(ticket, "ended", 30)
        # sent again from the ticket (the only unit in stock), then delivered
        _wizard, _action, delivery = replace(ticket, [1.0])
        self.assertEqual(delivery.move_line_ids.lot_id, lot)
        self.assertWarranty(ticket, "ended", 30)
        delivery.button_validate()
        self.assertWarranty(ticket, "under", 0)

    def test_untracked_product_from_its_sales_order(self):
        kettle = storable_product(self.env, "Kettle")
        kettle.write({"warranty": 6, "warranty_type": "month"})
        order = self._deliver(False, self.customer, 4, product=kettle)
        old_order = self._deliver(False, self.customer, 7, product=kettle)
        ticket = self._ticket(
            self.customer, product_id=kettle.id, sale_order_ids=[Command.set(order.ids)]
        )
        delivered = fields.Datetime.now() - relativedelta(months=4)
        end = fields.Date.to_date(delivered) + relativedelta(months=6)
        self.assertEqual(ticket.aftersales_warranty_end, end)
        self.assertEqual(ticket.aftersales_warranty_status, "under")
        ticket.sale_order_ids = [Command.set(old_order.ids)]
        self.assertEqual(ticket.aftersales_warranty_status, "ended")
        ticket.sale_order_ids = [Command.set((order | old_order).ids)]
        self.assertEqual(ticket.aftersales_warranty_end, end, "the last delivery")
        # another product of the order, no order, no warranty period: unknown
        ticket.product_id = self.chair
        self.assertFalse(ticket.aftersales_warranty_status)
        ticket.write({"product_id": kettle.id, "sale_order_ids": [Command.clear()]})
        self.assertFalse(ticket.aftersales_warranty_status)
        ticket.sale_order_ids = [Command.set(order.ids)]
        self.assertEqual(ticket.aftersales_warranty_status, "under")
        kettle.warranty = 0
        self.assertFalse(ticket.aftersales_warranty_status)
        # the period comes from the product: changing it changes the end
        kettle.write({"warranty": 2, "warranty_type": "week"})
        self.assertEqual(
            ticket.aftersales_warranty_end,
            fields.Date.to_date(delivered) + relativedelta(weeks=2),
        )

    def test_no_delivery_is_unknown(self):
        lot = self._lot("SN-NEVER")
        put_in_stock(self.env, self.drill, 1, self.warehouse, lots=[lot])
        ticket = self._drill_ticket(self.customer, lot)
        self.assertWarranty(ticket, False)
        ticket = self._ticket(self.customer, product_id=self.drill.id)
        self.assertWarranty(ticket, False)
        self.assertWarranty(self._ticket(self.customer), False)

    def test_another_customers_lot_is_unknown(self):
        lot = self._lot("SN-OTHER")
        self._deliver(lot, self.other_customer, 3)
        self.assertWarranty(self._drill_ticket(self.customer, lot), False)
        self.assertWarranty(self._drill_ticket(self.other_customer, lot), "under", 3)
        # a contact of the customer's company is that customer
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.other_customer.id}
        )
        self.assertWarranty(self._drill_ticket(contact, lot), "under", 3)

    def test_unit_delivered_since_to_someone_else(self):
        """The customer returned the unit; it was sold to another customer: it
        is no longer the first customer's."""
        lot = self._lot("SN-RESOLD")
        order = self._deliver(lot, self.customer, 12)
        first = self._drill_ticket(
            self.customer, lot, sale_order_ids=[Command.set(order.ids)]
        )
        _wizard, _action, return_picking = self._return([1.0], ticket=first)
        return_picking.button_validate()
        self.assertWarranty(first, "under", 12)
        self._deliver(lot, self.other_customer, 2)
        self.assertWarranty(first, False)
        self.assertWarranty(self._drill_ticket(self.other_customer, lot), "under", 2)

    def test_warranty_shown_in_the_after_sales_group_and_filter(self):
        arch = etree.fromstring(
            self.env["helpdesk.ticket"].get_view(view_type="form")["arch"]
        )
        badge = arch.xpath(
            "//group[@name='aftersales']//field[@name='aftersales_warranty_label']"
        )[0]
        self.assertEqual(badge.get("widget"), "badge")
        self.assertEqual(badge.get("invisible"), "not aftersales_warranty_status")
        search = etree.fromstring(
            self.env["helpdesk.ticket"].get_view(view_type="search")["arch"]
        )
        under = search.xpath("//filter[@name='aftersales_under_warranty']")[0]
        self.assertEqual(under.get("string"), "Under warranty")
        self.assertIn("aftersales_warranty_end", under.get("domain"))

    def test_korean_labels(self):
        self._aftersales_load_korean("helpdesk_aftersales_return")
        lot = self._lot("SN-KO")
        self._deliver(lot, self.customer, 1)
        ticket = self._drill_ticket(self.customer, lot).with_context(lang="ko_KR")
        self.assertTrue(ticket.aftersales_warranty_label.startswith("보증 기간 내 ("))
        self.assertIn("만료 예정", ticket.aftersales_warranty_label)
        fields_ko = ticket.fields_get(["aftersales_warranty_end"])
        self.assertEqual(fields_ko["aftersales_warranty_end"]["string"], "보증 종료일")
        search = etree.fromstring(ticket.get_view(view_type="search")["arch"])
        under = search.xpath("//filter[@name='aftersales_under_warranty']")[0]
        self.assertEqual(under.get("string"), "보증 기간 내")
        lot = self._lot("SN-KO-OLD")
        self._deliver(lot, self.customer, 30)
        ended = self._drill_ticket(self.customer, lot).with_context(lang="ko_KR")
        self.assertTrue(ended.aftersales_warranty_label.startswith("보증 기간 종료"))

    def test_batch_of_200_tickets_in_constant_queries(self):
        """The warranty of 200 tickets (by lot and by sales order) costs the
        same queries as for one."""
        kettle = storable_product(self.env, "Kettle")
        kettle.write({"warranty": 1, "warranty_type": "year"})
        customers = self.env["res.partner"].create(
            [{"name": f"Warranty customer {n}"} for n in range(5)]
        )
        values = []
        for n, customer in enumerate(customers):
            lot = self._lot(f"SN-BATCH-{n}")
            self._deliver(lot, customer, n * 6)
            order = self._deliver(False, customer, n * 3, product=kettle)
            values += [
                {"product_id": self.drill.id, "lot_id": lot.id},
                {"product_id": kettle.id, "sale_order_ids": [Command.set(order.ids)]},
            ]
        tickets = self.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Warranty {n}",
                    "description": "<p>d</p>",
                    "team_id": self.team.id,
                    "partner_id": customers[(n // 2) % 5].id,
                    **values[n % 10],
                }
                for n in range(200)
            ]
        )
        expected = tickets.mapped("aftersales_warranty_end")
        self.assertTrue(all(expected[:2]))
        field = tickets._fields["aftersales_warranty_end"]

        def compute_queries(batch):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            self.env.add_to_compute(field, batch)
            batch._recompute_recordset(["aftersales_warranty_end"])
            return self.cr.sql_log_count - start

        compute_queries(tickets[:2])  # warm the caches of the registry
        one = compute_queries(tickets[:2])
        all_of_them = compute_queries(tickets)
        self.assertEqual(one, all_of_them)
        self.assertLessEqual(all_of_them, 12)
        self.env.invalidate_all()
        self.assertEqual(tickets.mapped("aftersales_warranty_end"), expected)
