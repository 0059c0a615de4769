# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A probe of every public method the after-sales addons add, as an attacker
reaches them by RPC: found by introspection (a new method is probed without a
new test), called by each user who reads the ticket or the portal without the
right to act, with and without ``default_*`` keys in the context, and by an
agent on bad records (none, two, a missing one). Each call is refused with a
clear error (Odoo's user errors: access, validation, missing record) and
changes nothing; a call that goes through, or fails with another exception,
fails the test and is named."""

from collections import Counter
import logging

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AftersalesCommon
from odoo.addons.helpdesk_aftersales.models.helpdesk_ticket import (
    AFTERSALES_ACTION_FIELDS,
)

_logger = logging.getLogger(__name__)

OUR_MODULES = "odoo.addons.helpdesk_aftersales"
# methods of the ORM and of the framework, reached by the client but not ours to probe
# here (our overrides of them are tested with their feature)
FRAMEWORK = {
    "create",
    "write",
    "unlink",
    "copy",
    "default_get",
    "read",
    "web_read",
    "onchange",
    "name_create",
    "fields_get",
    "get_views",
}
ATTACKERS = ("follower_sales", "follower_stock", "own", "colleague", "stranger")
POISON = {
    "default_helpdesk_ticket_id": 0,  # replaced by another ticket's id
    "default_partner_id": 0,  # replaced by another customer's id
    "default_amount": 1e15,
    "default_quantity": 1e15,
    "default_location_dest_id": 0,  # replaced by the stock location
}


class _Rollback(Exception):
    """Undo a call that went through (it is counted, then rolled back)."""


@tagged("post_install", "-at_install")
class TestTrustProbe(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls._aftersales_team(
            "Probe", **dict.fromkeys(AFTERSALES_ACTION_FIELDS, True)
        )
        cls.ticket = cls._aftersales_ticket(cls.team, cls.customer)
        cls.other_ticket = cls._aftersales_ticket(
            cls.team, cls.env["res.partner"].create({"name": "Other Customer"})
        )
        cls.attackers = cls._aftersales_attackers(cls.ticket)
        cls.agent = cls._aftersales_user(
            "probe-agent",
            "helpdesk_mgmt.group_helpdesk_user,account.group_account_invoice,"
            "stock.group_stock_user,project.group_project_user",
        )

    # ------------------------------------------------------------------
    # What is probed
    # ------------------------------------------------------------------

    def _public_methods(self, model_name):
        """The public methods the after-sales addons define on ``model_name``
        (their own and their overrides), the read-only ones apart."""
        Model = self.env[model_name]
        names = set()
        for cls in type(Model).__mro__:
            if not cls.__module__.startswith(OUR_MODULES):
                continue
            for name, value in vars(cls).items():
                if (
                    callable(value)
                    and not name.startswith("_")
                    and name not in FRAMEWORK
                    and not getattr(value, "_api_model", False)
                ):
                    names.add(name)
        return sorted(
            name
            for name in names
            if not getattr(type(Model), name).__dict__.get("_readonly")
        )

    def _wizard_models(self):
        """The dialogs of the after-sales addons."""
        mixin = self.env["helpdesk.aftersales.wizard.mixin"]
        return sorted(mixin._inherit_children)

    def _poisoned_context(self):
        return {
            **POISON,
            "default_helpdesk_ticket_id": self.other_ticket.id,
            "default_partner_id": self.other_ticket.partner_id.id,
            "default_location_dest_id": self.env.ref("stock.stock_location_stock").id
            if "stock.location" in self.env
            else 0,
        }

    # ------------------------------------------------------------------
    # One call
    # ------------------------------------------------------------------

    def _try(self, results, feature, call):
        """Run ``call`` in a savepoint that is always rolled back; count its
        outcome under ``feature``."""
        try:
            with self.env.cr.savepoint():
                call()
                self.env.flush_all()
                raise _Rollback
        except _Rollback:
            outcome = "through"
        except (UserError, IntegrityError):
            # (a missing required value: the RPC layer answers with Odoo's
            # translated "mandatory field is not set" message)
            outcome = "refused"
        except Exception as error:  # noqa: BLE001 - what the probe counts
            outcome = f"unclear: {type(error).__name__}: {error}"
        finally:
            self.env.invalidate_all()
        results.setdefault(feature, Counter())["tried"] += 1
        if outcome == "refused":
            results[feature]["refused"] += 1
        else:
            results[feature][outcome] += 1
        return outcome

    # ------------------------------------------------------------------
    # The probe
    # ------------------------------------------------------------------

    def test_probe(self):
        results = {}
        failures = []
        contexts = ({}, self._poisoned_context())

        def probe(feature, label, call):
            outcome = self._try(results, feature, call)
            if outcome != "refused":
                failures.append(f"{feature} {label}: {outcome}")

        Ticket = self.env["helpdesk.ticket"]
        for method in self._public_methods("helpdesk.ticket"):
            for name in ATTACKERS:
                for context in contexts:
                    ticket = self.ticket.with_user(self.attackers[name]).with_context(
                        **context
                    )
                    probe(
                        f"helpdesk.ticket.{method}",
                        f"by {name}{' (defaults)' if context else ''}",
                        getattr(ticket, method),
                    )
            # an agent on records that are not one existing ticket
            agent_tickets = Ticket.with_user(self.agent)
            for label, records in (
                ("no ticket", agent_tickets),
                (
                    "two tickets",
                    agent_tickets.browse((self.ticket | self.other_ticket).ids),
                ),
                ("a missing ticket", agent_tickets.browse(10**9)),
            ):
                probe(
                    f"helpdesk.ticket.{method}",
                    f"by the agent on {label}",
                    getattr(records, method),
                )
        for model_name in self._wizard_models():
            Wizard = self.env[model_name]
            methods = self._public_methods(model_name)
            for name in ATTACKERS:
                for context in contexts:
                    opened = Wizard.with_user(self.attackers[name]).with_context(
                        active_model="helpdesk.ticket",
                        active_id=self.ticket.id,
                        active_ids=self.ticket.ids,
                        **context,
                    )
                    probe(
                        f"{model_name} (open)",
                        f"by {name}{' (defaults)' if context else ''}",
                        lambda opened=opened: opened.create({}),
                    )
            # the dialog an agent opened, pressed by the attackers
            try:
                with self.env.cr.savepoint():
                    dialog = (
                        Wizard.with_user(self.agent)
                        .with_context(
                            active_model="helpdesk.ticket",
                            active_id=self.ticket.id,
                            active_ids=self.ticket.ids,
                        )
                        .create({})
                    )
            except (UserError, IntegrityError):
                dialog = None  # the agent cannot open it on this ticket either
            self.env.invalidate_all()
            for method in methods:
                if not dialog:
                    continue
                for name in ATTACKERS:
                    probe(
                        f"{model_name}.{method}",
                        f"by {name} on the agent's dialog",
                        getattr(dialog.with_user(self.attackers[name]), method),
                    )
        table = "\n".join(
            f"{feature:<70} tried {c['tried']:>3}  refused {c['refused']:>3}  "
            f"other {c['tried'] - c['refused']:>3}"
            for feature, c in sorted(results.items())
        )
        total = sum((c for c in results.values()), Counter())
        _logger.info(
            "after-sales trust probe:\n%s\ntotal: tried %s, refused cleanly %s, "
            "went through or unclear %s",
            table,
            total["tried"],
            total["refused"],
            total["tried"] - total["refused"],
        )
        self.assertGreater(total["tried"], 100, "the probe reaches the methods")
        self.assertFalse(failures, "\n".join(failures))
