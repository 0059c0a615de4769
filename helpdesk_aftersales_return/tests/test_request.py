# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import RETURN_VIEW, direct_deliveries, sale_delivery
from .common_request import RequestCommon


@tagged("post_install", "-at_install")
class TestRequestDecision(RequestCommon):
    """The agent approves a request (the prefilled Return dialog) or refuses
    it; the customer is told."""

    def test_approve_opens_the_prefilled_return_dialog(self):
        request, created = self._submit(lines=[(self.move, 2.0)])
        self.assertTrue(created)
        ticket = self.ticket.with_user(self.agent)
        self.assertEqual(ticket.aftersales_request_pending_id, request)
        self.assertEqual(ticket.aftersales_request_count, 1)
        self.assertTrue(ticket.aftersales_request_can_decide)
        self.assertIn(request.name, ticket.aftersales_request_pending_text)
        self.assertIn("Office Chair", ticket.aftersales_request_pending_text)
        action = ticket.action_aftersales_request_approve()
        self.assertEqual(action["res_model"], "stock.return.picking")
        Wizard = self.env["stock.return.picking"].with_user(self.agent)
        with Form(Wizard.with_context(**action["context"]), view=RETURN_VIEW) as form:
            self.assertEqual(form.picking_id, self.delivery)
            self.assertEqual(form.aftersales_request_id, request)
            self.assertEqual(form.product_return_moves.edit(0).quantity, 2.0)
        wizard = form.save()
        self.assertEqual(wizard.aftersales_reason_id, self.reason)
        result = wizard.action_create_returns()
        return_picking = self.env["stock.picking"].browse(result["res_id"])
        self.assertEqual(return_picking.move_ids.product_uom_qty, 2.0)
        self.assertEqual(return_picking.helpdesk_ticket_id, self.ticket)
        self.assertEqual(return_picking.aftersales_reason_id, self.reason)
        self.assertRecordValues(
            request,
            [
                {
                    "state": "approved",
                    "picking_id": return_picking.id,
                    "decided_by_id": self.agent.id,
                }
            ],
        )
        self.assertFalse(request.activity_id.filtered("active"), "activity done")
        message = self.ticket.message_ids.filtered(
            lambda m: "is approved" in (m.body or "")
        )
        self.assertEqual(message.author_id, self.agent.partner_id)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        # followers of other companies read it too: no delivery or return named
        self.assertNotIn(return_picking.name, message.body)
        customer_message = self.ticket.message_ids.filtered(
            lambda m: m.author_id == self.contact
        )
        self.assertIn("Office Chair", customer_message.body)
        self.assertNotIn(self.delivery.name, customer_message.body)
        self.assertIn(self.contact, self.ticket.message_partner_ids)
        self.assertFalse(ticket.aftersales_request_pending_id)

    def test_return_all_approves_too(self):
        request, _created = self._submit(lines=[(self.move, 1.0)])
        Wizard, _action = self._approve_dialog(request)
        wizard = Form(Wizard, view=RETURN_VIEW).save()
        wizard.action_create_returns_all()
        self.assertEqual(request.state, "approved")

    def test_refuse_tells_the_customer(self):
        request, _created = self._submit()
        self._refuse(request, "Seats torn by use are not covered.")
        self.assertRecordValues(
            request,
            [
                {
                    "state": "refused",
                    "refuse_reason": "Seats torn by use are not covered.",
                    "decided_by_id": self.agent.id,
                }
            ],
        )
        self.assertFalse(request.activity_id.filtered("active"), "activity done")
        message = self.ticket.message_ids.filtered(
            lambda m: "is refused" in (m.body or "")
        )
        self.assertEqual(message.message_type, "comment")
        self.assertIn("Seats torn by use are not covered.", message.body)
        # what the request asked for is available again
        Request = self.env["helpdesk.aftersales.request"]
        self.assertEqual(Request._aftersales_available(self.move)[self.move.id], 3.0)

    def test_customer_told_in_their_language(self):
        """An English agent refuses; the Korean customer reads it in Korean."""
        self._aftersales_load_korean("helpdesk_aftersales_return")
        self.contact.lang = "ko_KR"
        request, _created = self._submit()
        self._refuse(request, "보증 대상이 아닙니다.")
        message = self.ticket.message_ids.filtered(
            lambda m: (
                "보증 대상이 아닙니다." in (m.body or "")
                and m.subtype_id == self.env.ref("mail.mt_comment")
            )
        )
        self.assertIn(f"{request.name} 요청이 거절되었습니다.", message.body)

    def test_refuse_reason_required(self):
        request, _created = self._submit()
        for reason in ("   ", "x" * 2001):
            self.assertRefused(
                lambda reason=reason: self._refuse(request, reason),
                "reason",
            )
        self.assertEqual(request.state, "requested")

    def test_decided_once(self):
        request, _created = self._submit()
        Wizard, _action = self._approve_dialog(request)
        first = Form(Wizard, view=RETURN_VIEW).save()
        second = Form(Wizard, view=RETURN_VIEW).save()
        first.action_create_returns()
        self.assertEqual(request.state, "approved")
        # a second dialog of the same request makes no second return
        self.assertRefused(second.action_create_returns, "has already been decided")
        self.assertRefused(
            lambda: request.with_user(self.agent).action_approve(),
            "has already been decided",
        )
        self.assertRefused(
            lambda: request.with_user(self.agent).action_refuse(),
            "has already been decided",
        )
        other, _created = self._submit()
        self._refuse(other)
        self.assertRefused(
            lambda: self._approve_dialog(other), "has already been decided"
        )

    def test_refuse_dialog_runs_once(self):
        request, _created = self._submit()
        action = request.with_user(self.agent).action_refuse()
        Wizard = self.env[action["res_model"]].with_user(self.agent)
        wizard = Wizard.with_context(**action["context"]).create(
            {"refuse_reason": "No."}
        )
        wizard.action_refuse()
        self.assertRefused(wizard.action_refuse, "already been done")

    def test_decided_while_the_dialog_is_open(self):
        """Refused while the Return dialog was open: the return is not made."""
        request, _created = self._submit()
        Wizard, _action = self._approve_dialog(request)
        wizard = Form(Wizard, view=RETURN_VIEW).save()
        self._refuse(request)
        self.assertRefused(wizard.action_create_returns, "has already been decided")


@tagged("post_install", "-at_install")
class TestRequestRules(RequestCommon):
    """Who may decide, and what a JSON-RPC client may send."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = cls._aftersales_attackers(cls.ticket)
        cls.users["helpdesk_only"] = cls._aftersales_user(
            "request-helpdesk-only", "helpdesk_mgmt.group_helpdesk_user"
        )

    def test_attackers_cannot_decide(self):
        request, _created = self._submit()
        for name, user in self.users.items():
            for method in ("action_approve", "action_refuse"):
                with self.subTest(user=name, method=method):
                    self.assertRefused(
                        getattr(request.with_user(user), method),
                        "",
                        exception=UserError,
                    )
            with self.subTest(user=name, method="banner"):
                ticket = self.ticket.with_user(user)
                if ticket.has_access("read") and not user._is_portal():
                    self.assertFalse(ticket.aftersales_request_can_decide)
        self.assertEqual(request.state, "requested")

    def test_nobody_writes_requests(self):
        request, _created = self._submit()
        Request = self.env["helpdesk.aftersales.request"]
        for user in (self.agent, self.portal, self.users["manager"]):
            with self.subTest(user=user.login):
                self.assertRefused(
                    lambda user=user: request.with_user(user).write(
                        {"state": "approved"}
                    ),
                    "",
                    exception=AccessError,
                )
                self.assertRefused(
                    lambda user=user: Request.with_user(user).create(
                        {
                            "ticket_id": self.ticket.id,
                            "kind": "return",
                            "partner_id": user.partner_id.id,
                        }
                    ),
                    "",
                    exception=AccessError,
                )
                self.assertRefused(
                    lambda user=user: request.with_user(user).unlink(),
                    "",
                    exception=AccessError,
                )
                self.assertRefused(
                    lambda user=user: request.line_ids.with_user(user).write(
                        {"quantity": 3}
                    ),
                    "",
                    exception=AccessError,
                )

    def test_readers(self):
        """Agents read the requests of the tickets they read; portal users
        those of their company."""
        request, _created = self._submit()
        Request = self.env["helpdesk.aftersales.request"]
        self.assertEqual(Request.with_user(self.agent).search([]), request)
        self.assertEqual(Request.with_user(self.portal).search([]), request)
        self.assertEqual(Request.with_user(self.users["colleague"]).search([]), request)
        self.assertFalse(Request.with_user(self.users["stranger"]).search([]))
        self.assertFalse(Request.with_user(self.users["own"]).search([]))
        for name in ("follower_sales", "follower_stock"):
            self.assertRefused(
                lambda name=name: Request.with_user(self.users[name]).search([]),
                "",
                exception=AccessError,
            )
        # the ticket form loads for them, without the requests
        ticket = self.ticket.with_user(self.users["follower_sales"])
        self.assertEqual(ticket.aftersales_request_count, 0)
        self.assertFalse(ticket.aftersales_request_pending_id)

    def test_request_of_another_ticket_in_the_context(self):
        """The context names a request of another ticket: the dialog is not
        prefilled with it and never approves it."""
        other_ticket = self._ticket(self.contact)
        other, _created = self._submit(ticket=other_ticket)
        action = self.ticket.with_user(self.agent).action_helpdesk_return()
        Wizard = self.env["stock.return.picking"].with_user(self.agent)
        context = {**action["context"], "aftersales_request_id": other.id}
        with Form(Wizard.with_context(**context), view=RETURN_VIEW) as form:
            self.assertFalse(form.aftersales_request_id)
            with form.product_return_moves.edit(0) as line:
                self.assertEqual(line.quantity, 3.0)
                line.quantity = 1.0
        form.save().action_create_returns()
        self.assertEqual(other.state, "requested")
        # named in the dialog's values: refused, nothing made
        wizard = Wizard.with_context(**action["context"]).create(
            {"picking_id": self.delivery.id, "aftersales_request_id": other.id}
        )
        wizard.product_return_moves.quantity = 1.0
        self.assertRefused(
            wizard.action_create_returns,
            "can only approve the return requests of ticket",
        )
        self.assertEqual(other.state, "requested")

    def test_bad_context_values(self):
        request, _created = self._submit()
        action = self.ticket.with_user(self.agent).action_helpdesk_return()
        Wizard = self.env["stock.return.picking"].with_user(self.agent)
        for value in (str(request.id), True, -1, 1.5, [request.id], 10**12, None):
            with self.subTest(value=value):
                context = {**action["context"], "aftersales_request_id": value}
                defaults = Wizard.with_context(**context).default_get(
                    ["aftersales_request_id", "picking_id"]
                )
                self.assertFalse(defaults.get("aftersales_request_id"))
        self.assertEqual(request.state, "requested")

    def test_refuse_dialog_values(self):
        """The refuse dialog takes its request from the ticket's action only,
        never from the client's values or a default_ key."""
        request, _created = self._submit()
        other, _created = self._submit(ticket=self._ticket(self.contact))
        action = request.with_user(self.agent).action_refuse()
        Wizard = self.env[action["res_model"]].with_user(self.agent)
        wizard = Wizard.with_context(
            **action["context"], default_request_id=other.id
        ).create({"request_id": other.id, "refuse_reason": "No."})
        self.assertEqual(wizard.request_id, request)
        self.assertRefused(
            lambda: wizard.write({"request_id": other.id}), "cannot be changed"
        )
        # opened without a request of the ticket
        wizard = Wizard.with_context(
            active_model="helpdesk.ticket", active_id=self.ticket.id
        ).create({"refuse_reason": "No."})
        self.assertRefused(wizard.action_refuse, "Open this dialog from the request")
        self.assertEqual(other.state, "requested")

    def test_approve_option_off(self):
        request, _created = self._submit()
        self.team.use_product_returns = False
        self.assertRefused(
            lambda: request.with_user(self.agent).action_approve(), "is off"
        )
        self.assertFalse(
            self.ticket.with_user(self.agent).aftersales_request_can_decide
        )

    def test_bad_request_records(self):
        request, _created = self._submit()
        Request = self.env["helpdesk.aftersales.request"].with_user(self.agent)
        for records in (Request, Request.browse(999999), request | request.copy()):
            with self.subTest(records=records.ids):
                self.assertRefused(records.action_approve, "Choose one existing")


@tagged("post_install", "-at_install")
class TestRequestQueries(RequestCommon):
    def test_request_counts_in_one_query_per_kind(self):
        tickets = self._aftersales_tickets(self.team, self.contact, 30)
        for ticket in tickets[:3]:
            self._submit(ticket=ticket)
        tickets = tickets.with_user(self.agent)
        tickets[:1].mapped("aftersales_request_count")  # warm the caches
        for batch in (tickets[:1], tickets):
            tickets.invalidate_recordset()
            with self.assertQueryCount(4):
                counts = batch.mapped("aftersales_request_count")
        self.assertEqual(sum(counts), 3)

    def test_form_in_constant_queries(self):
        """The request form lists the products in the same number of queries
        for a short and a long history."""
        Request = self.env["helpdesk.aftersales.request"].with_user(self.portal)
        ticket = self.ticket.with_user(self.portal)
        Request._aftersales_portal_rows(ticket, "return")  # warm the caches
        counts = []
        for extra in (1, 40):
            direct_deliveries(
                self.env, self.customer, self.chair, extra, self.warehouse
            )
            self.env.invalidate_all()
            self.env.cr.execute("ANALYZE stock_move")
            queries = self.cr.sql_log_count
            rows = Request._aftersales_portal_rows(ticket, "return")
            counts.append(self.cr.sql_log_count - queries)
            self.assertGreaterEqual(len(rows), extra)
        self.assertEqual(counts[0], counts[1])

    def test_available_after_returns(self):
        """Returns made outside requests count too."""
        _order, delivery = sale_delivery(
            self.env, self.customer, self.chair, 2, self.warehouse
        )
        Request = self.env["helpdesk.aftersales.request"]
        self.assertEqual(
            Request._aftersales_available(delivery.move_ids)[delivery.move_ids.id], 2.0
        )
