# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The ticket's rules of the Repair button and of the repairs linked to tickets,
whoever calls them (the form or a JSON-RPC client): bad input, link integrity,
another company, and the cost of the counts and of the form."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import RepairCommon, return_of
from odoo.addons.helpdesk_aftersales_return.tests.common import (
    direct_deliveries,
)


@tagged("post_install", "-at_install")
class TestRepairRules(RepairCommon):
    def _default_get(self, ticket, user=None, **context):
        Repair = self.env["repair.order"].with_user(user or self.agent)
        context = {
            "active_model": "helpdesk.ticket",
            "active_id": ticket.id,
            **context,
        }
        fields = ["helpdesk_ticket_id", "product_id", "internal_notes", "partner_id"]
        return Repair.with_context(**context).default_get(fields)

    def _repair_count(self):
        return self.env["repair.order"].sudo().search_count([])

    # the button and the form's defaults, called by RPC --------------------------

    def test_option_off(self):
        self.team.use_product_repairs = False
        count = self._repair_count()
        with self.assertRaisesText(UserError, "The option Repairs is off"):
            self.ticket.with_user(self.agent).action_helpdesk_repair()
        with self.assertRaisesText(UserError, "The option Repairs is off"):
            self._default_get(self.ticket)
        self.assertEqual(self._repair_count(), count)

    def test_defaults_of_an_unreadable_ticket(self):
        """The ticket's description and customer never reach a user who cannot
        read the ticket."""
        own = self._aftersales_user(
            "repair-own-stock",
            "helpdesk_mgmt.group_helpdesk_user_own,stock.group_stock_user",
        )
        self.assertFalse(self.ticket.with_user(own).has_access("read"))
        with self.assertRaises(AccessError):
            self._default_get(self.ticket, user=own)
        with self.assertRaises(AccessError):
            self.ticket.with_user(own).action_helpdesk_repair()
        worker = self._aftersales_user("repair-stock-only", "stock.group_stock_user")
        with self.assertRaises(AccessError):
            self._default_get(self.ticket, user=worker)

    def test_defaults_without_a_ticket(self):
        """Other contexts: Odoo's defaults of a repair, nothing of a ticket."""
        for context in (
            {"active_model": "res.partner", "active_id": self.customer.id},
            {"active_model": "helpdesk.ticket", "active_id": False},
            {"active_model": "helpdesk.ticket", "active_id": 0},
        ):
            with self.subTest(context=context):
                values = (
                    self.env["repair.order"]
                    .with_user(self.agent)
                    .with_context(**context)
                    .default_get(["helpdesk_ticket_id", "internal_notes"])
                )
                self.assertFalse(values.get("helpdesk_ticket_id"))
                self.assertFalse(values.get("internal_notes"))

    def test_no_default_leaks_into_other_records(self):
        """The ticket reaches the repair only: the records created along the
        way (parts, quotation) get nothing of it."""
        delivery = direct_deliveries(
            self.env, self.customer, self.chair, 1, self.warehouse
        )
        ticket = self._repair_ticket(self.customer, product_id=self.chair.id)
        return_of(ticket, delivery).button_validate()
        action = ticket.with_user(self.agent).action_helpdesk_repair()
        repair = self._repair(ticket, parts={self.part: 1.0})
        repair = repair.with_user(self.agent).with_context(**action["context"])
        repair.action_create_sale_order()
        repair.action_validate()
        moves = repair.move_ids
        self.assertFalse(moves.picking_id)
        self.assertEqual(moves.partner_id, self.env["res.partner"])
        self.assertFalse(moves.move_line_ids.lot_id)
        self.assertFalse(repair.sale_order_id.ticket_ids, "not the ticket's order")
        self.assertEqual(
            self.env["stock.picking"].search([("helpdesk_ticket_id", "=", ticket.id)]),
            ticket._aftersales_documents("return_count"),
            "no transfer linked along the way",
        )

    # link integrity -----------------------------------------------------------

    def test_links_only_to_the_ticket_customer_and_company(self):
        other_repair = self.env["repair.order"].create(
            {"product_id": self.chair.id, "partner_id": self.other_customer.id}
        )
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            other_repair.helpdesk_ticket_id = self.ticket
        anonymous = self.env["repair.order"].create({"product_id": self.chair.id})
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            anonymous.helpdesk_ticket_id = self.ticket
        # a contact of the customer is the customer
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer.id}
        )
        repair = self.env["repair.order"].create(
            {"product_id": self.chair.id, "partner_id": contact.id}
        )
        repair.helpdesk_ticket_id = self.ticket
        # the customer of a linked repair cannot change to another one
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            repair.partner_id = self.other_customer
        # nor in the form of a new repair of the ticket (without sales order,
        # the customer is editable)
        ticket = self._repair_ticket(self.customer, product_id=self.chair.id)
        count = self._repair_count()
        form = self._open_form(ticket)
        form.partner_id = self.other_customer
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            form.save()
        self.assertEqual(self._repair_count(), count, "nothing created")
        # linking needs to read the ticket
        worker = self._aftersales_user("repair-worker", "stock.group_stock_user")
        with self.assertRaises(AccessError):
            self.env["repair.order"].with_user(worker).create(
                {
                    "product_id": self.chair.id,
                    "partner_id": self.customer.id,
                    "helpdesk_ticket_id": self.ticket.id,
                }
            )

    def test_another_company(self):
        """The ticket of another company (allowed to the user, not the current
        one): the repair is made in the ticket's company, with its operation
        type, from its orders only; a repair cannot cross companies."""
        company_2 = self.env["res.company"].create({"name": "Second Company"})
        warehouse_2 = self.env["stock.warehouse"].search(
            [("company_id", "=", company_2.id)], limit=1
        )
        self.env.user.company_ids |= company_2
        self.agent.company_ids |= company_2
        both = (self.env.company | company_2).ids
        team_2 = self._aftersales_team(
            "Repairs 2", company=company_2, use_product_repairs=True
        )
        ticket_2 = self._aftersales_ticket(
            team_2,
            self.customer,
            product_id=self.chair.id,
            # an order of the first company: not this ticket's company
            sale_order_ids=[Command.set(self.order.ids)],
        )
        self.assertEqual(ticket_2.company_id, company_2)
        ticket_2 = ticket_2.with_context(allowed_company_ids=both)
        with self._open_form(ticket_2) as form:
            self.assertEqual(form.company_id, company_2)
            self.assertEqual(form.picking_type_id, warehouse_2.repair_type_id)
            self.assertFalse(form.sale_order_id, "the first company's order")
        repair = form.save()
        self.assertEqual(repair.company_id, company_2)
        self.assertEqual(repair.picking_type_id, warehouse_2.repair_type_id)
        self.assertEqual(repair.location_id, warehouse_2.lot_stock_id)
        self.assertEqual(repair.helpdesk_ticket_id, ticket_2)
        self.assertEqual(ticket_2.repair_count, 1)
        # a repair of the first company cannot be linked to it
        repair_1 = self.env["repair.order"].create(
            {"product_id": self.chair.id, "partner_id": self.customer.id}
        )
        with self.assertRaisesText(ValidationError, "in its company (Second Company)"):
            repair_1.helpdesk_ticket_id = ticket_2
        # a user of the first company only cannot open it
        with self.assertRaises(AccessError):
            self._default_get(
                ticket_2.with_context(allowed_company_ids=None),
                user=self._aftersales_user(
                    "repair-company-1",
                    "helpdesk_mgmt.group_helpdesk_user,stock.group_stock_user",
                ),
            )

    # cost ---------------------------------------------------------------------

    def test_counts_cost_the_same_for_any_number_of_tickets(self):
        """Repairs: one grouped query (of every installed bridge's kinds, one
        each), whatever the number of tickets, for every kind of user."""
        tickets = self._aftersales_tickets(self.team, self.customer, 200)
        self.env["repair.order"].create(
            [
                tickets[0]._aftersales_repair_values(),
                tickets[0]._aftersales_repair_values(),
                tickets[150]._aftersales_repair_values(),
            ]
        )
        for user in (self.agent, self.helpdesk_only):
            with self.subTest(user=user.login):
                totals = self.assertCountQueries(tickets, user, ["repair_count"])
                self.assertEqual(totals, {"repair_count": 3})

    def test_form_costs_the_same_for_a_short_and_a_long_history(self):
        """The form's defaults: a few queries, whatever the number of returns
        of the ticket and of orders of the customer."""
        short = self._repair_ticket(self.customer, self.order, product_id=self.chair.id)
        return_of(short, self.delivery, 1.0)
        long_customer = self.env["res.partner"].create({"name": "Loyal Customer"})
        deliveries = direct_deliveries(
            self.env, long_customer, self.chair, 12, self.warehouse
        )
        orders = self.env["sale.order"]
        for _n in range(6):
            order, _delivery = self._sold(long_customer, quantity=1)
            orders |= order
        long = self._repair_ticket(long_customer, orders, product_id=self.chair.id)
        for delivery in deliveries:
            return_of(long, delivery)
        self.assertEqual(long.return_count, 12)
        self.env.cr.execute("ANALYZE")
        forms = []
        for ticket in (short, long):
            action = ticket.with_user(self.agent).action_helpdesk_repair()
            forms.append(
                self.env["repair.order"]
                .with_user(self.agent)
                .with_context(**action["context"])
            )
        fields = list(forms[0].fields_get(attributes=["type"]))
        for _round in range(3):  # the first ones warm the caches
            counts = []
            for Repair in forms:
                self.env.invalidate_all()
                start = self.env.cr.sql_log_count
                values = Repair.default_get(fields)
                counts.append(self.env.cr.sql_log_count - start)
                self.assertTrue(values["picking_id"])
                self.assertTrue(values["sale_order_id"])
        self.assertEqual(counts[0], counts[1], counts)
        self.assertLess(counts[0], 40, counts)
