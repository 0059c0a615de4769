# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The After-Sales Analysis in the browser: from the team's card of the
helpdesk dashboard and from the ticket."""

from odoo.tests import HttpCase, tagged

from .common import CouponTestMixin


@tagged("post_install", "-at_install")
class TestCouponAnalysisTour(CouponTestMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.program"].search([]).write({"active": False})
        program = cls._program("gift_card", "Analysis Tour Gift Card")
        cls.team = cls._aftersales_team("Analysis Tour Team", use_giftcards=True)
        customer = cls.env["res.partner"].create({"name": "Analysis Customer"})
        cls.ticket = cls._ticket(customer)
        cls.env["loyalty.card"].with_context(loyalty_no_mail=True).create(
            {
                "program_id": program.id,
                "partner_id": customer.id,
                "points": 80.0,
                "helpdesk_ticket_id": cls.ticket.id,
            }
        )

    def test_team_card_opens_the_analysis(self):
        action = self.env.ref("helpdesk_mgmt.helpdesk_ticket_dashboard_action")
        self.start_tour(
            f"/odoo/action-{action.id}",
            "helpdesk_aftersales_analysis_team_tour",
            login="admin",
        )

    def test_ticket_value_opens_its_rows(self):
        self._aftersales_start_tour(
            self.ticket, "helpdesk_aftersales_analysis_ticket_tour"
        )
