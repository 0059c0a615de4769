# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Abstract bases and helpers of the repair tests (no test of their own)."""

from odoo.fields import Command
from odoo.tests import Form

from odoo.addons.helpdesk_aftersales.tests.common import AftersalesTestMixin
from odoo.addons.helpdesk_aftersales_return.tests.common import (
    ReturnTestMixin,
    put_in_stock,
    sale_delivery,
)
from odoo.addons.sale.tests.common import SaleCommon

REPAIR_VIEW = "repair.view_repair_order_form"
REPAIR_STATUS = "helpdesk_aftersales.mt_ticket_repair_status"


def return_of(ticket, delivery, quantity=None):
    """A return of ``delivery`` made from the Return dialog of ``ticket``
    (``quantity`` of its first product, everything when not given)."""
    env = ticket.env
    wizard = (
        env["stock.return.picking"]
        .with_context(active_model="helpdesk.ticket", active_id=ticket.id)
        .create({"picking_id": delivery.id})
    )
    if quantity is not None:
        wizard.product_return_moves.quantity = 0.0
        wizard.product_return_moves[:1].quantity = quantity
    action = wizard.action_create_returns()
    return env["stock.picking"].browse(action["res_id"])


class RepairTestMixin(ReturnTestMixin):
    """Factories shared by the repair tests (transaction and browser ones): the
    return bridge's customers, chair and team, with Repairs on."""

    @classmethod
    def _repair_setup(cls):
        cls._return_setup()
        cls.team.use_product_repairs = True
        cls.part = cls.env["product.product"].create(
            {"name": "Chair Armrest", "type": "consu", "is_storable": True}
        )
        put_in_stock(cls.env, cls.chair, 50, cls.warehouse)
        put_in_stock(cls.env, cls.part, 50, cls.warehouse)

    @classmethod
    def _sold(cls, partner, product=None, quantity=3):
        """A sales order of ``product`` (the chair) to ``partner``, delivered."""
        return sale_delivery(
            cls.env, partner, product or cls.chair, quantity, cls.warehouse
        )

    @classmethod
    def _replacement(cls, ticket):
        """A replacement delivery of the ticket's product to its customer,
        linked to the ticket (a draft, as a Replace of the ticket makes one)."""
        customers = cls.env.ref("stock.stock_location_customers")
        stock = cls.warehouse.lot_stock_id
        return cls.env["stock.picking"].create(
            {
                "picking_type_id": cls.warehouse.out_type_id.id,
                "partner_id": ticket.partner_id.id,
                "location_id": stock.id,
                "location_dest_id": customers.id,
                "helpdesk_ticket_id": ticket.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": ticket.product_id.id,
                            "product_uom_qty": 1.0,
                            "location_id": stock.id,
                            "location_dest_id": customers.id,
                        }
                    )
                ],
            }
        )

    @classmethod
    def _repair_ticket(cls, partner, orders=None, **values):
        if orders:
            values["sale_order_ids"] = [Command.set(orders.ids)]
        return cls._ticket(partner, **values)


class RepairCommon(RepairTestMixin, AftersalesTestMixin, SaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._repair_setup()
        # an after-sales agent: helpdesk, Inventory and Sales rights
        cls.agent = cls._aftersales_user(
            "repair-agent",
            "helpdesk_mgmt.group_helpdesk_user,stock.group_stock_user,"
            "sales_team.group_sale_salesman_all_leads",
        )
        cls.helpdesk_only = cls._aftersales_user(
            "repair-helpdesk-only", "helpdesk_mgmt.group_helpdesk_user"
        )
        cls.order, cls.delivery = cls._sold(cls.customer)
        cls.ticket = cls._repair_ticket(
            cls.customer, cls.order, product_id=cls.chair.id
        )

    def _open_form(self, ticket=None, user=None):
        """The Repair button, as the ticket form calls it: the form of a new
        repair with the action's context."""
        user = user or self.agent
        ticket = (ticket or self.ticket).with_user(user)
        action = ticket.action_helpdesk_repair()
        Repair = ticket.env[action["res_model"]]
        return Form(Repair.with_context(**action["context"]), view=REPAIR_VIEW)

    def _repair(self, ticket=None, user=None, parts=None):
        """Open the Repair form of the ticket, add ``parts`` (``{product:
        quantity}``) and save."""
        with self._open_form(ticket, user) as form:
            for product, quantity in (parts or {}).items():
                with form.move_ids.new() as line:
                    line.product_id = product
                    line.product_uom_qty = quantity
        return form.save()
