# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Abstract base of the refund tests (no test of its own)."""

from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.helpdesk_aftersales.tests.common import (
    declare_absent_bridges_installed,
)


class RefundCommon(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        declare_absent_bridges_installed(cls.env)
        # the accounting test user also manages the helpdesk (teams, tickets)
        cls.env.user.group_ids |= cls.env.ref("helpdesk_mgmt.group_helpdesk_manager")
        company = cls.env.company
        cls.agent = new_test_user(
            cls.env,
            login="refund-agent",
            groups="helpdesk_mgmt.group_helpdesk_user,account.group_account_invoice",
            company_id=company.id,
            company_ids=[company.id],
        )
        cls.helpdesk_only = new_test_user(
            cls.env,
            login="refund-helpdesk-only",
            groups="helpdesk_mgmt.group_helpdesk_user",
            company_id=company.id,
            company_ids=[company.id],
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Refund Team", "use_credit_notes": True, "company_id": company.id}
        )
        cls.ticket = cls._ticket(cls.partner_a)
        cls.invoice = cls._create_invoice_one_line(
            price_unit=100.0, product_id=cls.product_a, post=True
        )

    @classmethod
    def _ticket(cls, partner, **values):
        return cls.env["helpdesk.ticket"].create(
            {
                "name": "Broken product",
                "description": "<p>The product arrived broken.</p>",
                "team_id": cls.team.id,
                "partner_id": partner.id,
                **values,
            }
        )

    def _open_dialog(self, ticket=None, user=None):
        """The Refund button, as the ticket form calls it."""
        ticket = (ticket or self.ticket).with_user(user or self.agent)
        action = ticket.action_helpdesk_refund()
        return (
            self.env[action["res_model"]]
            .with_user(user or self.agent)
            .with_context(**action["context"])
        ), action
