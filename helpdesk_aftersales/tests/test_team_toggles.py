# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
import json
from pathlib import Path
import resource
import signal
import subprocess
import sys
import threading

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import AftersalesCommon
from odoo.addons.helpdesk_aftersales.installer import RAISED_LIMITS, spawn
from odoo.addons.helpdesk_aftersales.models.helpdesk_ticket_team import (
    AFTERSALES_FEATURE_MODULES,
    INSTALL_ERROR_PARAM,
    INSTALL_LOCK,
    INSTALL_MARKED_PARAM,
    INSTALL_SCHEDULED,
)

SPEC_TOGGLES = [
    # field, label, help, addon, in the order of the team form
    (
        "use_credit_notes",
        "Refunds",
        "Issue credit notes to refund customers or settle balances",
        "helpdesk_aftersales_refund",
    ),
    (
        "use_giftcards",
        "Gift Cards",
        "Reimburse customers with a gift card for future purchases",
        "helpdesk_aftersales_coupon",
    ),
    (
        "use_coupons",
        "Coupons",
        "Grant discounts or free products with existing coupon programs",
        "helpdesk_aftersales_coupon",
    ),
    (
        "use_product_returns",
        "Returns",
        "Start a return of delivered products",
        "helpdesk_aftersales_return",
    ),
    (
        "use_product_replacements",
        "Replacements",
        "Send a replacement for a lost, damaged or returned item",
        "helpdesk_aftersales_return",
    ),
    (
        "use_product_repairs",
        "Repairs",
        "Send broken or defective products for repair",
        "helpdesk_aftersales_repair",
    ),
    (
        "use_fsm",
        "Field Service",
        "Plan onsite interventions",
        "helpdesk_aftersales_fsm",
    ),
]


@tagged("post_install", "-at_install")
class TestTeamToggles(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # installing an app is an administrator's decision (Settings)
        cls.admin = new_test_user(
            cls.env,
            login="aftersales-admin",
            groups="helpdesk_mgmt.group_helpdesk_manager,base.group_system",
        )

    def _mark(self, state, names=None):
        for name in names or set(AFTERSALES_FEATURE_MODULES.values()):
            self._module(name, state)

    def test_toggle_map_labels_and_help(self):
        Team = self.env["helpdesk.ticket.team"]
        self.assertEqual(
            list(AFTERSALES_FEATURE_MODULES.items()),
            [(fname, addon) for fname, _l, _h, addon in SPEC_TOGGLES],
        )
        description = Team.fields_get(
            [f for f, *_rest in SPEC_TOGGLES], ["string", "help", "type"]
        )
        for fname, label, help_text, _addon in SPEC_TOGGLES:
            self.assertEqual(description[fname]["type"], "boolean")
            self.assertEqual(description[fname]["string"], label)
            self.assertEqual(description[fname]["help"], help_text)
            self.assertFalse(Team.default_get([fname]).get(fname))
            ticket_field = self.env["helpdesk.ticket"]._fields[fname]
            self.assertEqual(ticket_field.related, f"team_id.{fname}")
            self.assertFalse(ticket_field.store)

    def test_team_form_section_order(self):
        arch = self.env["helpdesk.ticket.team"].get_view(view_type="form")["arch"]
        section = etree.fromstring(arch).xpath("//div[@name='aftersales']")[0]
        self.assertEqual(
            # (a bridge may put a setting of its option under it: only the toggles)
            section.xpath(".//field[starts-with(@name, 'use_')]/@name"),
            [fname for fname, *_rest in SPEC_TOGGLES],
        )
        self.assertIn("After-Sales", "".join(section.itertext()))
        for _fname, _label, help_text, _addon in SPEC_TOGGLES:
            self.assertIn(help_text, "".join(section.itertext()))

    def test_modules_to_install(self):
        self._mark("uninstalled")
        Team = self.env["helpdesk.ticket.team"]
        self.assertFalse(self.team_a._aftersales_modules_to_install(), "all off")
        # as the form has them before saving
        team = Team.new({"name": "A", "use_giftcards": True, "use_coupons": True})
        self.assertEqual(
            team._aftersales_modules_to_install().mapped("name"),
            ["helpdesk_aftersales_coupon"],
            "two toggles of one addon install it once",
        )
        team_b = Team.new(
            {"name": "B", "use_coupons": True, "use_product_repairs": True}
        )
        modules = (team | team_b)._aftersales_modules_to_install()
        self.assertEqual(
            sorted(modules.mapped("name")),
            ["helpdesk_aftersales_coupon", "helpdesk_aftersales_repair"],
        )
        self._mark("installed", ["helpdesk_aftersales_coupon"])
        self.assertEqual(
            (team | team_b)._aftersales_modules_to_install().mapped("name"),
            ["helpdesk_aftersales_repair"],
            "installed addons are not installed again",
        )

    def test_write_unavailable_module_is_refused(self):
        self._module("helpdesk_aftersales_fsm", "uninstallable")
        with self.assertRaisesText(UserError, "helpdesk_aftersales_fsm"):
            self.team_a.with_user(self.manager).write({"use_fsm": True})
        self.assertFalse(self.team_a.use_fsm)

    def test_write_with_installed_module_installs_nothing(self):
        self._mark("installed")
        self.team_a.with_user(self.manager).write(
            {fname: True for fname in AFTERSALES_FEATURE_MODULES}
        )
        self.assertTrue(all(self.team_a[f] for f in AFTERSALES_FEATURE_MODULES))
        self.assertFalse(
            self.env["ir.module.module"].search_count([("state", "=", "to install")])
        )
        self.team_a.with_user(self.manager).write({"use_fsm": False})
        self.assertFalse(self.team_a.use_fsm, "turning off uninstalls nothing")
        self.assertEqual(
            self._module("helpdesk_aftersales_fsm", "installed").state, "installed"
        )

    def test_install_warning_before_saving(self):
        self._mark("installed")
        self._mark("uninstalled", ["helpdesk_aftersales_refund"])
        with Form(self.team_a.with_user(self.admin)) as form:
            self.assertFalse(form.aftersales_install_warning)
            form.use_coupons = True
            self.assertFalse(form.aftersales_install_warning)
            form.use_credit_notes = True
            self.assertIn("Refunds", form.aftersales_install_warning)
            self.assertNotIn("Coupons", form.aftersales_install_warning)
            form.use_credit_notes = False
            self.assertFalse(form.aftersales_install_warning)

    def test_reset_on_uninstall(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        archived = self.env["helpdesk.ticket.team"].create(
            {"name": "Archived", "active": False, "company_id": other_company.id}
        )
        self._mark("installed")
        teams = self.team_a | self.team_b | archived
        teams.write({"use_coupons": True, "use_giftcards": True, "use_fsm": True})
        self.env["helpdesk.ticket.team"]._aftersales_reset_features_of(
            {"helpdesk_aftersales_coupon", "some_other_module"}
        )
        for team in teams:
            self.assertFalse(team.use_coupons or team.use_giftcards, team.name)
            self.assertTrue(team.use_fsm, "other toggles are kept")

    def test_only_managers_change_toggles(self):
        self._mark("installed")
        for user in (self.user_own, self.user_team, self.user):
            with self.assertRaises(AccessError):
                self.team_a.with_user(user).write({"use_coupons": True})
            # everybody reads them (ticket views need them)
            self.assertFalse(self.team_a.with_user(user).use_coupons)
        self.team_a.with_user(self.manager).write({"use_coupons": True})
        self.assertTrue(self.team_a.use_coupons)

    def _scheduled(self):
        return bool(self.env.cr.postcommit.data.get(INSTALL_SCHEDULED))

    def _states(self):
        names = list(set(AFTERSALES_FEATURE_MODULES.values()))
        return {
            m.name: m.state
            for m in self.env["ir.module.module"].search([("name", "in", names)])
        }

    def test_install_runs_after_the_commit_never_inside(self):
        self._mark("installed")
        self._mark("uninstalled", ["helpdesk_aftersales_refund"])
        self.env.cr.postcommit.data.pop(INSTALL_SCHEDULED, None)
        before = self._states()
        self.team_a.with_user(self.admin).write({"use_credit_notes": True})
        self.assertTrue(self.team_a.use_credit_notes)
        self.assertEqual(self._states(), before, "nothing installed in the write")
        self.assertTrue(self._scheduled(), "installed after the commit")

    def test_pending_module_states(self):
        self._mark("installed")
        self.env.cr.postcommit.data.pop(INSTALL_SCHEDULED, None)
        # marked "to remove": still installed, saving works, nothing to install
        self._module("helpdesk_aftersales_fsm", "to remove")
        with Form(self.team_a.with_user(self.manager)) as form:
            form.use_fsm = True
            self.assertFalse(form.aftersales_install_warning)
        self.assertTrue(self.team_a.use_fsm)
        self.assertFalse(self._scheduled())
        # marked "to install" (an installation that never ran): not installed
        self._module("helpdesk_aftersales_repair", "to install")
        with Form(self.team_a.with_user(self.admin)) as form:
            form.use_product_repairs = True
            self.assertIn("Repairs", form.aftersales_install_warning)
        self.assertTrue(self._scheduled())
        self.assertEqual(
            self.team_a.aftersales_install_status()["pending"],
            [self._module("helpdesk_aftersales_repair", "to install").shortdesc],
        )

    def test_import_and_load_of_teams_with_toggles(self):
        """A CSV import of teams with options does not install inside the import's
        transaction (it would commit it half-way): it schedules the install."""
        self._mark("installed")
        self._mark("uninstalled", ["helpdesk_aftersales_refund"])
        self.env.cr.postcommit.data.pop(INSTALL_SCHEDULED, None)
        before = self._states()
        Team = self.env["helpdesk.ticket.team"].with_user(self.admin)
        result = Team.load(
            ["name", "use_credit_notes", "use_coupons"],
            [["Imported A", "1", "0"], ["Imported B", "1", "1"]],
        )
        self.assertFalse(result["messages"], result)
        teams = Team.browse(result["ids"])
        self.assertEqual(teams.mapped("use_credit_notes"), [True, True])
        self.assertEqual(self._states(), before)
        self.assertTrue(self._scheduled())
        # through the import dialog, test run then import
        importer = (
            self.env["base_import.import"]
            .with_user(self.admin)
            .create(
                {
                    "res_model": "helpdesk.ticket.team",
                    "file": b"name,use_credit_notes\nImported C,True\n",
                    "file_type": "text/csv",
                }
            )
        )
        options = {"has_headers": True, "quoting": '"', "separator": ","}
        for dryrun in (True, False):
            result = importer.execute_import(
                ["name", "use_credit_notes"],
                ["name", "use_credit_notes"],
                options,
                dryrun=dryrun,
            )
            self.assertFalse(result["messages"], result)
        team = Team.search([("name", "=", "Imported C")])
        self.assertTrue(team.use_credit_notes)
        self.assertEqual(self._states(), before)

    def test_import_of_unavailable_option_is_refused(self):
        self._mark("installed")
        self._module("helpdesk_aftersales_fsm", "uninstallable")
        result = (
            self.env["helpdesk.ticket.team"]
            .with_user(self.manager)
            .load(["name", "use_fsm"], [["Imported", "1"]])
        )
        self.assertFalse(result["ids"])
        self.assertIn("helpdesk_aftersales_fsm", result["messages"][0]["message"])
        self.assertFalse(
            self.env["helpdesk.ticket.team"].search([("name", "=", "Imported")])
        )

    def test_install_status_for_the_team_form(self):
        self._mark("installed")
        Team = self.env["helpdesk.ticket.team"]
        self.assertEqual(
            Team.with_user(self.manager).aftersales_install_status(),
            {"pending": [], "running": False, "error": False},
        )
        self.env["ir.config_parameter"].set_param(INSTALL_ERROR_PARAM, "Boom")
        self.assertEqual(
            Team.with_user(self.manager).aftersales_install_status()["error"], "Boom"
        )
        # a new install clears the error of the last one
        self._mark("uninstalled", ["helpdesk_aftersales_coupon"])
        self.team_a.with_user(self.admin).use_coupons = True
        status = Team.with_user(self.manager).aftersales_install_status()
        self.assertFalse(status["error"])
        self.assertEqual(len(status["pending"]), 1)
        with self.assertRaises(AccessError):
            Team.with_user(self.user).aftersales_install_status()

    def test_install_running_is_read_without_taking_the_lock(self):
        Team = self.env["helpdesk.ticket.team"].with_user(self.manager)
        self.assertFalse(Team.aftersales_install_status()["running"])
        with self.registry.cursor() as installer:
            installer.execute("SELECT pg_advisory_lock(%s)", [INSTALL_LOCK])
            try:
                self.assertTrue(Team.aftersales_install_status()["running"])
            finally:
                installer.execute("SELECT pg_advisory_unlock(%s)", [INSTALL_LOCK])
        self.assertFalse(Team.aftersales_install_status()["running"])

    # Installing an app is an administrator's decision.

    def _refused(self, call, team_count=None):
        """``call()`` is refused for the missing refund bridge, naming its app,
        and leaves the teams and the installation schedule as they were."""
        Team = self.env["helpdesk.ticket.team"]
        teams = Team.search_count([])
        with self.assertRaisesText(UserError, "Ask an administrator to switch it on"):
            call()
        self.assertEqual(Team.search_count([]), teams, "no team made")
        self.assertFalse(self.team_a.use_credit_notes, "nothing written")
        self.assertFalse(self._scheduled(), "nothing to install")

    def test_non_admin_manager_may_not_install(self):
        self._mark("installed")
        self._mark("uninstalled", ["helpdesk_aftersales_refund"])
        self.env.cr.postcommit.data.pop(INSTALL_SCHEDULED, None)
        refund = self._module("helpdesk_aftersales_refund", "uninstalled")
        Team = self.env["helpdesk.ticket.team"].with_user(self.manager)
        self.assertFalse(self.manager.has_group("base.group_system"))
        team = self.team_a.with_user(self.manager)
        # RPC write and create, context defaults included
        self._refused(lambda: team.write({"use_credit_notes": True}))
        self._refused(lambda: Team.create({"name": "N", "use_credit_notes": True}))
        self._refused(
            lambda: Team.with_context(default_use_credit_notes=True).create(
                {"name": "N"}
            )
        )
        # the team form: warned before saving, refused on save
        with Form(team) as form:
            form.use_credit_notes = True
            warning = form.aftersales_install_warning
            self.assertIn("Ask an administrator to switch it on", warning)
            self.assertIn(refund.shortdesc, warning)
            self.assertIn("Refunds", warning)
            self._refused(form.save)
            form.use_credit_notes = False
        # CSV import: the row is refused with the reason, nothing imported
        result = Team.load(["name", "use_credit_notes"], [["Imported", "1"]])
        self.assertFalse(result["ids"])
        self.assertIn(
            "Ask an administrator to switch it on", result["messages"][0]["message"]
        )
        self.assertFalse(Team.search([("name", "=", "Imported")]))
        self.assertFalse(self._scheduled())
        self.assertEqual(refund.state, "uninstalled")

    def _dependency(self, module):
        """A dependency of ``module`` other than base (to mark it uninstalled)."""
        dependency = module.dependencies_id.depend_id.filtered(
            lambda m: m.name not in ("base", "helpdesk_aftersales")
        )[:1]
        if not dependency:
            self.skipTest(f"{module.name} is not on the addons path")
        return dependency

    def test_refusal_names_the_apps_it_would_install(self):
        self._mark("installed")
        refund = self._module("helpdesk_aftersales_refund", "uninstalled")
        dependency = self._dependency(refund)
        dependency.write({"state": "uninstalled", "application": True})
        with self.assertRaisesText(UserError, dependency.shortdesc):
            self.team_a.with_user(self.manager).write({"use_credit_notes": True})

    def test_non_admin_manager_may_switch_installed_options(self):
        self._mark("installed")
        self.env.cr.postcommit.data.pop(INSTALL_SCHEDULED, None)
        with Form(self.team_a.with_user(self.manager)) as form:
            form.use_credit_notes = True
            form.use_fsm = True
            self.assertFalse(form.aftersales_install_warning)
        self.assertTrue(self.team_a.use_credit_notes and self.team_a.use_fsm)
        team = (
            self.env["helpdesk.ticket.team"]
            .with_user(self.manager)
            .create({"name": "Installed options", "use_coupons": True})
        )
        self.assertTrue(team.use_coupons)
        self.assertFalse(self._scheduled())

    def test_admin_installs_after_the_commit(self):
        self._mark("installed")
        self._mark("uninstalled", ["helpdesk_aftersales_refund"])
        self.env.cr.postcommit.data.pop(INSTALL_SCHEDULED, None)
        with Form(self.team_a.with_user(self.admin)) as form:
            form.use_credit_notes = True
            self.assertIn("Saving installs", form.aftersales_install_warning)
        self.assertTrue(self.team_a.use_credit_notes)
        self.assertTrue(self._scheduled())

    # The installer resets only the marks it set itself.

    def _age(self, names, hours=1):
        """Modules ``names`` last changed ``hours`` ago (0: now)."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE ir_module_module SET write_date = %s WHERE name IN %s",
            [fields.Datetime.now() - timedelta(hours=hours), tuple(names)],
        )
        self.env.invalidate_all()

    def test_marks_of_an_installation_are_known_before_it_starts(self):
        self._mark("installed")
        refund = self._module("helpdesk_aftersales_refund", "uninstalled")
        Team = self.env["helpdesk.ticket.team"]
        self.assertEqual(
            Team._aftersales_modules_marked_by(refund), {"helpdesk_aftersales_refund"}
        )
        self.assertEqual(refund.state, "uninstalled", "only a dry run")
        dependency = self._dependency(refund)
        dependency.state = "uninstalled"
        marked = Team._aftersales_modules_marked_by(refund)
        # (and the auto-install modules that the dependency completes)
        self.assertLessEqual({"helpdesk_aftersales_refund", dependency.name}, marked)
        self.assertEqual(
            set(
                self.env["ir.module.module"]
                .search([("name", "in", list(marked))])
                .mapped("state")
            ),
            {"uninstalled"},
        )

    def test_only_stale_marks_of_the_installer_are_reset(self):
        self._mark("installed")
        ICP = self.env["ir.config_parameter"].sudo()
        Team = self.env["helpdesk.ticket.team"]
        # an administrator's pending upgrade of another module, an hour old
        other = self._module("helpdesk_mgmt", "to upgrade")
        # a killed installation marked two bridges: one an hour ago, the other
        # was touched a minute ago (another installation may be at it)
        self._module("helpdesk_aftersales_refund", "to install")
        self._module("helpdesk_aftersales_fsm", "to install")
        self._age(["helpdesk_mgmt", "helpdesk_aftersales_refund"])
        self._age(["helpdesk_aftersales_fsm"], hours=0)
        ICP.set_param(
            INSTALL_MARKED_PARAM,
            json.dumps(["helpdesk_aftersales_fsm", "helpdesk_aftersales_refund"]),
        )
        self.assertEqual(
            Team._aftersales_reset_stale_module_states(), ["helpdesk_aftersales_refund"]
        )
        self.assertEqual(self._states()["helpdesk_aftersales_refund"], "uninstalled")
        self.assertEqual(self._states()["helpdesk_aftersales_fsm"], "to install")
        self.assertEqual(other.state, "to upgrade", "an administrator's mark is kept")
        self.assertEqual(
            json.loads(ICP.get_param(INSTALL_MARKED_PARAM)),
            ["helpdesk_aftersales_fsm"],
        )
        # nothing recorded (or garbage): nothing is reset
        self._age(["helpdesk_aftersales_fsm"])
        for recorded in (False, "not json", '{"a": 1}'):
            ICP.set_param(INSTALL_MARKED_PARAM, recorded)
            self.assertEqual(Team._aftersales_reset_stale_module_states(), [])
        self.assertEqual(self._states()["helpdesk_aftersales_fsm"], "to install")
        self.assertEqual(other.state, "to upgrade")

    # The installation process starts with the server's limits and signals.

    def test_install_process_gets_the_limits_and_signals_of_the_server(self):
        """As in a prefork worker's request (soft CPU and memory limits lowered,
        signals blocked in the request's thread), the installation process
        starts with the hard limits and no signal blocked; a plain child of the
        same thread would inherit both."""
        blocked = {
            int(sig)
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGXCPU)
        }
        usage = resource.getrusage(resource.RUSAGE_SELF)
        saved = {limit: resource.getrlimit(limit) for limit in RAISED_LIMITS}
        lowered = {
            resource.RLIMIT_CPU: int(usage.ru_utime + usage.ru_stime) + 3600,
            resource.RLIMIT_AS: 1 << 40,
        }
        for limit, (_soft, hard) in saved.items():
            if hard != resource.RLIM_INFINITY:
                lowered[limit] = min(lowered[limit], hard - 1)
        sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
        children = {}

        def request_thread():
            signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
            for limit, soft in lowered.items():
                resource.setrlimit(limit, (soft, saved[limit][1]))
            try:
                children["plain"] = subprocess.Popen(sleeper)
                children["installer"] = spawn(sleeper)
            finally:
                for limit, values in saved.items():
                    resource.setrlimit(limit, values)

        thread = threading.Thread(target=request_thread)
        thread.start()
        thread.join()
        try:
            state = {
                name: self._process_state(child.pid) for name, child in children.items()
            }
        finally:
            for child in children.values():
                child.kill()
                child.wait()
        # the set-up is what a worker's request has
        self.assertTrue(state["plain"]["blocked"] & blocked)
        for limit, soft in lowered.items():
            self.assertEqual(state["plain"]["limits"][limit][0], soft)
        # the installation process has none of it
        self.assertEqual(state["installer"]["blocked"], set())
        for limit, (_soft, hard) in saved.items():
            self.assertEqual(state["installer"]["limits"][limit], (hard, hard))

    def _process_state(self, pid):
        """The signals blocked and the CPU/memory limits of process ``pid``, read
        from /proc."""
        status = Path(f"/proc/{pid}/status").read_text()
        mask = int(
            next(
                line for line in status.splitlines() if line.startswith("SigBlk:")
            ).split()[1],
            16,
        )
        blocked = {number for number in range(1, 65) if mask & (1 << (number - 1))}
        rows = {
            resource.RLIMIT_CPU: "Max cpu time",
            resource.RLIMIT_AS: "Max address space",
        }
        limits = {}
        for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
            for limit, label in rows.items():
                if line.startswith(label):
                    soft, hard = line[len(label) :].split()[:2]
                    limits[limit] = tuple(
                        resource.RLIM_INFINITY if value == "unlimited" else int(value)
                        for value in (soft, hard)
                    )
        return {"blocked": blocked, "limits": limits}
