# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The refund flows, as the user documentation describes them."""

from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import REFUND_VIEW, RefundCommon
from odoo.addons.helpdesk_aftersales.tests.common import flush_status, notes

REFUND_STATUS = "helpdesk_aftersales.mt_ticket_refund_status"


@tagged("post_install", "-at_install")
class TestRefund(RefundCommon):
    def test_partial_refund(self):
        _wizard, action = self._refund("partial")
        credit_note = self.ticket._aftersales_documents("credit_note_count")
        self.assertEqual(len(credit_note), 1)
        self.assertEqual(action["res_model"], "account.move")
        self.assertEqual(action["res_id"], credit_note.id)
        self.assertEqual(credit_note.state, "draft", "editable before posting")
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.reversed_entry_id, self.invoice)
        self.assertEqual(credit_note.amount_total, self.invoice.amount_total)
        self.assertEqual(credit_note.helpdesk_ticket_id, self.ticket)
        self.assertIn(self.ticket.number, credit_note.ref)
        self.assertEqual(self.invoice.payment_state, "not_paid", "not reconciled")
        self.assertEqual(self.ticket.credit_note_count, 1)
        created = notes(self.ticket, "created")
        self.assertEqual(len(created), 1)
        self.assertIn("Credit note created from this ticket: <a", created.body)
        self.assertIn(f'data-oe-id="{credit_note.id}"', created.body)
        self.assertEqual(len(notes(credit_note, "Created from ticket")), 1)
        flush_status(self.env)
        self.assertFalse(notes(self.ticket, "posted"))
        # the agent edits, then posts ("확정")
        cn_form = Form(credit_note.with_user(self.agent))
        with cn_form.invoice_line_ids.edit(0) as line:
            line.price_unit = 40.0
        cn_form.save()
        credit_note.with_user(self.agent).action_post()
        flush_status(self.env)
        self.assertEqual(credit_note.state, "posted")
        status = notes(self.ticket, "posted")
        self.assertEqual(len(status), 1)
        self.assertIn(f">{credit_note.name}</a> posted", status.body)
        self.assertEqual(status.subtype_id, self.env.ref(REFUND_STATUS))
        self.assertEqual(len(notes(self.ticket, "created")), 1, "no duplicate")

    def test_smart_button_total_without_cancelled(self):
        """The Credit Notes smart button: count and total in the company's
        currency, cancelled credit notes left out, in one grouped query."""
        _wizard, _action = self._refund("partial")
        credit_note = self.ticket._aftersales_documents("credit_note_count")
        self._edit_credit_note(credit_note, 40.0)
        euro = self.setup_other_currency("EUR", rates=[("2000-01-01", 2.0)])
        invoice_eur = self._create_invoice_one_line(
            price_unit=100.0, product_id=self.product_a, currency_id=euro, post=True
        )
        self._refund("full", invoices=invoice_eur)
        cancelled = self._reverse_invoice(
            self._create_invoice_one_line(
                price_unit=500.0, product_id=self.product_a, post=True
            )
        )
        cancelled.helpdesk_ticket_id = self.ticket
        cancelled.button_cancel()
        totals = self.assertCountQueries(
            self.ticket,
            self.agent,
            ["credit_note_count", "aftersales_credit_note_total"],
        )
        # 40 + 15 % in the company's currency, and 115 EUR at 2 EUR per unit
        self.assertEqual(
            totals,
            {"credit_note_count": 2, "aftersales_credit_note_total": 46.0 + 57.5},
        )
        arch = etree.fromstring(
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .get_view(view_type="form")["arch"]
        )
        button = arch.xpath("//button[.//field[@name='credit_note_count']]")[0]
        self.assertTrue(
            button.xpath(
                ".//field[@name='aftersales_credit_note_total'][@widget='monetary']"
            )
        )

    def test_full_refund_multi_line(self):
        invoice = self._create_invoice(post=True)  # two lines
        self.assertEqual(len(invoice.invoice_line_ids), 2)
        self._refund("full", invoices=invoice)
        credit_note = self.ticket._aftersales_documents("credit_note_count")
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(len(credit_note.invoice_line_ids), 2)
        self.assertEqual(credit_note.amount_total, invoice.amount_total)
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertTrue(credit_note.line_ids.filtered("reconciled"))
        self.assertFalse(
            self.env["account.move"].search(
                [("helpdesk_ticket_id", "=", self.ticket.id), ("state", "=", "draft")]
            ),
            "no new invoice",
        )
        flush_status(self.env)
        self.assertEqual(len(notes(self.ticket, "posted")), 1)
        self.assertEqual(len(notes(self.ticket, "created")), 1)

    def test_full_refund_is_odoo_own_reversal(self):
        """Full Refund goes through Odoo's reversal: the invoice says it was
        reversed, the credit note gets the customer's bank account."""
        bank = self.env["res.partner.bank"].create(
            {"acc_number": "BE71096123456769", "partner_id": self.partner_a.id}
        )
        self._refund("full")
        credit_note = self.ticket._aftersales_documents("credit_note_count")
        self.assertEqual(credit_note.partner_bank_id, bank)
        reversed_note = notes(self.invoice, "This entry has been")
        self.assertIn(f'data-oe-id="{credit_note.id}"', reversed_note.body)

    def test_full_refund_at_a_future_date_is_scheduled(self):
        Wizard, _action = self._open_dialog()
        with Form(Wizard, view=REFUND_VIEW) as form:
            form.refund_method = "full"
            form.date = fields.Date.today() + timedelta(days=10)
        form.save().action_helpdesk_reverse()
        credit_note = self.ticket._aftersales_documents("credit_note_count")
        self.assertEqual(credit_note.state, "draft")
        self.assertEqual(credit_note.auto_post, "at_date")
        self.assertEqual(self.invoice.payment_state, "not_paid", "not yet")

    def test_full_refund_and_new_draft_invoice(self):
        _wizard, action = self._refund("modify")
        credit_note = self.ticket._aftersales_documents("credit_note_count")
        self.assertEqual(action["res_id"], credit_note.id, "the credit note opens")
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(self.invoice.payment_state, "reversed")
        new_invoice = self.env["account.move"].search(
            [
                ("helpdesk_ticket_id", "=", self.ticket.id),
                ("move_type", "=", "out_invoice"),
            ]
        )
        self.assertEqual(new_invoice.state, "draft")
        self.assertEqual(new_invoice.amount_total, self.invoice.amount_total)
        self.assertEqual(self.ticket.credit_note_count, 1, "invoices are not counted")
        self.assertEqual(len(notes(self.ticket, "created")), 2)
        self.assertTrue(notes(self.ticket, "Invoice created from this ticket"))

    def test_each_method_on_a_multi_line_invoice(self):
        expected = {"partial": "draft", "full": "posted", "modify": "posted"}
        for method, state in expected.items():
            with self.subTest(method=method):
                invoice = self._create_invoice(post=True)  # two lines
                ticket = self._ticket(self.partner_a)
                self._refund(method, ticket=ticket, invoices=invoice)
                credit_note = ticket._aftersales_documents("credit_note_count")
                self.assertEqual(credit_note.state, state)
                self.assertEqual(len(credit_note.invoice_line_ids), 2)
                self.assertEqual(credit_note.amount_total, invoice.amount_total)
                self.assertEqual(
                    invoice.payment_state,
                    "not_paid" if method == "partial" else "reversed",
                )
                self.assertEqual(ticket.credit_note_count, 1)

    def test_several_invoices_in_one_refund(self):
        second = self._create_invoice_one_line(price_unit=30.0, post=True)
        _wizard, action = self._refund("full", invoices=self.invoice | second)
        credit_notes = self.ticket._aftersales_documents("credit_note_count")
        self.assertEqual(len(credit_notes), 2)
        self.assertEqual(action["domain"], [("id", "in", credit_notes.ids)])
        self.assertEqual(set(credit_notes.mapped("state")), {"posted"})
        self.assertEqual(
            set((self.invoice | second).mapped("payment_state")), {"reversed"}
        )
        self.assertEqual(self.ticket.credit_note_count, 2)
        smart = self.ticket.with_context(
            aftersales_documents="credit_note_count"
        ).action_aftersales_open_documents()
        self.assertTrue(smart["view_mode"].startswith("list"))
        self.assertNotIn("res_id", smart)
        self.assertEqual(self.env["account.move"].search(smart["domain"]), credit_notes)
        self.assertEqual(smart["name"], "Credit Notes")

    def _preselected(self, ticket=None):
        Wizard, _action = self._open_dialog(ticket)
        command = Wizard.default_get(["move_ids"])["move_ids"][0]
        return self.env["account.move"].browse(command[2])

    def test_preselection_sale_order_then_product(self):
        other = self._create_invoice_one_line(
            price_unit=10.0, product_id=self.product_b, post=True
        )
        order = self._sale_order(self.partner_a, self.product_a)
        so_invoice = order._create_invoices()
        so_invoice.action_post()
        latest = self._create_invoice_one_line(
            price_unit=5.0, product_id=self.product_a, post=True
        )
        # the ticket's product: its latest invoice
        self.assertEqual(self._preselected(), latest)
        # the ticket's sales order: its invoice, not the later one of the product
        ticket = self._ticket(
            self.partner_a,
            product_id=self.product_a.id,
            sale_order_ids=[Command.set(order.ids)],
        )
        self.assertEqual(self._preselected(ticket), so_invoice)
        ticket = self._ticket(self.partner_a, product_id=self.product_b.id)
        self.assertEqual(self._preselected(ticket), other)
        # a fully refunded invoice is not proposed again
        self._refund("full", ticket=ticket, invoices=other)
        self.assertFalse(self._preselected(ticket))
        # neither order nor product: nothing, whatever the customer's invoices
        self.assertFalse(self._preselected(self._ticket(self.partner_a)))

    def test_preselection_never_an_unrelated_invoice(self):
        """A ticket whose sales order is not invoiced, of a customer with another
        invoice: nothing is preselected (not the customer's latest invoice),
        with or without the ticket's product."""
        self._create_invoice_one_line(
            price_unit=33000.0, product_id=self.product_b, post=True
        )
        order = self._sale_order(self.partner_a, self.product_a)
        for values in ({}, {"product_id": self.product_a.id}):
            with self.subTest(**values):
                ticket = self._ticket(
                    self.partner_a, sale_order_ids=[Command.set(order.ids)], **values
                )
                self.assertFalse(self._preselected(ticket))
                Wizard, _action = self._open_dialog(ticket)
                with Form(Wizard, view=REFUND_VIEW) as form:
                    self.assertFalse(form.move_ids[:])
                    # the agent chooses among the customer's invoices
                    form.move_ids.add(self.invoice)
                    self.assertEqual(form.refund_method, "partial")

    def test_paid_invoice_only_partial(self):
        self._register_payment(self.invoice)
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        self._assert_only_partial()

    def test_partly_paid_invoice_only_partial(self):
        self._register_payment(self.invoice, amount=30.0)
        self.assertEqual(self.invoice.payment_state, "partial")
        self._assert_only_partial()

    def test_invoice_in_payment_only_partial(self):
        self._register_payment(self.invoice)
        self.invoice.payment_state = "in_payment"  # paid, bank not reconciled yet
        self._assert_only_partial()

    def _assert_only_partial(self):
        Wizard, _action = self._open_dialog()
        with Form(Wizard, view=REFUND_VIEW) as form:
            self.assertTrue(form.helpdesk_paid_invoice)
            self.assertEqual(form.refund_method, "partial")
            self.assertEqual(form.aftersales_refund_methods, ["partial"])
        for method in ("full", "modify"):
            wizard = Form(Wizard, view=REFUND_VIEW).save()
            wizard.refund_method = method  # what the dialog does not offer
            self.assertRefused(wizard.action_helpdesk_reverse, "only a Partial Refund")
        self._refund("partial")
        credit_note = self.ticket._aftersales_documents("credit_note_count")
        self.assertEqual(credit_note.state, "draft")

    def test_no_invoice(self):
        ticket = self._ticket(self.partner_b)
        with self.assertRaisesText(
            UserError, "Before creating a credit note, an invoice must be issued first"
        ):
            ticket.with_user(self.agent).action_helpdesk_refund()
        self.assertRefused(
            lambda: self._refund("full", invoices=[]), "an invoice must be issued first"
        )

    def test_dialog_reused_after_success(self):
        wizard, _action = self._refund("partial")
        with self.assertRaisesText(UserError, "already been done"):
            wizard.action_helpdesk_reverse()
        self.assertEqual(self.ticket.credit_note_count, 1)

    def test_ticket_back_link(self):
        self._refund("partial")
        credit_note = self.ticket._aftersales_documents("credit_note_count")
        action = credit_note.with_user(self.agent).action_open_helpdesk_ticket()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("helpdesk.ticket", self.ticket.id)
        )
        action = self.ticket.with_context(
            aftersales_documents="credit_note_count"
        ).action_aftersales_open_documents()
        self.assertEqual(action["res_id"], credit_note.id)
        self.assertEqual(action["context"].get("default_move_type"), "out_refund")
        self.assertFalse(credit_note.copy().helpdesk_ticket_id, "not copied")
        self.ticket.unlink()
        self.assertTrue(
            credit_note.exists(), "deleting the ticket keeps the credit note"
        )
        self.assertFalse(credit_note.helpdesk_ticket_id)

    def test_cancelled_credit_note_status(self):
        self._refund("partial")
        credit_note = self.ticket._aftersales_documents("credit_note_count")
        credit_note.button_cancel()
        flush_status(self.env)
        self.assertEqual(len(notes(self.ticket, "cancelled")), 1)
        # the option switched off: no status message any more
        self.team.use_credit_notes = False
        credit_note.button_draft()
        credit_note.action_post()
        flush_status(self.env)
        self.assertFalse(notes(self.ticket, "posted"))

    def test_accounting_own_reversal_is_unchanged(self):
        """The accounting app's Reverse dialog works as in Odoo: no ticket, no
        credit method, its own buttons."""
        arch = etree.fromstring(
            self.env["account.move.reversal"].get_view(
                self.env.ref("account.view_account_move_reversal").id, "form"
            )["arch"]
        )
        self.assertFalse(arch.xpath("//field[@name='refund_method']"))
        self.assertTrue(arch.xpath("//button[@name='modify_moves']"))
        self.assertFalse(arch.xpath("//button[@name='action_helpdesk_reverse']"))
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=self.invoice.ids)
            .create({"journal_id": self.invoice.journal_id.id})
        )
        self.assertFalse(wizard.helpdesk_ticket_id)
        action = wizard.modify_moves()
        new_invoice = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(new_invoice.move_type, "out_invoice")
        self.assertEqual(self.invoice.payment_state, "reversed")
        self.assertFalse(
            self.env["account.move"].search([("helpdesk_ticket_id", "!=", False)])
        )

    def test_ticket_of_a_second_company(self):
        company_data_2 = self.setup_other_company()
        company_2 = company_data_2["company"]
        self.agent.company_ids |= company_2
        self.agent.company_id = company_2
        team_2 = self._aftersales_team(
            "Refunds 2", company=company_2, use_credit_notes=True
        )
        ticket_2 = self._aftersales_ticket(
            team_2, self.partner_a, product_id=self.product_a.id
        )
        self.assertEqual(ticket_2.company_id, company_2)
        invoice_2 = self._create_invoice_one_line(
            price_unit=50.0,
            product_id=self.product_a,
            post=True,
            company_id=company_2,
            journal_id=company_data_2["default_journal_sale"],
        )
        Wizard, _action = self._open_dialog(ticket_2)
        Wizard = Wizard.with_company(company_2)
        with Form(Wizard, view=REFUND_VIEW) as form:
            self.assertEqual(form.company_id, company_2)
            self.assertEqual(form.move_ids[:], invoice_2)
            form.refund_method = "full"
        form.save().action_helpdesk_reverse()
        credit_note = ticket_2._aftersales_documents("credit_note_count")
        self.assertEqual(credit_note.company_id, company_2)
        self.assertEqual(invoice_2.payment_state, "reversed")
        self.assertEqual(self.invoice.payment_state, "not_paid")

    def test_access_helpdesk_user_without_billing(self):
        self._refund("partial")
        ticket = self.ticket.with_user(self.helpdesk_only)
        with Form(ticket) as form:
            self.assertEqual(form.credit_note_count, 0, "no access, no count, no error")
        arch = ticket.get_view(view_type="form")["arch"]
        self.assertNotIn("action_helpdesk_refund", arch)
        with self.assertRaises(AccessError):
            ticket.action_helpdesk_refund()
        arch = self.ticket.with_user(self.agent).get_view(view_type="form")["arch"]
        self.assertIn("action_helpdesk_refund", arch)
        self.assertEqual(self.ticket.with_user(self.agent).credit_note_count, 1)

    def test_button_hidden_by_toggle_and_without_customer(self):
        arch = etree.fromstring(
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .get_view(view_type="form")["arch"]
        )
        button = arch.xpath("//header/button[@name='action_helpdesk_refund']")[0]
        self.assertEqual(
            button.get("invisible"), "not aftersales_can_refund or not partner_id"
        )
        self.ticket.partner_id = False
        with self.assertRaisesText(UserError, "Set the customer of the ticket"):
            self.ticket.with_user(self.agent).action_helpdesk_refund()
        self.ticket.partner_id = self.partner_a
        self.team.use_credit_notes = False
        self.assertFalse(self.ticket.use_credit_notes)
        with self.assertRaisesText(UserError, "The option Refunds is off"):
            self.ticket.with_user(self.agent).action_helpdesk_refund()

    def test_after_sales_group_shows_product_and_orders(self):
        """Sales orders for salespeople only, as helpdesk_mgmt_sale shows them."""
        arch = etree.fromstring(
            self.env["helpdesk.ticket"].get_view(view_type="form")["arch"]
        )
        self.assertFalse(arch.xpath("//field[@name='sale_order_ids']"))
        self.env.user.group_ids |= self.env.ref("sales_team.group_sale_salesman")
        arch = etree.fromstring(
            self.env["helpdesk.ticket"].get_view(view_type="form")["arch"]
        )
        left = arch.xpath("//group[@name='aftersales_left']/field/@name")
        right = arch.xpath("//group[@name='aftersales_right']/field/@name")
        self.assertIn("product_id", left)
        self.assertIn("sale_order_ids", right)
        main_product = arch.xpath("//group[@name='main']//field[@name='product_id']")[0]
        self.assertIn("use_aftersales", main_product.get("invisible"))

    def test_korean_at_runtime(self):
        self._aftersales_load_korean("helpdesk_aftersales_refund")
        Wizard = self.env["account.move.reversal"].with_context(lang="ko_KR")
        arch = etree.fromstring(
            Wizard.get_view(self.env.ref(REFUND_VIEW).id, "form")["arch"]
        )
        self.assertEqual(arch.get("string"), "환불")
        move_ids = arch.xpath("//field[@name='move_ids']")[0]
        self.assertEqual(move_ids.get("string"), "환불할 청구서")
        separator = arch.xpath("//separator[@name='invoices_to_refund']")[0]
        self.assertEqual(separator.get("string"), "환불할 청구서")
        columns = Wizard.env["account.move"].fields_get(
            ["aftersales_credited_amount", "aftersales_creditable_amount"]
        )
        self.assertEqual(
            columns["aftersales_creditable_amount"]["string"], "환불 가능 잔액"
        )
        self.assertEqual(
            columns["aftersales_credited_amount"]["string"], "크레딧 처리 금액"
        )
        reverse = arch.xpath("//button[@name='action_helpdesk_reverse']")[0]
        self.assertEqual(reverse.get("string"), "역분개")
        method = Wizard.fields_get(["refund_method"])["refund_method"]
        self.assertEqual(method["string"], "크레딧 방식")
        labels = dict(method["selection"])
        self.assertEqual(
            [labels[value] for value in ("partial", "full", "modify")],
            ["일부 환불", "전액 환불", "전액 환불 및 새로운 미결 청구서"],
        )
        ticket = self.ticket.with_user(self.agent).with_context(lang="ko_KR")
        arch = etree.fromstring(ticket.get_view(view_type="form")["arch"])
        button = arch.xpath("//header/button[@name='action_helpdesk_refund']")[0]
        self.assertEqual(button.get("string"), "환불")
        count = arch.xpath("//field[@name='credit_note_count']")[0]
        self.assertEqual(count.get("string"), "대변전표")
        button = arch.xpath("//button[.//field[@name='credit_note_count']]")[0]
        text = button.xpath(".//span[hasclass('o_stat_text')]")[0]
        self.assertEqual(text.xpath("normalize-space()"), "대변전표")
        no_invoice = self._ticket(self.partner_b).with_user(self.agent)
        with self.assertRaisesText(UserError, "먼저 청구서를 발행해야 합니다"):
            no_invoice.with_context(lang="ko_KR").action_helpdesk_refund()
        self.team.use_credit_notes = False
        with self.assertRaisesText(UserError, "환불 옵션이 비활성화되어 있습니다"):
            ticket.action_helpdesk_refund()
