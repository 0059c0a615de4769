# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Abstract bases and helpers for the tests of the after-sales addons (no test of
their own: import only what is in this module into a test module)."""

from contextlib import contextmanager

from odoo import SUPERUSER_ID, api
from odoo.tests import new_test_user

from odoo.addons.helpdesk_aftersales.models.helpdesk_ticket_team import (
    AFTERSALES_FEATURE_MODULES,
)
from odoo.addons.helpdesk_mgmt.tests.common import TestHelpdeskTicketBase


def declare_absent_bridges_installed(env):
    """Tests switch toggles on: a bridge that is not in this database (not written
    yet, or not on the addons path) is declared installed for the test transaction,
    so that saving a team does not schedule its installation."""
    Module = env["ir.module.module"].sudo()
    present = set(Module.search([]).mapped("name"))
    Module.create(
        [
            {"name": name, "state": "installed"}
            for name in set(AFTERSALES_FEATURE_MODULES.values()) - present
        ]
    )


def flush_status(env):
    """Run what the end of a transaction runs (status messages are posted then,
    as mail tracking messages are)."""
    env.flush_all()
    env.cr.flush()


def notes(record, text):
    """The messages of ``record`` whose body contains ``text``."""
    return record.message_ids.filtered(lambda m: text in (m.body or ""))


def new_portal_user(env, partner, login):
    """A portal user for ``partner`` (password = login)."""
    return (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": partner.name,
                "login": login,
                "password": login,
                "partner_id": partner.id,
                "group_ids": [(6, 0, [env.ref("base.group_portal").id])],
            }
        )
    )


@contextmanager
def committed_env(registry, uid=SUPERUSER_ID):
    """An environment on a cursor of its own, committed at the end: for tests of
    two sessions at once, which must see each other's committed data."""
    with registry.cursor() as cr:
        yield api.Environment(cr, uid, {})


class AftersalesTestMixin:
    """What the test bases of the base addon and of every bridge share: absent
    bridges declared installed, and factories of users, teams and tickets.
    Combine it with the test base of the other side (e.g.
    ``AccountTestInvoicingCommon``): ``class X(AftersalesTestMixin, Base)``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        declare_absent_bridges_installed(cls.env)

    @contextmanager
    def assertRaisesText(self, exception, text):
        """Odoo's ``assertRaises`` (it rolls back what the failing call did, cache
        included, unlike ``assertRaisesRegex``) that also checks the message."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))

    def assertCountQueries(self, tickets, user, count_fields):
        """Reading the counts ``count_fields`` of one ticket or of all ``tickets``
        as ``user`` costs one grouped query per document kind the user may read
        (the count fields share one compute), whatever the number of tickets.

        :return: ``{count_field: total over tickets}``
        """
        tickets = tickets.with_user(user)
        kinds = tickets._aftersales_document_kinds()
        readable = [
            kind
            for kind in kinds
            if kind.sudo or self.env[kind.model].with_user(user).has_access("read")
        ]
        tickets[-1:].mapped(count_fields[0])  # warm the access caches
        for batch in (tickets[:1], tickets):
            # (the counts only: some record rules read companies once per cache)
            tickets.invalidate_recordset([kind.count_field for kind in kinds])
            with self.assertQueryCount(len(readable)):
                totals = {name: sum(batch.mapped(name)) for name in count_fields}
        return totals

    @classmethod
    def _aftersales_user(cls, login, groups, company=None):
        company = company or cls.env.company
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[company.id],
        )

    @classmethod
    def _aftersales_team(cls, name="After-Sales Team", company=None, **toggles):
        return cls.env["helpdesk.ticket.team"].create(
            {"name": name, "company_id": (company or cls.env.company).id, **toggles}
        )

    @classmethod
    def _aftersales_ticket(cls, team, partner, **values):
        return cls.env["helpdesk.ticket"].create(
            {
                "name": "Broken product",
                "description": "<p>The product arrived broken.</p>",
                "team_id": team.id,
                "partner_id": partner.id if partner else False,
                **values,
            }
        )


class AftersalesCommon(AftersalesTestMixin, TestHelpdeskTicketBase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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
