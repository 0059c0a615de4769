# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The ticket's rules of the Return dialog, whoever calls its public methods (the
dialog or a JSON-RPC client), the Return button's visibility, the access of each
group and the cost of the button and of the dialog."""

import math

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import (
    RETURN_VIEW,
    ReturnCommon,
    direct_deliveries,
    put_in_stock,
    sale_delivery,
    storable_product,
)

PUBLIC_METHODS = (
    "action_create_returns",
    "action_create_returns_all",
    "action_create_exchanges",
)


@tagged("post_install", "-at_install")
class TestReturnRules(ReturnCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _order, cls.other_delivery = sale_delivery(
            cls.env, cls.other_customer, cls.chair, 2, cls.warehouse
        )

    def _aftersales_made(self):
        return self._picking_count()

    # bad input, through every public method -----------------------------------

    def test_rpc_another_customers_delivery(self):
        for method in PUBLIC_METHODS:
            with self.subTest(method=method):
                wizard = self._dialog()
                # what the dialog's domain never offers, written by RPC
                wizard.picking_id = self.other_delivery
                self.assertEqual(
                    wizard.product_return_moves.move_id, self.other_delivery.move_ids
                )
                self.assertRefused(
                    getattr(wizard, method), "Only done deliveries of Return Customer"
                )
        self.assertFalse(self.other_delivery.return_ids)

    def test_rpc_lines_of_another_delivery(self):
        for method in ("action_create_returns", "action_create_exchanges"):
            with self.subTest(method=method):
                wizard = self._dialog()
                wizard.product_return_moves.move_id = self.other_delivery.move_ids
                self.assertRefused(getattr(wizard, method), "Only the products of")
                wizard = self._dialog()
                wizard.product_return_moves.product_id = self.product
                self.assertRefused(getattr(wizard, method), "Only the products of")
                wizard = self._dialog()
                wizard.product_return_moves = [
                    Command.create({"product_id": self.chair.id, "quantity": 1.0})
                ]
                self.assertRefused(getattr(wizard, method), "Only the products of")

    def test_rpc_bad_quantities(self):
        cases = (
            (4.0, "At most 3.00 Units of Office Chair can be returned"),
            (0.0, "Set the quantity to return of at least one product"),
            (-1.0, "cannot be negative"),
        )
        for method in ("action_create_returns", "action_create_exchanges"):
            for quantity, message in cases:
                with self.subTest(method=method, quantity=quantity):
                    wizard = self._dialog()
                    wizard.product_return_moves.quantity = quantity
                    self.assertRefused(getattr(wizard, method), message)
        # through the form too
        with self.assertRaisesText(UserError, "At most 3.00 Units"):
            self._return([5.0])
        self.assertEqual(self.ticket.return_count, 0)

    def test_over_return_after_a_first_return(self):
        self._return([2.0])
        wizard = self._dialog()
        self.assertEqual(wizard.product_return_moves.quantity, 1.0)
        wizard.product_return_moves.quantity = 2.0
        self.assertRefused(wizard.action_create_returns, "At most 1.00 Units")

    def test_rpc_fully_returned_delivery(self):
        self._return()
        for method in PUBLIC_METHODS:
            with self.subTest(method=method):
                wizard = self._dialog()
                self.assertRefused(getattr(wizard, method), "already been returned")
        self.assertEqual(self.ticket.return_count, 1)
        self.assertEqual(self.order.order_line.qty_delivered, 3.0)

    def test_rpc_delivery_of_another_company(self):
        company_2 = self.env["res.company"].create({"name": "Second Company"})
        warehouse_2 = self.env["stock.warehouse"].search(
            [("company_id", "=", company_2.id)], limit=1
        )
        self.env.user.company_ids |= company_2
        self.agent.company_ids |= company_2
        chair_2 = self.chair.with_company(company_2)
        put_in_stock(
            self.env(context={"allowed_company_ids": company_2.ids}),
            chair_2,
            5,
            warehouse_2,
        )
        _order, delivery_2 = sale_delivery(
            self.env(context={"allowed_company_ids": company_2.ids}),
            self.customer,
            chair_2,
            1,
            warehouse_2,
        )
        self.assertEqual(delivery_2.company_id, company_2)
        self.assertNotIn(
            delivery_2,
            self.env["stock.picking"].search(
                self.ticket._aftersales_return_delivery_domain()
            ),
        )
        for method in PUBLIC_METHODS:
            with self.subTest(method=method):
                wizard = self._dialog()
                wizard.with_context(
                    allowed_company_ids=(self.env.company | company_2).ids
                ).picking_id = delivery_2
                self.assertRefused(
                    getattr(
                        wizard.with_context(
                            allowed_company_ids=(self.env.company | company_2).ids
                        ),
                        method,
                    ),
                    "This dialog works in",
                )
        self.assertFalse(delivery_2.return_ids)

    def test_rpc_without_delivery(self):
        wizard = self._dialog()
        wizard.picking_id = False
        for method in PUBLIC_METHODS:
            with self.subTest(method=method):
                self.assertRefused(
                    getattr(wizard, method), "Choose the delivery to return"
                )

    def test_rpc_dialog_of_an_unreadable_ticket(self):
        secret, own = self._aftersales_unreadable_ticket(
            "use_product_returns", self.customer, "return-own", "stock.group_stock_user"
        )
        with self.assertRaises(AccessError):
            secret.with_user(own).check_access("read")
        wizard = (
            self.env["stock.return.picking"]
            .with_user(own)
            .create({"helpdesk_ticket_id": secret.id, "picking_id": self.delivery.id})
        )
        for method in PUBLIC_METHODS:
            with self.subTest(method=method):
                self.assertRefused(getattr(wizard, method), "", AccessError)

    def test_rpc_without_customer_or_with_the_option_off(self):
        wizard = self._dialog()
        self.ticket.partner_id = False
        self.assertRefused(
            wizard.action_create_returns, "Set the customer of the ticket"
        )
        self.ticket.partner_id = self.customer
        self.team.use_product_returns = False
        for method in PUBLIC_METHODS:
            with self.subTest(method=method):
                self.assertRefused(getattr(wizard, method), "The option Returns is off")

    def test_rpc_cannot_change_the_ticket_or_replay(self):
        wizard, _action, _picking = self._return([1.0])
        other = self._ticket(self.customer)
        with self.assertRaisesText(UserError, "cannot be changed"):
            wizard.write({"helpdesk_ticket_id": other.id})
        with self.assertRaisesText(UserError, "cannot be changed"):
            wizard.write({"aftersales_done": False})
        for method in PUBLIC_METHODS:
            with self.subTest(method=method):
                self.assertRefused(getattr(wizard, method), "already been done")
        self.assertEqual(self.ticket.return_count, 1)

    # quantities on totals ---------------------------------------------------

    def test_lines_of_one_move_count_together(self):
        """Two lines of the same delivered move, each asking the whole quantity:
        refused on their total, with earlier returns counted."""
        for method in ("action_create_returns", "action_create_exchanges"):
            with self.subTest(method=method):
                wizard = self._dialog()
                move = self.delivery.move_ids
                wizard.product_return_moves = [
                    Command.create(
                        {"product_id": self.chair.id, "move_id": move.id, "quantity": 3}
                    )
                ]
                self.assertEqual(len(wizard.product_return_moves), 2)
                self.assertRefused(
                    getattr(wizard, method),
                    "At most 3.00 Units of Office Chair can be returned",
                )
        # the same, given when the dialog is created
        Wizard, _action = self._open_dialog()
        line = {
            "product_id": self.chair.id,
            "move_id": self.delivery.move_ids.id,
            "quantity": 2.0,
        }
        wizard = Wizard.create(
            {
                "picking_id": self.delivery.id,
                "product_return_moves": [Command.create(line), Command.create(line)],
            }
        )
        self.assertRefused(wizard.action_create_returns, "At most 3.00 Units")
        # after a first return of 2, two lines of 1 are too many
        self._return([2.0])
        wizard = self._dialog()
        wizard.product_return_moves = [
            Command.create({**line, "quantity": 1.0}),
        ]
        wizard.product_return_moves[0].quantity = 1.0
        self.assertRefused(wizard.action_create_returns, "At most 1.00 Units")
        self.assertEqual(self.ticket.return_count, 1)
        self.assertEqual(self.delivery.move_ids._aftersales_returnable_quantity(), 1.0)

    def test_rpc_bad_values_of_the_lines(self):
        """Values no form sends, on the dialog's lines: clear errors, before the
        ORM reads them."""
        wizard = self._dialog()
        line = wizard.product_return_moves
        for value in ("2", math.nan, math.inf, -math.inf, True, [1], {"a": 1}, 1e20):
            with (
                self.subTest(value=value),
                self.assertRaisesText(UserError, "Quantity must be a number"),
            ):
                line.write({"quantity": value})
        for fname, label in (("move_id", "Move"), ("product_id", "Product")):
            for value in (999999999, "1", True, -1, 1.5, [1]):
                with (
                    self.subTest(field=fname, value=value),
                    self.assertRaisesText(UserError, f"{label} must be one record"),
                ):
                    line.write({fname: value})
        for value in ("x", [(99, 0, 0)], [(0, 0, "x")], [(1, 999999999, {})], [7]):
            with (
                self.subTest(value=value),
                self.assertRaisesText(UserError, "Moves must be a list of records"),
            ):
                wizard.write({"product_return_moves": value})
        with self.assertRaisesText(UserError, "Quantity must be a number"):
            wizard.write(
                {"product_return_moves": [Command.update(line.id, {"quantity": "9"})]}
            )
        with self.assertRaisesText(UserError, "Product is required"):
            wizard.write({"product_return_moves": [Command.create({"quantity": 1})]})
        with self.assertRaisesText(UserError, "Product is required"):
            line.write({"product_id": None})
        self.assertEqual(line.quantity, 3.0, "unchanged")
        # the dialog's own fields
        Wizard, _action = self._open_dialog()
        for value in (999999999, "1", True, -3):
            with (
                self.subTest(picking=value),
                self.assertRaisesText(UserError, "must be one record"),
            ):
                Wizard.create({"picking_id": value})
        with self.assertRaisesText(UserError, "must be one record"):
            wizard.write({"picking_id": 999999999})
        with self.assertRaisesText(UserError, "must be one record"):
            wizard.write({"aftersales_reason_id": 999999999})
        for method in PUBLIC_METHODS:
            with self.subTest(method=method):
                self.assertRefused(
                    getattr(self.env["stock.return.picking"], method),
                    "This dialog no longer exists",
                )
                self.assertRefused(
                    getattr(wizard | self._dialog(), method),
                    "This dialog no longer exists",
                )

    def test_return_button_bad_tickets(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        for tickets in (
            Ticket,
            self.ticket.with_user(self.agent) | self._ticket(self.customer),
            Ticket.browse(999999999),
        ):
            with self.subTest(ids=tickets.ids):
                self.assertRefused(
                    tickets.action_helpdesk_return, "Choose one existing ticket"
                )
        for active_id in ("1", True, [1], 999999999):
            with self.subTest(active_id=active_id):
                self.assertRefused(
                    lambda active_id=active_id: (
                        self.env["stock.return.picking"]
                        .with_user(self.agent)
                        .with_context(
                            active_model="helpdesk.ticket", active_id=active_id
                        )
                        .default_get(["picking_id"])
                    ),
                    "Choose one existing ticket",
                )

    # rights -------------------------------------------------------------------

    def test_attackers_may_not_return(self):
        """Followers without helpdesk group, a helpdesk manager without
        Inventory rights, an agent of their own tickets, portal users: the
        button, the dialog opened for the ticket, a dialog of theirs made for
        it and an agent's dialog are all refused, nothing is made."""
        attackers = self._aftersales_attackers(self.ticket, "-return")
        agents_dialog = self._dialog()
        for name, user in attackers.items():
            Wizard = self.env["stock.return.picking"].with_user(user)
            with self.subTest(user=name):
                self.assertRefused(
                    self.ticket.with_user(user).action_helpdesk_return, ""
                )
                self.assertRefused(
                    lambda Wizard=Wizard: Wizard.with_context(
                        active_model="helpdesk.ticket", active_id=self.ticket.id
                    ).create({"picking_id": self.delivery.id}),
                    "",
                )
                for method in PUBLIC_METHODS:
                    self.assertRefused(
                        getattr(agents_dialog.with_user(user), method), ""
                    )
        for name in ("follower_sales", "follower_stock", "manager"):
            with self.subTest(user=name):
                self.assertRefused(
                    self.ticket.with_user(attackers[name]).action_helpdesk_return,
                    "Only helpdesk agents",
                    AccessError,
                )
        # the inventory user makes a dialog of the ticket by RPC: refused by
        # every public method
        for method in PUBLIC_METHODS:
            with self.subTest(method=method):
                wizard = (
                    self.env["stock.return.picking"]
                    .with_user(attackers["follower_stock"])
                    .create(
                        {
                            "helpdesk_ticket_id": self.ticket.id,
                            "picking_id": self.delivery.id,
                        }
                    )
                )
                wizard.product_return_moves.quantity = 1.0
                self.assertRefused(
                    getattr(wizard, method), "Only helpdesk agents", AccessError
                )
        self.assertFalse(self.delivery.return_ids)
        agents_dialog.action_create_returns()
        self.assertEqual(self.ticket.return_count, 1)

    def test_exchange_needs_replacements_too(self):
        """Return for Exchange sends the products again: refused when the team
        has Replacements off, whoever calls it; the button is hidden."""
        self.team.use_product_replacements = False
        wizard = self._dialog([1.0])
        self.assertFalse(wizard.helpdesk_can_exchange)
        arch = etree.fromstring(
            self.env["stock.return.picking"].get_view(
                self.env.ref(RETURN_VIEW).id, "form"
            )["arch"]
        )
        button = arch.xpath("//footer/button[@name='action_create_exchanges']")[0]
        self.assertIn("not helpdesk_can_exchange", button.get("invisible"))
        self.assertRefused(
            wizard.action_create_exchanges, "The option Replacements is off"
        )
        self.assertFalse(self.delivery.return_ids, "not even the return")
        # Return itself works
        wizard.action_create_returns()
        self.assertEqual(self.ticket.return_count, 1)
        self.team.use_product_replacements = True
        self.assertTrue(self._dialog([1.0]).helpdesk_can_exchange)

    def test_context_defaults_never_reach_the_return_or_the_exchange(self):
        stock = self.warehouse.lot_stock_id
        context = {
            "default_location_dest_id": self.env.ref(
                "stock.stock_location_customers"
            ).id,
            "default_location_id": stock.id,
            "default_picking_type_id": self.warehouse.out_type_id.id,
            "default_partner_id": self.other_customer.id,
            "default_helpdesk_ticket_id": self._ticket(self.customer).id,
            "default_aftersales_reason_id": self.env.ref(
                "helpdesk_aftersales.reason_goodwill"
            ).id,
            "default_origin": "Forged",
            "default_state": "done",
        }
        # one unit each: Return, Return for Exchange, then Return All (the last)
        methods = (
            "action_create_returns",
            "action_create_exchanges",
            "action_create_returns_all",
        )
        for method in methods:
            with self.subTest(method=method):
                wizard = self._dialog([1.0]).with_context(**context)
                getattr(wizard, method)()
                return_picking = self.delivery.return_ids.sorted("id")[-1]
                self.assertEqual(return_picking.picking_type_id.code, "incoming")
                self.assertEqual(
                    return_picking.location_id,
                    self.env.ref("stock.stock_location_customers"),
                )
                self.assertEqual(return_picking.location_dest_id, stock)
                self.assertEqual(return_picking.partner_id, self.customer)
                self.assertEqual(return_picking.helpdesk_ticket_id, self.ticket)
                self.assertFalse(return_picking.aftersales_reason_id)
                self.assertNotEqual(return_picking.origin, "Forged")
                self.assertEqual(return_picking.state, "assigned")
                return_picking.button_validate()
        exchange = self.ticket._aftersales_documents("delivery_count")
        self.assertEqual(len(exchange), 1)
        self.assertEqual(exchange.picking_type_id, self.warehouse.out_type_id)
        self.assertEqual(exchange.location_id, stock)
        self.assertEqual(exchange.location_dest_id.usage, "customer")
        self.assertEqual(exchange.partner_id, self.customer)
        self.assertFalse(exchange.aftersales_reason_id)

    def test_reason_kept_on_the_return_and_the_exchange(self):
        reason = self.env.ref("helpdesk_aftersales.reason_defective")
        self.team.aftersales_reason_required = True
        Wizard, _action = self._open_dialog()
        wizard = Wizard.create({"picking_id": self.delivery.id})
        wizard.product_return_moves.quantity = 1.0
        self.assertRefused(wizard.action_create_returns, "requires a reason")
        wizard.aftersales_reason_id = reason
        wizard.action_create_exchanges()
        for count_field in ("return_count", "delivery_count"):
            document = self.ticket._aftersales_documents(count_field)
            self.assertEqual(document.aftersales_reason_id, reason)
        arch = etree.fromstring(
            self.env["stock.return.picking"].get_view(
                self.env.ref(RETURN_VIEW).id, "form"
            )["arch"]
        )
        field = arch.xpath("//field[@name='aftersales_reason_id']")[0]
        self.assertEqual(field.get("required"), "aftersales_reason_required")

    # visibility of the Return button -----------------------------------------

    def _visible(self, partner, user=None, **values):
        ticket = self._ticket(partner, **values).with_user(user or self.agent)
        return ticket.aftersales_has_deliveries

    def test_button_shown_only_for_customers_with_a_done_delivery(self):
        self.assertTrue(self._visible(self.customer))
        self.assertTrue(self._visible(self.other_customer))
        newcomer = self.env["res.partner"].create({"name": "Newcomer"})
        self.assertFalse(self._visible(newcomer), "no delivery at all")
        # a quotation, a confirmed order not delivered yet, a cancelled delivery
        quotation = self.env["sale.order"].create(
            {
                "partner_id": newcomer.id,
                "order_line": [Command.create({"product_id": self.chair.id})],
            }
        )
        self.assertFalse(self._visible(newcomer), "quotation")
        quotation.action_confirm()
        self.assertEqual(quotation.picking_ids.state, "assigned")
        self.assertFalse(self._visible(newcomer), "not delivered yet")
        quotation.picking_ids.action_cancel()
        self.assertFalse(self._visible(newcomer), "cancelled delivery")
        # a receipt from the partner is not a delivery
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "partner_id": newcomer.id,
                "move_ids": [
                    Command.create({"product_id": self.chair.id, "product_uom_qty": 1})
                ],
            }
        )
        receipt.action_confirm()
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")
        self.assertFalse(self._visible(newcomer), "receipt")
        # a contact of a company with deliveries is that customer
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer.id}
        )
        self.assertTrue(self._visible(contact))
        self.assertFalse(self._visible(False), "no customer")

    def test_button_hidden_by_the_option_and_for_other_companies(self):
        arch = etree.fromstring(
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .get_view(view_type="form")["arch"]
        )
        button = arch.xpath("//header/button[@name='action_helpdesk_return']")[0]
        self.assertEqual(
            button.get("invisible"),
            "not aftersales_can_return or not aftersales_has_deliveries",
        )
        buttons = [b.get("name") for b in arch.xpath("//header/button")]
        self.assertLess(
            buttons.index("action_helpdesk_return"),
            buttons.index("action_helpdesk_replace"),
            "Return, then Replace",
        )
        # the customer's deliveries in another company do not count
        company_2 = self.env["res.company"].create({"name": "Second Company"})
        self.env.user.company_ids |= company_2
        self.agent.company_ids |= company_2
        team_2 = self._aftersales_team(
            "Returns 2", company=company_2, use_product_returns=True
        )
        ticket_2 = self._aftersales_ticket(team_2, self.customer)
        ticket_2 = ticket_2.with_user(self.agent).with_context(
            allowed_company_ids=(company_2 | self.env.company).ids
        )
        self.assertFalse(ticket_2.aftersales_has_deliveries)
        with self.assertRaisesText(UserError, "has no done delivery in Second Company"):
            ticket_2.action_helpdesk_return()

    def test_visibility_depends_on_the_user(self):
        ticket = self.ticket
        field = self.env["helpdesk.ticket"]._fields["aftersales_has_deliveries"]
        self.assertIn("uid", field.get_depends(self.env["helpdesk.ticket"])[1])
        self.assertTrue(ticket.with_user(self.agent).aftersales_has_deliveries)
        self.assertFalse(ticket.with_user(self.helpdesk_only).aftersales_has_deliveries)
        self.assertTrue(ticket.with_user(self.agent).aftersales_has_deliveries)

    def test_visibility_one_query_for_any_number_of_tickets(self):
        customers = self.env["res.partner"].create(
            [{"name": f"Customer {n}"} for n in range(200)]
        )
        tickets = self.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"T{n}",
                    "description": "d",
                    "team_id": self.team.id,
                    "partner_id": customer.id,
                }
                for n, customer in enumerate(customers)
            ]
        )
        tickets[0].partner_id = self.customer
        tickets = tickets.with_user(self.agent)
        tickets[1:2].mapped("aftersales_has_deliveries")  # warm the access caches
        self.env.invalidate_all()
        # the tickets, the companies (hierarchy of the record rule on
        # transfers) and the deliveries, whatever the number of tickets
        with self.assertQueryCount(3):
            self.assertTrue(tickets[:1].aftersales_has_deliveries)
        self.env.invalidate_all()
        with self.assertQueryCount(3):
            visible = tickets.mapped("aftersales_has_deliveries")
        self.assertEqual(sum(visible), 1)

    def test_counts_cost_the_same_for_any_number_of_tickets(self):
        """Returns and Deliveries: one grouped query per kind of document (of
        every installed bridge), whatever the number of tickets."""
        tickets = self._aftersales_tickets(self.team, self.customer, 200)
        self._return([1.0], delivery=self.delivery, ticket=tickets[0])
        totals = self.assertCountQueries(
            tickets, self.agent, ["return_count", "delivery_count"]
        )
        self.assertEqual(totals, {"return_count": 1, "delivery_count": 0})

    # access -------------------------------------------------------------------

    def test_helpdesk_user_without_inventory_rights(self):
        self._return([1.0])
        ticket = self.ticket.with_user(self.helpdesk_only)
        with Form(ticket) as form:
            self.assertEqual(form.return_count, 0, "no access, no count, no error")
            self.assertEqual(form.delivery_count, 0)
        arch = ticket.get_view(view_type="form")["arch"]
        for name in ("action_helpdesk_return", "action_helpdesk_replace", "lot_id"):
            self.assertNotIn(name, arch)
        with self.assertRaises(AccessError):
            ticket.action_helpdesk_return()
        # a salesperson reads the transfers (sale_stock), without the buttons
        seller = self._aftersales_user(
            "return-seller",
            "helpdesk_mgmt.group_helpdesk_user,sales_team.group_sale_salesman",
        )
        with Form(self.ticket.with_user(seller)) as form:
            self.assertEqual(form.return_count, 1)
        arch = self.ticket.with_user(seller).get_view(view_type="form")["arch"]
        self.assertNotIn("action_helpdesk_return", arch)
        ticket = self.ticket.with_user(self.agent)
        self.assertEqual(ticket.return_count, 1)
        arch = ticket.get_view(view_type="form")["arch"]
        self.assertIn("action_helpdesk_return", arch)

    def test_ticket_given_explicitly(self):
        _wizard, action = self._open_dialog()
        self.assertEqual(action["context"]["active_model"], "helpdesk.ticket")
        self.assertEqual(action["context"]["active_id"], self.ticket.id)
        self.assertFalse([k for k in action["context"] if k.startswith("default_")])
        _wizard, action, return_picking = self._return([1.0])
        self.assertFalse([k for k in action["context"] if k.startswith("default_")])
        linked = self.env["stock.picking"].search(
            [("helpdesk_ticket_id", "=", self.ticket.id)]
        )
        self.assertEqual(linked, return_picking, "the return only")

    def test_links_only_to_the_ticket_customer_and_company(self):
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            self.other_delivery.helpdesk_ticket_id = self.ticket
        _wizard, _action, return_picking = self._return([1.0])
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            return_picking.partner_id = self.other_customer
        stock_only = self._aftersales_user(
            "return-stock-only", "stock.group_stock_user"
        )
        with self.assertRaises(AccessError):
            self.delivery.with_user(stock_only).helpdesk_ticket_id = self.ticket

    # the ticket's lot ---------------------------------------------------------

    def test_lot_of_the_ticket_product(self):
        phone = storable_product(self.env, "Phone", tracking="serial")
        lot = self.env["stock.lot"].create({"name": "SN-1", "product_id": phone.id})
        chair_lot = self.env["stock.lot"].create(
            {"name": "CH-1", "product_id": self.chair.id}
        )
        ticket = self._ticket(self.customer, product_id=phone.id, lot_id=lot.id)
        with self.assertRaisesText(ValidationError, "is not one of product"):
            ticket.lot_id = chair_lot
        with Form(ticket.with_user(self.agent)) as form:
            form.product_id = self.chair
            self.assertFalse(form.lot_id, "another product: the lot is cleared")
        self.assertFalse(ticket.lot_id)
        ticket.write({"product_id": phone.id, "lot_id": lot.id})
        ticket.product_id = self.chair  # by RPC too
        self.assertFalse(ticket.lot_id)
        ticket.lot_id = chair_lot
        ticket.write({"name": "Still the chair"})
        self.assertEqual(ticket.lot_id, chair_lot, "same product: kept")
        field = self.env["helpdesk.ticket"].fields_get(["lot_id"])["lot_id"]
        self.assertEqual(field["string"], "Lot/Serial Number")
        self.assertIn("product_id", str(field["domain"]))

    def test_lot_field_is_defined_here_only(self):
        """helpdesk.ticket.lot_id keeps the name users know; another addon
        defining it too stops the installation with a clear error."""
        field = self.env["helpdesk.ticket"]._fields["lot_id"]
        self.assertEqual(field._modules, ("helpdesk_aftersales_return",))
        ir_field = self.env["ir.model.fields"]._get("helpdesk.ticket", "lot_id")
        self.assertEqual(ir_field.modules, "helpdesk_aftersales_return")
        Ticket = self.env["helpdesk.ticket"]
        Ticket._aftersales_check_lot_field(("helpdesk_aftersales_return",))
        with self.assertRaisesText(
            UserError,
            "defined by helpdesk_aftersales_return and also by a_neighbour, "
            "x_helpdesk_stock: install only one of them",
        ):
            Ticket._aftersales_check_lot_field(
                ("x_helpdesk_stock", "helpdesk_aftersales_return", "a_neighbour")
            )

    def test_after_sales_group_shows_product_lot_and_orders(self):
        self.env.user.group_ids |= self.env.ref("sales_team.group_sale_salesman")
        arch = etree.fromstring(
            self.env["helpdesk.ticket"].get_view(view_type="form")["arch"]
        )
        left = arch.xpath("//group[@name='aftersales_left']/field/@name")
        self.assertEqual(left[left.index("product_id") + 1], "lot_id")
        self.assertIn(
            "sale_order_ids",
            arch.xpath("//group[@name='aftersales_right']/field/@name"),
        )
        main_lot = arch.xpath("//group[@name='main']//field[@name='lot_id']")[0]
        self.assertIn("use_aftersales", main_lot.get("invisible"))

    # cost ---------------------------------------------------------------------

    def test_dialog_opens_in_constant_queries(self):
        """Opening the dialog (the preselection walks through the ticket's order
        and product) costs the same for 5 and for 500 deliveries."""

        def ticket_with_history(count):
            customer = self.env["res.partner"].create({"name": f"History {count}"})
            direct_deliveries(self.env, customer, self.chair, count, self.warehouse)
            return self._ticket(customer, product_id=self.chair.id)

        few = ticket_with_history(5)
        many = ticket_with_history(500)
        self.env.flush_all()
        self.env.cr.execute("ANALYZE stock_picking, stock_move")

        def opening_queries(ticket):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            Wizard, _action = self._open_dialog(ticket)
            form = Form(Wizard, view=RETURN_VIEW)
            count = self.cr.sql_log_count - start
            self.assertEqual(form.product_return_moves._records[0]["quantity"], 1.0)
            return count

        # warm the caches of the registry (views, rules, translations)
        opening_queries(few)
        opening_queries(many)
        self.assertEqual(opening_queries(few), opening_queries(many))
