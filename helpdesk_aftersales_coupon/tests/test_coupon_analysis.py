# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Gift cards and coupons in the After-Sales Analysis; the analysis' rights,
ticket value and team card, on cards (the quickest documents to make)."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CouponCommon
from odoo.addons.helpdesk_aftersales.tests.analysis_common import (
    REPORT,
    AnalysisTestMixin,
)


@tagged("post_install", "-at_install")
class TestCouponAnalysis(AnalysisTestMixin, CouponCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env.ref("helpdesk_aftersales.reason_late_delivery")
        cls.contact = cls.env["res.partner"].create(
            {"name": "Buyer", "parent_id": cls.customer.id}
        )
        cls.ticket.write({"partner_id": cls.contact.id, "user_id": cls.agent.id})
        if "product_id" in cls.ticket._fields:
            cls.ticket.product_id = cls.product
        # a coupon of a fixed amount: 15 off the order
        cls.coupon_program.reward_ids.write(
            {"discount_mode": "per_order", "discount": 15.0}
        )

    def _generate_card(self, kind, ticket=None, reason=None, **values):
        """Open the dialog of ``kind`` on the ticket as the agent, save it with
        ``values`` (as the client sends them) and press Generate: the card."""
        Wizard, _action = self._open(kind, ticket)
        wizard = Wizard.create(
            {"aftersales_reason_id": (reason or self.reason).id, **values}
        )
        wizard.action_helpdesk_generate()
        return wizard.card_id

    def _card(self, ticket, program=None, points=10.0, **values):
        """A card of ``ticket`` made as superuser (for rights and counts)."""
        return (
            self.env["loyalty.card"]
            .sudo()
            .with_context(loyalty_no_mail=True)
            .create(
                {
                    "program_id": (program or self.gift_program).id,
                    "partner_id": ticket.partner_id.id,
                    "points": points,
                    "helpdesk_ticket_id": ticket.id,
                    **values,
                }
            )
        )

    def _use(self, card, partner=None):
        """The customer pays an order with ``card``: the amount it takes."""
        order = self._order(partner)
        before = order.amount_total
        self._apply_code(order, card.code)
        order.action_confirm()
        return before - order.amount_total

    # rows of the documents ------------------------------------------------

    def test_gift_card_rows(self):
        card = self._generate_card("gift_card", amount=80.0)
        row = self._analysis_rows(self.ticket)
        product = self.product if "product_id" in self.ticket._fields else None
        self.assertAnalysisRow(
            row,
            card,
            kind="gift_card",
            state="open",
            quantity=1.0,
            value=80.0,
            value_used=0.0,
            date=fields.Date.today(),
        )
        self.assertEqual(row.reason_id, self.reason)
        self.assertEqual(row.partner_id, self.customer, "the commercial entity")
        self.assertEqual(row.user_id, self.agent)
        if product:
            self.assertEqual(row.product_id, product, "the ticket's product")
            self.assertEqual(row.categ_id, product.categ_id)
        # the customer spends some of it: issued 80, used what the order took
        self.product.list_price = 30.0
        used = self._use(card)
        self.assertAlmostEqual(used, 30.0)
        row.invalidate_recordset()
        self.assertAnalysisRow(row, card, value=80.0, value_used=30.0, state="open")
        # then the rest: done
        self.product.list_price = 100.0
        self._use(card)
        row.invalidate_recordset()
        self.assertAnalysisRow(row, card, value=80.0, value_used=80.0, state="done")

    def test_coupon_rows(self):
        card = self._generate_card("coupons")
        row = self._analysis_rows(self.ticket)
        self.assertAnalysisRow(
            row, card, kind="coupon", state="open", value=15.0, value_used=0.0
        )
        used = self._use(card)
        self.assertAlmostEqual(used, 15.0)
        row.invalidate_recordset()
        self.assertAnalysisRow(row, card, state="done", value=15.0, value_used=15.0)
        # a percentage has no value of its own
        percent = self._program("coupons", "Ten Percent")
        percent.reward_ids.write({"discount_mode": "percent", "discount": 10.0})
        other = self._generate_card("coupons", program_id=percent.id)
        self.assertAnalysisRow(
            self._analysis_rows(self.ticket).filtered(lambda r: r.res_id == other.id),
            other,
            value=0.0,
            state="open",
        )

    def test_expired_and_archived_cards(self):
        expired = self._card(self.ticket, points=20.0)
        expired.expiration_date = fields.Date.today() - timedelta(days=1)
        archived = self._card(self.ticket, points=40.0)
        archived.action_archive()
        rows = self._analysis_rows(self.ticket)
        self.assertEqual(rows.mapped("res_id"), expired.ids, "no archived card")
        self.assertAnalysisRow(rows, expired, state="done", value=20.0)
        # a card of another program type is not an after-sales document
        self.assertEqual(self.ticket.aftersales_value, 20.0)

    def test_reason_required_by_the_team(self):
        """The team requires a reason: the real dialog refuses to generate
        without one, and the card and its row keep the one chosen."""
        self.team.aftersales_reason_required = True
        Wizard, _action = self._open("gift_card")
        wizard = Wizard.create({"amount": 25.0})
        with self.assertRaisesText(UserError, "requires a reason"):
            wizard.action_helpdesk_generate()
        self.assertFalse(self._analysis_rows(self.ticket))
        goodwill = self.env.ref("helpdesk_aftersales.reason_goodwill")
        card = self._generate_card("gift_card", reason=goodwill, amount=25.0)
        self.assertEqual(card.aftersales_reason_id, goodwill)
        self.assertAnalysisRow(self._analysis_rows(self.ticket), card, value=25.0)
        self.assertEqual(self._analysis_rows(self.ticket).reason_id, goodwill)

    # rights ---------------------------------------------------------------

    def test_agents_see_the_rows_of_their_tickets(self):
        own = self._aftersales_user(
            "analysis-own", "helpdesk_mgmt.group_helpdesk_user_own"
        )
        team_user = self._aftersales_user(
            "analysis-team", "helpdesk_mgmt.group_helpdesk_user_team"
        )
        other_team = self._aftersales_team("Other Team", use_giftcards=True)
        self.team.user_ids = own | team_user
        mine = self._ticket(self.customer, user_id=own.id)
        unassigned = self._ticket(self.customer, user_id=False)
        colleague_s = self._ticket(self.customer, user_id=self.agent.id)
        elsewhere = self._aftersales_ticket(other_team, self.customer, user_id=False)
        tickets = mine | unassigned | colleague_s | elsewhere
        for ticket in tickets:
            self._card(ticket)

        def visible(user):
            return self._analysis_rows(tickets, user).ticket_id

        self.assertEqual(visible(own), mine | unassigned)
        self.assertEqual(visible(team_user), mine | unassigned | colleague_s)
        self.assertEqual(visible(self.agent), tickets, "helpdesk user: all")
        # the ticket's value follows the same rules
        self.assertEqual(colleague_s.with_user(self.agent).aftersales_value, 10.0)
        self.assertEqual(mine.with_user(own).aftersales_value, 10.0)
        # whoever is not an agent reads none of it (a salesperson who follows
        # the ticket reads the ticket, not its analysis)
        follower = self._aftersales_user(
            "analysis-sales", "sales_team.group_sale_salesman"
        )
        mine.message_subscribe(follower.partner_id.ids)
        self.assertEqual(mine.with_user(follower).aftersales_value, 0.0)
        with self.assertRaises(AccessError):
            self._analysis_rows(tickets, follower)
        with self.assertRaises(AccessError):
            mine.with_user(follower).action_aftersales_analysis()

    def test_rows_of_the_allowed_companies_only(self):
        company_2 = self.env["res.company"].create({"name": "Analysis Company 2"})
        program_2 = self._program("gift_card", "Gift Card 2", company_id=company_2.id)
        team_2 = self._aftersales_team(
            "Gift Cards 2", company=company_2, use_giftcards=True
        )
        ticket_2 = self._aftersales_ticket(team_2, self.customer)
        self._card(ticket_2, program_2, points=70.0)
        self._card(self.ticket, points=30.0)
        tickets = self.ticket | ticket_2
        manager = self._aftersales_user(
            "analysis-manager", "helpdesk_mgmt.group_helpdesk_manager"
        )
        self.assertEqual(self._analysis_rows(tickets, manager).ticket_id, self.ticket)
        manager.company_ids |= company_2
        both = (
            self.env[REPORT]
            .with_user(manager)
            .with_context(allowed_company_ids=[self.env.company.id, company_2.id])
        )
        rows = both.search([("ticket_id", "in", tickets.ids)])
        self.assertEqual(rows.ticket_id, tickets)
        self.assertEqual(
            rows.filtered(lambda r: r.ticket_id == ticket_2).company_id, company_2
        )
        only_1 = both.with_context(allowed_company_ids=[self.env.company.id])
        self.assertEqual(
            only_1.search([("ticket_id", "in", tickets.ids)]).ticket_id, self.ticket
        )

    def test_open_document_with_its_own_rights(self):
        card = self._card(self.ticket)
        row = self._analysis_rows(self.ticket)
        action = row.with_user(self.agent).action_open_document()
        self.assertEqual((action["res_model"], action["res_id"]), (card._name, card.id))
        # a helpdesk agent without Sales rights reads the cards of the
        # tickets they read: the row opens the card
        action = row.with_user(self.helpdesk_only).action_open_document()
        self.assertEqual(action["res_id"], card.id)
        # a salesperson of another company reads neither
        other = self._aftersales_user(
            "analysis-other-company",
            "helpdesk_mgmt.group_helpdesk_user,sales_team.group_sale_salesman",
            company=self.env["res.company"].create({"name": "Other Company"}),
        )
        with self.assertRaises(AccessError):
            row.with_user(other).action_open_document()

    # the ticket and the team card -------------------------------------------

    def test_ticket_value_in_one_query(self):
        tickets = self._aftersales_tickets(self.team, self.customer, 12)
        for index, ticket in enumerate(tickets[:6]):
            self._card(ticket, points=10.0 * (index + 1))
        values = self.assertValueQueries(tickets, self.agent)
        self.assertEqual(values, [10.0, 20.0, 30.0, 40.0, 50.0, 60.0] + [0.0] * 6)
        action = tickets[0].with_user(self.agent).action_aftersales_analysis()
        self.assertEqual(action["res_model"], REPORT)
        self.assertEqual(action["domain"], [("ticket_id", "=", tickets[0].id)])

    def test_team_card_of_this_month_in_one_query(self):
        teams = self.team | self.env["helpdesk.ticket.team"].create(
            [{"name": f"Team {n}", "use_giftcards": True} for n in range(6)]
        )
        for team in teams[:3]:
            ticket = self._aftersales_ticket(team, self.customer)
            self._card(ticket, points=40.0)
            self._card(ticket, points=2.0)
            last_month = self._card(ticket, points=1000.0)
            self.env.cr.execute(
                "UPDATE loyalty_card SET create_date = create_date - interval "
                "'40 days' WHERE id = %s",
                [last_month.id],
            )
        self.env["loyalty.card"].invalidate_model()
        values = self.assertMonthQueries(teams, self.agent)
        self.assertEqual(values, [(42.0, 2)] * 3 + [(0.0, 0)] * 4)
        action = teams[0].with_user(self.agent).action_aftersales_analysis()
        self.assertEqual(action["res_model"], REPORT)
        self.assertEqual(action["context"]["search_default_team_id"], teams[0].id)
        self.assertEqual(action["context"]["search_default_this_month"], 1)
