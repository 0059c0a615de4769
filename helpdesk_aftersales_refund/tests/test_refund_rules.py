# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The refund as an adversarial user tries it: JSON-RPC calls of every public
method, crafted values, links written by hand, several users in one
transaction."""

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import REFUND_VIEW, RefundCommon
from odoo.addons.helpdesk_aftersales.tests.common import notes

# what a JSON-RPC client can call on the dialog (refund_moves and modify_moves are
# Odoo's buttons; reverse_moves is what they call; Reverse is the ticket's)
PUBLIC_METHODS = (
    "refund_moves",
    "modify_moves",
    "reverse_moves",
    "action_helpdesk_reverse",
)


@tagged("post_install", "-at_install")
class TestRefundRules(RefundCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice_b = cls._create_invoice_one_line(
            price_unit=70.0, partner_id=cls.partner_b, post=True
        )

    def _crafted(self, invoices, user=None):
        """A dialog of the ticket (customer A) saved, then given ``invoices``
        by an RPC ``write``, as the view never offers them."""
        wizard = self._dialog(user=user)
        wizard.move_ids = [Command.set(invoices.ids)]
        return wizard

    # 1. rules skipped by RPC --------------------------------------------------

    def test_rpc_public_methods_follow_the_ticket_rules(self):
        for method in PUBLIC_METHODS:
            with self.subTest(method=method):
                wizard = self._crafted(self.invoice_b)
                self.assertRefused(getattr(wizard, method), "Only documents of")
        self.assertEqual(self.invoice_b.payment_state, "not_paid")
        # a draft invoice of the customer is not refunded
        draft = self._create_invoice_one_line(price_unit=10.0, post=False)
        for method in PUBLIC_METHODS:
            with self.subTest(method=method, document="draft"):
                wizard = self._crafted(draft)
                self.assertRefused(
                    getattr(wizard, method), "Only posted customer invoices"
                )
        # nor a vendor bill (refused as soon as it is chosen)
        bill = self._create_invoice_one_line(
            price_unit=10.0, move_type="in_invoice", post=True
        )
        self.assertRefused(lambda: self._crafted(bill), "Journal should be the same")

    def test_rpc_invoice_of_another_company(self):
        company_data_2 = self.setup_other_company()
        self.agent.company_ids |= company_data_2["company"]  # a user of both
        foreign = self._create_invoice_one_line(
            price_unit=10.0,
            post=True,
            company_id=company_data_2["company"],
            journal_id=company_data_2["default_journal_sale"],
        )
        for method in PUBLIC_METHODS:
            with self.subTest(method=method):
                wizard = self._crafted(foreign)
                self.assertRefused(getattr(wizard, method), "Only documents of")
        # nor can a dialog of the ticket be created in the other company
        for method in PUBLIC_METHODS:
            with self.subTest(method=method, company="dialog"):
                wizard = (
                    self.env["account.move.reversal"]
                    .with_user(self.agent)
                    .create(
                        {
                            "helpdesk_ticket_id": self.ticket.id,
                            "move_ids": [Command.set(foreign.ids)],
                            "journal_id": foreign.journal_id.id,
                            "company_id": foreign.company_id.id,
                        }
                    )
                )
                self.assertRefused(getattr(wizard, method), "This dialog works in")
        self.assertEqual(foreign.payment_state, "not_paid")

    def test_rpc_modify_of_a_paid_invoice_is_refused(self):
        self._register_payment(self.invoice)
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        for call in ("modify_moves", "action_helpdesk_reverse"):
            wizard = self._dialog()
            wizard.refund_method = "modify"
            self.assertRefused(getattr(wizard, call), "only a Partial Refund")
        wizard = self._dialog()
        self.assertRefused(
            lambda: wizard.reverse_moves(is_modify=True), "only a Partial Refund"
        )
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        # what the dialog offers still works, once
        wizard = self._dialog()
        wizard.refund_moves()
        self.assertEqual(self.ticket.credit_note_count, 1)
        self.assertRefused(wizard.refund_moves, "already been done")

    def test_rpc_dialog_of_an_unreadable_ticket(self):
        """A dialog created by RPC for a ticket the user cannot read."""
        secret, own = self._aftersales_unreadable_ticket(
            "use_credit_notes",
            self.partner_a,
            "refund-own",
            "account.group_account_invoice",
        )
        with self.assertRaises(AccessError):
            secret.with_user(own).check_access("read")
        wizard = (
            self.env["account.move.reversal"]
            .with_user(own)
            .create(
                {
                    "helpdesk_ticket_id": secret.id,
                    "move_ids": [Command.set(self.invoice.ids)],
                    "journal_id": self.invoice.journal_id.id,
                    "company_id": self.invoice.company_id.id,
                }
            )
        )
        for method in PUBLIC_METHODS:
            with self.subTest(method=method):
                self.assertRefused(getattr(wizard, method), "", exception=AccessError)

    def test_rpc_cannot_change_the_ticket_or_replay(self):
        wizard, _action = self._refund("partial")
        other = self._ticket(self.partner_a)
        with self.assertRaisesText(UserError, "cannot be changed"):
            wizard.write({"helpdesk_ticket_id": other.id})
        with self.assertRaisesText(UserError, "cannot be changed"):
            wizard.write({"aftersales_done": False})
        for method in PUBLIC_METHODS:
            with self.subTest(method=method):
                self.assertRefused(getattr(wizard, method), "already been done")
        fresh = (
            self.env["account.move.reversal"]
            .with_user(self.agent)
            .create(
                {
                    "helpdesk_ticket_id": self.ticket.id,
                    "aftersales_done": True,
                    "move_ids": [Command.set(self.invoice.ids)],
                    "journal_id": self.invoice.journal_id.id,
                    "company_id": self.invoice.company_id.id,
                }
            )
        )
        self.assertFalse(fresh.aftersales_done, "not settable on create")

    def test_rpc_without_customer_or_with_the_option_off(self):
        for method in PUBLIC_METHODS:
            with self.subTest(method=method):
                wizard = self._dialog()
                self.ticket.partner_id = False
                self.assertRefused(
                    getattr(wizard, method), "Set the customer of the ticket"
                )
                self.ticket.partner_id = self.partner_a
                self.team.use_credit_notes = False
                self.assertRefused(getattr(wizard, method), "The option Refunds is off")
                self.team.use_credit_notes = True

    def test_ticket_actions_need_the_ticket(self):
        """The ticket's own public methods, called on a ticket the user cannot
        read, or with a made-up kind of document."""
        self._refund("partial")
        credit_note = self.ticket._aftersales_documents("credit_note_count")
        secret, own = self._aftersales_unreadable_ticket(
            "use_credit_notes",
            self.partner_a,
            "refund-own",
            "account.group_account_invoice",
        )
        credit_note.helpdesk_ticket_id = secret
        with self.assertRaises(AccessError):
            credit_note.with_user(own).action_open_helpdesk_ticket()
        for call in (
            secret.with_user(own).action_helpdesk_refund,
            secret.with_user(own)
            .with_context(aftersales_documents="credit_note_count")
            .action_aftersales_open_documents,
        ):
            with self.assertRaises(AccessError):
                call()
        with self.assertRaisesText(UserError, "Unknown kind of after-sales document"):
            self.ticket.with_user(self.agent).with_context(
                aftersales_documents="message_ids"
            ).action_aftersales_open_documents()

    def test_credit_method_is_required(self):
        wizard = self._dialog()
        wizard.refund_method = False
        self.assertRefused(wizard.action_helpdesk_reverse, "Choose a credit method")

    # 2. credited twice -------------------------------------------------------

    def test_never_credited_twice(self):
        first, second = self._dialog("full"), self._dialog("full")
        first.action_helpdesk_reverse()
        self.assertEqual(self.invoice.payment_state, "reversed")
        self.assertRefused(second.action_helpdesk_reverse, "already fully refunded")
        self._create_invoice_one_line(price_unit=5.0, post=True)  # to open it
        third = self._crafted(self.invoice)
        third.refund_method = "modify"
        self.assertRefused(third.action_helpdesk_reverse, "already fully refunded")
        self.assertRefused(third.refund_moves, "already fully refunded")
        self.assertEqual(self.ticket.credit_note_count, 1)
        posted = self.invoice.reversal_move_ids.filtered(lambda m: m.state == "posted")
        self.assertEqual(len(posted), 1)
        self.assertEqual(self.invoice.payment_state, "reversed")

    # 4. links integrity ------------------------------------------------------

    def test_links_only_to_the_ticket_customer_and_company(self):
        # another customer's credit note
        credit_note_b = self._reverse_invoice(self.invoice_b, post=True)
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            credit_note_b.helpdesk_ticket_id = self.ticket
        # the customer of a linked draft credit note changed to another one
        self._refund("partial")
        credit_note = self.ticket._aftersales_documents("credit_note_count")
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            credit_note.partner_id = self.partner_b
        # vendor bills and journal entries are not customer documents
        bill = self._create_invoice_one_line(
            price_unit=10.0, move_type="in_invoice", post=True
        )
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            bill.helpdesk_ticket_id = self.ticket
        # another company's invoice of the same customer
        company_data_2 = self.setup_other_company()
        foreign = self._create_invoice_one_line(
            price_unit=10.0,
            post=True,
            company_id=company_data_2["company"],
            journal_id=company_data_2["default_journal_sale"],
        )
        with self.assertRaisesText(ValidationError, "cannot be linked to ticket"):
            foreign.helpdesk_ticket_id = self.ticket
        # and a contact of the customer's company is the same customer
        contact = self.env["res.partner"].create(
            {"name": "Contact of A", "parent_id": self.partner_a.id}
        )
        invoice_contact = self._create_invoice_one_line(
            price_unit=10.0, partner_id=contact, post=True
        )
        invoice_contact.helpdesk_ticket_id = self.ticket
        self.assertTrue(notes(self.ticket, "linked to this ticket"))
        self.assertTrue(notes(invoice_contact, "Linked to ticket"))

    def test_linking_needs_to_read_the_ticket(self):
        accountant = self._aftersales_user(
            "refund-accountant", "account.group_account_invoice"
        )
        invoice = self.invoice.with_user(accountant)
        with self.assertRaises(AccessError):
            invoice.helpdesk_ticket_id = self.ticket
        self.assertFalse(self.invoice.helpdesk_ticket_id)

    # 5. counts per user ------------------------------------------------------

    def test_counts_depend_on_the_user(self):
        self._refund("partial")
        self.assertCountPerUser(
            self.ticket, "credit_note_count", self.agent, self.helpdesk_only, 1
        )

    def test_counts_one_query_per_kind_for_any_number_of_tickets(self):
        tickets = self._aftersales_tickets(self.team, self.partner_a, 200)
        self._reverse_invoice(self.invoice).helpdesk_ticket_id = tickets[0]
        totals = self.assertCountQueries(tickets, self.agent, ["credit_note_count"])
        self.assertEqual(totals, {"credit_note_count": 1})

    # 6. no default_ key ------------------------------------------------------

    def test_ticket_given_explicitly(self):
        _wizard, action = self._open_dialog()
        self.assertEqual(action["context"]["active_model"], "helpdesk.ticket")
        self.assertEqual(action["context"]["active_id"], self.ticket.id)
        self.assertFalse([k for k in action["context"] if k.startswith("default_")])
        _wizard, action = self._refund("modify")
        self.assertFalse(
            [k for k in action["context"] if k.startswith("default_helpdesk")]
        )
        # only the credit note and the new draft invoice are linked to the ticket
        linked = self.env["account.move"].search(
            [("helpdesk_ticket_id", "=", self.ticket.id)]
        )
        self.assertEqual(
            sorted(linked.mapped("move_type")), ["out_invoice", "out_refund"]
        )

    # 8. localisations keep their fields --------------------------------------

    def test_dialog_extends_the_standard_form(self):
        """A field that a localisation adds to the reversal form (as the LATAM
        document type does) is in the ticket's dialog too."""
        self.env["ir.ui.view"].create(
            {
                "name": "reversal.localisation",
                "model": "account.move.reversal",
                "inherit_id": self.env.ref("account.view_account_move_reversal").id,
                "arch": """<xpath expr="//field[@name='journal_id']" position="after">
                        <field name="country_code" string="Localisation Field"/>
                    </xpath>""",
            }
        )
        arch = etree.fromstring(
            self.env["account.move.reversal"].get_view(
                self.env.ref(REFUND_VIEW).id, "form"
            )["arch"]
        )
        group = arch.xpath("//group[field[@name='reason']]")[0]
        names = [f.get("name") for f in group.xpath("./field")]
        self.assertEqual(
            names,
            [
                "refund_method",
                "aftersales_reason_id",
                "reason",
                "journal_id",
                "country_code",
                "date",
            ],
        )
        # the invoices: a list with number, date, amount, payment state and
        # what is credited, chosen among the customer's invoices by a domain
        move_ids = arch.xpath("//field[@name='move_ids']")[0]
        self.assertEqual(move_ids.get("string"), "Invoices to Refund")
        columns = move_ids.xpath("./list/field[not(@column_invisible)]/@name")
        self.assertEqual(
            columns,
            [
                "name",
                "invoice_date",
                "amount_total",
                "payment_state",
                "aftersales_credited_amount",
                "aftersales_pending_amount",
                "aftersales_creditable_amount",
            ],
        )
        self.assertIn("view_account_move_list_refund_invoices", move_ids.get("context"))
        for clause in (
            "('commercial_partner_id', '=', helpdesk_partner_id)",
            "('company_id', '=', company_id)",
            "('payment_state', '!=', 'reversed')",
        ):
            self.assertIn(clause, move_ids.get("domain"))
        choice = etree.fromstring(
            self.env["account.move"].get_view(
                self.env.ref(
                    "helpdesk_aftersales_refund.view_account_move_list_refund_invoices"
                ).id,
                "list",
            )["arch"]
        )
        self.assertEqual(
            choice.xpath("//field[not(@column_invisible)]/@name"),
            ["name", "invoice_date", "invoice_origin", "amount_total", "payment_state"],
        )
        buttons = [b.get("name") for b in arch.xpath("//footer/button[@name]")]
        self.assertEqual(buttons[0], "action_helpdesk_reverse")
        for name in ("refund_moves", "modify_moves"):
            button = arch.xpath(f"//footer/button[@name='{name}']")[0]
            self.assertEqual(button.get("invisible"), "1")

    # 9. smaller --------------------------------------------------------------

    def test_dialog_opens_in_constant_queries(self):
        """Opening the dialog of a ticket with sales orders and product (the
        preselection path) costs the same for 5 and for 60 invoices."""
        product = self.product_a

        def ticket_with_history(partner, count):
            order = self._sale_order(partner, product)
            moves = self.env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": "2026-01-01",
                        "invoice_line_ids": [
                            Command.create(
                                {"product_id": product.id, "price_unit": 10.0}
                            )
                        ],
                    }
                    for _n in range(count)
                ]
            )
            moves.action_post()
            # the order's own invoice, partly credited already
            invoice = order._create_invoices()
            invoice.action_post()
            self._reverse_invoice(invoice)
            return self._ticket(
                partner,
                product_id=product.id,
                sale_order_ids=[Command.set(order.ids)],
            )

        few = ticket_with_history(self.partner_b, 5)
        many = ticket_with_history(
            self.env["res.partner"].create({"name": "Loyal customer"}), 60
        )
        self.env.flush_all()
        self.env.cr.execute("ANALYZE account_move, account_move_line")

        def opening_queries(ticket):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            Wizard, _action = self._open_dialog(ticket)
            # what the form reads: defaults, computed fields, the invoices' list
            wizard = Wizard.new(Wizard.default_get(list(Wizard._fields)))
            self.assertTrue(wizard.move_ids)
            wizard.mapped("aftersales_refund_methods")
            wizard.move_ids.mapped("aftersales_creditable_amount")
            return self.cr.sql_log_count - start

        # warm the caches of the registry (views, rules, translations)
        opening_queries(few)
        opening_queries(many)
        self.assertEqual(opening_queries(few), opening_queries(many))
