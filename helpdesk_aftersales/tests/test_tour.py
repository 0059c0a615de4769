# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import declare_absent_bridges_installed


@tagged("post_install", "-at_install")
class TestTeamTour(HttpCase):
    def test_team_form_tour(self):
        declare_absent_bridges_installed(self.env)
        team = self.env["helpdesk.ticket.team"].create({"name": "Tour Team"})
        action = self.env.ref("helpdesk_mgmt.helpdesk_ticket_team_action")
        self.start_tour(
            f"/odoo/action-{action.id}/{team.id}",
            "helpdesk_aftersales_team_tour",
            login="admin",
        )
        self.assertTrue(team.use_credit_notes)
        self.assertFalse(team.use_coupons)
