# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Abstract bases and helpers of the return tests (no test of their own)."""

from odoo.fields import Command
from odoo.tests import Form

from odoo.addons.helpdesk_aftersales.tests.common import AftersalesTestMixin
from odoo.addons.sale.tests.common import SaleCommon

RETURN_VIEW = "helpdesk_aftersales_return.view_stock_return_picking_form_helpdesk"
REPLACE_VIEW = "helpdesk_aftersales_return.helpdesk_aftersales_replace_wizard_view_form"
RETURN_STATUS = "helpdesk_aftersales.mt_ticket_return_status"
DELIVERY_STATUS = "helpdesk_aftersales.mt_ticket_delivery_status"


def storable_product(env, name, tracking="none"):
    return env["product.product"].create(
        {
            "name": name,
            "type": "consu",
            "is_storable": True,
            "tracking": tracking,
            "ticket_active": True,
        }
    )


def put_in_stock(env, product, quantity, warehouse, lots=None):
    """``quantity`` units of ``product`` in the stock of ``warehouse`` (one
    per lot of ``lots`` when given)."""
    Quant = env["stock.quant"]
    if lots:
        for lot in lots:
            Quant._update_available_quantity(
                product, warehouse.lot_stock_id, quantity, lot_id=lot
            )
    else:
        Quant._update_available_quantity(product, warehouse.lot_stock_id, quantity)


def validate_chain(pickings):
    """Validate ``pickings`` and the next steps they make, until every transfer
    of the chain is done (a delivery in one, two or three steps)."""
    env = pickings.env
    done = env["stock.picking"]
    for _step in range(5):
        ready = pickings.filtered(lambda p: p.state == "assigned") - done
        if not ready:
            break
        for picking in ready:
            picking.button_validate()
        done |= ready
        pickings |= ready.move_ids.move_dest_ids.picking_id
    return pickings


def sale_delivery(env, partner, product, quantity, warehouse):
    """A confirmed sales order of ``product`` from ``warehouse``, delivered in
    full: the order and its delivery to the customer (the last step)."""
    order = env["sale.order"].create(
        {
            "partner_id": partner.id,
            "warehouse_id": warehouse.id,
            "order_line": [
                Command.create({"product_id": product.id, "product_uom_qty": quantity})
            ],
        }
    )
    order.action_confirm()
    pickings = validate_chain(order.picking_ids)
    delivery = pickings.filtered(lambda p: p.location_dest_id.usage == "customer")
    return order, delivery


def direct_deliveries(env, partner, product, count, warehouse, quantity=1.0):
    """``count`` done deliveries of ``product`` to ``partner``, made in one batch
    without sales order (a customer's long history)."""
    put_in_stock(env, product, count * quantity, warehouse)
    picking_type = warehouse.out_type_id
    pickings = env["stock.picking"].create(
        [
            {
                "picking_type_id": picking_type.id,
                "partner_id": partner.id,
                "location_id": warehouse.lot_stock_id.id,
                "location_dest_id": env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": quantity,
                            "location_id": warehouse.lot_stock_id.id,
                            "location_dest_id": env.ref(
                                "stock.stock_location_customers"
                            ).id,
                        }
                    )
                ],
            }
            for _n in range(count)
        ]
    )
    pickings.action_confirm()
    pickings.action_assign()
    pickings.move_ids.picked = True
    pickings._action_done()
    return pickings


def replace_dialog(ticket, quantities=None, user=None, **values):
    """The Replace dialog of ``ticket`` opened as ``user`` (default: the
    ticket's environment), with ``quantities`` typed per line (a list, one per
    line; the defaults otherwise) and ``values`` set, saved."""
    ticket = ticket.with_user(user) if user else ticket
    action = ticket.action_helpdesk_replace()
    Wizard = ticket.env[action["res_model"]].with_context(**action["context"])
    with Form(Wizard, view=REPLACE_VIEW) as form:
        for fname, value in values.items():
            setattr(form, fname, value)
        for index, quantity in enumerate(quantities or []):
            with form.line_ids.edit(index) as line:
                line.quantity = quantity
    return form.save()


def replace(ticket, quantities=None, user=None, **values):
    """Open the Replace dialog of ``ticket``, type the quantities, press
    Replace: the dialog, the action and the delivery it made."""
    wizard = replace_dialog(ticket, quantities, user, **values)
    action = wizard.action_create_replacement()
    return wizard, action, ticket.env["stock.picking"].browse(action["res_id"])


class ReturnTestMixin:
    """Factories shared by the return tests (transaction and browser ones)."""

    @classmethod
    def _return_setup(cls):
        # the test user also manages the helpdesk and the inventory
        cls.env.user.group_ids |= cls.env.ref(
            "helpdesk_mgmt.group_helpdesk_manager"
        ) | cls.env.ref("stock.group_stock_manager")
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.team = cls._aftersales_team(
            "Returns Team", use_product_returns=True, use_product_replacements=True
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Return Customer", "is_company": True}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other Customer", "is_company": True}
        )
        cls.chair = storable_product(cls.env, "Office Chair")

    @classmethod
    def _ticket(cls, partner, **values):
        return cls._aftersales_ticket(cls.team, partner, **values)


class ReturnCommon(ReturnTestMixin, AftersalesTestMixin, SaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._return_setup()
        cls.agent = cls._aftersales_user(
            "return-agent",
            "helpdesk_mgmt.group_helpdesk_user,stock.group_stock_user",
        )
        cls.helpdesk_only = cls._aftersales_user(
            "return-helpdesk-only", "helpdesk_mgmt.group_helpdesk_user"
        )
        put_in_stock(cls.env, cls.chair, 50, cls.warehouse)
        cls.order, cls.delivery = sale_delivery(
            cls.env, cls.customer, cls.chair, 3, cls.warehouse
        )
        cls.ticket = cls._ticket(
            cls.customer,
            product_id=cls.chair.id,
            sale_order_ids=[Command.set(cls.order.ids)],
        )

    def _open_dialog(self, ticket=None, user=None):
        """The Return button, as the ticket form calls it: the dialog's model in
        the action's context, and the action."""
        user = user or self.agent
        ticket = (ticket or self.ticket).with_user(user)
        action = ticket.action_helpdesk_return()
        Wizard = self.env[action["res_model"]].with_user(user)
        return Wizard.with_context(**action["context"]), action

    def _dialog(self, quantities=None, delivery=None, ticket=None, user=None):
        """The saved dialog, with ``delivery`` chosen and the ``quantities`` (a
        list, one per line) typed in the form."""
        Wizard, _action = self._open_dialog(ticket, user)
        with Form(Wizard, view=RETURN_VIEW) as form:
            if delivery is not None:
                form.picking_id = delivery
            for index, quantity in enumerate(quantities or []):
                with form.product_return_moves.edit(index) as line:
                    line.quantity = quantity
        return form.save()

    def _return(self, quantities=None, delivery=None, ticket=None, user=None):
        """Open the dialog, type the quantities, press Return."""
        wizard = self._dialog(quantities, delivery, ticket, user)
        action = wizard.action_create_returns()
        return wizard, action, self.env["stock.picking"].browse(action["res_id"])

    def _picking_count(self):
        return self.env["stock.picking"].sudo().search_count([])
