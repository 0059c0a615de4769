# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The repair of a ticket whatever the client sends: the users an attacker
would use (followers without helpdesk group, a helpdesk manager without
Inventory rights, an agent of their own tickets, portal users), every public
method with bad values, and the values of a repair linked to a ticket
(quantity, return, reason) on create and write."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import RepairCommon, return_of
from odoo.addons.helpdesk_aftersales_return.tests.common import (
    direct_deliveries,
)

NOT_NUMBERS = (True, "abc", float("nan"), float("inf"), float("-inf"), [1])
BAD_IDS = (999999999, -1, 0, True, "abc", [1], {"id": 1}, 1.5)


@tagged("post_install", "-at_install")
class TestRepairTrust(RepairCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.attackers = cls._aftersales_attackers(cls.ticket)
        cls.return_picking = return_of(cls.ticket, cls.delivery, 2.0)
        cls.reason = cls.env.ref("helpdesk_aftersales.reason_defective")

    def _aftersales_made(self):
        Repair = self.env["repair.order"].sudo()
        return (
            Repair.search_count([]),
            Repair.search_count([("helpdesk_ticket_id", "!=", False)]),
        )

    def _values(self, **values):
        """Values of a repair of the ticket, as its form sends them."""
        return {**self.ticket._aftersales_repair_values(), **values}

    def _create(self, user=None, **values):
        Repair = self.env["repair.order"].with_user(user or self.agent)
        return Repair.create(self._values(**values))

    # the users an attacker would use ---------------------------------------

    def test_attackers_may_not_repair_from_the_ticket(self):
        """Followers without helpdesk group, a helpdesk manager without
        Inventory rights, an agent of their own tickets, portal contacts of the
        customer or of another one: no button, no form, no repair of the
        ticket, whatever they call."""
        unlinked = self.env["repair.order"].create(
            {"product_id": self.chair.id, "partner_id": self.customer.id}
        )
        context = {"active_model": "helpdesk.ticket", "active_id": self.ticket.id}
        for name, user in self.attackers.items():
            ticket = self.ticket.with_user(user)
            Repair = self.env["repair.order"].with_user(user)
            calls = {
                "button": ticket.action_helpdesk_repair,
                "form": lambda Repair=Repair: Repair.with_context(
                    **context
                ).default_get(["helpdesk_ticket_id", "internal_notes"]),
                "create": lambda Repair=Repair: Repair.create(self._values()),
                "create from the form": lambda Repair=Repair: Repair.with_context(
                    **context
                ).create({"product_id": self.chair.id}),
                "default key": lambda Repair=Repair: Repair.with_context(
                    default_helpdesk_ticket_id=self.ticket.id
                ).create({"product_id": self.chair.id, "partner_id": self.customer.id}),
                "link": lambda user=user: unlinked.with_user(user).write(
                    {"helpdesk_ticket_id": self.ticket.id}
                ),
            }
            for call_name, call in calls.items():
                with self.subTest(user=name, call=call_name):
                    self.assertRefused(call, "", exception=AccessError)
            if ticket.has_access("read"):
                self.assertFalse(ticket.aftersales_can_repair, name)
        self.assertFalse(unlinked.helpdesk_ticket_id)
        self.assertEqual(self.ticket.repair_count, 0)

    def test_followers_are_told_why(self):
        """A follower with Inventory rights reads the ticket and may create
        repairs: the refusal says that acting needs a helpdesk agent."""
        user = self.attackers["follower_stock"]
        for call in (
            self.ticket.with_user(user).action_helpdesk_repair,
            lambda: self._create(user),
        ):
            with self.subTest(call=call):
                self.assertRefused(call, "Only helpdesk agents", AccessError)

    def test_a_follower_repairs_what_came_back_in_the_ticket_return(self):
        """The return's own "Create Repair" (Odoo's flow for a warehouse
        worker): the repair of the ticket's return belongs to the ticket even
        when made by a follower without helpdesk group; it cannot choose
        another ticket, and the ticket's option must be on."""
        self.return_picking.button_validate()
        user = self.attackers["follower_stock"]
        action = self.return_picking.with_user(user).action_repair_return()
        form = Form.from_action(self.env(user=user), action)
        form.product_id = self.chair
        repair = form.save()
        self.assertEqual(repair.helpdesk_ticket_id, self.ticket)
        # the option off: the repair is made, not linked
        self.team.use_product_repairs = False
        form = Form.from_action(self.env(user=self.agent), action)
        form.product_id = self.chair
        repair = form.save()
        self.assertFalse(repair.helpdesk_ticket_id)

    # public methods with bad values -----------------------------------------

    def test_button_on_not_one_ticket(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        other = self._repair_ticket(self.customer)
        for tickets in (
            Ticket,
            Ticket.browse(999999999),
            (self.ticket | other).with_user(self.agent),
        ):
            with self.subTest(tickets=tickets.ids):
                self.assertRefused(
                    tickets.action_helpdesk_repair, "Choose one existing ticket"
                )

    def test_form_of_a_ticket_that_is_not_one(self):
        Repair = self.env["repair.order"].with_user(self.agent)
        for ticket_id in ("abc", [self.ticket.id], 1.5, True, 999999999):
            with self.subTest(active_id=ticket_id):
                self.assertRefused(
                    lambda ticket_id=ticket_id: Repair.with_context(
                        active_model="helpdesk.ticket", active_id=ticket_id
                    ).default_get(["helpdesk_ticket_id"]),
                    "Choose one existing ticket",
                )

    def test_quantity_is_a_number_no_more_than_came_back(self):
        """The return of the ticket brought 2 chairs back: 1 or 2 can be
        repaired (0 for a return whose quantities Odoo unreserved); nothing
        else, on create or write."""
        self.assertEqual(self._create().product_qty, 2.0, "what came back")
        self.assertEqual(self._create(product_qty=1.0).product_qty, 1.0)
        self.assertEqual(self._create(product_qty=0.0).product_qty, 0.0)
        for quantity in NOT_NUMBERS:
            with self.subTest(quantity=quantity):
                self.assertRefused(
                    lambda quantity=quantity: self._create(product_qty=quantity),
                    "The quantity to repair must be a number",
                )
        for quantity in (-0.5, -1.0, -1e300):
            with self.subTest(quantity=quantity):
                self.assertRefused(
                    lambda quantity=quantity: self._create(product_qty=quantity),
                    "cannot be negative",
                    ValidationError,
                )
        for quantity in (3.0, 1e9, 1e15, 1e300):
            with self.subTest(quantity=quantity):
                self.assertRefused(
                    lambda quantity=quantity: self._create(product_qty=quantity),
                    "than came back in",
                    ValidationError,
                )
        repair = self._create().with_user(self.agent)
        for quantity, message in (
            (-3.0, "cannot be negative"),
            (5.0, "than came back in"),
        ):
            with self.subTest(write=quantity):
                self.assertRefused(
                    lambda quantity=quantity: repair.write({"product_qty": quantity}),
                    message,
                    ValidationError,
                )
        with self.assertRaisesText(UserError, "must be a number"):
            repair.write({"product_qty": "lots"})
        self.assertEqual(repair.product_qty, 2.0, "unchanged")

    def test_quantity_without_return(self):
        """Without a return: no more than what the customer received (3 chairs
        of the ticket's order); any positive number below the limit of numbers
        for a product the customer did not get from the company."""
        values = {"picking_id": False}
        self.assertEqual(self._create(product_qty=3.0, **values).product_qty, 3.0)
        self.assertRefused(
            lambda: self._create(product_qty=4.0, **values),
            "than Return Customer received: 3.0",
            ValidationError,
        )
        newcomer = self.env["res.partner"].create({"name": "Newcomer"})
        ticket = self._repair_ticket(newcomer, product_id=self.chair.id)
        values = ticket._aftersales_repair_values()
        repair = self.env["repair.order"].with_user(self.agent).create(values)
        self.assertEqual(repair.product_qty, 1.0)
        with self.assertRaisesText(ValidationError, "than Newcomer received"):
            self.env["repair.order"].with_user(self.agent).create(
                {**values, "product_qty": 1e15}
            )

    def test_return_of_the_customer_only(self):
        """The repair's return: a return (not a delivery) of the ticket's
        customer, in the ticket's company; another one is refused on create and
        on write."""
        other_order, other_delivery = self._sold(self.other_customer)
        other_return = return_of(
            self._repair_ticket(self.other_customer, other_order),
            other_delivery,
            1.0,
        )
        plain_delivery = direct_deliveries(
            self.env, self.customer, self.chair, 1, self.warehouse
        )
        for picking, case in (
            (other_delivery, "another customer's delivery"),
            (other_return, "another customer's return"),
            (self.delivery, "the customer's delivery, not a return"),
            (plain_delivery, "another delivery of the customer"),
        ):
            with self.subTest(case=case):
                self.assertRefused(
                    lambda picking=picking: self._create(
                        picking_id=picking.id, product_qty=1.0
                    ),
                    "cannot be the return of repair",
                    ValidationError,
                )
        repair = self._create().with_user(self.agent)
        self.assertRefused(
            lambda: repair.write({"picking_id": other_delivery.id}),
            "cannot be the return of repair",
            ValidationError,
        )
        self.assertEqual(repair.picking_id, self.return_picking)
        for value in BAD_IDS:
            with self.subTest(picking_id=value):
                self.assertRefused(
                    lambda value=value: self._create(picking_id=value),
                    "must be an existing record",
                )

    def test_record_values_are_ids_of_existing_records(self):
        for fname in ("product_id", "partner_id", "lot_id", "aftersales_reason_id"):
            for value in (999999999, "abc", True):
                with self.subTest(field=fname, value=value):
                    self.assertRefused(
                        lambda fname=fname, value=value: self._create(**{fname: value}),
                        "must be an existing record",
                    )
        self.assertRefused(
            lambda: (
                self.env["repair.order"]
                .with_user(self.agent)
                .create({"helpdesk_ticket_id": 999999999, "product_id": self.chair.id})
            ),
            "must be an existing record",
        )

    def test_reason_kept_and_required_when_the_team_says_so(self):
        with self._open_form() as form:
            form.aftersales_reason_id = self.reason
        repair = form.save()
        self.assertEqual(repair.aftersales_reason_id, self.reason, "kept")
        self.team.aftersales_reason_required = True
        form = self._open_form()
        self.assertTrue(form.aftersales_reason_required)
        self.assertRefused(lambda: self._create(), "requires a reason", ValidationError)
        self.assertTrue(self._create(aftersales_reason_id=self.reason.id))
        # a reason of another company
        company_2 = self.env["res.company"].create({"name": "Reason Co"})
        foreign = self.env["helpdesk.aftersales.reason"].create(
            {"name": "Elsewhere", "company_id": company_2.id}
        )
        self.assertRefused(
            lambda: self._create(aftersales_reason_id=foreign.id),
            "must be one of",
            ValidationError,
        )

    def test_open_ticket_of_not_one_repair(self):
        first, second = self._create(), self._create(product_qty=1.0)
        Repair = self.env["repair.order"].with_user(self.agent)
        for repairs in (Repair, Repair.browse(999999999), (first | second)):
            with (
                self.subTest(repairs=repairs.ids),
                self.assertRaisesText(UserError, "Choose one existing document"),
            ):
                repairs.with_user(self.agent).action_open_helpdesk_ticket()
        unlinked = Repair.create({"product_id": self.chair.id})
        with self.assertRaisesText(UserError, "not linked to a ticket"):
            unlinked.action_open_helpdesk_ticket()
