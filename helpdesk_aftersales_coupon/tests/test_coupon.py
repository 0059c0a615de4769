# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The coupon and gift card flows, as the user documentation describes them."""

from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import COMPACT_FORM, WIZARD, WIZARD_VIEW, CouponCommon
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
        wizard = form.save()
        result = wizard.action_helpdesk_generate()
        card = self.ticket._aftersales_documents("coupon_count")
        self.assertEqual(len(card), 1)
        self.assertEqual(wizard.card_id, card)
        self.assertEqual(card.program_id, self.coupon_program)
        self.assertEqual(card.partner_id, self.customer)
        self.assertEqual(card.helpdesk_ticket_id, self.ticket)
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
        # counts and chatter on both sides
        self.assertEqual(self.ticket.coupon_count, 1)
        self.assertEqual(self.ticket.giftcard_count, 0)
        created = notes(self.ticket, "created")
        self.assertEqual(len(created), 1)
        self.assertIn(f">{card.code}</a> created", created.body)
        self.assertIn("Coupon ", created.body)
        self.assertEqual(created.subtype_id, self.env.ref("mail.mt_note"))
        self.assertEqual(len(notes(card, "Created from ticket")), 1)

    def test_gift_card_flow(self):
        Wizard, action = self._open("gift_card")
        self.assertEqual(action["name"], "Generate a Gift Card")
        valid_until = fields.Date.today() + timedelta(days=90)
        with Form(Wizard, view=WIZARD_VIEW) as form:
            self.assertEqual(form.kind, "gift_card")
            self.assertEqual(form.program_id, self.gift_program)
            form.amount = 35.0
            form.valid_until = valid_until
        result = form.save().action_helpdesk_generate()
        self.assertEqual(result["name"], "Gift Card")
        card = self.ticket._aftersales_documents("giftcard_count")
        self.assertEqual(card.program_id, self.gift_program)
        self.assertEqual(card.points, 35.0)
        self.assertEqual(card.expiration_date, valid_until)
        self.assertIn("Valid until", card.helpdesk_validity)
        self.assertEqual(self.ticket.giftcard_count, 1)
        self.assertEqual(self.ticket.coupon_count, 0)
        self.assertIn("Gift Card ", notes(self.ticket, "created").body)
        # it pays 35 of the customer's next order
        order = self._order()
        before = order.amount_total
        reward = self._apply_code(order, card.code)
        self.assertEqual(reward.reward_id.program_id, self.gift_program)
        self.assertAlmostEqual(before - order.amount_total, 35.0)
        order.action_confirm()
        self.assertEqual(card.points, 0.0)
        self.assertEqual(card.helpdesk_usage_state, "used")

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

    def test_send_composer_with_the_followers(self):
        wizard, _result = self._generate()
        card = wizard.card_id
        action = wizard.action_helpdesk_send()
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertEqual(action["target"], "new")
        composer_env = self.env["mail.compose.message"].with_user(self.agent)
        with Form(composer_env.with_context(**action["context"])) as composer:
            self.assertEqual(
                composer.template_id, self.env.ref("loyalty.mail_template_loyalty_card")
            )
            self.assertEqual(composer.model, "loyalty.card")
            self.assertEqual(
                set(composer.partner_ids.ids),
                set(self.ticket.message_partner_ids.ids),
                "the followers of the ticket",
            )
            self.assertEqual(
                set(composer.partner_ids.ids), {self.customer.id, self.colleague.id}
            )
            self.assertIn(card.code, composer.body)
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
        self.assertTrue(message.attachment_ids, "the template's coupon report")

    def test_send_gift_card_template(self):
        wizard, _result = self._generate("gift_card", amount=20.0)
        action = wizard.card_id.with_user(self.agent).action_helpdesk_send()
        with Form(
            self.env["mail.compose.message"]
            .with_user(self.agent)
            .with_context(**action["context"])
        ) as composer:
            self.assertEqual(
                composer.template_id, self.env.ref("loyalty.mail_template_gift_card")
            )
            self.assertEqual(
                set(composer.partner_ids.ids), {self.customer.id, self.colleague.id}
            )

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
        for name in ("code", "helpdesk_validity", "helpdesk_usage_state"):
            self.assertTrue(arch.xpath(f"//field[@name='{name}']"), name)
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

    def test_access_helpdesk_user_without_sales_rights(self):
        self._generate()
        self._generate("gift_card", amount=10.0)
        ticket = self.ticket.with_user(self.helpdesk_only)
        with Form(ticket) as form:
            self.assertEqual(form.coupon_count, 0, "no access, no count, no error")
            self.assertEqual(form.giftcard_count, 0)
        arch = ticket.get_view(view_type="form")["arch"]
        self.assertNotIn("action_helpdesk_coupon", arch)
        self.assertNotIn("action_helpdesk_giftcard", arch)
        for method in ("action_helpdesk_coupon", "action_helpdesk_giftcard"):
            with self.assertRaises(AccessError):
                getattr(ticket, method)()
        with self.assertRaises(AccessError):
            self.env[WIZARD].with_user(self.helpdesk_only).create(
                {"helpdesk_ticket_id": self.ticket.id}
            )
        # the salesperson sees both
        agent_ticket = self.ticket.with_user(self.agent)
        self.assertEqual(
            (agent_ticket.coupon_count, agent_ticket.giftcard_count), (1, 1)
        )

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
            giftcard_button.get("invisible"), "not use_giftcards or not partner_id"
        )
        coupon_button = arch.xpath("//button[@name='action_helpdesk_coupon']")[0]
        self.assertEqual(coupon_button.get("invisible"), "not use_coupons")
        box = [
            field.get("name")
            for field in arch.xpath("//div[@name='button_box']//field")
            if field.get("name") in ("giftcard_count", "coupon_count")
        ]
        self.assertEqual(box, ["giftcard_count", "coupon_count"])

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
        with self.assertRaisesText(UserError, "쿠폰 옵션이 꺼져 있습니다"):
            ticket.action_helpdesk_coupon()
