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
        cls.gift_program = cls._program("gift_card", "Tour Gift Card")
        cls.team = cls._aftersales_team("Coupons", use_coupons=True, use_giftcards=True)
        cls.customer = cls.env["res.partner"].create(
            {"name": "Tour Customer", "email": "tour.customer@example.com"}
        )
        cls.follower = cls.env["res.partner"].create(
            {"name": "Tour Follower", "email": "tour.follower@example.com"}
        )

    def _tour(self, tour):
        ticket = self._ticket(self.customer)
        ticket.message_subscribe(self.follower.ids)
        self.assertNotIn(self.customer, ticket.message_partner_ids)
        self._aftersales_start_tour(
            ticket, tour, groups=["helpdesk_mgmt.group_helpdesk_manager"]
        )
        return ticket

    def test_coupon_tour(self):
        ticket = self._tour("helpdesk_aftersales_coupon_tour")
        card = ticket._aftersales_documents("coupon_count")
        self.assertEqual(card.program_id, self.program)
        self.assertEqual(card.partner_id, self.customer)
        sent = card.message_ids.filtered(lambda m: card.code in (m.body or ""))
        self.assertEqual(sent.partner_ids, self.customer | self.follower)

    def test_gift_card_tour(self):
        ticket = self._tour("helpdesk_aftersales_gift_card_tour")
        card = ticket._aftersales_documents("giftcard_count")
        self.assertEqual(card.program_id, self.gift_program)
        self.assertEqual(card.points, 25.0)
        self.assertEqual(
            card.aftersales_reason_id,
            self.env.ref("helpdesk_aftersales.reason_goodwill"),
        )
        sent = card.message_ids.filtered(lambda m: card.code in (m.body or ""))
        self.assertEqual(sent.partner_ids, self.customer | self.follower)


@tagged("post_install", "-at_install")
class TestCouponPortal(CouponTestMixin, HttpCase):
    """The ticket's portal page lists the coupons and gift cards of the visitor's
    own customer, with their value, validity and state, and no link; the code
    only to the contact the card was issued to."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._coupon_setup()
        cls.customer.is_company = True
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
        # a colleague of the customer (another contact of the company), and a
        # card of the same ticket made for another customer (a follower)
        attackers = cls._aftersales_attackers(cls.ticket)
        cls.colleague_user = attackers["colleague"]
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

    @staticmethod
    def _rows(page):
        """The After-Sales table's rows of a portal page, by kind."""
        section = page.split('name="aftersales_portal_documents"')[1]
        section = section.split("</table>")[0]
        return {
            kind: section.split(f'name="aftersales_{kind}"')[1].split("</tr>")[0]
            for kind in ("coupon_count", "giftcard_count")
            if f'name="aftersales_{kind}"' in section
        }

    def test_customer_sees_own_coupons_and_gift_cards(self):
        page = self._page("portal-coupon")
        rows = self._rows(page)
        coupon, gift_card = rows["coupon_count"], rows["giftcard_count"]
        self.assertIn(self.coupon.code, coupon)
        self.assertIn("No expiry", coupon)
        self.assertIn("10% off", coupon, "what the coupon is worth")
        self.assertIn("Apology Coupon", coupon)
        self.assertIn(">Valid</span>", coupon)
        self.assertIn(self.gift_card.code, gift_card)
        self.assertIn("Valid until 12/31/2099", gift_card)
        self.assertIn("$\xa042.00", gift_card.replace("&nbsp;", "\xa0"))
        self.assertIn(">Valid</span>", gift_card)
        table = page.split('name="aftersales_portal_documents"')[1]
        self.assertNotIn("href", table.split("</table>")[0], "no link to a card")
        self.assertNotIn("access_token", table)
        self.assertNotIn(self.other_card.code, page)

    def test_colleague_sees_the_cards_without_their_codes(self):
        page = self._page("colleague")
        rows = self._rows(page)
        coupon, gift_card = rows["coupon_count"], rows["giftcard_count"]
        for card in (self.coupon, self.gift_card):
            self.assertNotIn(card.code, page)
        self.assertIn("Code sent to Coupon Customer", coupon)
        self.assertIn("Coupon", coupon, "its kind")
        self.assertIn("10% off", coupon, "its value")
        self.assertIn(">Valid</span>", coupon, "its state")
        self.assertIn("Code sent to Coupon Customer", gift_card)
        self.assertIn("$\xa042.00", gift_card.replace("&nbsp;", "\xa0"))

    def test_kinds_whose_option_is_off_are_not_listed(self):
        self.team.use_giftcards = False
        rows = self._rows(self._page("portal-coupon"))
        self.assertEqual(list(rows), ["coupon_count"])
        self.team.use_coupons = False
        self.assertNotIn(
            "aftersales_portal_documents", self._page("portal-coupon"), "no table"
        )

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
