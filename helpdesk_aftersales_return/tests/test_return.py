# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The return flows, as the user documentation describes them ("반품 배송으로 상품
반품 진행"): Return button, quantities, Return, the Returns smart button."""

from lxml import etree

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import (
    DELIVERY_STATUS,
    REPLACE_VIEW,
    RETURN_STATUS,
    RETURN_VIEW,
    ReturnCommon,
    put_in_stock,
    replace,
    replace_dialog,
    sale_delivery,
    storable_product,
    validate_chain,
)
from odoo.addons.helpdesk_aftersales.tests.common import flush_status, notes


@tagged("post_install", "-at_install")
class TestReturn(ReturnCommon):
    def test_return_one_step_delivery(self):
        """Quantities default to what was delivered; lowered, the return takes
        what is typed; the rest stays returnable."""
        Wizard, _action = self._open_dialog()
        with Form(Wizard, view=RETURN_VIEW) as form:
            self.assertEqual(form.picking_id, self.delivery, "preselected")
            self.assertEqual(len(form.product_return_moves), 1)
            with form.product_return_moves.edit(0) as line:
                self.assertEqual(line.quantity, 3.0, "delivered, not returned yet")
                line.quantity = 2.0
        wizard = form.save()
        action = wizard.action_create_returns()
        return_picking = self.ticket._aftersales_documents("return_count")
        self.assertEqual(len(return_picking), 1)
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("stock.picking", return_picking.id),
            "the return opens",
        )
        self.assertEqual(return_picking.picking_type_code, "incoming")
        self.assertEqual(return_picking.return_id, self.delivery)
        self.assertEqual(return_picking.helpdesk_ticket_id, self.ticket)
        self.assertEqual(return_picking.partner_id, self.customer)
        self.assertEqual(return_picking.move_ids.product_uom_qty, 2.0)
        self.assertEqual(return_picking.state, "assigned")
        self.assertEqual(self.ticket.return_count, 1)
        self.assertEqual(self.ticket.delivery_count, 0)
        created = notes(self.ticket, "created")
        self.assertEqual(len(created), 1)
        self.assertIn(f">{return_picking.name}</a>.", created.body)
        self.assertTrue(created.body.startswith("<p>Return created from this ticket: "))
        self.assertEqual(len(notes(return_picking, "Created from ticket")), 1)
        flush_status(self.env)
        self.assertFalse(notes(self.ticket, " done"))
        # the warehouse receives the products
        return_picking.button_validate()
        flush_status(self.env)
        self.assertEqual(return_picking.state, "done")
        status = notes(self.ticket, " done")
        self.assertEqual(len(status), 1)
        self.assertIn(f">{return_picking.name}</a> done", status.body)
        self.assertTrue(status.body.startswith("<p>Return "))
        self.assertEqual(status.subtype_id, self.env.ref(RETURN_STATUS))
        # the sales order knows what came back
        self.assertEqual(self.order.order_line.qty_delivered, 1.0)
        # the next dialog offers what is left
        wizard = self._dialog()
        self.assertEqual(wizard.product_return_moves.quantity, 1.0)
        self.assertFalse(wizard.helpdesk_fully_returned)

    def _warehouse(self, code, steps):
        warehouse = self.env["stock.warehouse"].create(
            {"name": f"Warehouse {code}", "code": code, "delivery_steps": steps}
        )
        put_in_stock(self.env, self.chair, 10, warehouse)
        return warehouse

    def test_return_of_a_delivery_in_several_steps(self):
        """Pick (pack) ship: the delivery to the customer is the last step; it
        is the one proposed and returned."""
        for code, steps in (("WH2", "pick_ship"), ("WH3", "pick_pack_ship")):
            with self.subTest(steps=steps):
                warehouse = self._warehouse(code, steps)
                customer = self.env["res.partner"].create({"name": f"Customer {code}"})
                order, delivery = sale_delivery(
                    self.env, customer, self.chair, 2, warehouse
                )
                self.assertEqual(len(order.picking_ids), 2 if code == "WH2" else 3)
                self.assertEqual(delivery.picking_type_code, "outgoing")
                ticket = self._ticket(customer, sale_order_ids=[Command.set(order.ids)])
                self.assertTrue(ticket.with_user(self.agent).aftersales_has_deliveries)
                wizard = self._dialog(ticket=ticket)
                self.assertEqual(wizard.picking_id, delivery, "the last step")
                self.assertEqual(wizard.product_return_moves.quantity, 2.0)
                wizard.action_create_returns()
                return_picking = ticket._aftersales_documents("return_count")
                self.assertEqual(return_picking.return_id, delivery)
                self.assertEqual(return_picking.location_id.usage, "customer")
                return_picking.button_validate()
                self.assertEqual(order.order_line.qty_delivered, 0.0)
                self.assertEqual(ticket.return_count, 1)
                # the internal steps are not deliveries to return
                self.assertEqual(
                    self.env["stock.picking"].search(
                        ticket._aftersales_return_delivery_domain()
                    ),
                    delivery,
                )
                wizard = self._dialog(ticket=ticket)
                with self.assertRaisesText(UserError, "already been returned"):
                    wizard.action_create_returns()

    def test_tracked_product_returns_the_ticket_serial(self):
        """Odoo proposes the first serial numbers of the delivery; the return of
        a ticket about one serial number carries that one."""
        phone = storable_product(self.env, "Phone", tracking="serial")
        lots = self.env["stock.lot"].create(
            [{"name": f"SN-{n}", "product_id": phone.id} for n in range(3)]
        )
        put_in_stock(self.env, phone, 1, self.warehouse, lots=lots)
        order, delivery = sale_delivery(
            self.env, self.customer, phone, 3, self.warehouse
        )
        self.assertEqual(delivery.move_line_ids.lot_id, lots)
        ticket = self._ticket(
            self.customer,
            product_id=phone.id,
            lot_id=lots[1].id,
            sale_order_ids=[Command.set(order.ids)],
        )
        _wizard, _action, return_picking = self._return([1.0], ticket=ticket)
        self.assertEqual(return_picking.move_line_ids.lot_id, lots[1])
        return_picking.button_validate()
        self.assertEqual(return_picking.move_line_ids.lot_id, lots[1])
        self.assertEqual(
            self.env["stock.quant"]._get_available_quantity(
                phone, self.warehouse.lot_stock_id, lot_id=lots[1], strict=True
            ),
            1.0,
            "the serial number is back in stock",
        )
        # two more: the ticket's serial is returned already, the others come back
        _wizard, _action, second = self._return([2.0], ticket=ticket)
        self.assertEqual(second.move_line_ids.lot_id, lots[0] | lots[2])
        self.assertEqual(order.order_line.qty_delivered, 2.0, "not validated yet")
        second.button_validate()
        self.assertEqual(order.order_line.qty_delivered, 0.0)

    def test_return_all(self):
        wizard = self._dialog([1.0])
        action = wizard.action_create_returns_all()
        return_picking = self.env["stock.picking"].browse(action["res_id"])
        self.assertEqual(return_picking.helpdesk_ticket_id, self.ticket)
        self.assertEqual(return_picking.move_ids.product_uom_qty, 3.0, "everything")
        self.assertTrue(wizard.aftersales_done)
        self.assertEqual(self.ticket.return_count, 1)
        self.assertEqual(len(notes(self.ticket, "created")), 1)
        with self.assertRaisesText(UserError, "already been done"):
            wizard.action_create_returns_all()

    def test_return_for_exchange(self):
        """The exchange is a new delivery of the same products: the ticket's
        replacement, under Deliveries."""
        wizard = self._dialog([1.0])
        action = wizard.action_create_exchanges()
        return_picking = self.ticket._aftersales_documents("return_count")
        self.assertEqual(action["res_id"], return_picking.id, "the return opens")
        exchange = self.ticket._aftersales_documents("delivery_count")
        self.assertEqual(len(exchange), 1)
        self.assertEqual(exchange.picking_type_code, "outgoing")
        self.assertFalse(exchange.return_id)
        self.assertEqual(exchange.partner_id, self.customer)
        self.assertEqual(exchange.move_ids.product_uom_qty, 1.0)
        self.assertEqual(exchange.sale_id, self.order)
        self.assertEqual(self.ticket.delivery_count, 1)
        linked = notes(self.ticket, f">{exchange.name}</a>")
        self.assertTrue(linked.body.startswith("<p>Delivery linked to this ticket: "))
        return_picking.button_validate()
        exchange.button_validate()
        flush_status(self.env)
        status = notes(self.ticket, f">{exchange.name}</a> done")
        self.assertEqual(status.subtype_id, self.env.ref(DELIVERY_STATUS))
        self.assertTrue(status.body.startswith("<p>Delivery "))
        self.assertEqual(self.order.order_line.qty_delivered, 3.0)

    def test_return_for_exchange_in_three_steps(self):
        """In three steps the exchange starts with a pick: each next step
        follows the ticket, the final delivery counts under Deliveries."""
        warehouse = self._warehouse("WX3", "pick_pack_ship")
        order, delivery = sale_delivery(
            self.env, self.customer, self.chair, 2, warehouse
        )
        ticket = self._ticket(self.customer, sale_order_ids=[Command.set(order.ids)])
        wizard = self._dialog([1.0], ticket=ticket)
        self.assertEqual(wizard.picking_id, delivery)
        wizard.action_create_exchanges()
        return_picking = ticket._aftersales_documents("return_count")
        pick = self.env["stock.picking"].search(
            [("helpdesk_ticket_id", "=", ticket.id), ("return_id", "=", False)]
        )
        self.assertEqual(pick.picking_type_code, "internal")
        self.assertEqual(ticket.delivery_count, 0, "not a delivery yet")
        return_picking.button_validate()
        chain = validate_chain(pick)
        linked = chain.filtered(lambda p: p.helpdesk_ticket_id == ticket)
        self.assertEqual(linked, chain, "every step belongs to the ticket")
        self.assertEqual(len(chain), 3)
        final = ticket._aftersales_documents("delivery_count")
        self.assertEqual(final.location_dest_id.usage, "customer")
        self.assertEqual(final.state, "done")
        flush_status(self.env)
        self.assertEqual(len(notes(ticket, f">{final.name}</a> done")), 1)
        self.assertEqual(order.order_line.qty_delivered, 2.0)
        # the original delivery and the return's own chain stay unlinked
        self.assertFalse(delivery.helpdesk_ticket_id)

    def test_preselection_sales_order_then_product(self):
        """The delivery proposed is the most recent of the ticket's orders (of
        its product first), or without orders of its product; nothing
        unrelated otherwise."""
        desk = storable_product(self.env, "Desk")
        put_in_stock(self.env, desk, 10, self.warehouse)
        order_desk, desk_delivery = sale_delivery(
            self.env, self.customer, desk, 1, self.warehouse
        )
        _order2, latest_chair = sale_delivery(
            self.env, self.customer, self.chair, 1, self.warehouse
        )

        def preselected(ticket):
            Wizard, _action = self._open_dialog(ticket)
            return Wizard.default_get(["picking_id"])["picking_id"]

        self.assertEqual(preselected(self.ticket), self.delivery.id, "its order")
        ticket = self._ticket(
            self.customer,
            product_id=desk.id,
            sale_order_ids=[Command.set((self.order | order_desk).ids)],
        )
        self.assertEqual(preselected(ticket), desk_delivery.id, "its order's product")
        ticket = self._ticket(self.customer, product_id=self.chair.id)
        self.assertEqual(preselected(ticket), latest_chair.id, "its product")
        ticket = self._ticket(self.customer, product_id=desk.id)
        self.assertEqual(preselected(ticket), desk_delivery.id)
        ticket = self._ticket(self.customer)
        self.assertFalse(preselected(ticket), "nothing unrelated")
        # orders without delivery: nothing, not the latest delivery
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [Command.create({"product_id": self.chair.id})],
            }
        )
        ticket = self._ticket(
            self.customer,
            product_id=self.chair.id,
            sale_order_ids=[Command.set(quotation.ids)],
        )
        self.assertFalse(preselected(ticket))
        # a contact of the customer is the same customer
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer.id}
        )
        ticket = self._ticket(contact, product_id=self.chair.id)
        self.assertEqual(preselected(ticket), latest_chair.id)
        # the agent chooses, and the dialog lists that delivery
        ticket = self._ticket(self.customer)
        wizard = self._dialog(delivery=desk_delivery, ticket=ticket)
        self.assertEqual(wizard.product_return_moves.product_id, desk)

    def test_fully_returned_delivery_is_said(self):
        self._return()
        wizard = self._dialog()
        self.assertTrue(wizard.helpdesk_fully_returned)
        self.assertEqual(wizard.product_return_moves.quantity, 0.0)
        arch = etree.fromstring(
            self.env["stock.return.picking"].get_view(
                self.env.ref(RETURN_VIEW).id, "form"
            )["arch"]
        )
        alert = arch.xpath("//div[@name='helpdesk_fully_returned_alert']")[0]
        self.assertIn("already been returned", alert.text)

    def test_cancelled_return(self):
        _wizard, _action, return_picking = self._return([2.0])
        return_picking.action_cancel()
        flush_status(self.env)
        status = notes(self.ticket, "cancelled")
        self.assertEqual(len(status), 1)
        self.assertIn(f">{return_picking.name}</a> cancelled", status.body)
        self.assertEqual(status.subtype_id, self.env.ref(RETURN_STATUS))
        # what a cancelled return did not bring back can be returned again
        wizard = self._dialog()
        self.assertEqual(wizard.product_return_moves.quantity, 3.0)
        # a return made in Inventory, linked later, then the option switched
        # off: no status message any more (and no new link)
        wizard = self.env["stock.return.picking"].create(
            {"picking_id": self.delivery.id}
        )
        wizard.product_return_moves.quantity = 1.0
        other = self.env["stock.picking"].browse(
            wizard.action_create_returns()["res_id"]
        )
        other.helpdesk_ticket_id = self.ticket
        self.assertTrue(notes(self.ticket, "Return linked to this ticket"))
        self.team.use_product_returns = False
        other.button_validate()
        flush_status(self.env)
        self.assertFalse(notes(self.ticket, f">{other.name}</a> done"))

    def test_smart_buttons_and_back_link(self):
        _wizard, _action, first = self._return([1.0])
        _wizard, _action, second = self._return([1.0])
        ticket = self.ticket.with_user(self.agent)
        self.assertEqual(ticket.return_count, 2)
        action = ticket.with_context(
            aftersales_documents="return_count"
        ).action_aftersales_open_documents()
        self.assertEqual(action["name"], "Returns")
        self.assertTrue(action["view_mode"].startswith("list"))
        self.assertEqual(
            self.env["stock.picking"].search(action["domain"]), first | second
        )
        self.assertFalse(action["context"]["create"])
        back = first.with_user(self.agent).action_open_helpdesk_ticket()
        self.assertEqual(
            (back["res_model"], back["res_id"]), ("helpdesk.ticket", self.ticket.id)
        )
        arch = first.with_user(self.agent).get_view(view_type="form")["arch"]
        self.assertIn('name="action_open_helpdesk_ticket"', arch)
        self.assertFalse(first.copy().helpdesk_ticket_id, "not copied")
        self.ticket.unlink()
        self.assertTrue(first.exists(), "deleting the ticket keeps the return")

    def test_inventory_own_return_is_unchanged(self):
        """The Return button of a transfer keeps Odoo's dialog: its own view,
        quantities starting at 0, nothing linked to a ticket."""
        arch = etree.fromstring(
            self.env["stock.return.picking"].get_view(
                self.env.ref("stock.view_stock_return_picking_form").id, "form"
            )["arch"]
        )
        self.assertFalse(arch.xpath("//field[@name='helpdesk_partner_id']"))
        picking_field = arch.xpath("//field[@name='picking_id']")[0]
        self.assertEqual(picking_field.get("invisible"), "1")
        Wizard = self.env["stock.return.picking"].with_context(
            active_model="stock.picking",
            active_id=self.delivery.id,
            active_ids=self.delivery.ids,
        )
        with Form(Wizard) as form, form.product_return_moves.edit(0) as line:
            self.assertEqual(line.quantity, 0.0)
        wizard = form.save()
        self.assertFalse(wizard.helpdesk_ticket_id)
        action = wizard.action_create_returns_all()
        return_picking = self.env["stock.picking"].browse(action["res_id"])
        self.assertFalse(return_picking.helpdesk_ticket_id)
        self.assertEqual(self.ticket.return_count, 0)

    def test_korean_at_runtime(self):
        self._aftersales_load_korean("helpdesk_aftersales_return")
        ticket = self.ticket.with_user(self.agent).with_context(lang="ko_KR")
        arch = etree.fromstring(ticket.get_view(view_type="form")["arch"])
        for name, label in (
            ("action_helpdesk_return", "반품"),
            ("action_helpdesk_replace", "교체"),
        ):
            button = arch.xpath(f"//header/button[@name='{name}']")[0]
            self.assertEqual(button.get("string"), label)
        for name, label in (("return_count", "반품"), ("delivery_count", "배송")):
            self.assertEqual(
                arch.xpath(f"//field[@name='{name}']")[0].get("string"), label
            )
        lot = ticket.fields_get(["lot_id"])["lot_id"]
        self.assertEqual(lot["string"], "로트/일련번호")
        Wizard = self.env["stock.return.picking"].with_context(lang="ko_KR")
        arch = etree.fromstring(
            Wizard.get_view(self.env.ref(RETURN_VIEW).id, "form")["arch"]
        )
        self.assertEqual(arch.get("string"), "반품")
        picking = arch.xpath("//field[@name='picking_id']")[0]
        self.assertEqual(picking.get("string"), "반품할 배송")
        wizard = self._dialog([4.0])
        with self.assertRaisesText(UserError, "최대 3.00"):
            wizard.with_context(lang="ko_KR").action_create_returns()
        self.team.use_product_returns = False
        with self.assertRaisesText(UserError, "반품 옵션이 비활성화되어 있습니다"):
            ticket.action_helpdesk_return()
        # the Replace dialog
        Replace = self.env["helpdesk.aftersales.replace.wizard"].with_context(
            lang="ko_KR"
        )
        arch = etree.fromstring(
            Replace.get_view(self.env.ref(REPLACE_VIEW).id, "form")["arch"]
        )
        self.assertEqual(arch.get("string"), "교체")
        button = arch.xpath("//footer/button[@name='action_create_replacement']")[0]
        self.assertEqual(button.get("string"), "교체")
        labels = Replace.fields_get(["warehouse_id", "aftersales_reason_id"])
        self.assertEqual(labels["warehouse_id"]["string"], "창고")
        lines = self.env["helpdesk.aftersales.replace.wizard.line"].with_context(
            lang="ko_KR"
        )
        labels = lines.fields_get(["customer_quantity", "quantity", "lot_id"])
        self.assertEqual(labels["customer_quantity"]["string"], "배송 수량")
        self.assertEqual(labels["quantity"]["string"], "수량")
        self.assertEqual(labels["lot_id"]["string"], "로트/일련번호")
        wizard = replace_dialog(self.ticket, user=self.agent)
        wizard.line_ids.quantity = 4.0
        with self.assertRaisesText(UserError, "보낼 수 있는 최대 수량: 3.00 Units"):
            wizard.with_context(lang="ko_KR").action_create_replacement()
        created = replace(self.ticket.with_context(lang="ko_KR"), [1.0], self.agent)
        self.assertEqual(
            created[2]._aftersales_portal_values()["detail"], "Office Chair: 1.00 Units"
        )
