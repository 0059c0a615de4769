# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Abstract base of the refund tests (no test of its own)."""

from odoo.fields import Command
from odoo.tests import Form

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.helpdesk_aftersales.tests.common import AftersalesTestMixin

REFUND_VIEW = "helpdesk_aftersales_refund.view_account_move_reversal_helpdesk"


class RefundCommon(AftersalesTestMixin, AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the accounting test user also manages the helpdesk (teams, tickets)
        cls.env.user.group_ids |= cls.env.ref("helpdesk_mgmt.group_helpdesk_manager")
        cls.agent = cls._aftersales_user(
            "refund-agent",
            "helpdesk_mgmt.group_helpdesk_user,account.group_account_invoice",
        )
        cls.helpdesk_only = cls._aftersales_user(
            "refund-helpdesk-only", "helpdesk_mgmt.group_helpdesk_user"
        )
        cls.team = cls._aftersales_team("Refund Team", use_credit_notes=True)
        # the ticket is about product A: its invoices are preselected
        cls.ticket = cls._ticket(cls.partner_a, product_id=cls.product_a.id)
        cls.invoice = cls._create_invoice_one_line(
            price_unit=100.0, product_id=cls.product_a, post=True
        )

    @classmethod
    def _ticket(cls, partner, **values):
        return cls._aftersales_ticket(cls.team, partner, **values)

    def _open_dialog(self, ticket=None, user=None):
        """The Refund button, as the ticket form calls it: the dialog's model in
        the action's context, and the action."""
        user = user or self.agent
        ticket = (ticket or self.ticket).with_user(user)
        action = ticket.action_helpdesk_refund()
        Wizard = self.env[action["res_model"]].with_user(user)
        return Wizard.with_context(**action["context"]), action

    def _dialog(self, method=None, ticket=None, invoices=None, user=None):
        """The saved dialog, with ``method`` and ``invoices`` chosen in the form."""
        Wizard, _action = self._open_dialog(ticket, user)
        with Form(Wizard, view=REFUND_VIEW) as form:
            if invoices is not None:
                form.move_ids.clear()
                for invoice in invoices:
                    form.move_ids.add(invoice)
            if method and form.refund_method != method:
                form.refund_method = method
        return form.save()

    def _refund(self, method, ticket=None, invoices=None, user=None):
        """Open the dialog, pick the method (and invoices), press Reverse."""
        wizard = self._dialog(method, ticket, invoices, user)
        return wizard, wizard.action_helpdesk_reverse()

    @classmethod
    def _sale_order(cls, partner, product):
        """A confirmed sales order (as a salesperson would make it)."""
        order = (
            cls.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": product.id})],
                }
            )
        )
        order.action_confirm()
        return order.sudo(False)

    def _edit_credit_note(self, credit_note, price_unit, user=None):
        """The agent edits the (one line) draft credit note's unit price."""
        form = Form(credit_note.with_user(user or self.agent))
        with form.invoice_line_ids.edit(0) as line:
            line.price_unit = price_unit
        form.save()
        return credit_note

    def _aftersales_made(self):
        return self._move_count()

    def _move_count(self):
        return self.env["account.move"].sudo().search_count([])
