# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Replace button: a new delivery to the customer, linked to the ticket."""

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import DELIVERY_STATUS, ReturnCommon, put_in_stock, storable_product
from odoo.addons.helpdesk_aftersales.tests.common import flush_status, notes


@tagged("post_install", "-at_install")
class TestReplacement(ReturnCommon):
    def _replace(self, ticket=None, user=None):
        ticket = (ticket or self.ticket).with_user(user or self.agent)
        action = ticket.action_helpdesk_replace()
        return action, self.env["stock.picking"].browse(action["res_id"])

    def test_replacement_delivery(self):
        address = self.env["res.partner"].create(
            {
                "name": "Warehouse door",
                "type": "delivery",
                "parent_id": self.customer.id,
            }
        )
        action, delivery = self._replace()
        self.assertEqual(action["res_model"], "stock.picking")
        self.assertEqual(action["view_mode"], "form")
        self.assertNotEqual(action.get("target"), "new", "the delivery's own page")
        self.assertFalse(
            [key for key in action["context"] if key.startswith("default_")]
        )
        self.assertEqual(delivery.state, "draft", "to be completed, then validated")
        self.assertEqual(delivery.picking_type_id, self.warehouse.out_type_id)
        self.assertEqual(delivery.partner_id, address, "the delivery address")
        self.assertEqual(delivery.origin, self.ticket.number)
        self.assertEqual(delivery.helpdesk_ticket_id, self.ticket)
        self.assertEqual(delivery.move_ids.product_id, self.chair)
        self.assertEqual(delivery.move_ids.product_uom_qty, 1.0)
        self.assertEqual(delivery.move_ids.partner_id, address)
        self.assertFalse(delivery.move_ids.lot_ids)
        self.assertEqual(self.ticket.delivery_count, 1)
        self.assertEqual(self.ticket.return_count, 0)
        created = notes(self.ticket, "created")
        self.assertTrue(created.body.startswith("<p>Delivery "))
        self.assertIn(f">{delivery.name}</a> created", created.body)
        # the agent completes it and the warehouse sends it
        with (
            Form(delivery.with_user(self.agent)) as form,
            form.move_ids.edit(0) as move,
        ):
            move.product_uom_qty = 2.0
        delivery.with_user(self.agent).action_confirm()
        delivery.with_user(self.agent).button_validate()
        flush_status(self.env)
        self.assertEqual(delivery.state, "done")
        status = notes(self.ticket, f">{delivery.name}</a> done")
        self.assertEqual(len(status), 1)
        self.assertEqual(status.subtype_id, self.env.ref(DELIVERY_STATUS))
        self.assertTrue(status.body.startswith("<p>Delivery "))
        # a second one, cancelled
        _action, second = self._replace()
        second.action_cancel()
        flush_status(self.env)
        self.assertEqual(len(notes(self.ticket, f">{second.name}</a> cancelled")), 1)
        smart = self.ticket.with_context(
            aftersales_documents="delivery_count"
        ).action_aftersales_open_documents()
        self.assertEqual(smart["name"], "Deliveries")
        self.assertEqual(
            self.env["stock.picking"].search(smart["domain"]), delivery | second
        )

    def test_replacement_without_product(self):
        ticket = self._ticket(self.customer)
        _action, delivery = self._replace(ticket)
        self.assertFalse(delivery.move_ids)
        self.assertEqual(delivery.partner_id, self.customer)
        self.assertEqual(delivery.helpdesk_ticket_id, ticket)

    def test_replacement_of_a_serial_number(self):
        """The ticket's serial number is sent when it is in stock (returned),
        otherwise the warehouse chooses one."""
        phone = storable_product(self.env, "Phone", tracking="serial")
        lots = self.env["stock.lot"].create(
            [{"name": f"SN-{n}", "product_id": phone.id} for n in range(2)]
        )
        put_in_stock(self.env, phone, 1, self.warehouse, lots=lots[:1])
        ticket = self._ticket(self.customer, product_id=phone.id, lot_id=lots[0].id)
        _action, delivery = self._replace(ticket)
        self.assertEqual(delivery.move_ids.lot_ids, lots[0])
        self.assertEqual(delivery.move_line_ids.lot_id, lots[0], "reserved")
        delivery.button_validate()
        self.assertEqual(delivery.state, "done")
        ticket = self._ticket(self.customer, product_id=phone.id, lot_id=lots[1].id)
        _action, delivery = self._replace(ticket)
        self.assertFalse(delivery.move_ids.lot_ids, "not in stock")
        self.assertEqual(delivery.move_ids.product_id, phone)

    def test_replacement_from_the_sales_order_warehouse(self):
        warehouse = self.env["stock.warehouse"].create(
            {"name": "Second warehouse", "code": "WR2"}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "warehouse_id": warehouse.id,
                "order_line": [Command.create({"product_id": self.chair.id})],
            }
        )
        ticket = self._ticket(self.customer, sale_order_ids=[Command.set(order.ids)])
        _action, delivery = self._replace(ticket)
        self.assertEqual(delivery.picking_type_id, warehouse.out_type_id)

    def test_replace_needs_the_option_a_customer_and_inventory_rights(self):
        arch = etree.fromstring(
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .get_view(view_type="form")["arch"]
        )
        button = arch.xpath("//header/button[@name='action_helpdesk_replace']")[0]
        self.assertEqual(
            button.get("invisible"), "not use_product_replacements or not partner_id"
        )
        count = self._picking_count()
        ticket = self._ticket(False)
        with self.assertRaisesText(UserError, "Set the customer of the ticket"):
            self._replace(ticket)
        self.team.use_product_replacements = False
        with self.assertRaisesText(UserError, "The option Replacements is off"):
            self._replace()
        self.team.use_product_replacements = True
        with self.assertRaises(AccessError):
            self._replace(user=self.helpdesk_only)
        self.assertEqual(self._picking_count(), count, "nothing created")
