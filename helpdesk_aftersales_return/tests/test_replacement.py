# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Replace dialog: the products delivered to the customer for the ticket,
sent again in a new delivery, ready to process, linked to the ticket."""

import math

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import (
    DELIVERY_STATUS,
    REPLACE_VIEW,
    ReturnCommon,
    direct_deliveries,
    put_in_stock,
    replace,
    replace_dialog,
    sale_delivery,
    storable_product,
    validate_chain,
)
from odoo.addons.helpdesk_aftersales.tests.common import flush_status, notes

WIZARD = "helpdesk.aftersales.replace.wizard"


@tagged("post_install", "-at_install")
class TestReplacement(ReturnCommon):
    def _aftersales_made(self):
        return self._picking_count()

    def _replace(self, ticket=None, quantities=None, user=None, **values):
        return replace(ticket or self.ticket, quantities, user or self.agent, **values)

    def _dialog_of(self, ticket=None, user=None, **values):
        return replace_dialog(ticket or self.ticket, None, user or self.agent, **values)

    # the flow -------------------------------------------------------------------

    def test_replacement_delivery(self):
        address = self.env["res.partner"].create(
            {
                "name": "Warehouse door",
                "type": "delivery",
                "parent_id": self.customer.id,
            }
        )
        reason = self.env.ref("helpdesk_aftersales.reason_defective")
        Wizard = self.env[WIZARD].with_user(self.agent)
        action = self.ticket.with_user(self.agent).action_helpdesk_replace()
        self.assertEqual(action["res_model"], WIZARD)
        self.assertEqual(action["target"], "new")
        self.assertFalse([k for k in action["context"] if k.startswith("default_")])
        with Form(Wizard.with_context(**action["context"]), view=REPLACE_VIEW) as form:
            self.assertEqual(form.warehouse_id, self.warehouse, "the order's")
            self.assertEqual(len(form.line_ids), 1)
            with form.line_ids.edit(0) as line:
                self.assertEqual(line.product_id, self.chair)
                self.assertEqual(line.customer_quantity, 3.0, "what the customer has")
                self.assertEqual(line.quantity, 3.0, "the ticket's product")
                line.quantity = 2.0
            form.aftersales_reason_id = reason
        wizard = form.save()
        action = wizard.action_create_replacement()
        delivery = self.ticket._aftersales_documents("delivery_count")
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("stock.picking", delivery.id)
        )
        self.assertFalse([k for k in action["context"] if k.startswith("default_")])
        self.assertEqual(delivery.state, "assigned", "confirmed and reserved")
        self.assertEqual(delivery.picking_type_id, self.warehouse.out_type_id)
        self.assertEqual(delivery.location_id, self.warehouse.lot_stock_id)
        self.assertEqual(delivery.location_dest_id.usage, "customer")
        self.assertEqual(delivery.partner_id, address, "the delivery address")
        self.assertEqual(delivery.origin, self.ticket.number)
        self.assertEqual(delivery.helpdesk_ticket_id, self.ticket)
        self.assertEqual(delivery.aftersales_reason_id, reason, "the reason is kept")
        self.assertEqual(delivery.move_ids.product_id, self.chair)
        self.assertEqual(delivery.move_ids.product_uom_qty, 2.0)
        self.assertEqual(delivery.move_ids.quantity, 2.0, "reserved")
        self.assertFalse(delivery.sale_id, "the order is not delivered again")
        self.assertEqual(self.order.order_line.qty_delivered, 3.0)
        self.assertEqual(self.ticket.delivery_count, 1)
        self.assertEqual(self.ticket.return_count, 0)
        created = notes(self.ticket, "created")
        self.assertEqual(len(created), 1)
        self.assertTrue(
            created.body.startswith("<p>Delivery created from this ticket: ")
        )
        self.assertIn(f">{delivery.name}</a>", created.body)
        self.assertEqual(len(notes(delivery, "Created from ticket")), 1)
        # the warehouse sends it
        delivery.with_user(self.agent).button_validate()
        flush_status(self.env)
        self.assertEqual(delivery.state, "done")
        status = notes(self.ticket, f">{delivery.name}</a> done")
        self.assertEqual(len(status), 1)
        self.assertEqual(status.subtype_id, self.env.ref(DELIVERY_STATUS))
        smart = self.ticket.with_context(
            aftersales_documents="delivery_count"
        ).action_aftersales_open_documents()
        self.assertEqual(smart["name"], "Deliveries")
        self.assertEqual(smart["res_id"], delivery.id)
        # the portal row says what it sends
        self.assertEqual(
            delivery._aftersales_portal_values()["detail"], "Office Chair: 2.00 Units"
        )

    def test_products_listed_and_quantities_by_default(self):
        """The products of the ticket's orders (without orders, its product),
        with what the customer has of them; the ticket's product to send."""
        desk = storable_product(self.env, "Desk")
        put_in_stock(self.env, desk, 10, self.warehouse)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "warehouse_id": self.warehouse.id,
                "order_line": [
                    Command.create({"product_id": self.chair.id, "product_uom_qty": 2}),
                    Command.create({"product_id": desk.id, "product_uom_qty": 1}),
                ],
            }
        )
        order.action_confirm()
        validate_chain(order.picking_ids)
        # another order of the customer, not the ticket's
        sale_delivery(self.env, self.customer, desk, 4, self.warehouse)

        def lines(ticket):
            wizard = self._dialog_of(ticket)
            return [
                (line.product_id, line.customer_quantity, line.quantity)
                for line in wizard.line_ids
            ]

        orders = [Command.set(order.ids)]
        ticket = self._ticket(self.customer, product_id=desk.id, sale_order_ids=orders)
        self.assertEqual(lines(ticket), [(desk, 1.0, 1.0), (self.chair, 2.0, 0.0)])
        ticket = self._ticket(self.customer, sale_order_ids=orders)
        self.assertEqual(
            lines(ticket), [(desk, 1.0, 0.0), (self.chair, 2.0, 0.0)], "to choose"
        )
        ticket = self._ticket(self.customer, product_id=desk.id)
        self.assertEqual(lines(ticket), [(desk, 5.0, 5.0)], "every delivery of it")
        ticket = self._ticket(self.customer)
        self.assertEqual(lines(ticket), [], "nothing unrelated")
        # what came back is no longer the customer's
        self._return([1.0])
        self._aftersales_documents_validate(self.ticket, "return_count")
        self.assertEqual(lines(self.ticket), [(self.chair, 2.0, 2.0)])

    def _aftersales_documents_validate(self, ticket, count_field):
        documents = ticket._aftersales_documents(count_field)
        documents.filtered(lambda p: p.state == "assigned").button_validate()

    def test_replace_after_a_return_and_never_more_than_received(self):
        """The customer sends back the 3 chairs; 3 new ones are sent. The ticket
        never sends more than the customer received."""
        self._return()
        self._aftersales_documents_validate(self.ticket, "return_count")
        wizard = self._dialog_of()
        self.assertEqual(wizard.line_ids.customer_quantity, 0.0)
        wizard.line_ids.quantity = 3.0
        wizard.action_create_replacement()
        self.assertEqual(self.ticket.delivery_count, 1)
        wizard = self._dialog_of()
        wizard.line_ids.quantity = 1.0
        self.assertRefused(
            wizard.action_create_replacement,
            "At most 0.00 Units of Office Chair can be sent from this ticket",
        )
        # a cancelled replacement gives its quantity back
        self.ticket._aftersales_documents("delivery_count").action_cancel()
        wizard = self._dialog_of()
        wizard.line_ids.quantity = 3.0
        wizard.action_create_replacement()
        self.assertEqual(self.ticket.delivery_count, 1)

    def test_replacement_in_several_steps(self):
        """A warehouse delivering in two steps: the pick is made, reserved and
        linked; the delivery that follows is the ticket's too."""
        warehouse = self.env["stock.warehouse"].create(
            {"name": "Two steps", "code": "WR2", "delivery_steps": "pick_ship"}
        )
        put_in_stock(self.env, self.chair, 10, warehouse)
        customer = self.env["res.partner"].create({"name": "Two steps customer"})
        order, _delivery = sale_delivery(self.env, customer, self.chair, 2, warehouse)
        ticket = self._ticket(
            customer,
            product_id=self.chair.id,
            sale_order_ids=[Command.set(order.ids)],
        )
        _wizard, _action, pick = self._replace(ticket, [1.0])
        self.assertEqual(pick.picking_type_id, warehouse.pick_type_id)
        self.assertEqual(pick.state, "assigned")
        self.assertEqual(pick.helpdesk_ticket_id, ticket)
        self.assertEqual(ticket.delivery_count, 0, "not a delivery yet")
        chain = validate_chain(pick)
        self.assertEqual(len(chain), 2)
        self.assertEqual(chain.helpdesk_ticket_id, ticket)
        final = ticket._aftersales_documents("delivery_count")
        self.assertEqual(final.picking_type_id, warehouse.out_type_id)
        self.assertEqual(final.state, "done")
        self.assertEqual(final.move_ids.quantity, 1.0)
        # one unit sent, one left to send
        wizard = self._dialog_of(ticket)
        wizard.line_ids.quantity = 2.0
        self.assertRefused(wizard.action_create_replacement, "At most 1.00 Units")

    def test_replacement_of_a_serial_number(self):
        """The customer's serial number that the replacement replaces is
        proposed from the ticket and said on the delivery; the warehouse picks
        the unit to send."""
        phone = storable_product(self.env, "Phone", tracking="serial")
        lots = self.env["stock.lot"].create(
            [{"name": f"SN-{n}", "product_id": phone.id} for n in range(4)]
        )
        put_in_stock(self.env, phone, 1, self.warehouse, lots=lots)
        order, delivery = sale_delivery(
            self.env, self.customer, phone, 2, self.warehouse
        )
        sold = delivery.move_line_ids.lot_id
        ticket = self._ticket(
            self.customer,
            product_id=phone.id,
            lot_id=sold[1].id,
            sale_order_ids=[Command.set(order.ids)],
        )
        wizard = self._dialog_of(ticket)
        self.assertEqual(wizard.line_ids.lot_id, sold[1])
        wizard.line_ids.quantity = 1.0
        wizard.action_create_replacement()
        replacement = ticket._aftersales_documents("delivery_count")
        self.assertIn("SN-", replacement.note)
        self.assertIn(sold[1].name, replacement.note)
        self.assertEqual(replacement.state, "assigned")
        self.assertNotIn(replacement.move_line_ids.lot_id, sold, "a unit in stock")
        # a serial number the customer never had
        ticket = self._ticket(
            self.customer, product_id=phone.id, sale_order_ids=[Command.set(order.ids)]
        )
        wizard = self._dialog_of(ticket)
        wizard.line_ids.write({"quantity": 1.0, "lot_id": (lots - sold)[0].id})
        self.assertRefused(
            wizard.action_create_replacement,
            f"The lot/serial number {(lots - sold)[0].name} of Phone was not "
            "delivered to Return Customer",
        )

    def test_replace_once(self):
        wizard, _action, _delivery = self._replace()
        for method in ("action_create_replacement",):
            self.assertRefused(getattr(wizard, method), "already been done")
        self.assertEqual(self.ticket.delivery_count, 1)
        with self.assertRaisesText(UserError, "cannot be changed"):
            wizard.write({"aftersales_done": False})

    # bad input ------------------------------------------------------------------

    def test_rpc_bad_values(self):
        """What no form sends, written by RPC on the dialog or its lines: a clear
        message, nothing changed."""
        wizard = self._dialog_of()
        line = wizard.line_ids
        for value in ("2", math.nan, math.inf, -math.inf, True, [1], 1e20):
            with (
                self.subTest(value=value),
                self.assertRaisesText(UserError, "Quantity must be a number"),
            ):
                line.write({"quantity": value})
        for value in (999999999, "1", True, -1, 1.5):
            with (
                self.subTest(value=value),
                self.assertRaisesText(UserError, "Product must be one record"),
            ):
                line.write({"product_id": value})
        with self.assertRaisesText(UserError, "Warehouse must be one record"):
            wizard.write({"warehouse_id": 999999999})
        for value in ("x", [(99, 0, 0)], [(0, 0, "x")], [(1, 999999999, {})], [7]):
            with (
                self.subTest(value=value),
                self.assertRaisesText(UserError, "Products must be a list of records"),
            ):
                wizard.write({"line_ids": value})
        with self.assertRaisesText(UserError, "Quantity must be a number"):
            wizard.write({"line_ids": [Command.create({"quantity": "many"})]})
        with self.assertRaisesText(UserError, "Product is required"):
            wizard.write({"line_ids": [Command.create({"quantity": 1.0})]})
        with self.assertRaisesText(UserError, "Product is required"):
            line.write({"product_id": False})
        with self.assertRaisesText(UserError, "Quantity must be a number"):
            self.env[WIZARD].with_user(self.agent).with_context(
                active_model="helpdesk.ticket", active_id=self.ticket.id
            ).create(
                {
                    "line_ids": [
                        Command.create({"product_id": self.chair.id, "quantity": "9"})
                    ]
                }
            )
        self.assertEqual(line.quantity, 3.0, "unchanged")

    def test_rpc_bad_quantities_products_and_warehouses(self):
        other_product = storable_product(self.env, "Lamp")
        put_in_stock(self.env, other_product, 5, self.warehouse)
        sale_delivery(self.env, self.other_customer, other_product, 1, self.warehouse)
        service = self.env["product.product"].create(
            {"name": "Assembly", "type": "service"}
        )
        company_2 = self.env["res.company"].create({"name": "Second Company"})
        warehouse_2 = self.env["stock.warehouse"].search(
            [("company_id", "=", company_2.id)], limit=1
        )
        cases = (
            ({"quantity": -1.0}, "The quantity to send of Office Chair cannot be"),
            ({"quantity": 0.0}, "Set the quantity to send of at least one product"),
            ({"quantity": 4.0}, "At most 3.00 Units of Office Chair can be sent"),
            ({"quantity": 1e9}, "At most 3.00 Units"),
            (
                {"product_id": other_product.id, "quantity": 1.0},
                "Lamp was not delivered to Return Customer in",
            ),
            (
                {"product_id": service.id, "quantity": 1.0},
                "Assembly was not delivered to Return Customer",
            ),
        )
        for values, message in cases:
            with self.subTest(values=values):
                wizard = self._dialog_of()
                wizard.line_ids.write(values)
                self.assertRefused(wizard.action_create_replacement, message)
        # two lines of the same product count together
        wizard = self._dialog_of()
        wizard.line_ids = [
            Command.create({"product_id": self.chair.id, "quantity": 2.0})
        ]
        self.assertRefused(wizard.action_create_replacement, "At most 3.00 Units")
        # another company's warehouse
        self.agent.company_ids |= company_2
        wizard = self._dialog_of()
        wizard.with_context(
            allowed_company_ids=(self.env.company | company_2).ids
        ).warehouse_id = warehouse_2
        self.assertRefused(
            wizard.with_context(
                allowed_company_ids=(self.env.company | company_2).ids
            ).action_create_replacement,
            "Choose a warehouse of My Company",
        )

    def test_rpc_dialog_without_ticket(self):
        wizard = (
            self.env[WIZARD]
            .with_user(self.agent)
            .create(
                {
                    "warehouse_id": self.warehouse.id,
                    "line_ids": [
                        Command.create({"product_id": self.chair.id, "quantity": 1})
                    ],
                }
            )
        )
        self.assertRefused(
            wizard.action_create_replacement, "must be opened from a ticket"
        )
        self.assertRefused(
            self.env[WIZARD].with_user(self.agent).action_create_replacement,
            "This dialog no longer exists",
        )
        self.assertRefused(
            (wizard | self._dialog_of()).action_create_replacement,
            "This dialog no longer exists",
        )

    def test_replace_button_bad_tickets(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        for tickets in (
            Ticket,
            self.ticket.with_user(self.agent) | self._ticket(self.customer),
            Ticket.browse(999999999),
        ):
            with self.subTest(ids=tickets.ids):
                self.assertRefused(
                    tickets.action_helpdesk_replace, "Choose one existing ticket"
                )
        for active_id in ("1", True, [1]):
            with self.subTest(active_id=active_id):
                self.assertRefused(
                    lambda active_id=active_id: (
                        self.env[WIZARD]
                        .with_user(self.agent)
                        .with_context(
                            active_model="helpdesk.ticket", active_id=active_id
                        )
                        .create({})
                    ),
                    "Choose one existing ticket",
                )

    def test_context_defaults_never_reach_the_delivery(self):
        """A client's default_* keys (locations, type, partner, state) change
        nothing in what the dialog makes."""
        stock = self.warehouse.lot_stock_id
        context = {
            "default_location_dest_id": stock.id,
            "default_location_id": self.env.ref("stock.stock_location_customers").id,
            "default_picking_type_id": self.warehouse.in_type_id.id,
            "default_partner_id": self.other_customer.id,
            "default_state": "done",
            "default_helpdesk_ticket_id": self._ticket(self.customer).id,
            "default_aftersales_done": True,
        }
        wizard = self._dialog_of().with_context(**context)
        action = wizard.action_create_replacement()
        delivery = self.env["stock.picking"].browse(action["res_id"])
        self.assertEqual(delivery.picking_type_id, self.warehouse.out_type_id)
        self.assertEqual(delivery.location_id, stock)
        self.assertEqual(delivery.location_dest_id.usage, "customer")
        self.assertEqual(delivery.move_ids.location_dest_id.usage, "customer")
        self.assertEqual(delivery.partner_id, self.customer)
        self.assertEqual(delivery.state, "assigned")
        self.assertEqual(delivery.helpdesk_ticket_id, self.ticket)
        # nor does the dialog take them
        wizard = (
            self.env[WIZARD]
            .with_user(self.agent)
            .with_context(
                active_model="helpdesk.ticket", active_id=self.ticket.id, **context
            )
            .create({})
        )
        self.assertFalse(wizard.aftersales_done)
        self.assertEqual(wizard.helpdesk_ticket_id, self.ticket)

    # rights -----------------------------------------------------------------------

    def test_attackers_may_not_replace(self):
        """Followers without helpdesk group, a helpdesk manager without
        Inventory rights, an agent of their own tickets, portal users: the
        button, the dialog opened by RPC, a dialog of theirs made for the
        ticket and an agent's dialog are all refused, nothing is made."""
        attackers = self._aftersales_attackers(self.ticket, "-replace")
        agents_dialog = self._dialog_of()
        lines = [Command.create({"product_id": self.chair.id, "quantity": 1.0})]
        for name, user in attackers.items():
            Wizard = self.env[WIZARD].with_user(user)
            with self.subTest(user=name):
                self.assertRefused(
                    self.ticket.with_user(user).action_helpdesk_replace, ""
                )
                self.assertRefused(
                    lambda Wizard=Wizard: Wizard.with_context(
                        active_model="helpdesk.ticket", active_id=self.ticket.id
                    ).create({}),
                    "",
                )
                self.assertRefused(
                    lambda Wizard=Wizard: Wizard.create(
                        {
                            "helpdesk_ticket_id": self.ticket.id,
                            "warehouse_id": self.warehouse.id,
                            "line_ids": lines,
                        }
                    ).action_create_replacement(),
                    "",
                )
                self.assertRefused(
                    agents_dialog.with_user(user).action_create_replacement, ""
                )
        for name in ("follower_sales", "follower_stock", "manager"):
            with self.subTest(user=name):
                self.assertRefused(
                    self.ticket.with_user(attackers[name]).action_helpdesk_replace,
                    "Only helpdesk agents",
                    AccessError,
                )
        # the follower with Inventory rights makes a dialog, which refuses
        follower = self.env[WIZARD].with_user(attackers["follower_stock"])
        wizard = follower.create(
            {
                "helpdesk_ticket_id": self.ticket.id,
                "warehouse_id": self.warehouse.id,
                "line_ids": lines,
            }
        )
        self.assertRefused(
            wizard.action_create_replacement, "Only helpdesk agents", AccessError
        )
        # the agent's dialog is still good for its agent
        agents_dialog.action_create_replacement()
        self.assertEqual(self.ticket.delivery_count, 1)

    def test_replace_needs_the_option_a_customer_and_inventory_rights(self):
        arch = etree.fromstring(
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .get_view(view_type="form")["arch"]
        )
        button = arch.xpath("//header/button[@name='action_helpdesk_replace']")[0]
        self.assertEqual(
            button.get("invisible"),
            "not aftersales_can_replace or not aftersales_has_deliveries",
        )
        wizard = self._dialog_of()
        ticket = self._ticket(False)
        self.assertRefused(
            ticket.with_user(self.agent).action_helpdesk_replace,
            "Set the customer of the ticket",
        )
        newcomer = self.env["res.partner"].create({"name": "Newcomer"})
        self.assertRefused(
            self._ticket(newcomer).with_user(self.agent).action_helpdesk_replace,
            "Newcomer has no done delivery",
        )
        self.team.use_product_replacements = False
        self.assertRefused(
            self.ticket.with_user(self.agent).action_helpdesk_replace,
            "The option Replacements is off",
        )
        self.assertRefused(
            wizard.action_create_replacement, "The option Replacements is off"
        )
        self.team.use_product_replacements = True
        self.assertRefused(
            self.ticket.with_user(self.helpdesk_only).action_helpdesk_replace,
            "Only helpdesk agents",
            AccessError,
        )
        self.ticket.partner_id = False
        self.assertRefused(
            wizard.action_create_replacement, "Set the customer of the ticket"
        )

    def test_reason_required_by_the_team(self):
        wizard = self._dialog_of()
        self.team.aftersales_reason_required = True
        arch = etree.fromstring(
            self.env[WIZARD].get_view(self.env.ref(REPLACE_VIEW).id, "form")["arch"]
        )
        reason = arch.xpath("//field[@name='aftersales_reason_id']")[0]
        self.assertEqual(reason.get("required"), "aftersales_reason_required")
        self.assertRefused(wizard.action_create_replacement, "requires a reason")
        other = self.env["res.company"].create({"name": "Other Company"})
        theirs = self.env["helpdesk.aftersales.reason"].create(
            {"name": "Theirs", "company_id": other.id}
        )
        wizard.sudo().aftersales_reason_id = theirs
        self.assertRefused(
            wizard.action_create_replacement, "Choose a reason of the company"
        )
        wizard.aftersales_reason_id = self.env.ref(
            "helpdesk_aftersales.reason_wrong_item"
        )
        wizard.action_create_replacement()
        delivery = self.ticket._aftersales_documents("delivery_count")
        self.assertEqual(
            delivery.aftersales_reason_id,
            self.env.ref("helpdesk_aftersales.reason_wrong_item"),
        )

    # cost -----------------------------------------------------------------------

    def test_dialog_opens_in_constant_queries(self):
        """Opening the dialog costs the same for 5 and for 500 deliveries of the
        customer."""

        def ticket_with_history(count):
            customer = self.env["res.partner"].create({"name": f"History {count}"})
            direct_deliveries(self.env, customer, self.chair, count, self.warehouse)
            return self._ticket(customer, product_id=self.chair.id)

        few = ticket_with_history(5)
        many = ticket_with_history(500)
        self.env.flush_all()
        self.env.cr.execute("ANALYZE stock_picking, stock_move")

        def opening_queries(ticket, count):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            wizard = self._dialog_of(ticket)
            queries = self.cr.sql_log_count - start
            self.assertEqual(wizard.line_ids.customer_quantity, count)
            return queries

        opening_queries(few, 5.0)
        opening_queries(many, 500.0)
        self.assertEqual(opening_queries(few, 5.0), opening_queries(many, 500.0))
