# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Abstract base of the tests of "Returned products", the credit method of the
Refund dialog (no test of its own)."""

from odoo.fields import Command
from odoo.tests import Form

from odoo.addons.helpdesk_aftersales.tests.common import AftersalesTestMixin

REFUND_VIEW = "helpdesk_aftersales_refund.view_account_move_reversal_helpdesk"


class ReturnRefundTestMixin(AftersalesTestMixin):
    """A customer who bought 4 chairs (sales order delivered and invoiced), a
    team with Refunds and Returns, its ticket about the order, and an agent with
    Billing and Inventory rights. Combine it with an accounting test base
    (``TestSaleCommon``, ``AccountTestInvoicingHttpCommon``)."""

    @classmethod
    def _return_refund_setup(cls):
        env = cls.env
        env.user.group_ids |= (
            env.ref("helpdesk_mgmt.group_helpdesk_manager")
            | env.ref("stock.group_stock_manager")
            | env.ref("sales_team.group_sale_manager")
        )
        cls.warehouse = env["stock.warehouse"].search(
            [("company_id", "=", env.company.id)], limit=1
        )
        cls.team = cls._aftersales_team(
            "Returns and Refunds", use_credit_notes=True, use_product_returns=True
        )
        cls.customer = env["res.partner"].create(
            {"name": "Chair Buyer", "is_company": True}
        )
        cls.agent = cls._aftersales_user(
            "return-refund-agent",
            "helpdesk_mgmt.group_helpdesk_user,account.group_account_invoice,"
            "stock.group_stock_user",
        )
        cls.chair = cls._chair("Office Chair", "delivery")

    @classmethod
    def _chair(cls, name, policy, price=100.0):
        product = cls._create_product(
            name=name,
            is_storable=True,
            lst_price=price,
            ticket_active=True,
        )
        product.invoice_policy = policy
        cls.env["stock.quant"]._update_available_quantity(
            product, cls.warehouse.lot_stock_id, 100.0
        )
        return product

    @classmethod
    def _sell(cls, lines, invoice=True, partner=None):
        """A sales order of ``lines`` (``[(product, quantity)]``), delivered, and
        invoiced (posted) when ``invoice``: the order, its delivery and
        invoice."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "warehouse_id": cls.warehouse.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines
                ],
            }
        )
        order.action_confirm()
        delivery = order.picking_ids
        cls._validate(delivery)
        invoices = order.env["account.move"]
        if invoice:
            invoices = order._create_invoices()
            invoices.action_post()
        return order, delivery, invoices

    @staticmethod
    def _validate(picking):
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
        assert picking.state == "done", picking.state

    @classmethod
    def _ticket_of(cls, order, **values):
        return cls._aftersales_ticket(
            cls.team,
            order.partner_id,
            sale_order_ids=[Command.set(order.ids)],
            product_id=order.order_line[:1].product_id.id,
            **values,
        )

    def _return(self, ticket, delivery, quantities, to_refund=True, user=None):
        """A return made from the ticket's Return dialog (``quantities``:
        ``{product: quantity}``), then received: the done return."""
        user = user or self.agent
        action = ticket.with_user(user).action_helpdesk_return()
        Wizard = self.env[action["res_model"]].with_user(user)
        wizard = Wizard.with_context(**action["context"]).create(
            {"picking_id": delivery.id}
        )
        for line in wizard.product_return_moves:
            line.write(
                {
                    "quantity": quantities.get(line.product_id, 0.0),
                    "to_refund": to_refund,
                }
            )
        action = wizard.action_create_returns()
        returned = self.env["stock.picking"].browse(action["res_id"])
        self._validate(returned)
        return returned

    def _refund_dialog(self, ticket, user=None):
        user = user or self.agent
        action = ticket.with_user(user).action_helpdesk_refund()
        Wizard = self.env[action["res_model"]].with_user(user)
        return Wizard.with_context(**action["context"])

    def _credit_returns(self, ticket, user=None, reason=None):
        """Refund, Returned products (preselected), Reverse: the credit notes."""
        with Form(self._refund_dialog(ticket, user), view=REFUND_VIEW) as form:
            self.assertEqual(form.refund_method, "returned")
            if reason:
                form.aftersales_reason_id = reason
        action = form.save().action_helpdesk_reverse()
        return self.env["account.move"].search(
            action.get("domain") or [("id", "=", action["res_id"])]
        )

    def _aftersales_made(self):
        return self.env["account.move"].sudo().search_count([])
