# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
import functools
import json
import logging

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..installer import install_after_commit

_logger = logging.getLogger(__name__)

MISSING_STATES = ("uninstalled", "to install")
STALE_MODULE_STATE = timedelta(minutes=5)
INSTALL_SCHEDULED = "helpdesk_aftersales.install_scheduled"
INSTALL_ERROR_PARAM = "helpdesk_aftersales.install_error"
# the modules that the running (or a killed) after-sales installation marked
# "to install": the only marks it may reset
INSTALL_MARKED_PARAM = "helpdesk_aftersales.install_marked"
# pg advisory lock key of the after-sales installations ("hdas")
INSTALL_LOCK = 0x68646173

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
    aftersales_reason_required = fields.Boolean(
        string="Reason Required",
        help="Agents must choose a reason in every after-sales dialog of the team.",
    )
    aftersales_install_warning = fields.Char(
        string="Install Warning",
        compute="_compute_aftersales_install_warning",
        help="Options switched on whose app is not installed yet: saving installs "
        "it when you are an administrator, and is refused otherwise.",
    )

    @api.model
    def _aftersales_feature_fields(self):
        """Names of the after-sales toggles, in the order of the team form."""
        return list(AFTERSALES_FEATURE_MODULES)

    @api.depends(*AFTERSALES_FEATURE_MODULES)
    @api.depends_context("uid")
    def _compute_aftersales_install_warning(self):
        missing = self._aftersales_missing_module_names()
        for team in self:
            fnames = [
                fname
                for fname in team._aftersales_enabled_features()
                if AFTERSALES_FEATURE_MODULES[fname] in missing
            ]
            if not fnames:
                team.aftersales_install_warning = False
            elif self.env.is_system():
                team.aftersales_install_warning = self.env._(
                    "Saving installs the app needed by: %(features)s. "
                    "The page reloads afterwards.",
                    features=self._aftersales_feature_labels(fnames),
                )
            else:
                team.aftersales_install_warning = self._aftersales_install_refusal(
                    fnames, self._aftersales_modules_to_install(fnames)
                )

    @api.model
    def _aftersales_feature_labels(self, fnames):
        """The labels of the toggles ``fnames``, in the user's language."""
        labels = self.fields_get(list(fnames), ["string"])
        return ", ".join(
            labels[fname]["string"]
            for fname in self._aftersales_feature_fields()
            if fname in fnames
        )

    @api.model
    def _aftersales_install_refusal(self, fnames, modules):
        """Why a user who is not an administrator may not switch on the toggles
        ``fnames``: installing ``modules`` (and the apps they bring) is an
        administrator's decision."""
        apps = modules.upstream_dependencies(
            exclude_states=("installed", "to upgrade", "to remove", "uninstallable")
        ).filtered("application")
        return self.env._(
            "%(features)s: the app of this option is not installed. Ask an "
            "administrator to switch it on: it installs %(apps)s.",
            features=self._aftersales_feature_labels(fnames),
            apps=", ".join(
                modules.mapped("shortdesc") + sorted(apps.mapped("shortdesc"))
            ),
        )

    @api.model
    def _aftersales_check_install_right(self, feature_names):
        """The addons to install for the toggles ``feature_names`` being switched
        on by the current user (sudo ``ir.module.module``), checked before
        anything is written.

        :raise UserError: an addon is missing and the user is not an administrator
            (installing an app is theirs to decide), or it is not on this server.
        """
        modules = self._aftersales_modules_to_install(feature_names)
        if modules and not self.env.is_system():
            missing = set(modules.mapped("name"))
            fnames = [
                fname
                for fname in feature_names
                if AFTERSALES_FEATURE_MODULES[fname] in missing
            ]
            raise UserError(self._aftersales_install_refusal(fnames, modules))
        return modules

    def _aftersales_enabled_features(self):
        self.ensure_one()
        return [f for f in self._aftersales_feature_fields() if self[f]]

    @api.model
    def _aftersales_missing_module_names(self):
        """Addons of the map that are known to the server but not installed (an
        addon marked "to install" is not installed yet; one marked "to upgrade"
        or "to remove" still is)."""
        modules = (
            self.env["ir.module.module"]
            .sudo()
            .search(
                [
                    ("name", "in", list(set(AFTERSALES_FEATURE_MODULES.values()))),
                    ("state", "in", MISSING_STATES),
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
        return modules.filtered(lambda m: m.state in MISSING_STATES)

    def _aftersales_schedule_install(self, modules):
        """Have ``modules`` installed once the caller's transaction is committed,
        never inside it: an installation commits and rebuilds the registry, which
        would leave an import, an RPC call or a test half-committed.

        While the registry is loading (a toggle set by the data or demo of a
        module being installed), the addons are only marked: the running
        installation picks them up.
        """
        if not modules:
            return
        if not self.env.registry.ready:
            modules.button_install()
            return
        self.env["ir.config_parameter"].sudo().set_param(INSTALL_ERROR_PARAM, False)
        postcommit = self.env.cr.postcommit
        if not postcommit.data.get(INSTALL_SCHEDULED):
            postcommit.data[INSTALL_SCHEDULED] = True
            postcommit.add(functools.partial(install_after_commit, self.env.cr.dbname))

    @api.model
    def _aftersales_install_pending(self):
        """Install, as superuser, the addons needed by the options switched on in
        the database. Runs after the commit of the transaction that switched them
        on, with a cursor of its own (see ``installer.py``); one installation at a
        time per database (an advisory lock). The modules that an earlier
        installation marked and left marked when it was killed are reset first
        (:meth:`_aftersales_reset_stale_module_states`); a failure is kept for
        the team form (:meth:`aftersales_install_status`).

        :return: whether something was installed
        """
        cr = self.env.cr
        cr.execute("SELECT pg_try_advisory_lock(%s)", [INSTALL_LOCK])
        if not cr.fetchone()[0]:
            _logger.info("Helpdesk after-sales: an installation is already running")
            return False
        installed = False
        try:
            env = self.env
            while True:
                Team = env["helpdesk.ticket.team"]
                try:
                    modules = Team._aftersales_modules_to_install(
                        Team._aftersales_features_on()
                    )
                    if not modules:
                        break
                    Team._aftersales_reset_stale_module_states()
                    Team._aftersales_remember_marks(modules)
                    _logger.info(
                        "Helpdesk after-sales: installing %s",
                        ", ".join(modules.mapped("name")),
                    )
                    modules.button_immediate_install()
                except Exception as error:
                    cr.rollback()
                    _logger.exception("Helpdesk after-sales: installation failed")
                    # (a failed installation leaves no mark: Odoo refused before
                    # marking, or reset its marks when loading failed)
                    Team._aftersales_forget_marks()
                    Team._aftersales_set_install_error(str(error))
                    break
                installed = True
                # the installation rebuilt the registry: start from a fresh one
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["helpdesk.ticket.team"]._aftersales_forget_marks()
                env["helpdesk.ticket.team"]._aftersales_set_install_error(False)
        finally:
            cr.execute("SELECT pg_advisory_unlock(%s)", [INSTALL_LOCK])
            cr.commit()  # pylint: disable=invalid-commit
        return installed

    @api.model
    def _aftersales_features_on(self):
        """The toggles switched on in at least one active team of any company."""
        Team = self.sudo()
        return {
            fname
            for fname in self._aftersales_feature_fields()
            if Team.search_count([(fname, "=", True)], limit=1)
        }

    @api.model
    def _aftersales_modules_marked_by(self, modules):
        """The names of the modules that installing ``modules`` marks "to
        install" (them, their missing dependencies, the auto-install modules they
        complete): Odoo's own marking, run in a savepoint and rolled back."""
        Module = self.env["ir.module.module"].sudo()
        before = set(Module.search([("state", "=", "to install")]).mapped("name"))
        with self.env.cr.savepoint() as savepoint:
            modules.button_install()
            marked = Module.search([("state", "=", "to install")]).mapped("name")
            savepoint.close(rollback=True)
        return set(marked) - before

    @api.model
    def _aftersales_remember_marks(self, modules):
        """Record, committed before the installation of ``modules`` starts, the
        modules it is going to mark: if it is killed midway, the next
        installation resets those marks, and only those."""
        marked = self._aftersales_modules_marked_by(modules)
        self.env["ir.config_parameter"].sudo().set_param(
            INSTALL_MARKED_PARAM, json.dumps(sorted(marked))
        )
        self.env.cr.commit()  # pylint: disable=invalid-commit

    @api.model
    def _aftersales_forget_marks(self):
        self.env["ir.config_parameter"].sudo().set_param(INSTALL_MARKED_PARAM, False)

    @api.model
    def _aftersales_reset_stale_module_states(self):
        """Reset the marks that an after-sales installation killed midway left:
        modules it marked "to install" (see :meth:`_aftersales_remember_marks`)
        that are still marked and untouched for ``STALE_MODULE_STATE``. They
        would block every later module operation (and the scheduled actions).
        Marks set by anyone else (an administrator's pending upgrade, another
        installation) are never touched: Odoo then refuses clearly to install
        anything until they are dealt with.

        :return: the names of the modules reset
        """
        ICP = self.env["ir.config_parameter"].sudo()
        try:
            names = json.loads(ICP.get_param(INSTALL_MARKED_PARAM) or "[]")
        except ValueError:
            names = []
        if not isinstance(names, list) or not names:
            return []
        marked = (
            self.env["ir.module.module"]
            .sudo()
            .search(
                [
                    ("name", "in", [name for name in names if isinstance(name, str)]),
                    ("state", "=", "to install"),
                ]
            )
        )
        limit = fields.Datetime.now() - STALE_MODULE_STATE
        stale = marked.filtered(lambda module: module.write_date < limit)
        if stale:
            _logger.warning(
                "Helpdesk after-sales: resetting the marks left by a killed "
                "installation: %s",
                ", ".join(stale.mapped("name")),
            )
            stale.state = "uninstalled"
        # (marks that are gone, installed or reset by Odoo, are forgotten: the
        # module may be marked again by someone else)
        left = (marked - stale).mapped("name")
        ICP.set_param(INSTALL_MARKED_PARAM, json.dumps(sorted(left)) if left else False)
        return stale.mapped("name")

    @api.model
    def _aftersales_set_install_error(self, message):
        self.env["ir.config_parameter"].sudo().set_param(INSTALL_ERROR_PARAM, message)
        self.env.cr.commit()  # pylint: disable=invalid-commit

    @api.model
    def _aftersales_install_running(self):
        """Whether an installation holds the lock (in any process); read from
        ``pg_locks``, so that asking never delays one."""
        self.env.cr.execute(
            """
            SELECT 1 FROM pg_locks
             WHERE locktype = 'advisory' AND granted
               AND classid = 0 AND objid = %s AND objsubid = 1
               AND database = (SELECT oid FROM pg_database
                                WHERE datname = current_database())
            """,
            [INSTALL_LOCK],
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def aftersales_install_status(self):
        """For the team form after saving: the addons still to install for the
        options switched on (an installation still running counts until it has
        rebuilt the registry and told the other processes), and the error of the
        last installation if it failed. Helpdesk managers only."""
        self.browse().check_access("write")
        try:
            pending = self._aftersales_modules_to_install(
                self._aftersales_features_on()
            )
        except UserError as error:
            return {"pending": [], "running": False, "error": str(error)}
        return {
            "pending": pending.mapped("shortdesc"),
            "running": self._aftersales_install_running(),
            "error": self.env["ir.config_parameter"]
            .sudo()
            .get_param(INSTALL_ERROR_PARAM)
            or False,
        }

    @api.model
    def _aftersales_switched_on(self, vals):
        return {fname for fname in self._aftersales_feature_fields() if vals.get(fname)}

    @api.model_create_multi
    def create(self, vals_list):
        # Checked before anything is written, on the final values (defaults of
        # the context included): an addon that is unavailable, or that the user
        # may not install, changes nothing.
        defaults = self.default_get(self._aftersales_feature_fields())
        modules = self._aftersales_check_install_right(
            set().union(
                *(
                    self._aftersales_switched_on({**defaults, **vals})
                    for vals in vals_list
                )
            )
        )
        teams = super().create(vals_list)
        teams._aftersales_schedule_install(modules)
        return teams

    def write(self, vals):
        modules = self._aftersales_check_install_right(
            self._aftersales_switched_on(vals)
        )
        res = super().write(vals)
        self._aftersales_schedule_install(modules)
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
