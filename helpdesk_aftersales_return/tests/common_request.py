# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Abstract bases and helpers of the tests of customers' requests (no test of
their own)."""

import base64
import re
import secrets

from odoo.fields import Command
from odoo.tests import Form

from .common import ReturnTestMixin, put_in_stock, sale_delivery
from odoo.addons.helpdesk_aftersales.tests.common import (
    AftersalesTestMixin,
    new_portal_user,
)
from odoo.addons.sale.tests.common import SaleCommon

# a whole 1x1 PNG image
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
    "AAAABJRU5ErkJggg=="
)


class RequestTestMixin(ReturnTestMixin):
    """A customer company with a contact who has a portal user and a ticket of
    a team taking returns (window of 30 days), 3 chairs delivered to the
    company; another customer with 2 chairs delivered; an agent who decides."""

    @classmethod
    def _request_setup(cls):
        cls._return_setup()
        cls.team.aftersales_return_days = 30
        put_in_stock(cls.env, cls.chair, 50, cls.warehouse)
        Partner = cls.env["res.partner"]
        cls.contact = Partner.create(
            {
                "name": "Jin Park",
                "parent_id": cls.customer.id,
                "email": "jin@customer.example",
            }
        )
        cls.order, cls.delivery = sale_delivery(
            cls.env, cls.customer, cls.chair, 3, cls.warehouse
        )
        cls.move = cls.delivery.move_ids
        _order, cls.other_delivery = sale_delivery(
            cls.env, cls.other_customer, cls.chair, 2, cls.warehouse
        )
        cls.agent = cls._aftersales_user(
            "request-agent",
            "helpdesk_mgmt.group_helpdesk_user,stock.group_stock_user",
        )
        cls.ticket = cls._ticket(
            cls.contact,
            product_id=cls.chair.id,
            sale_order_ids=[Command.set(cls.order.ids)],
            user_id=cls.agent.id,
        )
        cls.portal = new_portal_user(cls.env, cls.contact, "request-portal")
        cls.reason = cls.env.ref("helpdesk_aftersales.reason_defective")

    @classmethod
    def _submit(
        cls,
        user=None,
        ticket=None,
        lines=None,
        kind="return",
        reason=None,
        comment="The seat is torn.",
        photos=(),
        token=None,
    ):
        """A request sent as the portal would (``user`` defaults to the
        customer's portal user; ``lines``: ``[(move, quantity)]`` or
        ``[(move, lot, quantity)]``): ``(request, created)``, the request in
        the test's environment."""
        user = user or cls.portal
        ticket = (ticket or cls.ticket).with_user(user)
        lines = [(cls.move, 1.0)] if lines is None else lines
        parsed = [
            (line[0].id, line[1].id if len(line) == 3 else 0, line[-1])
            for line in lines
        ]
        Request = cls.env["helpdesk.aftersales.request"].with_user(user)
        request, created = Request._aftersales_portal_submit(
            ticket,
            kind,
            parsed,
            str((reason or cls.reason).id),
            comment,
            list(photos),
            token or secrets.token_hex(16),
        )
        return request.with_env(cls.env), created

    def _requests_made(self):
        """Requests, their lines and the attachments of tickets: what a
        refused request must leave unchanged."""
        env = self.env
        return (
            env["helpdesk.aftersales.request"].sudo().search_count([]),
            env["helpdesk.aftersales.request.line"].sudo().search_count([]),
            env["ir.attachment"]
            .sudo()
            .search_count([("res_model", "=", "helpdesk.ticket")]),
        )


class RequestHttpMixin:
    """The request form over HTTP, as a browser sends it."""

    def _form_page(self, ticket, kind="return", login=None):
        """The form page (its HTML) as ``login`` (logged in when given)."""
        if login:
            self.authenticate(login, login)
        return self.url_open(f"/my/ticket/{ticket.id}/request/{kind}")

    @staticmethod
    def _hidden(html, name):
        match = re.search(rf'name="{name}" value="([^"]*)"', html)
        return match and match.group(1)

    @staticmethod
    def _csrf_token(html):
        """The session's CSRF token, as every page of the portal has it."""
        match = re.search(r'csrf_token: "([^"]+)"', html)
        return match and match.group(1)

    def _post_form(self, ticket, lines, kind="return", login=None, **fields):
        """Open the form, fill it and send it: ``lines`` is
        ``{move: quantity}`` (or ``[(move id, lot id, quantity text)]`` as
        raw rows); ``fields`` overrides the other fields (``photos``: a list of
        ``(file name, bytes, mimetype)``; ``csrf_token=None`` leaves it out).
        :return: the response, redirects not followed."""
        page = self._form_page(ticket, kind, login)
        self.assertEqual(page.status_code, 200)
        data = {
            "csrf_token": self._csrf_token(page.text),
            "submission_token": self._hidden(page.text, "submission_token")
            or secrets.token_hex(16),
            "reason_id": str(self.reason.id),
            "comment": "The seat is torn.",
        }
        photos = fields.pop("photos", [])
        data.update(fields)
        data = {key: value for key, value in data.items() if value is not None}
        rows = (
            [(move.id, 0, str(quantity)) for move, quantity in lines.items()]
            if isinstance(lines, dict)
            else lines
        )
        data["line_move"] = [str(row[0]) for row in rows]
        data["line_lot"] = [str(row[1]) for row in rows]
        data["line_quantity"] = [str(row[2]) for row in rows]
        files = [("photos", photo) for photo in photos]
        return self.url_open(
            f"/my/ticket/{ticket.id}/request/{kind}",
            data=data,
            files=files or None,
            allow_redirects=False,
        )


class RequestCommon(RequestTestMixin, AftersalesTestMixin, SaleCommon):
    """Transaction tests of requests (no test of its own)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._request_setup()

    def _aftersales_made(self):
        return (
            self._requests_made(),
            self.env["stock.picking"].sudo().search_count([]),
            self.env["helpdesk.aftersales.request"]
            .sudo()
            .search_count([("state", "!=", "requested")]),
        )

    def _approve_dialog(self, request, user=None):
        """Approve ``request`` as ``user`` (the agent): the Return dialog's
        model with the action's context."""
        user = user or self.agent
        action = request.with_user(user).action_approve()
        Wizard = self.env[action["res_model"]].with_user(user)
        return Wizard.with_context(**action["context"]), action

    def _refuse(self, request, reason="Seats torn by use are not covered.", user=None):
        user = user or self.agent
        action = request.with_user(user).action_refuse()
        Wizard = self.env[action["res_model"]].with_user(user)
        with Form(Wizard.with_context(**action["context"])) as form:
            form.refuse_reason = reason
        return form.save().action_refuse()
