# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon
from odoo.addons.helpdesk_aftersales.tests.common import (
    declare_absent_bridges_installed,
)


@tagged("post_install", "-at_install")
class TestRefundTour(AccountTestInvoicingHttpCommon):
    def test_refund_tour(self):
        declare_absent_bridges_installed(self.env)
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "Tour Refunds", "use_credit_notes": True}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Refund me",
                "description": "<p>Broken</p>",
                "team_id": team.id,
                "partner_id": self.partner_a.id,
            }
        )
        invoice = self._create_invoice_one_line(price_unit=80.0, post=True)
        self.env.ref("base.user_admin").group_ids |= self.env.ref(
            "account.group_account_invoice"
        )
        action = self.env.ref("helpdesk_mgmt.helpdesk_ticket_action")
        self.start_tour(
            f"/odoo/action-{action.id}/{ticket.id}",
            "helpdesk_aftersales_refund_tour",
            login="admin",
        )
        credit_note = ticket._aftersales_credit_notes()
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(invoice.payment_state, "reversed")
