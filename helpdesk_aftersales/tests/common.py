# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Abstract base for the tests of the after-sales addons (no test of its own)."""

from odoo.tests import new_test_user

from odoo.addons.helpdesk_aftersales.models.helpdesk_ticket_team import (
    AFTERSALES_FEATURE_MODULES,
)
from odoo.addons.helpdesk_mgmt.tests.common import TestHelpdeskTicketBase


def declare_absent_bridges_installed(env):
    """Tests switch toggles on: a bridge that is not in this database (not written
    yet, or not on the addons path) is declared installed for the test transaction,
    so that saving a team does not try to install it."""
    Module = env["ir.module.module"].sudo()
    present = set(Module.search([]).mapped("name"))
    Module.create(
        [
            {"name": name, "state": "installed"}
            for name in set(AFTERSALES_FEATURE_MODULES.values()) - present
        ]
    )


class AftersalesCommon(TestHelpdeskTicketBase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        declare_absent_bridges_installed(cls.env)
        cls.manager = new_test_user(
            cls.env,
            login="aftersales-manager",
            groups="helpdesk_mgmt.group_helpdesk_manager",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "After-Sales Customer", "email": "customer@example.com"}
        )

    @classmethod
    def _module(cls, name, state):
        """Put the module ``name`` in ``state`` for this test (transactional)."""
        Module = cls.env["ir.module.module"].sudo()
        module = Module.search([("name", "=", name)])
        if not module:
            return Module.create({"name": name, "state": state})
        module.state = state
        return module
