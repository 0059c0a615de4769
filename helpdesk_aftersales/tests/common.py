# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Abstract bases and helpers for the tests of the after-sales addons (no test of
their own: import only what is in this module into a test module)."""

from contextlib import contextmanager

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.helpdesk_aftersales.models.helpdesk_ticket_team import (
    AFTERSALES_FEATURE_MODULES,
)
from odoo.addons.helpdesk_mgmt.tests.common import TestHelpdeskTicketBase


def declare_absent_bridges_installed(env):
    """Tests switch toggles on: a bridge that is not installed in this database (not
    written yet, not on the addons path, or not installed) is declared installed for
    the test transaction, so that saving a team does not wait for its installation
    (installations never run inside tests)."""
    Module = env["ir.module.module"].sudo()
    names = set(AFTERSALES_FEATURE_MODULES.values())
    present = Module.search([("name", "in", list(names))])
    present.filtered(lambda m: m.state != "installed").state = "installed"
    Module.create(
        [
            {"name": name, "state": "installed"}
            for name in names - set(present.mapped("name"))
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

    def _aftersales_made(self):
        """How many documents the bridge under test has made: what a refused call
        must leave unchanged (see :meth:`assertRefused`)."""
        raise NotImplementedError

    def assertRefused(self, call, message, exception=UserError):
        """``call()`` fails with ``exception`` saying ``message``, and makes
        nothing."""
        count = self._aftersales_made()
        with self.assertRaisesText(exception, message):
            call()
        self.assertEqual(self._aftersales_made(), count, "nothing created")

    def assertCountQueries(self, tickets, user, count_fields):
        """Reading the counts ``count_fields`` of one ticket or of all ``tickets``
        as ``user`` costs one query for every document kind the user may read
        (the count fields share one compute), whatever the number of tickets,
        and none when the user may read no kind.

        :return: ``{count_field: total over tickets}``
        """
        tickets = tickets.with_user(user)
        # (kinds linked but not counted have no count field, no query)
        kinds = [k for k in tickets._aftersales_document_kinds() if k.count_field]
        readable = [
            kind
            for kind in kinds
            if kind.sudo or self.env[kind.model].with_user(user).has_access("read")
        ]
        tickets[-1:].mapped(count_fields[0])  # warm the access caches
        for batch in (tickets[:1], tickets):
            # (the counts only: some record rules read companies once per cache)
            tickets.invalidate_recordset([kind.count_field for kind in kinds])
            with self.assertQueryCount(1 if readable else 0):
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

    def assertCountPerUser(self, ticket, count_field, reader, other, count):
        """The count of ``ticket`` is ``count`` for ``reader`` and 0 for ``other``,
        asked in turn in one transaction: no value leaks from one to the other
        (the count depends on the user)."""
        self.assertEqual(ticket.with_user(reader)[count_field], count)
        self.assertEqual(ticket.with_user(other)[count_field], 0)
        self.assertEqual(ticket.with_user(reader)[count_field], count)
        field = ticket._fields[count_field]
        self.assertIn("uid", field.get_depends(ticket)[1])

    @classmethod
    def _aftersales_tickets(cls, team, partner, count):
        """``count`` tickets of ``team`` for ``partner`` (for counts in batch)."""
        return cls.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Ticket {n}",
                    "description": "<p>d</p>",
                    "team_id": team.id,
                    "partner_id": partner.id,
                }
                for n in range(count)
            ]
        )

    @classmethod
    def _aftersales_unreadable_ticket(cls, toggle, partner, login, groups):
        """A ticket of a team with ``toggle`` on, and a user ``login`` (personal
        tickets only, and ``groups``) who cannot read it."""
        team = cls._aftersales_team("Secret", **{toggle: True})
        ticket = cls._aftersales_ticket(team, partner)
        user = cls._aftersales_user(
            login, f"helpdesk_mgmt.group_helpdesk_user_own,{groups}"
        )
        return ticket, user

    def _aftersales_load_korean(self, *modules):
        """Activate Korean and load the Korean of the base addon and of
        ``modules`` (as installing or updating them does)."""
        self.env["res.lang"]._activate_lang("ko_KR")
        self.env["ir.module.module"]._load_module_terms(
            ["helpdesk_aftersales", *modules], ["ko_KR"], overwrite=True
        )

    def _aftersales_portal_page(self, ticket, login):
        """The portal page of ``ticket`` as the portal user ``login`` (password =
        login): its HTML."""
        self.authenticate(login, login)
        response = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(ticket.name in response.text, "the ticket page")
        return response.text

    def _aftersales_start_tour(self, ticket, tour, groups=()):
        """Run the browser tour ``tour`` from the form of ``ticket``, as admin
        with the groups ``groups`` (xmlids) in the ticket's company."""
        admin = self.env.ref("base.user_admin")
        for xmlid in groups:
            admin.group_ids |= self.env.ref(xmlid)
        admin.company_ids |= ticket.company_id
        admin.company_id = ticket.company_id
        action = self.env.ref("helpdesk_mgmt.helpdesk_ticket_action")
        self.start_tour(f"/odoo/action-{action.id}/{ticket.id}", tour, login="admin")

    @classmethod
    def _aftersales_attackers(cls, ticket, suffix=""):
        """The users who read ``ticket`` without the right to act on it, or who
        may not see what others may, as an attacker would use them:

        - ``follower_sales``: a salesperson (Billing too) without helpdesk group
          who follows the ticket;
        - ``follower_stock``: an inventory user (and project user) without
          helpdesk group who follows the ticket;
        - ``manager``: a helpdesk manager who is not an administrator;
        - ``own``: an agent restricted to their own tickets (not this one);
        - ``colleague``: a portal user of the ticket's customer company (another
          contact than the ticket's);
        - ``stranger``: a portal user of another customer.

        :return: ``{name: user}``
        """
        company = ticket.company_id
        users = {
            "follower_sales": cls._aftersales_user(
                f"follower-sales{suffix}",
                "sales_team.group_sale_salesman,account.group_account_invoice",
                company,
            ),
            "follower_stock": cls._aftersales_user(
                f"follower-stock{suffix}",
                "stock.group_stock_user,project.group_project_user",
                company,
            ),
            "manager": cls._aftersales_user(
                f"helpdesk-manager{suffix}",
                "helpdesk_mgmt.group_helpdesk_manager",
                company,
            ),
            "own": cls._aftersales_user(
                f"own-tickets{suffix}", "helpdesk_mgmt.group_helpdesk_user_own", company
            ),
        }
        ticket.message_subscribe(
            partner_ids=(
                users["follower_sales"] | users["follower_stock"]
            ).partner_id.ids
        )
        customer = ticket.commercial_partner_id
        Partner = cls.env["res.partner"]
        colleague = Partner.create(
            {
                "name": f"Colleague{suffix}",
                "parent_id": customer.id,
                "email": "c@x.example",
            }
        )
        stranger = Partner.create({"name": f"Stranger{suffix}", "email": "s@x.example"})
        users["colleague"] = new_portal_user(cls.env, colleague, f"colleague{suffix}")
        users["stranger"] = new_portal_user(cls.env, stranger, f"stranger{suffix}")
        return users

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


class AftersalesConcurrencyCase(TransactionCase):
    """Base of the tests of two sessions at once (no test of its own): each
    session has a cursor and a transaction of its own, so the data they share is
    committed in :meth:`setUp` and removed at the end. It commits a customer, a
    team with ``_concurrency_toggles`` and a ticket (``self.ids``); a bridge adds
    its documents in :meth:`_concurrency_data` and removes what the sessions made
    in :meth:`_concurrency_cleanup`."""

    _concurrency_toggles = {}

    def setUp(self):
        super().setUp()
        self.uid = self.env.ref("base.user_admin").id
        with committed_env(self.registry) as env:
            partner = env["res.partner"].create({"name": "Concurrent customer"})
            team = env["helpdesk.ticket.team"].create(
                {"name": "Concurrent sessions", **self._concurrency_toggles}
            )
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": "Twice at once?",
                    "description": "<p>Two agents at once</p>",
                    "team_id": team.id,
                    "partner_id": partner.id,
                }
            )
            self.ids = {"partner": partner.id, "team": team.id, "ticket": ticket.id}
            self.ids.update(self._concurrency_data(env, ticket) or {})
        self.addCleanup(self._concurrency_remove)

    def _concurrency_data(self, env, ticket):
        """Commit the bridge's own data; return ``{name: id}`` for ``self.ids``."""
        return {}

    def _concurrency_cleanup(self, env):
        """Remove what the test made (its documents, its dialogs)."""

    def _concurrency_remove(self):
        with committed_env(self.registry) as env:
            self._concurrency_cleanup(env)
            env["helpdesk.ticket"].browse(self.ids["ticket"]).unlink()
            env["helpdesk.ticket.team"].browse(self.ids["team"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).exists().unlink()

    def _session(self, cr):
        """The environment of a session (admin) on cursor ``cr``."""
        return api.Environment(cr, self.uid, {})

    def _open_dialogs(self, button, count=1, values=None):
        """``count`` dialogs of the ticket's header ``button``, saved (committed)
        with ``values``: their ids."""
        with committed_env(self.registry, self.uid) as env:
            ticket = env["helpdesk.ticket"].browse(self.ids["ticket"])
            action = getattr(ticket, button)()
            Wizard = env[action["res_model"]].with_context(**action["context"])
            return Wizard.create([dict(values or {}) for _n in range(count)]).ids

    def _count(self, model, domain):
        with committed_env(self.registry) as env:
            return env[model].sudo().search_count(domain)

    def assertPressedOnce(self, wizard_id, press, count, press_again=None):
        """Two sessions press the dialog ``wizard_id`` at once, ``press(env,
        wizard)`` each (``press_again`` for the second, e.g. another of its
        buttons): while the first holds the dialog, the second gets a clear
        error; once the first committed, the second is told it is done already.
        ``count()`` then counts one document."""
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            press(self._session(cr1), wizard_id)
            with self.assertRaisesRegex(UserError, "processed in another session"):
                (press_again or press)(self._session(cr2), wizard_id)
            cr2.rollback()
            cr1.commit()
            with self.assertRaisesRegex(UserError, "already been done"):
                (press_again or press)(self._session(cr2), wizard_id)
            cr2.rollback()
        self.assertEqual(count(), 1)
