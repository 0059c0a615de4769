# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may give a card, and what a client may send: the users an attacker
would use, the context's ``default_`` keys, the team's limit, bad values of
every public method."""

import math

from lxml import etree
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import WIZARD, CouponCommon


@tagged("post_install", "-at_install")
class TestCouponTrust(CouponCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.attackers = cls._aftersales_attackers(cls.ticket)
        cls.manager = cls.attackers["manager"]
        # a card of another customer, in another company
        cls.company_2 = cls.env["res.company"].create({"name": "Card Company 2"})
        cls.foreign_program = cls._program(
            "gift_card", "Foreign Gift Card", company_id=cls.company_2.id
        )
        cls.foreign_card = (
            cls.env["loyalty.card"]
            .with_context(loyalty_no_mail=True)
            .create(
                {
                    "program_id": cls.foreign_program.id,
                    "partner_id": cls.other_customer.id,
                    "points": 500,
                    "code": "FOREIGN-SECRET",
                }
            )
        )

    def _agent_card(self, kind="coupons", **values):
        wizard = self._generate(kind, **values)[0]
        return wizard.card_id

    # Finding 4: no helpdesk group, no card --------------------------------

    def test_attackers_may_not_open_the_dialogs(self):
        for name in ("follower_sales", "follower_stock", "colleague", "stranger"):
            user = self.attackers[name]
            ticket = self.ticket.with_user(user)
            # they read the ticket (followers, a contact of the customer), but
            # are no agents; the stranger does not even read it
            message = "" if name == "stranger" else "Only helpdesk agents"
            for method in ("action_helpdesk_giftcard", "action_helpdesk_coupon"):
                with self.subTest(user=name, method=method):
                    self.assertRefused(getattr(ticket, method), message, AccessError)
            with self.subTest(user=name, method="create"):
                self.assertRefused(
                    lambda user=user: (
                        self.env[WIZARD]
                        .with_user(user)
                        .with_context(
                            active_model="helpdesk.ticket", active_id=self.ticket.id
                        )
                        .create({"program_id": self.coupon_program.id})
                    ),
                    "You are not allowed to create",
                    AccessError,
                )
        # an agent of their own tickets does not read this one
        ticket = self.ticket.with_user(self.attackers["own"])
        for method in ("action_helpdesk_giftcard", "action_helpdesk_coupon"):
            self.assertRefused(getattr(ticket, method), "", AccessError)

    def test_attackers_may_not_run_a_dialog_made_for_them(self):
        """A dialog record of theirs (made by a superuser call in their name)
        gives them nothing: every public method refuses."""
        for name in ("follower_sales", "follower_stock", "own"):
            user = self.attackers[name]
            for kind, values in (
                ("coupons", {}),
                ("gift_card", {"amount": 1e6}),
            ):
                wizard = (
                    self.env[WIZARD]
                    .with_user(user)
                    .sudo()
                    .create(
                        {
                            "helpdesk_ticket_id": self.ticket.id,
                            "kind": kind,
                            "program_id": (
                                self.gift_program
                                if kind == "gift_card"
                                else self.coupon_program
                            ).id,
                            **values,
                        }
                    )
                    .with_user(user)
                )
                for method in ("action_helpdesk_generate", "action_helpdesk_send"):
                    with self.subTest(user=name, kind=kind, method=method):
                        self.assertRefused(getattr(wizard, method), "", AccessError)

    def test_attackers_may_not_send_a_card(self):
        card = self._agent_card("gift_card", amount=20.0)
        for name in ("follower_sales", "follower_stock", "own", "colleague"):
            with self.subTest(user=name):
                self.assertRefused(
                    card.with_user(self.attackers[name]).action_helpdesk_send,
                    "",
                    AccessError,
                )
        # the salesperson reads the card (Odoo's rights), not the right to act
        self.assertRefused(
            card.with_user(self.attackers["follower_sales"]).action_helpdesk_send,
            "Only helpdesk agents",
            AccessError,
        )

    def test_salesperson_follower_may_not_link_a_card(self):
        """A salesperson writes cards (Odoo's rights): linking one to a ticket
        still needs an agent."""
        card = self.env["loyalty.card"].create(
            {"program_id": self.coupon_program.id, "partner_id": self.customer.id}
        )
        with self.assertRaisesText(AccessError, "Only helpdesk agents"):
            card.with_user(
                self.attackers["follower_sales"]
            ).helpdesk_ticket_id = self.ticket
        self.assertFalse(card.helpdesk_ticket_id)

    # Finding 2: the dialog shows only the card it made --------------------

    def test_context_defaults_never_give_the_dialog_another_card(self):
        Wizard, _action = self._open()
        leaking = Wizard.with_context(
            default_card_id=self.foreign_card.id,
            default_aftersales_done=True,
            default_code="CHOSEN",
            default_points=1e6,
        )
        defaults = leaking.default_get(list(Wizard._fields))
        self.assertNotIn("card_id", defaults)
        self.assertNotIn("aftersales_done", defaults)
        wizard = leaking.create({})
        self.assertFalse(wizard.card_id)
        self.assertFalse(wizard.aftersales_done)
        self.assertFalse(wizard.code)
        self.assertFalse(wizard.card_value)
        self.assertRefused(wizard.action_helpdesk_send, "Generate the code first")
        # the web client's first onchange
        result = leaking.onchange(
            {}, [], {"card_id": {}, "code": {}, "card_value": {}, "kind": {}}
        )
        self.assertFalse(result["value"].get("card_id"))
        self.assertFalse(result["value"].get("code"))
        # then Generate makes its own card, with none of those keys
        leaking_wizard = wizard.with_context(
            default_card_id=self.foreign_card.id,
            default_code="CHOSEN",
            default_points=1e6,
        )
        leaking_wizard.action_helpdesk_generate()
        card = wizard.card_id
        self.assertNotEqual(card, self.foreign_card)
        self.assertNotEqual(card.code, "CHOSEN")
        self.assertEqual(card.points, 1.0)
        self.assertEqual(wizard.code, card.code)

    def test_onchange_values_never_give_the_dialog_another_card(self):
        wizard = self._dialog()
        spec = {
            "card_id": {"fields": {"display_name": {}}},
            "code": {},
            "card_value": {},
            "valid_until": {},
        }
        for values, names in (
            ({"card_id": self.foreign_card.id}, ["card_id"]),
            ({"card_id": self.foreign_card.id, "aftersales_done": True}, []),
            (
                {
                    "id": wizard.id,
                    "card_id": self.foreign_card.id,
                    "valid_until": False,
                },
                ["valid_until", "card_id"],
            ),
        ):
            with self.subTest(values=values):
                result = wizard.onchange(values, names, spec)
                text = str(result)
                self.assertNotIn("FOREIGN-SECRET", text)
                self.assertNotIn("Foreign Gift Card", text)

    def test_write_never_gives_the_dialog_another_card(self):
        wizard = self._dialog()
        self.assertRefused(
            lambda: wizard.write({"card_id": self.foreign_card.id}),
            "cannot be changed",
        )
        self.assertRefused(
            lambda: wizard.write({"aftersales_done": True}), "cannot be changed"
        )
        self.assertFalse(wizard.code)
        # a card the dialog did not make, put there by code running as
        # superuser, is neither shown nor sent
        wizard.sudo().write({"card_id": self.foreign_card.id, "aftersales_done": True})
        self.assertFalse(wizard.code)
        self.assertRefused(wizard.action_helpdesk_send, "Generate the code first")

    def test_sudo_keeps_default_keys_the_card_creation_drops_them(self):
        """``sudo()`` keeps the caller's context in Odoo 19, ``default_`` keys
        included: the card creation removes them itself, also when called
        without the run-once wrapper that cleans them first."""
        card = (
            self.env["loyalty.card"]
            .with_context(default_code="SUDO-KEEPS-IT", loyalty_no_mail=True)
            .sudo()
            .create({"program_id": self.coupon_program.id})
        )
        self.assertEqual(card.code, "SUDO-KEEPS-IT")
        wizard = self._dialog()
        card = wizard.with_context(
            default_code="CHOSEN",
            default_points=1e6,
            default_active=False,
            default_helpdesk_ticket_id=False,
        )._aftersales_generate_card()
        self.assertNotEqual(card.code, "CHOSEN")
        self.assertEqual(card.points, 1.0)
        self.assertTrue(card.active)
        self.assertEqual(card.helpdesk_ticket_id, self.ticket)
        self.assertFalse(card.history_ids.filtered(lambda h: h.issued == 1e6))

    # Finding 11 and the team's limit --------------------------------------

    def test_limit_above_which_a_manager_gives_the_card(self):
        self.team.aftersales_card_max_value = 40.0
        wizard = self._dialog("gift_card", amount=40.01)
        self.assertRefused(
            wizard.action_helpdesk_generate,
            "This gift card is worth $\xa040.01, more than the $\xa040.00 that team "
            "Coupon Team gives without approval: a helpdesk manager gives it.",
            AccessError,
        )
        self._dialog("gift_card", amount=40.0).action_helpdesk_generate()
        wizard = self._dialog("gift_card", user=self.manager, amount=1000.0)
        wizard.action_helpdesk_generate()
        self.assertEqual(wizard.card_id.points, 1000.0)
        # a coupon whose reward is a fixed amount
        self.coupon_program.reward_ids.write(
            {"discount_mode": "per_order", "discount": 50.0}
        )
        wizard = self._dialog()
        self.assertEqual(wizard.reward_display, "$\xa050.00 off")
        self.assertRefused(
            wizard.action_helpdesk_generate,
            "This coupon is worth $\xa050.00",
            AccessError,
        )
        self._dialog(user=self.manager).action_helpdesk_generate()
        # a percentage is not an amount: no limit applies
        self.coupon_program.reward_ids.write({"discount_mode": "percent"})
        self._dialog().action_helpdesk_generate()
        # 0: no limit
        self.team.aftersales_card_max_value = 0.0
        self._dialog("gift_card", amount=5000.0).action_helpdesk_generate()

    def test_limit_is_not_negative(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self.team.aftersales_card_max_value = -1.0
            self.team.flush_recordset()

    def test_team_form_shows_the_limit_with_the_card_options(self):
        arch = etree.fromstring(
            self.env["helpdesk.ticket.team"].get_view(view_type="form")["arch"]
        )
        [setting] = arch.xpath("//div[@name='setting_aftersales_card_max_value']")
        self.assertEqual(
            setting.getprevious().get("name"), "option_use_coupons", "next to them"
        )
        self.assertEqual(
            setting.get("invisible"), "not use_giftcards and not use_coupons"
        )
        self.assertTrue(setting.xpath(".//field[@name='aftersales_card_max_value']"))

    def test_bad_amounts(self):
        """Amounts that are not a positive finite number the currency holds are
        refused with a clear message, by create, write and onchange alike."""
        wizard = self._dialog("gift_card")
        refused = [
            (True, "Amount must be a number"),
            ("100", "Amount must be a number"),
            (math.nan, "Amount must be a number"),
            (math.inf, "Amount must be a number"),
            (-math.inf, "Amount must be a number"),
            (1e15, "Amount must be a number"),
            ([5], "Amount must be a number"),
        ]
        Wizard, _action = self._open("gift_card")
        for amount, message in refused:
            with self.subTest(amount=amount):
                self.assertRefused(
                    lambda a=amount: wizard.write({"amount": a}), message
                )
                self.assertRefused(
                    lambda a=amount: Wizard.create({"amount": a}), message
                )
                self.assertRefused(
                    lambda a=amount: wizard.onchange(
                        {"amount": a}, ["amount"], {"amount": {}}
                    ),
                    message,
                )
        # more than a float holds to the cent in USD
        for amount in (1e13, 5e14):
            with self.subTest(amount=amount):
                wizard = self._dialog("gift_card", user=self.manager, amount=amount)
                self.assertRefused(
                    wizard.action_helpdesk_generate,
                    "The amount of the gift card must be below 10,000,000,000,000 USD.",
                    ValidationError,
                )
        wizard = self._dialog("gift_card", user=self.manager, amount=1e12)
        wizard.action_helpdesk_generate()
        self.assertEqual(wizard.card_id.points, 1e12)
        # cents beyond the currency's are rounded, a negative amount refused
        wizard = self._dialog("gift_card", amount=10.004)
        wizard.action_helpdesk_generate()
        self.assertEqual(wizard.card_id.points, 10.0)
        for amount in (-5.0, 0.004):
            wizard = self._dialog("gift_card", amount=amount)
            self.assertRefused(
                wizard.action_helpdesk_generate,
                "Enter the amount of the gift card",
                ValidationError,
            )

    def test_amount_of_a_currency_without_cents(self):
        """In a currency without decimals, a float holds amounts up to 10^15."""
        krw = self.env.ref("base.KRW")
        krw.active = True
        self.gift_program.currency_id = krw
        wizard = self._dialog("gift_card", amount=123456789012345.0)
        wizard.action_helpdesk_generate()
        self.assertEqual(wizard.card_id.points, 123456789012345.0)

    # Bad values of every public method ------------------------------------

    def test_bad_values_of_the_dialog(self):
        Wizard, _action = self._open()
        wizard = self._dialog()
        bad = {
            "program_id": ("x", [self.coupon_program.id], True, -1, 1.5),
            "aftersales_reason_id": ("x", True, {"id": 1}),
            "valid_until": ("not a date", 20270101, True),
            "kind": ("foo", 1, True),
            "no_such_field": (1,),
        }
        messages = {
            "program_id": "must be one record",
            "aftersales_reason_id": "must be one record",
            "valid_until": "must be a date",
            "kind": "must be one of: Coupon, Gift Card",
            "no_such_field": "This dialog has no field no_such_field",
        }
        for fname, values in bad.items():
            for value in values:
                with self.subTest(field=fname, value=value):
                    self.assertRefused(
                        lambda f=fname, v=value: wizard.write({f: v}), messages[fname]
                    )
                    self.assertRefused(
                        lambda f=fname, v=value: Wizard.create({f: v}), messages[fname]
                    )
                    self.assertRefused(
                        lambda f=fname, v=value: wizard.onchange({f: v}, [f], {}),
                        messages[fname],
                    )
        # ids that are not (or no longer) records
        for fname, label in (
            ("program_id", "Program"),
            ("aftersales_reason_id", "Reason"),
        ):
            with self.subTest(field=fname):
                message = f"{label}: this record does not exist (any more)."
                self.assertRefused(
                    lambda f=fname: wizard.write({f: 999999999}), message
                )
                self.assertRefused(
                    lambda f=fname: Wizard.create({f: 999999999}), message
                )
        # a program deleted after it was chosen
        program = self._program("coupons", "Short-lived")
        wizard = self._dialog(program_id=program)
        program.action_archive()
        program.unlink()
        self.assertRefused(wizard.action_helpdesk_generate, "Choose a coupon program")

    def test_several_missing_or_no_dialogs(self):
        first, second = self._dialog(), self._dialog()
        missing = self.env[WIZARD].with_user(self.agent).browse(999999999)
        for dialogs in (
            first | second,
            missing,
            self.env[WIZARD].with_user(self.agent),
        ):
            for method in ("action_helpdesk_generate", "action_helpdesk_send"):
                with self.subTest(dialogs=dialogs.ids, method=method):
                    self.assertRefused(
                        getattr(dialogs, method), "Open it again from the ticket"
                    )

    def test_several_missing_or_no_tickets(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        for tickets in (
            self.ticket | self._ticket(self.customer),
            Ticket.browse(999999999),
            Ticket,
        ):
            for method in ("action_helpdesk_giftcard", "action_helpdesk_coupon"):
                with self.subTest(tickets=tickets.ids, method=method):
                    self.assertRefused(
                        getattr(tickets.with_user(self.agent), method),
                        "Choose one existing ticket",
                    )

    def test_several_missing_or_unlinked_cards(self):
        first = self._agent_card()
        second = self._agent_card()
        Card = self.env["loyalty.card"].with_user(self.agent)
        for cards in (Card.browse((first | second).ids), Card.browse(999999999), Card):
            with self.subTest(cards=cards.ids):
                self.assertRefused(
                    cards.action_helpdesk_send, "Choose one existing card"
                )
        loose = self.env["loyalty.card"].create({"program_id": self.coupon_program.id})
        self.assertRefused(
            loose.with_user(self.agent).action_helpdesk_send,
            "was not given from a ticket",
        )
