# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Abstract bases of the coupon and gift card tests (no test of their own)."""

from odoo.fields import Command
from odoo.tests import Form

from odoo.addons.helpdesk_aftersales.tests.common import AftersalesTestMixin
from odoo.addons.sale.tests.common import SaleCommon

WIZARD = "helpdesk.aftersales.coupon.wizard"
WIZARD_VIEW = "helpdesk_aftersales_coupon.helpdesk_aftersales_coupon_wizard_view_form"
COMPACT_FORM = "helpdesk_aftersales_coupon.loyalty_card_view_form_helpdesk"
AGENT_GROUPS = "helpdesk_mgmt.group_helpdesk_user,sales_team.group_sale_salesman"
GIFT_CARD_TEMPLATE = "helpdesk_aftersales_coupon.mail_template_helpdesk_gift_card"
COUPON_TEMPLATE = "helpdesk_aftersales_coupon.mail_template_helpdesk_coupon"


class CouponTestMixin(AftersalesTestMixin):
    """Programs, team, users and ticket of the coupon tests, for transaction and
    HTTP test cases alike."""

    @classmethod
    def _coupon_setup(cls):
        # the programs of the database (Odoo's own gift card program) stay out,
        # as in sale_loyalty's tests
        cls.env["loyalty.program"].search([]).write({"active": False})
        cls.coupon_program = cls._program("coupons", "Apology Coupon")
        cls.gift_program = cls._program("gift_card", "Goodwill Gift Card")
        # a helpdesk user who is a salesperson, without loyalty manager rights
        cls.agent = cls._aftersales_user("coupon-agent", AGENT_GROUPS)
        # a helpdesk user without any Sales rights: gives cards all the same
        cls.helpdesk_only = cls._aftersales_user(
            "coupon-helpdesk-only", "helpdesk_mgmt.group_helpdesk_user"
        )
        cls.team = cls._aftersales_team(
            "Coupon Team", use_coupons=True, use_giftcards=True
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Coupon Customer", "email": "coupon.customer@example.com"}
        )
        cls.colleague = cls.env["res.partner"].create(
            {"name": "Customer's Colleague", "email": "colleague@example.com"}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other Customer", "email": "other.customer@example.com"}
        )
        cls.reason = cls.env.ref("helpdesk_aftersales.reason_goodwill")
        cls.ticket = cls._ticket(cls.customer)
        # the customer is not a follower (as on the demo tickets)
        cls.ticket.message_subscribe(cls.colleague.ids)

    @classmethod
    def _program(cls, program_type, name, **values):
        """A program with the defaults Odoo gives its type (rules, reward and
        e-mail): they come only through ``default_program_type``."""
        return (
            cls.env["loyalty.program"]
            .with_context(default_program_type=program_type)
            .create({"name": name, **values})
        )

    @classmethod
    def _ticket(cls, partner, **values):
        return cls._aftersales_ticket(cls.team, partner, **values)

    def _aftersales_made(self):
        return len(self._cards())

    def _cards(self, **domain):
        return (
            self.env["loyalty.card"]
            .sudo()
            .with_context(active_test=False)
            .search([(key, "=", value) for key, value in domain.items()])
        )


class CouponCommon(CouponTestMixin, SaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._coupon_setup()
        cls.product.write({"list_price": 100.0, "taxes_id": [Command.clear()]})

    def _open(self, kind="coupons", ticket=None, user=None):
        """The Coupon (or Gift Card) button as the ticket form calls it: the
        dialog's model with the action's context, and the action."""
        user = user or self.agent
        ticket = (ticket or self.ticket).with_user(user)
        action = (
            ticket.action_helpdesk_giftcard()
            if kind == "gift_card"
            else ticket.action_helpdesk_coupon()
        )
        Wizard = self.env[action["res_model"]].with_user(user)
        return Wizard.with_context(**action["context"]), action

    def _dialog(self, kind="coupons", ticket=None, user=None, **values):
        """The dialog saved with ``values`` entered in its form."""
        Wizard, _action = self._open(kind, ticket, user)
        with Form(Wizard, view=WIZARD_VIEW) as form:
            for name, value in values.items():
                setattr(form, name, value)
        return form.save()

    def _generate(self, kind="coupons", ticket=None, user=None, **values):
        """Open the dialog, fill it in, press Generate: the dialog and the
        action showing the code."""
        wizard = self._dialog(kind, ticket, user, **values)
        return wizard, wizard.action_helpdesk_generate()

    def _order(self, partner=None):
        return self._create_so(partner_id=(partner or self.customer).id)

    def _apply_code(self, order, code):
        """Apply a code on a sales order as the "Coupon Code" button of the order
        does (``sale_loyalty``): the code, then its only reward."""
        status = order._try_apply_code(code)
        self.assertNotIn("error", status, status.get("error"))
        [(card, rewards)] = status.items()
        self.assertEqual(len(rewards), 1)
        result = order._apply_program_reward(rewards, card)
        self.assertNotIn("error", result)
        return order.order_line.filtered("is_reward_line")
