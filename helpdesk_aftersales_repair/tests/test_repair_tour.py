# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import RepairTestMixin, return_of
from odoo.addons.helpdesk_aftersales.tests.common import (
    AftersalesTestMixin,
    new_portal_user,
)


@tagged("post_install", "-at_install")
class TestRepairTour(RepairTestMixin, AftersalesTestMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._repair_setup()
        cls.order, cls.delivery = cls._sold(cls.customer)
        cls.ticket = cls._repair_ticket(
            cls.customer, cls.order, product_id=cls.chair.id
        )
        cls.return_picking = return_of(cls.ticket, cls.delivery, 1.0)
        cls.return_picking.button_validate()
        cls.action = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_action")

    def test_repair_tour(self):
        """Ticket, Repair, the new repair prefilled, Save, back to the ticket
        and its Repairs smart button."""
        self._aftersales_start_tour(
            self.ticket,
            "helpdesk_aftersales_repair_tour",
            groups=[
                "stock.group_stock_user",
                "sales_team.group_sale_salesman_all_leads",
                "helpdesk_mgmt.group_helpdesk_manager",
            ],
        )
        repair = self.ticket._aftersales_documents("repair_count")
        self.assertEqual(len(repair), 1)
        self.assertEqual(repair.product_id, self.chair)
        self.assertEqual(repair.partner_id, self.customer)
        self.assertEqual(repair.picking_id, self.return_picking)
        self.assertEqual(repair.sale_order_id, self.order)
        self.assertEqual(repair.internal_notes, self.ticket.description)
        self.assertEqual(repair.state, "draft")

    def test_repair_readonly_tour(self):
        """A helpdesk user without Inventory rights opens the repair of the
        ticket from its smart button, read-only, and goes back."""
        self.env["repair.order"].create(self.ticket._aftersales_repair_values())
        new_test_user(
            self.env,
            login="repair-reader",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        self.start_tour(
            f"/odoo/action-{self.action.id}/{self.ticket.id}",
            "helpdesk_aftersales_repair_readonly_tour",
            login="repair-reader",
        )


@tagged("post_install", "-at_install")
class TestRepairPortal(RepairTestMixin, AftersalesTestMixin, HttpCase):
    """The ticket's portal page lists the repairs of the visitor's own
    customer, with their state, never the drafts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._repair_setup()
        cls.portal_a = new_portal_user(cls.env, cls.customer, "portal-a")
        cls.ticket = cls._repair_ticket(cls.customer, product_id=cls.chair.id)
        Repair = cls.env["repair.order"]
        cls.repaired = Repair.create(cls.ticket._aftersales_repair_values())
        cls.repaired.action_validate()
        cls.repaired.action_repair_start()
        cls.repaired.action_repair_end()
        cls.confirmed = Repair.create(cls.ticket._aftersales_repair_values())
        cls.confirmed.action_validate()
        cls.draft = Repair.create(cls.ticket._aftersales_repair_values())
        cls.portal_b = new_portal_user(cls.env, cls.other_customer, "portal-b")
        cls.ticket.message_subscribe(cls.portal_b.partner_id.ids)

    def _page(self, login):
        return self._aftersales_portal_page(self.ticket, login)

    def test_customer_sees_own_repairs_with_their_state(self):
        self.assertEqual(self.repaired.state, "done")
        page = self._page("portal-a")
        section = page.split('name="aftersales_portal_documents"')[1]
        # (one row per repair, each named after the kind)
        repairs = section[section.index('name="aftersales_repair_count"') :]
        self.assertIn('o_portal_aftersales_label">Repair<', repairs)
        for repair, state in (
            (self.repaired, "Repaired"),
            (self.confirmed, "Confirmed"),
        ):
            row = repairs.split(repair.name)[1].split("</tr>")[0]
            self.assertIn(state, row)
            self.assertIn("Office Chair", row, "the product repaired")
        self.assertNotIn(self.draft.name, page, "drafts stay internal")
        self.assertNotIn(f"/odoo/repair.order/{self.repaired.id}", section)
        self.assertNotIn("access_token", section)

    def test_followers_of_other_customers_see_nothing(self):
        page = self._page("portal-b")
        self.assertFalse("aftersales_portal_documents" in page)
        for repair in self.repaired | self.confirmed | self.draft:
            self.assertFalse(repair.name in page)
