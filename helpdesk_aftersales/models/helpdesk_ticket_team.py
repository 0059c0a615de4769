# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

_logger = logging.getLogger(__name__)

# The one place that says which addon brings each after-sales option of a team.
# Two options may share an addon (gift cards and coupons): it is installed once.
AFTERSALES_FEATURE_MODULES = {
    "use_credit_notes": "helpdesk_aftersales_refund",
    "use_giftcards": "helpdesk_aftersales_coupon",
    "use_coupons": "helpdesk_aftersales_coupon",
    "use_product_returns": "helpdesk_aftersales_return",
    "use_product_replacements": "helpdesk_aftersales_return",
    "use_product_repairs": "helpdesk_aftersales_repair",
    "use_fsm": "helpdesk_aftersales_fsm",
}


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    use_credit_notes = fields.Boolean(
        string="Refunds",
        help="Issue credit notes to refund customers or settle balances",
    )
    use_giftcards = fields.Boolean(
        string="Gift Cards",
        help="Reimburse customers with a gift card for future purchases",
    )
    use_coupons = fields.Boolean(
        string="Coupons",
        help="Grant discounts or free products with existing coupon programs",
    )
    use_product_returns = fields.Boolean(
        string="Returns",
        help="Start a return of delivered products",
    )
    use_product_replacements = fields.Boolean(
        string="Replacements",
        help="Send a replacement for a lost, damaged or returned item",
    )
    use_product_repairs = fields.Boolean(
        string="Repairs",
        help="Send broken or defective products for repair",
    )
    use_fsm = fields.Boolean(
        string="Field Service",
        help="Plan onsite interventions",
    )
    aftersales_install_warning = fields.Char(
        string="Install Warning",
        compute="_compute_aftersales_install_warning",
        help="Options switched on whose app is not installed yet: saving installs it.",
    )

    @api.model
    def _aftersales_feature_fields(self):
        """Names of the after-sales toggles, in the order of the team form."""
        return list(AFTERSALES_FEATURE_MODULES)

    @api.depends(*AFTERSALES_FEATURE_MODULES)
    def _compute_aftersales_install_warning(self):
        missing = self._aftersales_missing_module_names()
        labels = self.fields_get(self._aftersales_feature_fields(), ["string"])
        for team in self:
            names = [
                labels[fname]["string"]
                for fname in team._aftersales_enabled_features()
                if AFTERSALES_FEATURE_MODULES[fname] in missing
            ]
            team.aftersales_install_warning = (
                self.env._(
                    "Saving installs the app needed by: %(features)s. "
                    "The page reloads afterwards.",
                    features=", ".join(names),
                )
                if names
                else False
            )

    def _aftersales_enabled_features(self):
        self.ensure_one()
        return [f for f in self._aftersales_feature_fields() if self[f]]

    @api.model
    def _aftersales_missing_module_names(self):
        """Addons of the map that are known to the server but not installed."""
        modules = (
            self.env["ir.module.module"]
            .sudo()
            .search(
                [
                    ("name", "in", list(set(AFTERSALES_FEATURE_MODULES.values()))),
                    ("state", "in", ("uninstalled", "to remove")),
                ]
            )
        )
        return set(modules.mapped("name"))

    def _aftersales_modules_to_install(self, feature_names=None):
        """The addons (sudo ``ir.module.module``) needed by the toggles switched on
        in ``self`` (or by ``feature_names``) that are not installed, each once.
        Toggles off need nothing.

        :raise UserError: an option is on whose addon is not on this server.
        """
        if feature_names is None:
            feature_names = {
                fname for team in self for fname in team._aftersales_enabled_features()
            }
        wanted = {AFTERSALES_FEATURE_MODULES[fname] for fname in feature_names}
        Module = self.env["ir.module.module"].sudo()
        if not wanted:
            return Module
        modules = Module.search([("name", "in", list(wanted))])
        unavailable = wanted - set(
            modules.filtered(lambda m: m.state != "uninstallable").mapped("name")
        )
        if unavailable:
            raise UserError(
                self.env._(
                    "This option needs the module %(modules)s, which is not "
                    "available on this server. Ask your administrator to add it to "
                    "the addons path and update the apps list.",
                    modules=", ".join(sorted(unavailable)),
                )
            )
        return modules.filtered(lambda m: m.state in ("uninstalled", "to remove"))

    def _aftersales_install_features(self, modules):
        """Install, as superuser, ``modules`` (from
        :meth:`_aftersales_modules_to_install`).

        While the registry is loading (a toggle set by the data or demo of a module
        being installed), the addons are only marked: the running installation
        picks them up, so no installation is nested in another.
        """
        if not modules:
            return False
        _logger.info(
            "Helpdesk after-sales: installing %s for teams %s",
            ", ".join(modules.mapped("name")),
            self.ids,
        )
        if not self.env.registry.ready:
            modules.button_install()
            return False
        modules.button_immediate_install()
        return True

    @api.model
    def _aftersales_switched_on(self, vals):
        return {fname for fname in self._aftersales_feature_fields() if vals.get(fname)}

    @api.model_create_multi
    def create(self, vals_list):
        # Checked before anything is written: an unavailable addon changes nothing.
        modules = self._aftersales_modules_to_install(
            set().union(*(self._aftersales_switched_on(vals) for vals in vals_list))
        )
        teams = super().create(vals_list)
        teams._aftersales_install_features(modules)
        return teams

    def write(self, vals):
        modules = self._aftersales_modules_to_install(
            self._aftersales_switched_on(vals)
        )
        res = super().write(vals)
        self._aftersales_install_features(modules)
        return res

    @api.model
    def _aftersales_reset_features_of(self, module_names):
        """Switch off, on every team of every company, the toggles whose addon is in
        ``module_names`` (called when those addons are uninstalled)."""
        fnames = [
            fname
            for fname, module in AFTERSALES_FEATURE_MODULES.items()
            if module in module_names
        ]
        if not fnames:
            return
        domain = Domain.OR(Domain(fname, "=", True) for fname in fnames)
        teams = self.sudo().with_context(active_test=False).search(domain)
        teams.write(dict.fromkeys(fnames, False))
