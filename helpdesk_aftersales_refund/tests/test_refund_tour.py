# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon
from odoo.addons.helpdesk_aftersales.tests.common import (
    declare_absent_bridges_installed,
)


@tagged("post_install", "-at_install")
class TestRefundTour(AccountTestInvoicingHttpCommon):
    def _ticket_of_new_team(self, partner, **team_values):
        declare_absent_bridges_installed(self.env)
        self.env.user.group_ids |= self.env.ref("helpdesk_mgmt.group_helpdesk_manager")
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "Refunds", **team_values}
        )
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Refund me",
                "description": "<p>Broken</p>",
                "team_id": team.id,
                "partner_id": partner.id,
            }
        )

    def test_refund_tour(self):
        ticket = self._ticket_of_new_team(self.partner_a, use_credit_notes=True)
        invoice = self._create_invoice_one_line(price_unit=80.0, post=True)
        admin = self.env.ref("base.user_admin")
        admin.group_ids |= self.env.ref("account.group_account_invoice")
        admin.company_ids |= ticket.company_id
        admin.company_id = ticket.company_id
        action = self.env.ref("helpdesk_mgmt.helpdesk_ticket_action")
        self.start_tour(
            f"/odoo/action-{action.id}/{ticket.id}",
            "helpdesk_aftersales_refund_tour",
            login="admin",
        )
        credit_note = ticket._aftersales_credit_notes()
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(invoice.payment_state, "reversed")

    def test_portal_ticket_lists_credit_notes(self):
        portal_user = self.env["res.users"].create(
            {
                "name": "Portal customer",
                "login": "refund-portal",
                "password": "refund-portal",
                "partner_id": self.partner_a.id,
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        ticket = self._ticket_of_new_team(portal_user.partner_id)
        invoice = self._create_invoice_one_line(price_unit=80.0, post=True)
        draft, posted = (
            self._reverse_invoice(invoice),
            self._reverse_invoice(invoice, post=True),
        )
        (draft | posted).helpdesk_ticket_id = ticket
        self.authenticate("refund-portal", "refund-portal")
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn("portal_credit_notes", page)
        self.assertIn(posted.name, page)
        self.assertIn(f"/my/invoices/{posted.id}", page)
        self.assertNotIn(f"/my/invoices/{draft.id}", page, "drafts stay internal")
