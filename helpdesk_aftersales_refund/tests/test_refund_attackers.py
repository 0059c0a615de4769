# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may refund, whatever the client sends: the users an attacker would use,
every public method of the Refund dialog by RPC with bad values, links of
credit notes written by hand, and the reason of the dialog."""

import inspect

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import REFUND_VIEW, RefundCommon

# what a JSON-RPC client can call on the dialog besides the ORM's own methods:
# Odoo's buttons (refund_moves, modify_moves), what they call (reverse_moves),
# the ticket's Reverse, and the dialog's defaults
DIALOG_METHODS = (
    "refund_moves",
    "modify_moves",
    "reverse_moves",
    "action_helpdesk_reverse",
)


def call(wizard, method):
    return getattr(wizard, method)()


@tagged("post_install", "-at_install")
class TestRefundAttackers(RefundCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.attackers = cls._aftersales_attackers(cls.ticket)

    def _credit_note_values(self):
        return {
            "move_type": "out_refund",
            "partner_id": self.partner_a.id,
            "invoice_line_ids": [
                Command.create({"name": "Goodwill", "price_unit": 10.0})
            ],
        }

    # every public method -----------------------------------------------------

    def test_every_public_method_is_guarded(self):
        """The public methods of the dialog are the ORM's own and the four the
        ticket's rules cover: a method that another addon would add fails
        this test until it is routed through the dialog's run-once."""
        Wizard = self.env["account.move.reversal"]
        orm = {
            name
            for name, _value in inspect.getmembers(type(self.env["base"]))
            if not name.startswith("_")
        }
        public = {
            name
            for name, value in inspect.getmembers(type(Wizard))
            if not name.startswith("_") and callable(value) and name not in orm
        }
        self.assertEqual(public - {"default_get"}, set(DIALOG_METHODS))

    # the users an attacker would use -----------------------------------------

    def test_attackers_cannot_open_the_dialog(self):
        for name, user in self.attackers.items():
            with self.subTest(user=name):
                ticket = self.ticket.with_user(user)
                self.assertFalse(ticket.aftersales_can_refund)
                self.assertRefused(ticket.action_helpdesk_refund, "", AccessError)

    def test_attackers_cannot_use_an_agent_dialog(self):
        """The agent's saved dialog, called by RPC by another user."""
        wizard = self._dialog()
        for name, user in self.attackers.items():
            for method in DIALOG_METHODS:
                with self.subTest(user=name, method=method):
                    self.assertRefused(
                        lambda user=user, method=method: call(
                            wizard.with_user(user), method
                        ),
                        "",
                        AccessError,
                    )
        wizard.action_helpdesk_reverse()  # still the agent's, once
        self.assertEqual(self.ticket.credit_note_count, 1)

    def test_attackers_cannot_make_a_dialog_of_the_ticket(self):
        """A dialog of the ticket created by RPC by each user (those who may
        create reversal dialogs at all: Billing)."""
        values = {
            "helpdesk_ticket_id": self.ticket.id,
            "move_ids": [Command.set(self.invoice.ids)],
            "journal_id": self.invoice.journal_id.id,
            "company_id": self.invoice.company_id.id,
        }
        for name, user in self.attackers.items():
            Wizard = self.env["account.move.reversal"].with_user(user)
            if not Wizard.has_access("create"):
                with self.subTest(user=name, method="create"):
                    self.assertRefused(
                        lambda W=Wizard: W.create(values), "", AccessError
                    )
                continue
            for method in DIALOG_METHODS:
                with self.subTest(user=name, method=method):
                    wizard = Wizard.create(values)
                    self.assertRefused(
                        lambda wizard=wizard, method=method: call(wizard, method),
                        "Only helpdesk agents",
                        AccessError,
                    )
        self.assertEqual(self.invoice.payment_state, "not_paid")

    def test_attackers_cannot_link_credit_notes(self):
        """A credit note created with the ticket in the context or in its
        values, or linked afterwards, by each user."""
        credit_note = self._reverse_invoice(self.invoice)
        for name, user in self.attackers.items():
            Move = self.env["account.move"].with_user(user)
            with self.subTest(user=name, how="default_helpdesk_ticket_id"):
                self.assertRefused(
                    lambda Move=Move: Move.with_context(
                        default_helpdesk_ticket_id=self.ticket.id
                    ).create(self._credit_note_values()),
                    "",
                    AccessError,
                )
            with self.subTest(user=name, how="create"):
                self.assertRefused(
                    lambda Move=Move: Move.create(
                        {
                            **self._credit_note_values(),
                            "helpdesk_ticket_id": self.ticket.id,
                        }
                    ),
                    "",
                    AccessError,
                )
            with self.subTest(user=name, how="write"), self.assertRaises(AccessError):
                credit_note.with_user(user).helpdesk_ticket_id = self.ticket
        self.assertFalse(credit_note.helpdesk_ticket_id)
        self.assertEqual(self.ticket.credit_note_count, 0)

    def test_follower_salesperson_link_refused_on_final_values(self):
        """A salesperson with Billing who follows the ticket (and reads it) may
        create credit notes, but not link them to the ticket: refused on the
        values the credit note ends up with, whatever the way."""
        follower = self.attackers["follower_sales"]
        self.ticket.with_user(follower).check_access("read")
        Move = self.env["account.move"].with_user(follower)
        credit_note = Move.create(self._credit_note_values())  # without ticket
        self.assertFalse(credit_note.helpdesk_ticket_id)
        with self.assertRaisesText(AccessError, "Only helpdesk agents"):
            Move.with_context(default_helpdesk_ticket_id=self.ticket.id).create(
                self._credit_note_values()
            )
        with self.assertRaisesText(AccessError, "Only helpdesk agents"):
            credit_note.write({"helpdesk_ticket_id": self.ticket.id})
        self.assertFalse(notes_of(self.ticket, "Credit note"))

    def test_unreadable_ticket_in_the_context(self):
        """An agent with Billing who cannot read the ticket (own tickets only)
        creates a credit note with the ticket as a default value."""
        secret, own = self._aftersales_unreadable_ticket(
            "use_credit_notes",
            self.partner_a,
            "refund-own-context",
            "account.group_account_invoice",
        )
        Move = self.env["account.move"].with_user(own)
        self.assertRefused(
            lambda: Move.with_context(default_helpdesk_ticket_id=secret.id).create(
                self._credit_note_values()
            ),
            "",
            AccessError,
        )
        self.assertFalse(notes_of(secret, "Credit note"))
        # the same agent on a readable ticket links it
        mine = self._ticket(self.partner_a, user_id=own.id)
        credit_note = Move.with_context(default_helpdesk_ticket_id=mine.id).create(
            self._credit_note_values()
        )
        self.assertEqual(credit_note.helpdesk_ticket_id, mine)
        self.assertTrue(notes_of(mine, "Credit note created from this ticket"))

    # bad values ---------------------------------------------------------------

    def test_several_missing_or_no_dialogs(self):
        first, second = self._dialog(), self._dialog()
        Wizard = self.env["account.move.reversal"].with_user(self.agent)
        for label, wizards in (
            ("several", first | second),
            ("missing", Wizard.browse(999999)),
            ("none", Wizard),
        ):
            for method in DIALOG_METHODS:
                with self.subTest(records=label, method=method):
                    self.assertRefused(
                        lambda wizards=wizards, method=method: call(wizards, method),
                        "This dialog no longer exists",
                    )
        # an accounting dialog (no ticket) mixed with the ticket's one
        plain = (
            self.env["account.move.reversal"]
            .with_user(self.agent)
            .with_context(active_model="account.move", active_ids=self.invoice.ids)
            .create({"journal_id": self.invoice.journal_id.id})
        )
        for method in DIALOG_METHODS:
            with self.subTest(records="mixed", method=method):
                self.assertRefused(
                    lambda method=method: call(first | plain, method),
                    "This dialog no longer exists",
                )
        self.assertRefused(
            plain.action_helpdesk_reverse, "This dialog must be opened from a ticket"
        )
        self.assertEqual(self.ticket.credit_note_count, 0)

    def test_dialog_of_a_missing_or_wrong_ticket(self):
        Wizard = self.env["account.move.reversal"].with_user(self.agent)
        for active_id in (999999, "1", True, [self.ticket.id]):
            with self.subTest(active_id=active_id):
                context = {"active_model": "helpdesk.ticket", "active_id": active_id}
                self.assertRefused(
                    lambda context=context: Wizard.with_context(**context).default_get(
                        ["move_ids", "company_id", "helpdesk_ticket_id"]
                    ),
                    "Choose one existing ticket",
                )

    def test_reverse_moves_wrong_argument(self):
        wizard = self._dialog()
        for value in ("yes", 1, [True], None, {"a": 1}):
            with self.subTest(is_modify=value):
                self.assertRefused(
                    lambda value=value: wizard.reverse_moves(is_modify=value),
                    "Choose a credit method",
                )
        wizard.reverse_moves(is_modify=False)
        self.assertEqual(self.ticket.credit_note_count, 1)

    def test_wrong_values_refused_at_create_and_write(self):
        Wizard, _action = self._open_dialog()
        other_company = self.setup_other_company()["company"]
        bad = [
            ("refund_method", "bogus"),
            ("refund_method", 5),
            ("refund_method", ["full"]),
            ("date", "not a date"),
            ("date", 20260101),
            ("reason", 12),
            ("reason", {"text": "x"}),
            ("move_ids", "1,2"),
            ("move_ids", [(0, 0, {"move_type": "out_invoice"})]),
            ("move_ids", [(1, self.invoice.id, {"ref": "changed"})]),
            ("move_ids", [(2, self.invoice.id)]),
            ("move_ids", [(6, 0, [999999])]),
            ("move_ids", [(6, 0, ["1"])]),
            ("move_ids", [(6, 0, [True])]),
            ("move_ids", [(4, 2**40)]),
            ("move_ids", [[]]),
            ("journal_id", "1"),
            ("journal_id", 999999),
            ("journal_id", float("nan")),
            ("aftersales_reason_id", True),
            ("aftersales_reason_id", 999999),
            ("helpdesk_ticket_id", 999999),
            ("helpdesk_ticket_id", [self.ticket.id]),
            ("company_id", other_company.id + 999999),
        ]
        for fname, value in bad:
            with self.subTest(field=fname, value=value, call="create"):
                self.assertRefused(lambda f=fname, v=value: Wizard.create({f: v}), "")
        wizard = self._dialog()
        for fname, value in bad:
            if fname == "helpdesk_ticket_id":
                continue
            with self.subTest(field=fname, value=value, call="write"):
                self.assertRefused(lambda f=fname, v=value: wizard.write({f: v}), "")
        self.assertEqual(self.invoice.ref, False)
        self.assertTrue(self.invoice.exists())
        wizard.action_helpdesk_reverse()
        self.assertEqual(self.ticket.credit_note_count, 1)

    def test_context_defaults_do_not_reach_the_credit_note(self):
        """``default_*`` keys of the caller's context (another ticket, another
        partner, a state) never land on what the dialog makes."""
        other = self._ticket(self.partner_a)
        wizard = self._dialog()
        wizard.with_context(
            default_helpdesk_ticket_id=other.id,
            default_partner_id=self.partner_b.id,
            default_state="posted",
            default_aftersales_reason_id=self.env.ref(
                "helpdesk_aftersales.reason_goodwill"
            ).id,
        ).action_helpdesk_reverse()
        credit_note = self.ticket._aftersales_documents("credit_note_count")
        self.assertEqual(credit_note.helpdesk_ticket_id, self.ticket)
        self.assertEqual(credit_note.partner_id, self.partner_a)
        self.assertEqual(credit_note.state, "draft")
        self.assertFalse(credit_note.aftersales_reason_id)
        self.assertEqual(other.credit_note_count, 0)

    # the reason ---------------------------------------------------------------

    def test_reason_on_the_credit_note(self):
        defective = self.env.ref("helpdesk_aftersales.reason_defective")
        Wizard, _action = self._open_dialog()
        with Form(Wizard, view=REFUND_VIEW) as form:
            self.assertEqual(form.reason, f"Helpdesk ticket {self.ticket.number}")
            form.aftersales_reason_id = defective
            self.assertEqual(
                form.reason, f"Helpdesk ticket {self.ticket.number}: Defective"
            )
        form.save().action_helpdesk_reverse()
        credit_note = self.ticket._aftersales_documents("credit_note_count")
        self.assertEqual(credit_note.aftersales_reason_id, defective)
        self.assertIn(f"{self.ticket.number}: Defective", credit_note.ref)

    def test_reason_required_by_the_team(self):
        self.team.aftersales_reason_required = True
        Wizard, _action = self._open_dialog()
        with self.assertRaisesText(AssertionError, "required"):
            Form(Wizard, view=REFUND_VIEW).save()  # the form asks for it
        # as RPC would
        wizard = Wizard.create({"journal_id": self.invoice.journal_id.id})
        self.assertTrue(wizard.aftersales_reason_required)
        self.assertRefused(wizard.action_helpdesk_reverse, "requires a reason")
        other_company = self.env["res.company"].create({"name": "Reasons Elsewhere"})
        theirs = self.env["helpdesk.aftersales.reason"].create(
            {"name": "Theirs", "company_id": other_company.id}
        )
        wizard.sudo().aftersales_reason_id = theirs
        self.assertRefused(
            wizard.action_helpdesk_reverse, "Choose a reason of the company"
        )
        wizard.aftersales_reason_id = self.env.ref(
            "helpdesk_aftersales.reason_goodwill"
        )
        wizard.action_helpdesk_reverse()
        self.assertEqual(self.ticket.credit_note_count, 1)


def notes_of(record, text):
    return record.sudo().message_ids.filtered(lambda m: text in (m.body or ""))
