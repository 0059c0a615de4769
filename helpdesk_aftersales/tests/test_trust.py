# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may do what: the guard every after-sales action goes through, with the
users an attacker would use."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AftersalesCommon
from odoo.addons.helpdesk_aftersales.models.helpdesk_ticket import (
    AFTERSALES_ACTION_FIELDS,
)


@tagged("post_install", "-at_install")
class TestTrust(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls._aftersales_team(
            "Trust", **dict.fromkeys(AFTERSALES_ACTION_FIELDS, True)
        )
        cls.ticket = cls._aftersales_ticket(cls.team, cls.customer)
        cls.attackers = cls._aftersales_attackers(cls.ticket)
        cls.agent = cls._aftersales_user(
            "trust-agent",
            "helpdesk_mgmt.group_helpdesk_user,account.group_account_invoice,"
            "stock.group_stock_user,project.group_project_user",
        )

    def test_followers_without_helpdesk_group_read_but_may_not_act(self):
        for name in ("follower_sales", "follower_stock"):
            user = self.attackers[name]
            ticket = self.ticket.with_user(user)
            ticket.check_access("read")  # helpdesk_mgmt lets followers read it
            for toggle, can_field in AFTERSALES_ACTION_FIELDS.items():
                with self.subTest(user=name, toggle=toggle):
                    self.assertFalse(ticket[can_field])
                    with self.assertRaisesText(AccessError, "Only helpdesk agents"):
                        ticket._aftersales_guard(toggle)

    def test_agent_needs_the_rights_of_the_documents(self):
        """A helpdesk user without Billing, Inventory or Project rights acts only
        on the options that need none of them (coupons and gift cards)."""
        helpdesk_only = self._aftersales_user(
            "trust-helpdesk-only", "helpdesk_mgmt.group_helpdesk_user"
        )
        ticket = self.ticket.with_user(helpdesk_only)
        Ticket = self.env["helpdesk.ticket"]
        for toggle, can_field in AFTERSALES_ACTION_FIELDS.items():
            needs = Ticket._aftersales_groups_of(toggle)
            with self.subTest(toggle=toggle):
                self.assertEqual(ticket[can_field], not needs)
                if needs:
                    with self.assertRaisesText(AccessError, "Only helpdesk agents"):
                        ticket._aftersales_guard(toggle)
                else:
                    ticket._aftersales_guard(toggle)
        as_agent = self.ticket.with_user(self.agent)
        for toggle, can_field in AFTERSALES_ACTION_FIELDS.items():
            as_agent._aftersales_guard(toggle)
            self.assertTrue(as_agent[can_field])

    def test_own_tickets_agent_may_not_act_on_others(self):
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.attackers["own"])._aftersales_guard(
                "use_coupons"
            )

    def test_manager_may_act(self):
        self.ticket.with_user(self.attackers["manager"])._aftersales_guard(
            "use_coupons", customer=True
        )

    def test_option_off(self):
        self.team.use_coupons = False
        ticket = self.ticket.with_user(self.agent)
        self.assertFalse(ticket.aftersales_can_coupon)
        with self.assertRaisesText(UserError, "The option Coupons is off"):
            ticket._aftersales_guard("use_coupons")

    def test_can_fields_depend_on_the_user(self):
        ticket = self.ticket
        follower = self.attackers["follower_sales"]
        self.assertTrue(ticket.with_user(self.agent).aftersales_can_refund)
        self.assertFalse(ticket.with_user(follower).aftersales_can_refund)
        self.assertTrue(ticket.with_user(self.agent).aftersales_can_refund)

    def test_guard_bad_input(self):
        """Not one existing ticket: a clear error, not "Expected singleton" or
        "record does not exist"."""
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        for tickets in (
            Ticket,
            self.ticket.with_user(self.agent) | self.ticket_a_unassigned,
            Ticket.browse(999999999),
        ):
            with (
                self.subTest(ids=tickets.ids),
                self.assertRaisesText(UserError, "Choose one existing ticket"),
            ):
                tickets._aftersales_guard("use_coupons")
        for active_id in ("1", True, [1], 1.5):
            with (
                self.subTest(active_id=active_id),
                self.assertRaisesText(UserError, "Choose one existing ticket"),
            ):
                Ticket.with_context(
                    active_model="helpdesk.ticket", active_id=active_id
                )._aftersales_ticket_from_context()

    def test_check_own(self):
        ticket = self.ticket
        contact = self.env["res.partner"].create(
            {"name": "Contact", "parent_id": self.customer.id}
        )
        ticket._aftersales_check_own(contact, partner_field="self")
        other = self.env["res.partner"].create({"name": "Other customer"})
        self.assertEqual(ticket._aftersales_foreign(contact | other, "self"), other)
        with self.assertRaisesText(UserError, "Only documents of After-Sales Customer"):
            ticket._aftersales_check_own(other, partner_field="self")


@tagged("post_install", "-at_install")
class TestReasons(AftersalesCommon):
    def test_reasons_of_a_new_database(self):
        reasons = self.env["helpdesk.aftersales.reason"].search([])
        for xmlid in (
            "reason_damaged_in_transit",
            "reason_defective",
            "reason_wrong_item",
            "reason_not_as_described",
            "reason_late_delivery",
            "reason_goodwill",
        ):
            self.assertIn(self.env.ref(f"helpdesk_aftersales.{xmlid}"), reasons)

    def test_reasons_of_other_companies_are_hidden(self):
        other = self.env["res.company"].create({"name": "Other Company"})
        theirs = self.env["helpdesk.aftersales.reason"].create(
            {"name": "Their reason", "company_id": other.id}
        )
        Reason = self.env["helpdesk.aftersales.reason"].with_user(self.user)
        self.assertNotIn(theirs, Reason.search([]))
        self.assertIn(
            self.env.ref("helpdesk_aftersales.reason_defective"), Reason.search([])
        )

    def test_agents_read_managers_manage(self):
        Reason = self.env["helpdesk.aftersales.reason"]
        with self.assertRaises(AccessError):
            Reason.with_user(self.user).create({"name": "Mine"})
        Reason.with_user(self.manager).create({"name": "Mine"})
