# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import CouponTestMixin
from odoo.addons.helpdesk_aftersales.tests.common import new_portal_user


@tagged("post_install", "-at_install")
class TestCouponTour(CouponTestMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.program"].search([]).write({"active": False})
        cls.program = cls._program("coupons", "Tour Apology Coupon")
        cls.team = cls._aftersales_team("Coupons", use_coupons=True)
        cls.customer = cls.env["res.partner"].create(
            {"name": "Tour Customer", "email": "tour.customer@example.com"}
        )
        cls.follower = cls.env["res.partner"].create(
            {"name": "Tour Follower", "email": "tour.follower@example.com"}
        )

    def test_coupon_tour(self):
        ticket = self._ticket(self.customer)
        ticket.message_subscribe(self.follower.ids)
        self._aftersales_start_tour(
            ticket,
            "helpdesk_aftersales_coupon_tour",
            groups=[
                "sales_team.group_sale_salesman",
                "helpdesk_mgmt.group_helpdesk_manager",
            ],
        )
        card = ticket._aftersales_documents("coupon_count")
        self.assertEqual(card.program_id, self.program)
        self.assertEqual(card.partner_id, self.customer)
        sent = card.message_ids.filtered(lambda m: card.code in (m.body or ""))
        self.assertEqual(sent.partner_ids, ticket.message_partner_ids)
        self.assertIn(self.follower, sent.partner_ids)


@tagged("post_install", "-at_install")
class TestCouponPortal(CouponTestMixin, HttpCase):
    """The ticket's portal page lists the coupons and gift cards of the visitor's
    own customer only, with their code, validity and balance, and no link."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._coupon_setup()
        cls.portal = new_portal_user(cls.env, cls.customer, "portal-coupon")
        Card = cls.env["loyalty.card"].with_context(loyalty_no_mail=True)
        cls.coupon, cls.gift_card = Card.create(
            [
                {
                    "program_id": cls.coupon_program.id,
                    "partner_id": cls.customer.id,
                    "points": 1,
                    "helpdesk_ticket_id": cls.ticket.id,
                },
                {
                    "program_id": cls.gift_program.id,
                    "partner_id": cls.customer.id,
                    "points": 42,
                    "expiration_date": "2099-12-31",
                    "helpdesk_ticket_id": cls.ticket.id,
                },
            ]
        )
        # a card of the same ticket made for another customer (a follower)
        cls.other_portal = new_portal_user(cls.env, cls.other_customer, "portal-other")
        cls.ticket.message_subscribe(cls.other_customer.ids)
        cls.other_ticket = cls._ticket(cls.other_customer)
        cls.other_card = Card.create(
            {
                "program_id": cls.coupon_program.id,
                "partner_id": cls.other_customer.id,
                "points": 1,
                "helpdesk_ticket_id": cls.other_ticket.id,
            }
        )

    def _page(self, login, ticket=None):
        return self._aftersales_portal_page(ticket or self.ticket, login)

    def test_customer_sees_own_coupons_and_gift_cards(self):
        page = self._page("portal-coupon")
        section = page.split('name="aftersales_portal_documents"')[1]
        self.assertIn('name="aftersales_coupon_count"', section)
        self.assertIn('name="aftersales_giftcard_count"', section)
        self.assertIn(self.coupon.code, section)
        self.assertIn(self.gift_card.code, section)
        self.assertIn("No expiry", section)
        self.assertIn("Valid until 12/31/2099", section)
        self.assertIn(">Valid</span>", section)
        gift_section = section.split('name="aftersales_giftcard_count"')[1]
        self.assertIn("o_portal_aftersales_detail", gift_section)
        self.assertIn(self.gift_card.points_display, gift_section)
        coupon_section = section.split('name="aftersales_coupon_count"')[1].split(
            'name="aftersales_giftcard_count"'
        )[0]
        self.assertNotIn("o_portal_aftersales_detail", coupon_section)
        self.assertNotIn("href", section.split("</table>")[0], "no link to a card")
        self.assertNotIn("access_token", section)
        self.assertNotIn(self.other_card.code, page)

    def test_other_customer_sees_none_of_them(self):
        # a follower of the ticket from another customer
        page = self._page("portal-other")
        self.assertNotIn("aftersales_portal_documents", page)
        for card in (self.coupon, self.gift_card):
            self.assertNotIn(card.code, page)
        # on their own ticket, only their own card
        page = self._page("portal-other", self.other_ticket)
        self.assertIn(self.other_card.code, page)
        for card in (self.coupon, self.gift_card):
            self.assertNotIn(card.code, page)
        # and the customer never sees the other ticket
        self.authenticate("portal-coupon", "portal-coupon")
        response = self.url_open(f"/my/ticket/{self.other_ticket.id}")
        self.assertNotIn(self.other_card.code, response.text)
