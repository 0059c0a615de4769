# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Coupons and gift cards as an adversarial user tries them: bad input, JSON-RPC
calls of the dialog's methods with crafted values, links written by hand,
several users in one transaction."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import WIZARD, CouponCommon


@tagged("post_install", "-at_install")
class TestCouponRules(CouponCommon):
    def _crafted(self, kind="coupons", **values):
        """A dialog of the ticket saved, then given ``values`` by an RPC
        ``write``, as the form never offers them."""
        wizard = self._dialog(kind, **({"amount": 10.0} if kind == "gift_card" else {}))
        wizard.write(values)
        return wizard

    # 1. bad input ------------------------------------------------------------

    def test_no_program(self):
        wizard = self._crafted(program_id=False)
        self.assertRefused(wizard.action_helpdesk_generate, "Choose a coupon program")
        wizard = self._crafted("gift_card", program_id=False)
        self.assertRefused(
            wizard.action_helpdesk_generate, "Choose a gift card program"
        )

    def test_program_of_the_wrong_type(self):
        wizard = self._crafted(program_id=self.gift_program.id)
        self.assertRefused(
            wizard.action_helpdesk_generate,
            "Goodwill Gift Card is not a coupon program",
        )
        wizard = self._crafted("gift_card", program_id=self.coupon_program.id)
        self.assertRefused(
            wizard.action_helpdesk_generate,
            "Apology Coupon is not a gift card program",
        )
        promotion = self._program("promotion", "Automatic Promotion")
        wizard = self._crafted(program_id=promotion.id)
        self.assertRefused(wizard.action_helpdesk_generate, "not a coupon program")

    def test_program_of_another_company(self):
        company_2 = self.env["res.company"].create({"name": "Coupon Company 2"})
        foreign = self._program("coupons", "Foreign Coupon", company_id=company_2.id)
        wizard = self._crafted(program_id=foreign.id)
        self.assertRefused(
            wizard.action_helpdesk_generate, "This program belongs to another company"
        )
        # even for a salesperson of both companies
        self.agent.company_ids |= company_2
        wizard = self._crafted(program_id=foreign.id)
        self.assertRefused(
            wizard.action_helpdesk_generate, "This program belongs to another company"
        )

    def test_archived_program(self):
        wizard = self._dialog()
        self.coupon_program.action_archive()
        self.assertRefused(wizard.action_helpdesk_generate, "is archived")

    def test_ended_program(self):
        wizard = self._dialog()
        self.coupon_program.date_to = fields.Date.today() - timedelta(days=1)
        self.assertRefused(wizard.action_helpdesk_generate, "ended on")

    def test_past_expiry_date(self):
        yesterday = fields.Date.today() - timedelta(days=1)
        wizard = self._dialog(valid_until=yesterday)
        self.assertRefused(wizard.action_helpdesk_generate, "is past")
        # today is still valid
        wizard = self._dialog(valid_until=fields.Date.today())
        wizard.action_helpdesk_generate()
        self.assertEqual(wizard.card_id.expiration_date, fields.Date.today())

    def test_gift_card_without_customer(self):
        wizard = self._dialog("gift_card", amount=10.0)
        self.ticket.partner_id = False
        self.assertRefused(
            wizard.action_helpdesk_generate, "Set the customer of the ticket first"
        )

    def test_negative_or_zero_amount(self):
        for amount in (-10.0, 0.0, 0.001):
            with self.subTest(amount=amount):
                wizard = self._crafted("gift_card", amount=amount)
                self.assertRefused(
                    wizard.action_helpdesk_generate,
                    "Enter the amount of the gift card: a positive amount in USD.",
                    ValidationError,
                )

    # 2. rules skipped by RPC -------------------------------------------------

    def test_rpc_dialog_of_an_unreadable_ticket(self):
        secret, own = self._aftersales_unreadable_ticket(
            "use_coupons",
            self.other_customer,
            "coupon-own",
            "sales_team.group_sale_salesman",
        )
        with self.assertRaises(AccessError):
            secret.with_user(own).check_access("read")
        # it would show the ticket's customer: refused when created
        self.assertRefused(
            lambda: (
                self.env[WIZARD]
                .with_user(own)
                .create(
                    {
                        "helpdesk_ticket_id": secret.id,
                        "program_id": self.coupon_program.id,
                    }
                )
            ),
            "",
            AccessError,
        )
        context = {"active_model": "helpdesk.ticket", "active_id": secret.id}
        Wizard = self.env[WIZARD].with_user(own).with_context(**context)
        self.assertRefused(lambda: Wizard.default_get(["partner_id"]), "", AccessError)
        self.assertRefused(
            lambda: Wizard.onchange({}, [], {"partner_id": {}}), "", AccessError
        )
        self.assertRefused(
            lambda: (
                self.env[WIZARD]
                .with_user(own)
                .onchange(
                    {"helpdesk_ticket_id": secret.id},
                    ["helpdesk_ticket_id"],
                    {"helpdesk_ticket_id": {}, "partner_id": {}},
                )
            ),
            "",
            AccessError,
        )
        # a dialog made for them (by code running as superuser) does nothing
        wizard = (
            self.env[WIZARD]
            .with_user(own)
            .sudo()
            .create(
                {"helpdesk_ticket_id": secret.id, "program_id": self.coupon_program.id}
            )
            .with_user(own)
        )
        self.assertRefused(wizard.action_helpdesk_generate, "", AccessError)
        self.assertRefused(wizard.action_helpdesk_send, "", AccessError)
        # a sales manager who is no helpdesk user at all opens no dialog
        self.assertRefused(
            lambda: (
                self.env[WIZARD]
                .with_user(self.sale_manager)
                .create(
                    {
                        "helpdesk_ticket_id": self.ticket.id,
                        "program_id": self.coupon_program.id,
                    }
                )
            ),
            "You are not allowed to create",
            AccessError,
        )

    def test_rpc_another_customer_is_never_the_holder(self):
        """The card goes to the ticket's customer: the dialog has no customer
        to choose, and its read-only customer cannot be written."""
        wizard = self._dialog()
        wizard.write({"partner_id": self.other_customer.id})
        self.assertEqual(self.ticket.partner_id, self.customer, "ticket unchanged")
        wizard.action_helpdesk_generate()
        self.assertEqual(wizard.card_id.partner_id, self.customer)
        self.assertFalse(self._cards(partner_id=self.other_customer.id))

    def test_rpc_kind_changed_to_an_option_that_is_off(self):
        self.team.use_giftcards = False
        wizard = self._crafted(program_id=self.gift_program.id, amount=10.0)
        wizard.write({"kind": "gift_card"})
        self.assertRefused(
            wizard.action_helpdesk_generate, "The option Gift Cards is off"
        )

    def test_rpc_without_dialog_ticket(self):
        wizard = (
            self.env[WIZARD]
            .with_user(self.agent)
            .create({"program_id": self.coupon_program.id})
        )
        self.assertRefused(wizard.action_helpdesk_generate, "opened from a ticket")
        self.assertRefused(wizard.action_helpdesk_send, "opened from a ticket")

    def test_rpc_cannot_change_the_ticket_the_card_or_replay(self):
        wizard, _result = self._generate()
        card = wizard.card_id
        other = self._ticket(self.customer)
        with self.assertRaisesText(UserError, "cannot be changed"):
            wizard.write({"helpdesk_ticket_id": other.id})
        with self.assertRaisesText(UserError, "cannot be changed"):
            wizard.write({"aftersales_done": False})
        foreign_card = self._generate(ticket=other)[0].card_id
        with self.assertRaisesText(UserError, "cannot be changed"):
            wizard.write({"card_id": foreign_card.id})
        self.assertRefused(wizard.action_helpdesk_generate, "already been done")
        self.assertEqual(self.ticket.coupon_count, 1)
        self.assertEqual(wizard.card_id, card)
        fresh = (
            self.env[WIZARD]
            .with_user(self.agent)
            .create(
                {
                    "helpdesk_ticket_id": self.ticket.id,
                    "program_id": self.coupon_program.id,
                    "aftersales_done": True,
                    "card_id": foreign_card.id,
                }
            )
        )
        self.assertFalse(fresh.aftersales_done, "not settable on create")
        self.assertFalse(fresh.card_id, "not settable on create")
        self.assertRefused(fresh.action_helpdesk_send, "Generate the code first")

    def test_rpc_send_follows_the_ticket_rules(self):
        wizard, _result = self._generate()
        self.team.use_coupons = False
        self.assertRefused(wizard.action_helpdesk_send, "The option Coupons is off")

    def test_rpc_context_defaults_do_not_reach_the_card(self):
        """The card is created as superuser: nothing of the caller's context
        (``default_`` keys) may slip into it."""
        order = self._order(self.other_customer)
        wizard = self._dialog()
        wizard.with_context(
            default_code="CHOSEN-BY-CALLER",
            default_order_id=order.id,
            default_active=False,
            default_points=1000,
        ).action_helpdesk_generate()
        card = wizard.card_id
        self.assertNotEqual(card.code, "CHOSEN-BY-CALLER")
        self.assertFalse(card.order_id)
        self.assertTrue(card.active)
        self.assertEqual(card.points, 1.0)

    def test_ticket_given_explicitly(self):
        _wizard, action = self._open()
        self.assertEqual(action["context"]["active_model"], "helpdesk.ticket")
        self.assertEqual(action["context"]["active_id"], self.ticket.id)
        self.assertFalse([k for k in action["context"] if k.startswith("default_")])
        wizard, result = self._generate()
        self.assertFalse([k for k in result["context"] if k.startswith("default_")])
        self.assertEqual(wizard.card_id.program_id, self.coupon_program)

    # 3. links integrity ------------------------------------------------------

    def test_links_only_to_the_ticket_customer_and_company(self):
        Card = self.env["loyalty.card"]
        foreign = Card.create(
            {"program_id": self.coupon_program.id, "partner_id": self.other_customer.id}
        )
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            foreign.helpdesk_ticket_id = self.ticket
        # the customer of a linked card changed to another one
        wizard, _result = self._generate()
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            wizard.card_id.with_user(self.agent).partner_id = self.other_customer
        # a loyalty card is not a coupon or a gift card
        loyalty = self._program("loyalty", "Loyalty Points")
        card = Card.create({"program_id": loyalty.id, "partner_id": self.customer.id})
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            card.helpdesk_ticket_id = self.ticket
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            wizard.card_id.program_id = loyalty
        # another company's card of the same customer
        company_2 = self.env["res.company"].create({"name": "Coupon Company 2"})
        program_2 = self._program("coupons", "Coupon 2", company_id=company_2.id)
        card_2 = Card.create(
            {"program_id": program_2.id, "partner_id": self.customer.id}
        )
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            card_2.helpdesk_ticket_id = self.ticket

    def test_linking_needs_to_read_the_ticket(self):
        card = self.env["loyalty.card"].create(
            {"program_id": self.coupon_program.id, "partner_id": self.customer.id}
        )
        with self.assertRaises(AccessError):
            card.with_user(self.sale_user).helpdesk_ticket_id = self.ticket
        self.assertFalse(card.helpdesk_ticket_id)

    # 4. counts ---------------------------------------------------------------

    def test_counts_depend_on_the_user(self):
        """Agents count the cards of the tickets they read; a follower without
        helpdesk group or Sales rights counts none."""
        self._generate()
        self._generate("gift_card", amount=10.0)
        stock_follower = self._aftersales_user(
            "coupon-stock-follower", "stock.group_stock_user"
        )
        self.ticket.message_subscribe(stock_follower.partner_id.ids)
        self.assertCountPerUser(
            self.ticket, "coupon_count", self.helpdesk_only, stock_follower, 1
        )
        self.assertCountPerUser(
            self.ticket, "giftcard_count", self.agent, stock_follower, 1
        )
        self.assertEqual(self.ticket.with_user(stock_follower).giftcard_value, 0.0)
        self.assertEqual(self.ticket.with_user(self.helpdesk_only).giftcard_value, 10)

    def test_counts_one_query_per_kind_for_any_number_of_tickets(self):
        tickets = self._aftersales_tickets(self.team, self.customer, 200)
        Card = self.env["loyalty.card"]
        Card.create(
            [
                {
                    "program_id": self.coupon_program.id,
                    "partner_id": self.customer.id,
                    "helpdesk_ticket_id": tickets[0].id,
                },
                {
                    "program_id": self.gift_program.id,
                    "partner_id": self.customer.id,
                    "helpdesk_ticket_id": tickets[1].id,
                    "points": 10,
                },
            ]
        )
        for user in (self.agent, self.helpdesk_only):
            totals = self.assertCountQueries(
                tickets, user, ["coupon_count", "giftcard_count", "giftcard_value"]
            )
            self.assertEqual(
                totals, {"coupon_count": 1, "giftcard_count": 1, "giftcard_value": 10}
            )
        gift_cards = tickets.mapped("giftcard_count")
        self.assertEqual(gift_cards[1], 1)

    def test_dialog_opens_in_constant_queries(self):
        """Opening the dialog costs the same for a customer with 5 and with 300
        cards."""

        def ticket_with_cards(name, count):
            partner = self.env["res.partner"].create({"name": name})
            self.env["loyalty.card"].create(
                [
                    {"program_id": self.coupon_program.id, "partner_id": partner.id}
                    for _n in range(count)
                ]
            )
            return self._ticket(partner)

        few = ticket_with_cards("Few cards", 5)
        many = ticket_with_cards("Many cards", 300)
        self.env.flush_all()
        self.env.cr.execute("ANALYZE loyalty_card")

        def opening_queries(ticket):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            Wizard, _action = self._open(ticket=ticket)
            Wizard.default_get(list(Wizard._fields))
            return self.cr.sql_log_count - start

        opening_queries(few)
        opening_queries(many)
        self.assertEqual(opening_queries(few), opening_queries(many))
