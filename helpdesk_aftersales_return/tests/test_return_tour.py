# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import format_date

from .common import (
    ReturnTestMixin,
    put_in_stock,
    replace,
    sale_delivery,
    storable_product,
)
from odoo.addons.helpdesk_aftersales.tests.common import (
    AftersalesTestMixin,
    new_portal_user,
)


@tagged("post_install", "-at_install")
class TestReturnTour(ReturnTestMixin, AftersalesTestMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._return_setup()
        put_in_stock(cls.env, cls.chair, 10, cls.warehouse)

    def test_return_tour(self):
        """Ticket, Return, quantities, Return, the return, back to the ticket
        and its Returns smart button."""
        order, delivery = sale_delivery(
            self.env, self.customer, self.chair, 3, self.warehouse
        )
        ticket = self._ticket(
            self.customer,
            product_id=self.chair.id,
            sale_order_ids=[Command.set(order.ids)],
        )
        self._aftersales_start_tour(
            ticket, "helpdesk_aftersales_return_tour", groups=["stock.group_stock_user"]
        )
        return_picking = ticket._aftersales_documents("return_count")
        self.assertEqual(return_picking.return_id, delivery)
        self.assertEqual(return_picking.move_ids.product_uom_qty, 1.0)

    def test_replace_tour(self):
        """Ticket, Replace, the products delivered and their quantities,
        Replace, the delivery ready, back to the ticket and its Deliveries
        smart button."""
        order, _delivery = sale_delivery(
            self.env, self.customer, self.chair, 3, self.warehouse
        )
        ticket = self._ticket(
            self.customer,
            product_id=self.chair.id,
            sale_order_ids=[Command.set(order.ids)],
        )
        self._aftersales_start_tour(
            ticket,
            "helpdesk_aftersales_replace_tour",
            groups=["stock.group_stock_user"],
        )
        delivery = ticket._aftersales_documents("delivery_count")
        self.assertEqual(delivery.state, "assigned")
        self.assertEqual(delivery.move_ids.product_uom_qty, 1.0)


@tagged("post_install", "-at_install")
class TestReturnPortal(ReturnTestMixin, AftersalesTestMixin, HttpCase):
    """The ticket's portal page lists the returns and deliveries of the
    visitor's own customer, with their state, never the drafts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._return_setup()
        put_in_stock(cls.env, cls.chair, 10, cls.warehouse)
        _order, delivery = sale_delivery(
            cls.env, cls.customer, cls.chair, 2, cls.warehouse
        )
        cls.portal_a = new_portal_user(cls.env, cls.customer, "portal-a")
        cls.ticket = cls._ticket(cls.customer, product_id=cls.chair.id)
        wizard = (
            cls.env["stock.return.picking"]
            .with_context(active_model="helpdesk.ticket", active_id=cls.ticket.id)
            .create({"picking_id": delivery.id})
        )
        cls.return_picking = cls.env["stock.picking"].browse(
            wizard.action_create_returns()["res_id"]
        )
        cls.return_picking.button_validate()
        cls.replacement = cls._replacement()
        # a delivery prepared by hand and linked: a draft, internal
        cls.draft = cls.env["stock.picking"].create(
            {
                "picking_type_id": cls.warehouse.out_type_id.id,
                "partner_id": cls.customer.id,
                "helpdesk_ticket_id": cls.ticket.id,
            }
        )
        cls.portal_b = new_portal_user(cls.env, cls.other_customer, "portal-b")
        cls.ticket.message_subscribe(cls.portal_b.partner_id.ids)

    @classmethod
    def _replacement(cls):
        return replace(cls.ticket, [1.0])[2]

    def _page(self, login):
        return self._aftersales_portal_page(self.ticket, login)

    def test_customer_sees_own_returns_and_deliveries(self):
        self.assertEqual(self.return_picking.state, "done")
        self.assertEqual(self.replacement.state, "assigned")
        self.assertEqual(self.draft.state, "draft")
        page = self._page("portal-a")
        section = page.split('name="aftersales_portal_documents"')[1]
        returns = section.split('name="aftersales_return_count"')[1].split(
            'name="aftersales_delivery_count"'
        )[0]
        self.assertIn("Return", returns)
        self.assertIn(self.return_picking.name, returns)
        self.assertIn("Done", returns)
        deliveries = section.split('name="aftersales_delivery_count"')[1]
        self.assertIn("Replacement", deliveries)
        self.assertIn(self.replacement.name, deliveries)
        self.assertIn("Ready", deliveries)
        self.assertIn("Office Chair: 1.00 Units", deliveries, "what it sends")
        self.assertIn("Office Chair: 2.00 Units", returns, "what came back")
        self.assertNotIn(self.draft.name, page, "drafts stay internal")
        self.assertNotIn("access_token", section)

    def test_followers_of_other_customers_see_nothing(self):
        page = self._page("portal-b")
        self.assertFalse("aftersales_portal_documents" in page)
        self.assertFalse(self.return_picking.name in page)
        self.assertFalse(self.replacement.name in page)

    def test_warranty_on_the_portal(self):
        """The portal ticket page says whether the unit is under warranty, as
        the form does; nothing when it is unknown."""
        drill = storable_product(self.env, "Drill", tracking="serial")
        drill.write({"warranty": 2, "warranty_type": "year"})
        lot = self.env["stock.lot"].create(
            {"name": "SN-PORTAL", "product_id": drill.id}
        )
        put_in_stock(self.env, drill, 1, self.warehouse, lots=[lot])
        sale_delivery(self.env, self.customer, drill, 1, self.warehouse)
        ticket = self._ticket(self.customer, product_id=drill.id, lot_id=lot.id)
        ticket.message_subscribe(self.portal_b.partner_id.ids)
        self.assertEqual(ticket.aftersales_warranty_status, "under")
        page = self._aftersales_portal_page(ticket, "portal-a")
        warranty = page.split('name="aftersales_warranty"')[1][:600]
        end = format_date(self.env, ticket.aftersales_warranty_end)
        self.assertIn(f"Under warranty until {end}", warranty)
        self.assertIn("text-bg-success", warranty)
        self.assertNotIn('name="aftersales_warranty"', self._page("portal-a"))
