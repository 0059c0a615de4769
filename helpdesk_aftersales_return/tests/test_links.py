# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Links of transfers to tickets, whoever writes them (a form, an import, an
RPC call, a default_* key of the context): checked on the final values, per
kind of transfer."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import ReturnCommon


@tagged("post_install", "-at_install")
class TestLinks(ReturnCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receipt = cls._transfer(cls.warehouse.in_type_id, cls.customer)
        cls.internal = cls._transfer(cls.warehouse.int_type_id, cls.customer)
        cls.outgoing = cls._transfer(cls.warehouse.out_type_id, cls.customer)

    @classmethod
    def _transfer(cls, picking_type, partner, **values):
        return cls.env["stock.picking"].create(
            cls._transfer_values(picking_type, partner, **values)
        )

    @classmethod
    def _transfer_values(cls, picking_type, partner, **values):
        return {
            "picking_type_id": picking_type.id,
            "partner_id": partner.id,
            "move_ids": [
                Command.create({"product_id": cls.chair.id, "product_uom_qty": 1.0})
            ],
            **values,
        }

    def _aftersales_made(self):
        return (
            self.env["stock.picking"]
            .sudo()
            .search_count([("helpdesk_ticket_id", "!=", False)])
        )

    def _link(self, picking, ticket=None, user=None):
        picking = picking.with_user(user) if user else picking
        picking.write({"helpdesk_ticket_id": (ticket or self.ticket).id})

    def test_a_receipt_is_neither_a_return_nor_a_delivery(self):
        """An incoming receipt of the customer that is not a return of theirs
        links to no ticket, whoever writes it, even done."""
        for user in (None, self.agent):
            with self.subTest(user=user and user.login):
                self.assertRefused(
                    lambda user=user: self._link(self.receipt, user=user),
                    "cannot be linked to ticket",
                    ValidationError,
                )
        self.receipt.action_confirm()
        self.receipt.button_validate()
        self.assertEqual(self.receipt.state, "done")
        self.assertRefused(
            lambda: self._link(self.receipt, user=self.agent),
            "cannot be linked to ticket",
            ValidationError,
        )
        self.assertRefused(
            lambda: (
                self.env["stock.picking"]
                .with_user(self.agent)
                .create(
                    self._transfer_values(
                        self.warehouse.in_type_id,
                        self.customer,
                        helpdesk_ticket_id=self.ticket.id,
                    )
                )
            ),
            "cannot be linked to ticket",
            ValidationError,
        )
        self.assertFalse(self.receipt.helpdesk_ticket_id)

    def test_links_need_the_option_of_their_kind(self):
        """A delivery links under Replacements, a return under Returns: with the
        option off, a link written by hand or by RPC is refused (as the user,
        or as code running as superuser)."""
        _wizard, _action, return_picking = self._return([1.0])
        return_picking.helpdesk_ticket_id = False
        self.team.use_product_replacements = False
        for user in (None, self.agent):
            with self.subTest(user=user and user.login):
                self.assertRefused(
                    lambda user=user: self._link(self.outgoing, user=user),
                    "cannot be linked" if user is None else "Replacements is off",
                    UserError,
                )
                self.assertRefused(
                    lambda user=user: self._link(self.internal, user=user),
                    "cannot be linked" if user is None else "Replacements is off",
                    UserError,
                )
                # the return still links (Returns is on)
                self._link(return_picking, user=user)
                return_picking.helpdesk_ticket_id = False
        self.assertRefused(
            lambda: (
                self.env["stock.picking"]
                .with_user(self.agent)
                .create(
                    self._transfer_values(
                        self.warehouse.out_type_id,
                        self.customer,
                        helpdesk_ticket_id=self.ticket.id,
                    )
                )
            ),
            "The option Replacements is off",
        )
        self.team.use_product_returns = False
        self.team.use_product_replacements = True
        self.assertRefused(
            lambda: self._link(return_picking, user=self.agent),
            "The option Returns is off",
        )
        self.assertRefused(
            lambda: self._link(return_picking),
            "cannot be linked",
            ValidationError,
        )
        # with the option on, a delivery and an internal step link
        self._link(self.outgoing, user=self.agent)
        self._link(self.internal, user=self.agent)
        self.assertEqual(self.ticket.delivery_count, 1, "the delivery only counts")

    def test_default_key_is_checked_on_the_final_values(self):
        """A default_helpdesk_ticket_id in the context is a link like any other:
        refused for a user without the rights or a transfer of another
        customer."""
        follower = self._aftersales_user(
            "links-follower-stock", "stock.group_stock_user"
        )
        self.ticket.message_subscribe(partner_ids=follower.partner_id.ids)
        Picking = self.env["stock.picking"].with_context(
            default_helpdesk_ticket_id=self.ticket.id
        )
        self.assertRefused(
            lambda: Picking.with_user(follower).create(
                self._transfer_values(self.warehouse.out_type_id, self.customer)
            ),
            "Only helpdesk agents",
            AccessError,
        )
        self.assertRefused(
            lambda: Picking.with_user(self.agent).create(
                self._transfer_values(self.warehouse.out_type_id, self.other_customer)
            ),
            "cannot be linked to ticket",
            ValidationError,
        )
        self.assertRefused(
            lambda: Picking.with_user(self.agent).create(
                self._transfer_values(self.warehouse.in_type_id, self.customer)
            ),
            "cannot be linked to ticket",
            ValidationError,
        )
        # a return made in Inventory with the key: linked, as the agent may
        delivery = Picking.with_user(self.agent).create(
            self._transfer_values(self.warehouse.out_type_id, self.customer)
        )
        self.assertEqual(delivery.helpdesk_ticket_id, self.ticket)
        self.assertEqual(self.ticket.delivery_count, 1)

    def test_transfer_of_another_company(self):
        company_2 = self.env["res.company"].create({"name": "Second Company"})
        warehouse_2 = self.env["stock.warehouse"].search(
            [("company_id", "=", company_2.id)], limit=1
        )
        env_2 = self.env(
            context={"allowed_company_ids": (company_2 | self.env.company).ids}
        )
        self.env.user.company_ids |= company_2
        foreign = (
            self.env["stock.picking"]
            .with_env(env_2)
            .create(
                {
                    "picking_type_id": warehouse_2.out_type_id.id,
                    "partner_id": self.customer.id,
                }
            )
        )
        self.assertEqual(foreign.company_id, company_2)
        self.assertRefused(
            lambda: self._link(foreign.with_env(env_2)),
            "cannot be linked to ticket",
            ValidationError,
        )
