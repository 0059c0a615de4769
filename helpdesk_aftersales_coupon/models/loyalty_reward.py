# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import format_amount


class LoyaltyReward(models.Model):
    _inherit = "loyalty.reward"

    def _aftersales_fixed_value(self, points):
        """What the reward is worth for a card of ``points``, in the program's
        currency, when that is an amount: a discount per order, or per point
        (times the points). ``None`` for a percentage or a free product, whose
        value depends on the order."""
        self.ensure_one()
        if self.reward_type != "discount":
            return None
        if self.discount_mode == "per_order":
            return self.discount
        if self.discount_mode == "per_point":
            return self.currency_id.round(self.discount * points)
        return None

    def _aftersales_value_text(self, points):
        """What the reward gives a card of ``points``, in our own words (shown to
        agents and customers in their language)."""
        self.ensure_one()
        value = self._aftersales_fixed_value(points)
        if value is not None:
            return self.env._(
                "%(amount)s off",
                amount=format_amount(self.env, value, self.currency_id),
            )
        if self.reward_type == "discount" and self.discount_mode == "percent":
            if self.discount_max_amount:
                return self.env._(
                    "%(percent)s%% off, up to %(amount)s",
                    percent=f"{self.discount:g}",
                    amount=format_amount(
                        self.env, self.discount_max_amount, self.currency_id
                    ),
                )
            return self.env._("%(percent)s%% off", percent=f"{self.discount:g}")
        products = self.reward_product_ids
        if self.reward_type == "product" and products:
            return self.env._(
                "Free product: %(products)s",
                products=", ".join(
                    products.with_context(display_default_code=False).mapped(
                        "display_name"
                    )
                ),
            )
        return self.description or ""
