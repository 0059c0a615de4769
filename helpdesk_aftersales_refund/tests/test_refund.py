# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import RefundCommon

REFUND_VIEW = "helpdesk_aftersales_refund.view_account_move_reversal_helpdesk"


@tagged("post_install", "-at_install")
class TestRefund(RefundCommon):
    def _refund(self, method, ticket=None, invoices=None, user=None):
        """Open the dialog, pick the method (and invoices), press Reverse."""
        Wizard, _action = self._open_dialog(ticket, user)
        with Form(Wizard, view=REFUND_VIEW) as form:
            if invoices is not None:
                form.move_ids.clear()
                for invoice in invoices:
                    form.move_ids.add(invoice)
            if form.refund_method != method:
                form.refund_method = method
        wizard = form.save()
        result = wizard.action_helpdesk_reverse()
        return wizard, result

    def _notes(self, record, text):
        return record.message_ids.filtered(lambda m: text in (m.body or ""))

    def test_partial_refund(self):
        _wizard, action = self._refund("partial")
        credit_note = self.ticket._aftersales_credit_notes()
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
        self.assertEqual(len(self._notes(self.ticket, "created")), 1)
        self.assertEqual(len(self._notes(credit_note, "Created from ticket")), 1)
        self.assertFalse(self._notes(self.ticket, "posted"))
        # the agent edits, then posts ("확정")
        cn_form = Form(credit_note.with_user(self.agent))
        with cn_form.invoice_line_ids.edit(0) as line:
            line.price_unit = 40.0
        cn_form.save()
        credit_note.with_user(self.agent).action_post()
        self.assertEqual(credit_note.state, "posted")
        status = self._notes(self.ticket, "posted")
        self.assertEqual(len(status), 1)
        self.assertEqual(
            status.subtype_id,
            self.env.ref("helpdesk_aftersales.mt_ticket_refund_status"),
        )
        self.assertEqual(len(self._notes(self.ticket, "created")), 1, "no duplicate")

    def test_full_refund_multi_line(self):
        invoice = self._create_invoice(post=True)  # two lines
        self.assertEqual(len(invoice.invoice_line_ids), 2)
        _wizard, _action = self._refund("full", invoices=invoice)
        credit_note = self.ticket._aftersales_credit_notes()
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
        self.assertEqual(len(self._notes(self.ticket, "posted")), 1)
        self.assertEqual(len(self._notes(self.ticket, "created")), 1)

    def test_full_refund_and_new_draft_invoice(self):
        _wizard, action = self._refund("modify")
        credit_note = self.ticket._aftersales_credit_notes()
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
        self.assertEqual(len(self._notes(self.ticket, "created")), 2)

    def test_one_line_full_refund(self):
        self._refund("full")
        self.assertEqual(self.invoice.payment_state, "reversed")
        self.assertEqual(self.ticket.credit_note_count, 1)

    def _preselected(self, ticket=None):
        Wizard, _action = self._open_dialog(ticket)
        command = Wizard.default_get(["move_ids"])["move_ids"][0]
        return self.env["account.move"].browse(command[2])

    def test_preselection_sale_order_then_product(self):
        other = self._create_invoice_one_line(
            price_unit=10.0, product_id=self.product_b, post=True
        )
        order = (
            self.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": self.partner_a.id,
                    "order_line": [Command.create({"product_id": self.product_a.id})],
                }
            )
        )
        order.action_confirm()
        so_invoice = order._create_invoices()
        so_invoice.action_post()
        latest = self._create_invoice_one_line(
            price_unit=5.0, product_id=self.product_a, post=True
        )
        self.assertEqual(self._preselected(), latest)
        ticket = self._ticket(self.partner_a, sale_order_ids=[Command.set(order.ids)])
        self.assertEqual(self._preselected(ticket), so_invoice)
        ticket = self._ticket(self.partner_a, product_id=self.product_b.id)
        self.assertEqual(self._preselected(ticket), other)
        # a fully refunded invoice is not proposed again
        self._refund("full", ticket=ticket, invoices=other)
        self.assertEqual(self._preselected(ticket), latest)

    def test_dialog_domain_is_a_domain(self):
        arch = etree.fromstring(
            self.env["account.move.reversal"].get_view(
                self.env.ref(REFUND_VIEW).id, "form"
            )["arch"]
        )
        field = arch.xpath("//field[@name='move_ids']")[0]
        self.assertIn(
            "('commercial_partner_id', '=', helpdesk_partner_id)", field.get("domain")
        )
        self.assertIn("('company_id', '=', company_id)", field.get("domain"))
        self.assertEqual(field.get("string"), "Invoices to Refund")
        # the accounting app's own dialog is unchanged
        arch = etree.fromstring(
            self.env["account.move.reversal"].get_view(
                self.env.ref("account.view_account_move_reversal").id, "form"
            )["arch"]
        )
        self.assertFalse(arch.xpath("//field[@name='refund_method']"))
        self.assertTrue(arch.xpath("//button[@name='modify_moves']"))

    def _assert_refused(self, message, method="full", invoices=None):
        count = self.env["account.move"].search_count([])
        with self.assertRaisesRegex(UserError, message):
            self._refund(method, invoices=invoices)
        self.assertEqual(self.env["account.move"].search_count([]), count)

    def _assert_crafted_refused(self, message, invoices):
        """Invoices the dialog's domain does not offer, sent as a crafted call."""
        Wizard, _action = self._open_dialog()
        wizard = Form(Wizard, view=REFUND_VIEW).save()
        wizard.move_ids = invoices
        count = self.env["account.move"].search_count([])
        with self.assertRaisesRegex(UserError, message):
            wizard.action_helpdesk_reverse()
        self.assertEqual(self.env["account.move"].search_count([]), count)

    def test_paid_invoice_only_partial(self):
        self._register_payment(self.invoice)
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        Wizard, _action = self._open_dialog()
        with Form(Wizard, view=REFUND_VIEW) as form:
            self.assertTrue(form.helpdesk_paid_invoice)
            self.assertEqual(form.refund_method, "partial")
        for method in ("full", "modify"):
            wizard = Form(Wizard, view=REFUND_VIEW).save()
            wizard.refund_method = method  # what the dialog does not offer
            count = self.env["account.move"].search_count([])
            with self.assertRaisesRegex(UserError, "only a Partial Refund"):
                wizard.action_helpdesk_reverse()
            self.assertEqual(self.env["account.move"].search_count([]), count)
        self._refund("partial")
        self.assertEqual(self.ticket._aftersales_credit_notes().state, "draft")

    def test_no_invoice(self):
        ticket = self._ticket(self.partner_b)
        with self.assertRaisesRegex(
            UserError, "Before creating a credit note, an invoice must be issued first"
        ):
            ticket.with_user(self.agent).action_helpdesk_refund()
        self._assert_refused("an invoice must be issued first", invoices=[])

    def test_draft_other_customer_other_company_invoices_refused(self):
        draft = self._create_invoice_one_line(price_unit=10.0)
        self._assert_crafted_refused("Only posted customer invoices", draft)
        other_customer = self._create_invoice_one_line(
            price_unit=10.0, partner_id=self.partner_b, post=True
        )
        self._assert_crafted_refused("Only posted customer invoices", other_customer)
        other_company = self.setup_other_company()["company"]
        self.agent.company_ids |= other_company  # a user of both companies
        foreign = self._create_invoice_one_line(
            price_unit=10.0,
            post=True,
            company_id=other_company,
            journal_id=self.env["account.journal"].search(
                [("company_id", "=", other_company.id), ("type", "=", "sale")], limit=1
            ),
        )
        self.assertEqual(foreign.company_id, other_company)
        self._assert_crafted_refused("Only posted customer invoices", foreign)

    def test_wizard_reused_after_success(self):
        wizard, _action = self._refund("partial")
        with self.assertRaisesRegex(UserError, "already been made"):
            wizard.action_helpdesk_reverse()
        self.assertEqual(self.ticket.credit_note_count, 1)

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

    def test_ticket_back_link(self):
        self._refund("partial")
        credit_note = self.ticket._aftersales_credit_notes()
        action = credit_note.with_user(self.agent).action_open_helpdesk_ticket()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("helpdesk.ticket", self.ticket.id)
        )
        action = self.ticket.action_view_credit_notes()
        self.assertEqual(action["res_id"], credit_note.id)
        self.assertFalse(credit_note.copy().helpdesk_ticket_id, "not copied")
        self.ticket.unlink()
        self.assertTrue(
            credit_note.exists(), "deleting the ticket keeps the credit note"
        )
        self.assertFalse(credit_note.helpdesk_ticket_id)

    def test_cancelled_credit_note_status(self):
        self._refund("partial")
        credit_note = self.ticket._aftersales_credit_notes()
        credit_note.button_cancel()
        self.assertEqual(len(self._notes(self.ticket, "cancelled")), 1)
        # the option switched off: no status message any more
        self.team.use_credit_notes = False
        credit_note.button_draft()
        credit_note.action_post()
        self.assertFalse(self._notes(self.ticket, "posted"))

    def test_dialog_query_count_independent_of_history(self):
        def opening_queries(partner):
            ticket = self._ticket(partner)
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            Wizard, _action = self._open_dialog(ticket)
            Wizard.default_get(list(Wizard._fields))
            return self.cr.sql_log_count - start

        few = self.partner_b
        many = self.env["res.partner"].create({"name": "Loyal customer"})
        for partner, count in ((few, 5), (many, 500)):
            moves = self.env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": "2026-01-01",
                        "invoice_line_ids": [
                            Command.create({"name": "line", "price_unit": 10.0})
                        ],
                    }
                    for _n in range(count)
                ]
            )
            moves.action_post()
        opening_queries(few)  # warm the caches of the registry
        self.assertEqual(opening_queries(few), opening_queries(many))

    def test_each_method_on_a_multi_line_invoice(self):
        expected = {"partial": "draft", "full": "posted", "modify": "posted"}
        for method, state in expected.items():
            with self.subTest(method=method):
                invoice = self._create_invoice(post=True)  # two lines
                ticket = self._ticket(self.partner_a)
                self._refund(method, ticket=ticket, invoices=invoice)
                credit_note = ticket._aftersales_credit_notes()
                self.assertEqual(credit_note.state, state)
                self.assertEqual(len(credit_note.invoice_line_ids), 2)
                self.assertEqual(credit_note.amount_total, invoice.amount_total)
                self.assertEqual(
                    invoice.payment_state,
                    "not_paid" if method == "partial" else "reversed",
                )
                self.assertEqual(ticket.credit_note_count, 1)

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
