# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The coupon and gift card flows, as the user documentation describes them."""

from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import (
    COMPACT_FORM,
    COUPON_TEMPLATE,
    GIFT_CARD_TEMPLATE,
    WIZARD,
    WIZARD_VIEW,
    CouponCommon,
)
from odoo.addons.helpdesk_aftersales.tests.common import notes


@tagged("post_install", "-at_install")
class TestCoupon(CouponCommon):
    def test_coupon_flow(self):
        Wizard, action = self._open()
        self.assertEqual(action["name"], "Generate a Coupon")
        self.assertEqual(action["res_model"], WIZARD)
        self.assertEqual(action["target"], "new")
        with Form(Wizard, view=WIZARD_VIEW) as form:
            self.assertEqual(form.kind, "coupons")
            self.assertEqual(form.program_id, self.coupon_program, "the only one")
            self.assertEqual(form.partner_id, self.customer)
            self.assertFalse(form.valid_until, "no expiry unless chosen")
            self.assertEqual(form.reward_display, "10% off", "what it gives")
            form.aftersales_reason_id = self.reason
        wizard = form.save()
        result = wizard.action_helpdesk_generate()
        card = self.ticket._aftersales_documents("coupon_count")
        self.assertEqual(len(card), 1)
        self.assertEqual(wizard.card_id, card)
        self.assertEqual(card.program_id, self.coupon_program)
        self.assertEqual(card.partner_id, self.customer)
        self.assertEqual(card.helpdesk_ticket_id, self.ticket)
        self.assertEqual(card.aftersales_reason_id, self.reason, "the card keeps it")
        self.assertEqual(card.points, 1.0, "what the program's reward needs")
        self.assertFalse(card.expiration_date)
        self.assertEqual(card.helpdesk_validity, "No expiry")
        self.assertEqual(card.helpdesk_usage_state, "valid")
        self.assertEqual(card.create_uid, self.agent, "made by the salesperson")
        self.assertEqual(card.history_ids.issued, 1.0)
        self.assertIn(self.ticket.number, card.history_ids.description)
        # no creation e-mail of the program: the agent sends the code
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "loyalty.card"), ("res_id", "=", card.id)]
            )
        )
        # the code dialog: the same dialog, showing the code
        self.assertEqual(
            (result["res_model"], result["res_id"], result["target"]),
            (WIZARD, wizard.id, "new"),
        )
        self.assertEqual(result["views"], [(self.env.ref(WIZARD_VIEW).id, "form")])
        self.assertEqual(result["name"], "Coupon")
        self.assertEqual(wizard.code, card.code)
        self.assertEqual(wizard.card_validity, "No expiry")
        self.assertEqual(wizard.card_value, "10% off")
        self.assertEqual(card.helpdesk_value_display, "10% off")
        # counts and chatter on both sides
        self.assertEqual(self.ticket.coupon_count, 1)
        self.assertEqual(self.ticket.giftcard_count, 0)
        created = notes(self.ticket, "created")
        self.assertEqual(len(created), 1)
        self.assertIn("Coupon created from this ticket: <a", created.body)
        self.assertIn(f">{card.code}</a>.", created.body)
        self.assertEqual(created.subtype_id, self.env.ref("mail.mt_note"))
        self.assertEqual(len(notes(card, "Created from ticket")), 1)

    def test_gift_card_flow(self):
        Wizard, action = self._open("gift_card")
        self.assertEqual(action["name"], "Generate a Gift Card")
        valid_until = fields.Date.today() + timedelta(days=90)
        with Form(Wizard, view=WIZARD_VIEW) as form:
            self.assertEqual(form.kind, "gift_card")
            self.assertEqual(form.program_id, self.gift_program)
            self.assertEqual(
                form.amount, 50.0, "the price of the program's gift card product"
            )
            self.assertFalse(form.reward_display, "only for coupons")
            form.amount = 35.0
            form.valid_until = valid_until
            form.aftersales_reason_id = self.reason
        wizard = form.save()
        result = wizard.action_helpdesk_generate()
        self.assertEqual(result["name"], "Gift Card")
        card = self.ticket._aftersales_documents("giftcard_count")
        self.assertEqual(card.program_id, self.gift_program)
        self.assertEqual(card.points, 35.0)
        self.assertEqual(card.aftersales_reason_id, self.reason)
        self.assertEqual(card.helpdesk_value_display, "$\xa035.00")
        self.assertEqual(wizard.card_value, "$\xa035.00")
        self.assertEqual(self.ticket.giftcard_value, 35.0, "the smart button's value")
        self.assertEqual(card.expiration_date, valid_until)
        self.assertIn("Valid until", card.helpdesk_validity)
        self.assertEqual(self.ticket.giftcard_count, 1)
        self.assertEqual(self.ticket.coupon_count, 0)
        self.assertIn(
            "Gift card created from this ticket", notes(self.ticket, "created").body
        )
        # it pays 35 of the customer's next order
        order = self._order()
        before = order.amount_total
        reward = self._apply_code(order, card.code)
        self.assertEqual(reward.reward_id.program_id, self.gift_program)
        self.assertAlmostEqual(before - order.amount_total, 35.0)
        order.action_confirm()
        self.assertEqual(card.points, 0.0)
        self.assertEqual(card.helpdesk_usage_state, "used")
        self.ticket.invalidate_recordset(["giftcard_value"])
        self.assertEqual(self.ticket.giftcard_value, 0.0, "nothing left")

    def test_gift_card_default_amount_within_the_team_limit(self):
        """The amount starts at the price of the program's gift card product;
        not above the team's limit for an agent, the manager gets the price;
        a program without product starts at 0 and the agent enters one."""
        self.team.aftersales_card_max_value = 30.0
        Wizard, _action = self._open("gift_card")
        with Form(Wizard, view=WIZARD_VIEW) as form:
            self.assertEqual(form.amount, 30.0)
        manager = self._aftersales_user(
            "coupon-manager", "helpdesk_mgmt.group_helpdesk_manager"
        )
        Wizard, _action = self._open("gift_card", user=manager)
        with Form(Wizard, view=WIZARD_VIEW) as form:
            self.assertEqual(form.amount, 50.0)
        self.gift_program.rule_ids.product_ids = False
        Wizard, _action = self._open("gift_card")
        with Form(Wizard, view=WIZARD_VIEW) as form:
            self.assertEqual(form.amount, 0.0)
        wizard = form.save()
        with self.assertRaisesText(
            ValidationError,
            "Enter the amount of the gift card: a positive amount in USD.",
        ):
            wizard.action_helpdesk_generate()
        self.assertFalse(wizard.card_id)

    def test_reason_required_by_the_team(self):
        self.team.aftersales_reason_required = True
        for kind in ("coupons", "gift_card"):
            with self.subTest(kind=kind):
                Wizard, _action = self._open(kind)
                # as an RPC client would save it (the form requires it)
                wizard = Wizard.create({"amount": 10.0})
                count = len(self._cards())
                with self.assertRaisesText(UserError, "requires a reason"):
                    wizard.action_helpdesk_generate()
                self.assertEqual(len(self._cards()), count)
                wizard = self._dialog(kind, aftersales_reason_id=self.reason)
                wizard.action_helpdesk_generate()
                self.assertEqual(wizard.card_id.aftersales_reason_id, self.reason)
        arch = etree.fromstring(
            self.env[WIZARD].get_view(self.env.ref(WIZARD_VIEW).id, "form")["arch"]
        )
        reason = arch.xpath("//field[@name='aftersales_reason_id']")[0]
        self.assertEqual(reason.get("required"), "aftersales_reason_required")
        amount = arch.xpath("//field[@name='amount']")[0]
        self.assertEqual(amount.get("required"), "kind == 'gift_card'")

    def test_coupon_applies_on_an_order_of_the_customer(self):
        self._generate()
        card = self.ticket._aftersales_documents("coupon_count")
        order = self._order()
        before = order.amount_total
        reward = self._apply_code(order, card.code)
        self.assertEqual(reward.coupon_id, card)
        self.assertAlmostEqual(order.amount_total, before * 0.9, "the 10% reward")
        order.action_confirm()
        self.assertEqual(card.use_count, 1)
        self.assertEqual(card.helpdesk_usage_state, "used")
        # used: a second order cannot use it again
        status = self._order()._try_apply_code(card.code)
        self.assertIn("already been used", status["error"])

    def test_coupon_of_a_contact_applies_on_the_company_order(self):
        """The ticket's customer is a contact person; the order is made for the
        company: the coupon still applies."""
        contact = self.env["res.partner"].create(
            {"name": "Contact Person", "parent_id": self.customer.id}
        )
        ticket = self._ticket(contact)
        self._generate(ticket=ticket)
        card = ticket._aftersales_documents("coupon_count")
        self.assertEqual(card.partner_id, contact)
        self._apply_code(self._order(self.customer), card.code)

    def _composer(self, action, user=None):
        return Form(
            self.env["mail.compose.message"]
            .with_user(user or self.agent)
            .with_context(**action["context"])
        )

    def test_send_to_the_customer_and_the_followers(self):
        """The customer is not a follower of the ticket: Send still proposes
        them, with the followers; the mail is ours; the sent message stays on
        the card and is logged on the ticket as an internal note."""
        self.assertNotIn(self.customer, self.ticket.message_partner_ids)
        wizard, _result = self._generate()
        card = wizard.card_id
        action = wizard.action_helpdesk_send()
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertEqual(action["target"], "new")
        with self._composer(action) as composer:
            self.assertEqual(composer.template_id, self.env.ref(COUPON_TEMPLATE))
            self.assertEqual(composer.model, "loyalty.card")
            self.assertEqual(
                set(composer.partner_ids.ids), {self.customer.id, self.colleague.id}
            )
            self.assertIn(card.code, composer.body)
            self.assertIn("10% off", composer.body)
            self.assertIn(self.ticket.number, composer.body)
            self.assertIn("Your coupon from", composer.subject)
            # the agent may add or remove recipients
            composer.partner_ids.remove(self.colleague.id)
            composer.partner_ids.add(self.other_customer)
        composer.save().action_send_mail()
        message = card.message_ids.filtered(lambda m: card.code in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.message_type, "comment")
        self.assertEqual(
            set(message.partner_ids.ids), {self.customer.id, self.other_customer.id}
        )
        mails = (
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        )
        self.assertEqual(
            set(mails.recipient_ids.ids), {self.customer.id, self.other_customer.id}
        )
        # logged on the ticket, for agents only
        [log] = notes(self.ticket, "sent to")
        self.assertEqual(log.subtype_id, self.env.ref("mail.mt_note"))
        self.assertEqual(log.author_id, self.agent.partner_id)
        self.assertIn("Coupon <a", log.body)
        self.assertIn(f">{card.code}</a> sent to ", log.body)
        self.assertIn("Coupon Customer", log.body)
        self.assertIn("Other Customer", log.body)
        discussion = self.ticket.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_comment")
        )
        self.assertFalse(
            discussion.filtered(lambda m: card.code in (m.body or "")),
            "the code is never in the ticket's discussion (its portal page)",
        )

    def test_send_gift_card_as_a_helpdesk_agent_without_sales_rights(self):
        wizard, _result = self._generate(
            "gift_card", user=self.helpdesk_only, amount=20.0
        )
        action = wizard.action_helpdesk_send()
        with self._composer(action, self.helpdesk_only) as composer:
            self.assertEqual(composer.template_id, self.env.ref(GIFT_CARD_TEMPLATE))
            self.assertEqual(
                set(composer.partner_ids.ids), {self.customer.id, self.colleague.id}
            )
            self.assertIn("20.00", composer.body)
        composer.save().action_send_mail()
        card = wizard.card_id
        self.assertTrue(card.message_ids.filtered(lambda m: card.code in m.body))
        [log] = notes(self.ticket, "sent to")
        self.assertIn("Gift card <a", log.body)
        self.assertEqual(log.author_id, self.helpdesk_only.partner_id)

    def test_send_in_the_customer_language(self):
        self._aftersales_load_korean("helpdesk_aftersales_coupon")
        self.customer.lang = "ko_KR"
        wizard, _result = self._generate("gift_card", amount=20.0)
        action = wizard.action_helpdesk_send()
        with self._composer(action) as composer:
            self.assertIn("기프트 카드", composer.subject)
            self.assertIn("기프트 카드 코드", composer.body)
            self.assertIn("잔액", composer.body)
            self.assertNotIn("Gift card code", composer.body)
        composer.save().action_send_mail()
        card = wizard.card_id
        [message] = card.message_ids.filtered(lambda m: card.code in m.body)
        self.assertIn("기프트 카드 코드", message.body)
        # the agent's note on the ticket stays in the agent's language
        [log] = notes(self.ticket, "sent to")
        self.assertIn("Gift card", log.body)

    def test_smart_buttons_and_compact_form(self):
        self._generate()
        card = self.ticket._aftersales_documents("coupon_count")
        ticket = self.ticket.with_user(self.agent)
        action = ticket.with_context(
            aftersales_documents="coupon_count"
        ).action_aftersales_open_documents()
        self.assertEqual(action["name"], "Coupons")
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("loyalty.card", card.id)
        )
        self.assertEqual(action["views"], [(self.env.ref(COMPACT_FORM).id, "form")])
        arch = etree.fromstring(
            self.env["loyalty.card"]
            .with_user(self.agent)
            .get_view(self.env.ref(COMPACT_FORM).id, "form")["arch"]
        )
        labels = {
            "code": "Code",
            "program_id": "Program",
            "partner_id": "Customer",
            "helpdesk_validity": "Validity",
            "helpdesk_usage_state": "Status",
        }
        for name, label in labels.items():
            [node] = arch.xpath(f"//field[@name='{name}']")
            self.assertEqual(node.get("string"), label, "a label of our own")
        values = arch.xpath("//field[@name='helpdesk_value_display']")
        self.assertEqual([node.get("string") for node in values], ["Balance", "Reward"])
        self.assertTrue(arch.xpath("//field[@name='use_count']"), "a salesperson")
        arch = etree.fromstring(
            self.env["loyalty.card"]
            .with_user(self.helpdesk_only)
            .get_view(self.env.ref(COMPACT_FORM).id, "form")["arch"]
        )
        self.assertFalse(
            arch.xpath("//field[@name='use_count']"), "orders: Sales rights only"
        )
        self.assertTrue(arch.xpath("//header/button[@name='action_helpdesk_send']"))
        self.assertTrue(arch.xpath("//button[@name='action_open_helpdesk_ticket']"))
        # a second one: the list
        self._generate()
        action = ticket.with_context(
            aftersales_documents="coupon_count"
        ).action_aftersales_open_documents()
        self.assertTrue(action["view_mode"].startswith("list"))
        cards = self.env["loyalty.card"].with_user(self.agent).search(action["domain"])
        self.assertEqual(len(cards), 2)
        list_arch = etree.fromstring(
            self.env["loyalty.card"].get_view(
                self.env.ref(
                    "helpdesk_aftersales_coupon.loyalty_card_view_list_helpdesk"
                ).id,
                "list",
            )["arch"]
        )
        self.assertEqual(
            [node.get("string") for node in list_arch.xpath("//field")],
            ["Code", "Program", "Customer", "Value", "Validity", "Status"],
        )
        self.assertTrue(list_arch.xpath("//button[@name='action_helpdesk_send']"))
        self.assertFalse(list_arch.xpath("//button[@name='action_coupon_send']"))
        self.assertEqual(ticket.coupon_count, 2)
        # the back link
        back = card.with_user(self.agent).action_open_helpdesk_ticket()
        self.assertEqual(
            (back["res_model"], back["res_id"]), ("helpdesk.ticket", self.ticket.id)
        )
        # Odoo's own card form has it too
        arch = self.env["loyalty.card"].get_view(
            self.env.ref("loyalty.loyalty_card_view_form").id, "form"
        )["arch"]
        self.assertIn("action_open_helpdesk_ticket", arch)
        self.assertFalse(card.copy({"code": "COPY-1"}).helpdesk_ticket_id, "not copied")

    def test_usage_states(self):
        wizard, _result = self._generate()
        card = wizard.card_id
        self.assertEqual(card.helpdesk_usage_state, "valid")
        card.expiration_date = fields.Date.today() - timedelta(days=1)
        self.assertEqual(card.helpdesk_usage_state, "expired")
        card.expiration_date = False
        card.points = 0
        self.assertEqual(card.helpdesk_usage_state, "used")
        self.coupon_program.action_archive()
        self.assertEqual(card.helpdesk_usage_state, "archived")

    def test_default_program_is_the_first_one(self):
        second = self._program("coupons", "Second Coupon", sequence=5)
        self.coupon_program.sequence = 10
        Wizard, _action = self._open()
        self.assertEqual(Wizard.default_get(["program_id"])["program_id"], second.id)
        # archived, ended, gift card and other company's programs are never offered
        second.action_archive()
        self.coupon_program.date_to = fields.Date.today() - timedelta(days=1)
        company_2 = self.env["res.company"].create({"name": "Coupon Company 2"})
        self._program("coupons", "Elsewhere", company_id=company_2.id)
        with self.assertRaisesText(UserError, "There is no coupon program for"):
            self._open()

    def test_no_program(self):
        self.gift_program.action_archive()
        with self.assertRaisesText(UserError, "There is no gift card program for"):
            self._open("gift_card")

    def test_ticket_of_a_second_company(self):
        company_2 = self.env["res.company"].create({"name": "Coupon Company 2"})
        self.agent.company_ids |= company_2
        self.agent.company_id = company_2
        program_2 = self._program(
            "coupons", "Coupon of Company 2", company_id=company_2.id
        )
        team_2 = self._aftersales_team("Coupons 2", company=company_2, use_coupons=True)
        ticket_2 = self._aftersales_ticket(team_2, self.customer)
        Wizard, _action = self._open(ticket=ticket_2)
        Wizard = Wizard.with_company(company_2)
        self.assertEqual(Wizard.default_get(["program_id"])["program_id"], program_2.id)
        wizard = Wizard.create({})
        wizard.action_helpdesk_generate()
        card = ticket_2._aftersales_documents("coupon_count")
        self.assertEqual(card.program_id, program_2)
        self.assertEqual(card.company_id, company_2)

    def test_share_link_only_with_website_sale_loyalty(self):
        """The code dialog offers Odoo's share link only when website_sale_loyalty
        is installed (it is no dependency; setup/test's database lacks it)."""
        wizard, _result = self._generate()
        card = wizard.card_id
        arch = etree.fromstring(
            self.env[WIZARD].get_view(self.env.ref(WIZARD_VIEW).id, "form")["arch"]
        )
        share = arch.xpath("//field[@name='share_link']")[0]
        self.assertEqual(share.get("invisible"), "not share_link")
        installed = (
            self.env["ir.module.module"]._get("website_sale_loyalty").state
            == "installed"
        )
        self.assertEqual("coupon.share" in self.env, installed)
        if not installed:
            self.assertFalse(wizard.share_link, "nothing about it shows")
            self.assertFalse(card._aftersales_share_link())
        else:
            self.assertTrue(
                wizard.share_link.endswith(f"/coupon/{card.code}?r=%2Fshop"),
                wizard.share_link,
            )

    def test_helpdesk_agent_without_sales_rights(self):
        """A helpdesk agent gives cards without Sales rights (the dialog creates
        them as superuser) and reads the cards of the tickets they read, not
        the others (read-through-ticket)."""
        ticket = self.ticket.with_user(self.helpdesk_only)
        self.assertTrue(ticket.aftersales_can_coupon)
        self.assertTrue(ticket.aftersales_can_giftcard)
        arch = ticket.get_view(view_type="form")["arch"]
        self.assertIn("action_helpdesk_coupon", arch)
        self.assertIn("action_helpdesk_giftcard", arch)
        coupon = self._generate(user=self.helpdesk_only)[0].card_id
        gift_card = self._generate("gift_card", user=self.helpdesk_only, amount=10.0)[
            0
        ].card_id
        self.assertEqual(coupon.create_uid, self.helpdesk_only)
        with Form(ticket) as form:
            self.assertEqual(form.coupon_count, 1)
            self.assertEqual(form.giftcard_count, 1)
            self.assertEqual(form.giftcard_value, 10.0)
        Card = self.env["loyalty.card"].with_user(self.helpdesk_only)
        self.assertEqual(Card.search([]), coupon | gift_card, "their tickets' cards")
        compact = Card.browse(coupon.id).get_view(self.env.ref(COMPACT_FORM).id, "form")
        self.assertTrue(compact["arch"])
        with Form(Card.browse(coupon.id), view=COMPACT_FORM) as form:
            self.assertEqual(form.code, coupon.code)
            self.assertEqual(form.helpdesk_usage_state, "valid")
        # they never write a card, and never read another one
        with self.assertRaises(AccessError):
            Card.browse(coupon.id).points = 100
        other = self.env["loyalty.card"].create(
            {"program_id": self.coupon_program.id, "partner_id": self.customer.id}
        )
        with self.assertRaises(AccessError):
            Card.browse(other.id).code  # noqa: B018
        unreadable = self._ticket(self.customer, user_id=self.agent.id)
        unreadable_card = self._generate(ticket=unreadable)[0].card_id
        own = self._aftersales_user(
            "coupon-own-agent", "helpdesk_mgmt.group_helpdesk_user_own"
        )
        self.assertFalse(
            self.env["loyalty.card"].with_user(own).search([]),
            "an agent of their own tickets reads none of these",
        )
        with self.assertRaises(AccessError):
            unreadable_card.with_user(own).code  # noqa: B018
        # the salesperson keeps reading every card
        self.assertIn(other, self.env["loyalty.card"].with_user(self.agent).search([]))

    def test_buttons_in_spec_order_and_conditions(self):
        arch = etree.fromstring(
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .get_view(view_type="form")["arch"]
        )
        header = [
            node.get("name")
            for node in arch.xpath("//header/*")
            if node.get("name") in ("use_giftcards", "use_coupons")
            or (node.tag == "button" and "helpdesk_" in (node.get("name") or ""))
        ]
        giftcard = header.index("action_helpdesk_giftcard")
        coupon = header.index("action_helpdesk_coupon")
        self.assertEqual(header[giftcard - 1], "use_giftcards")
        self.assertEqual(header[coupon - 1], "use_coupons")
        self.assertLess(giftcard, coupon)
        giftcard_button = arch.xpath("//button[@name='action_helpdesk_giftcard']")[0]
        self.assertEqual(
            giftcard_button.get("invisible"),
            "not aftersales_can_giftcard or not partner_id",
        )
        coupon_button = arch.xpath("//button[@name='action_helpdesk_coupon']")[0]
        self.assertEqual(coupon_button.get("invisible"), "not aftersales_can_coupon")
        for button in (giftcard_button, coupon_button):
            self.assertFalse(button.get("groups"), "the guard decides, not Sales")
        box = [
            field.get("name")
            for field in arch.xpath("//div[@name='button_box']//field")
            if field.get("name") in ("giftcard_value", "giftcard_count", "coupon_count")
        ]
        self.assertEqual(box, ["giftcard_value", "giftcard_count", "coupon_count"])

    def test_option_off(self):
        self.team.use_coupons = False
        with self.assertRaisesText(UserError, "The option Coupons is off"):
            self._open()
        self.team.use_giftcards = False
        with self.assertRaisesText(UserError, "The option Gift Cards is off"):
            self._open("gift_card")

    def test_coupon_without_customer(self):
        """A coupon needs no customer (the code is given to whoever the agent
        sends it to); a gift card does."""
        ticket = self._ticket(False)
        wizard, _result = self._generate(ticket=ticket)
        card = wizard.card_id
        self.assertFalse(card.partner_id)
        self.assertEqual(card.helpdesk_ticket_id, ticket)
        with self.assertRaisesText(UserError, "Set the customer of the ticket"):
            self._open("gift_card", ticket=ticket)

    def test_korean_at_runtime(self):
        self._aftersales_load_korean("helpdesk_aftersales_coupon")
        self.agent.lang = "ko_KR"
        ticket = self.ticket.with_user(self.agent).with_context(lang="ko_KR")
        arch = etree.fromstring(ticket.get_view(view_type="form")["arch"])
        coupon = arch.xpath("//header/button[@name='action_helpdesk_coupon']")[0]
        self.assertEqual(coupon.get("string"), "쿠폰")
        giftcard = arch.xpath("//header/button[@name='action_helpdesk_giftcard']")[0]
        self.assertEqual(giftcard.get("string"), "기프트 카드")
        action = ticket.action_helpdesk_coupon()
        self.assertEqual(action["name"], "쿠폰 생성")
        Wizard = self.env[WIZARD].with_user(self.agent).with_context(lang="ko_KR")
        arch = etree.fromstring(
            Wizard.get_view(self.env.ref(WIZARD_VIEW).id, "form")["arch"]
        )
        labels = [label.get("string") for label in arch.xpath("//label")]
        self.assertIn("쿠폰 제도", labels)
        generate = arch.xpath("//button[@name='action_helpdesk_generate']")[0]
        self.assertEqual(generate.get("string"), "생성")
        send = arch.xpath("//button[@name='action_helpdesk_send']")[0]
        self.assertEqual(send.get("string"), "전송")
        self.team.use_coupons = False
        with self.assertRaisesText(UserError, "쿠폰 옵션이 비활성화되어 있습니다"):
            ticket.action_helpdesk_coupon()
        # the compact card: labels of our own, in Korean
        Card = self.env["loyalty.card"].with_user(self.agent).with_context(lang="ko_KR")
        arch = etree.fromstring(
            Card.get_view(self.env.ref(COMPACT_FORM).id, "form")["arch"]
        )
        labels = [node.get("string") for node in arch.xpath("//field[@string]")]
        for label in ("코드", "제도", "고객", "잔액", "보상", "유효 기간", "상태"):
            self.assertIn(label, labels)
        self.assertNotIn("Code", labels)
        self.assertNotIn("Partner", labels)
        # what a card is worth, in Korean
        self.assertEqual(
            Card._aftersales_program_value_text(self.coupon_program, 1.0), "10% 할인"
        )
