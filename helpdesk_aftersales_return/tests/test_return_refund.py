# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Refund exactly what came back: the credit method "Returned products" of the
ticket's Refund dialog."""

from lxml import etree

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common_refund import REFUND_VIEW, ReturnRefundTestMixin
from odoo.addons.helpdesk_aftersales.tests.common import notes
from odoo.addons.sale.tests.common import TestSaleCommon


@tagged("post_install", "-at_install")
class TestReturnRefund(ReturnRefundTestMixin, TestSaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._return_refund_setup()
        cls.order, cls.delivery, cls.invoice = cls._sell([(cls.chair, 4)])
        cls.ticket = cls._ticket_of(cls.order)

    def _offered(self, ticket=None):
        Wizard = self._refund_dialog(ticket or self.ticket)
        with Form(Wizard, view=REFUND_VIEW) as form:
            return form.aftersales_refund_methods, form

    def _rpc_returned(self, ticket=None, user=None):
        """A dialog of the ticket with "Returned products", as RPC makes it."""
        user = user or self.agent
        ticket = ticket or self.ticket
        return (
            self.env["account.move.reversal"]
            .with_user(user)
            .create(
                {
                    "helpdesk_ticket_id": ticket.id,
                    "refund_method": "returned",
                    "journal_id": self.invoice.journal_id.id,
                    "company_id": ticket.company_id.id,
                }
            )
        )

    # products invoiced on delivered quantities: the order's own invoicing ----

    def test_two_of_four_then_one_delivered_policy(self):
        methods, _form = self._offered()
        self.assertNotIn("returned", methods, "nothing returned yet")
        first = self._return(self.ticket, self.delivery, {self.chair: 2})
        self.assertEqual(first.aftersales_credit_state, "to_credit")
        methods, form = self._offered()
        self.assertEqual(methods[0], "returned")
        self.assertEqual(form.refund_method, "returned", "preselected")
        self.assertEqual(form.aftersales_return_move_ids[:], first.move_ids)
        self.assertEqual(form.aftersales_return_move_ids[0].aftersales_to_credit_qty, 2)
        defective = self.env.ref("helpdesk_aftersales.reason_defective")
        credit_note = self._credit_returns(self.ticket, reason=defective)
        self.assertEqual(len(credit_note), 1)
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.reversed_entry_id, self.invoice)
        self.assertEqual(credit_note.helpdesk_ticket_id, self.ticket)
        self.assertEqual(credit_note.aftersales_reason_id, defective)
        self.assertIn(f"{self.ticket.number}: Defective", credit_note.ref)
        line = credit_note.invoice_line_ids
        invoiced = self.invoice.invoice_line_ids
        self.assertEqual((line.product_id, line.quantity), (self.chair, 2.0))
        self.assertEqual(line.price_unit, invoiced.price_unit)
        self.assertEqual(line.tax_ids, invoiced.tax_ids)
        self.assertEqual(line.aftersales_returned_move_id, first.move_ids)
        # the order's own invoicing: its line is the order's
        order_line = self.order.order_line
        self.assertEqual(line.sale_line_ids, order_line)
        self.assertEqual((order_line.qty_delivered, order_line.qty_invoiced), (2, 2))
        self.assertEqual(order_line.qty_to_invoice, 0)
        self.assertAlmostEqual(credit_note.amount_total, self.invoice.amount_total / 2)
        self.assertEqual(first.aftersales_credit_state, "credited")
        self.assertTrue(notes(self.ticket, "Credit note created from this ticket"))
        # a second return of 1
        self.assertNotIn("returned", self._offered()[0])
        second = self._return(self.ticket, self.delivery, {self.chair: 1})
        credit_note_2 = self._credit_returns(self.ticket)
        self.assertEqual(credit_note_2.invoice_line_ids.quantity, 1.0)
        self.assertEqual(
            credit_note_2.invoice_line_ids.aftersales_returned_move_id, second.move_ids
        )
        self.assertEqual(second.aftersales_credit_state, "credited")
        self.assertEqual(self.ticket.credit_note_count, 2)
        # nothing left: not offered, and refused by RPC
        self.assertNotIn("returned", self._offered()[0])
        wizard = self._rpc_returned()
        self.assertRefused(
            wizard.action_helpdesk_reverse, "no done return left to credit"
        )

    # products invoiced on ordered quantities: a restricted reversal --------

    def test_ordered_policy_restricted_reversal(self):
        desk = self._chair("Desk", "order", price=300.0)
        stool = self._chair("Stool", "order", price=40.0)
        order, delivery, invoice = self._sell([(desk, 3), (stool, 5)])
        self.assertEqual(len(invoice.invoice_line_ids), 2)
        ticket = self._ticket_of(order)
        returned = self._return(ticket, delivery, {desk: 1})
        credit_note = self._credit_returns(ticket)
        self.assertEqual(credit_note.reversed_entry_id, invoice)
        self.assertEqual(credit_note.state, "posted")
        line = credit_note.invoice_line_ids
        self.assertEqual(
            (line.product_id, line.quantity, line.price_unit), (desk, 1, 300)
        )
        self.assertEqual(line.aftersales_returned_move_id, returned.move_ids)
        self.assertIn("Reversal of", credit_note.ref)
        # the order does not propose to invoice the returned desk again
        desk_line = order.order_line.filtered(lambda l: l.product_id == desk)
        self.assertFalse(line.sale_line_ids)
        self.assertEqual(desk_line.qty_to_invoice, 0)
        self.assertEqual(returned.aftersales_credit_state, "credited")
        self.assertNotIn("returned", self._offered(ticket)[0])

    def test_two_returns_of_two_products_in_one_credit_note(self):
        desk = self._chair("Desk", "order", price=300.0)
        order, delivery, invoice = self._sell([(desk, 3), (self.chair, 4)])
        ticket = self._ticket_of(order)
        self._return(ticket, delivery, {desk: 1, self.chair: 1})
        self._return(ticket, delivery, {desk: 1})
        credit_notes = self._credit_returns(ticket)
        # the order's invoicing for the chair, a reversal for the desks
        self.assertEqual(len(credit_notes), 2)
        self.assertEqual(credit_notes.reversed_entry_id, invoice)
        lines = credit_notes.invoice_line_ids
        self.assertEqual(
            sum(lines.filtered(lambda l: l.product_id == desk).mapped("quantity")), 2
        )
        self.assertEqual(
            lines.filtered(lambda l: l.product_id == self.chair).quantity, 1
        )
        self.assertEqual(len(lines.aftersales_returned_move_id), 3)

    # nothing to credit ------------------------------------------------------

    def test_uninvoiced_order(self):
        order, delivery, _invoice = self._sell([(self.chair, 4)], invoice=False)
        ticket = self._ticket_of(order)
        returned = self._return(ticket, delivery, {self.chair: 2})
        self.assertEqual(returned.aftersales_credit_state, "nothing")
        methods, form = self._offered(ticket)
        self.assertNotIn("returned", methods)
        self.assertIn("are not invoiced", form.aftersales_returns_note)
        self.assertIn(order.name, form.aftersales_returns_note)
        wizard = self._rpc_returned(ticket)
        self.assertRefused(wizard.action_helpdesk_reverse, "are not invoiced")

    def test_return_that_does_not_update_the_order_is_not_credited(self):
        returned = self._return(
            self.ticket, self.delivery, {self.chair: 2}, to_refund=False
        )
        self.assertEqual(returned.aftersales_credit_state, "nothing")
        self.assertNotIn("returned", self._offered()[0])
        self.assertRefused(
            self._rpc_returned().action_helpdesk_reverse, "no done return left"
        )

    def test_earlier_partial_refund_of_the_same_lines_counts(self):
        """The agent refunded the two returned chairs by hand (Partial Refund
        edited down to 2): the return is not credited again."""
        Wizard = self._refund_dialog(self.ticket)
        with Form(Wizard, view=REFUND_VIEW) as form:
            form.refund_method = "partial"
        action = form.save().action_helpdesk_reverse()
        by_hand = self.env["account.move"].browse(action["res_id"])
        with Form(by_hand) as credit_form, credit_form.invoice_line_ids.edit(0) as line:
            line.quantity = 2
        by_hand.action_post()
        returned = self._return(self.ticket, self.delivery, {self.chair: 2})
        self.assertNotIn("returned", self._offered()[0])
        self.assertEqual(returned.aftersales_credit_state, "nothing")
        self.assertRefused(
            self._rpc_returned().action_helpdesk_reverse, "already credited"
        )
        # a further return is credited: only what is beyond the hand refund
        self._return(self.ticket, self.delivery, {self.chair: 1})
        credit_note = self._credit_returns(self.ticket)
        self.assertEqual(credit_note.invoice_line_ids.quantity, 1)

    def test_two_dialogs_credit_once(self):
        self._return(self.ticket, self.delivery, {self.chair: 2})
        first = self._refund_dialog(self.ticket).create({})
        second = self._refund_dialog(self.ticket).create({})
        self.assertEqual(second.refund_method, "returned")
        first.action_helpdesk_reverse()
        self.assertRefused(
            second.action_helpdesk_reverse, "no done return left to credit"
        )
        self.assertEqual(self.ticket.credit_note_count, 1)

    # rights and bad input ---------------------------------------------------

    def test_attackers(self):
        self._return(self.ticket, self.delivery, {self.chair: 2})
        attackers = self._aftersales_attackers(self.ticket)
        for name, user in attackers.items():
            with self.subTest(user=name):
                Wizard = self.env["account.move.reversal"].with_user(user)
                if Wizard.has_access("create"):
                    wizard = self._rpc_returned(user=user)
                    self.assertRefused(
                        wizard.action_helpdesk_reverse,
                        "Only helpdesk agents",
                        AccessError,
                    )
                else:
                    self.assertRefused(
                        lambda user=user: self._rpc_returned(user=user), "", AccessError
                    )
        # an agent without Billing: no Refund dialog at all
        stock_agent = self._aftersales_user(
            "return-only-agent",
            "helpdesk_mgmt.group_helpdesk_user,stock.group_stock_user",
        )
        with self.assertRaises(AccessError):
            self.ticket.with_user(stock_agent).action_helpdesk_refund()
        self.assertEqual(self.ticket.credit_note_count, 0)

    def test_returns_of_another_ticket_are_not_credited(self):
        other = self._ticket_of(self.order)
        self._return(other, self.delivery, {self.chair: 2})
        self.assertNotIn("returned", self._offered()[0])
        self.assertRefused(
            self._rpc_returned().action_helpdesk_reverse, "no done return left"
        )
        self.assertEqual(self._credit_returns(other).invoice_line_ids.quantity, 2)

    def test_second_company(self):
        """A ticket of another company credits its own returns in its company;
        the customer's returns of the first company are not listed."""
        self._return(self.ticket, self.delivery, {self.chair: 1})
        company_2 = self.setup_other_company()["company"]
        self.env.user.company_ids |= company_2
        self.agent.company_ids |= company_2
        self.env = self.env(
            context=dict(
                self.env.context,
                allowed_company_ids=[company_2.id, self.env.company.id],
            )
        )
        self.env.user.company_id = company_2
        warehouse_2 = self.env["stock.warehouse"].search(
            [("company_id", "=", company_2.id)], limit=1
        )
        chair_2 = self.chair.with_company(company_2)
        self.env["stock.quant"].with_company(company_2)._update_available_quantity(
            chair_2, warehouse_2.lot_stock_id, 10.0
        )
        order_2 = (
            self.env["sale.order"]
            .with_company(company_2)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": company_2.id,
                    "warehouse_id": warehouse_2.id,
                    "order_line": [
                        Command.create({"product_id": chair_2.id, "product_uom_qty": 3})
                    ],
                }
            )
        )
        order_2.action_confirm()
        self._validate(order_2.picking_ids)
        invoice_2 = order_2._create_invoices()
        invoice_2.action_post()
        team_2 = self._aftersales_team(
            "Refunds 2",
            company=company_2,
            use_credit_notes=True,
            use_product_returns=True,
        )
        ticket_2 = self._aftersales_ticket(
            team_2,
            self.customer,
            sale_order_ids=[Command.set(order_2.ids)],
            product_id=self.chair.id,
        )
        self.agent.company_id = company_2
        returned_2 = self._return(ticket_2, order_2.picking_ids, {chair_2: 1})
        Wizard = self._refund_dialog(ticket_2).with_company(company_2)
        with Form(Wizard, view=REFUND_VIEW) as form:
            self.assertEqual(form.aftersales_return_move_ids[:], returned_2.move_ids)
        action = form.save().action_helpdesk_reverse()
        credit_note = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(credit_note.company_id, company_2)
        self.assertEqual(credit_note.reversed_entry_id, invoice_2)
        # the first company's return is still to credit, from its own ticket
        self.assertEqual(self.ticket.credit_note_count, 0)

    def test_korean(self):
        self._aftersales_load_korean(
            "helpdesk_aftersales_refund", "helpdesk_aftersales_return"
        )
        Wizard = self.env["account.move.reversal"].with_context(lang="ko_KR")
        method = Wizard.fields_get(["refund_method"])["refund_method"]
        self.assertEqual(dict(method["selection"])["returned"], "반품된 제품")
        state = self.env["stock.picking"].with_context(lang="ko_KR")
        selection = state.fields_get(["aftersales_credit_state"])
        self.assertEqual(
            dict(selection["aftersales_credit_state"]["selection"])["credited"],
            "크레딧 처리됨",
        )
        order, delivery, _invoice = self._sell([(self.chair, 2)], invoice=False)
        ticket = self._ticket_of(order)
        self._return(ticket, delivery, {self.chair: 1})
        wizard = self._rpc_returned(ticket).with_context(lang="ko_KR")
        self.assertRefused(wizard.action_helpdesk_reverse, "청구되지 않았습니다")

    # views ------------------------------------------------------------------

    def test_dialog_and_lists(self):
        arch = etree.fromstring(
            self.env["account.move.reversal"].get_view(
                self.env.ref(REFUND_VIEW).id, "form"
            )["arch"]
        )
        returns = arch.xpath("//field[@name='aftersales_return_move_ids']")[0]
        self.assertEqual(returns.get("invisible"), "refund_method != 'returned'")
        self.assertEqual(
            arch.xpath("//field[@name='move_ids']")[0].get("invisible"),
            "refund_method == 'returned'",
        )
        # the ticket's returns say whether they were credited
        self._return(self.ticket, self.delivery, {self.chair: 2})
        action = self.ticket.with_context(
            aftersales_documents="return_count"
        ).action_aftersales_open_documents()
        self.assertTrue(action["context"].get("aftersales_credit_state"))
        list_arch = etree.fromstring(
            self.env["stock.picking"].get_view(False, "list")["arch"]
        )
        column = list_arch.xpath("//field[@name='aftersales_credit_state']")[0]
        self.assertIn("aftersales_credit_state", column.get("column_invisible"))

    def test_dialog_opens_in_constant_queries(self):
        """The Refund dialog with a return to credit costs the same for 1 return
        and for 6 (the returns of a ticket, their credit plan: a few queries)."""

        def dialog_queries(ticket):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            Wizard = self._refund_dialog(ticket)
            values = Wizard.default_get(list(Wizard._fields))
            wizard = Wizard.new(values)
            wizard.aftersales_return_move_ids.mapped("aftersales_to_credit_qty")
            return self.cr.sql_log_count - start

        few_order, few_delivery, _invoice = self._sell([(self.chair, 6)])
        few = self._ticket_of(few_order)
        self._return(few, few_delivery, {self.chair: 1})
        many_order, many_delivery, _invoice = self._sell([(self.chair, 6)])
        many = self._ticket_of(many_order)
        for _n in range(6):
            self._return(many, many_delivery, {self.chair: 1})
        self.env.flush_all()
        dialog_queries(few)
        dialog_queries(many)
        self.assertEqual(dialog_queries(few), dialog_queries(many))
