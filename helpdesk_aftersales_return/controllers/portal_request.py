# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools import format_date

from ..models.helpdesk_aftersales_request_portal import (
    COMMENT_MAX_LENGTH,
    PHOTO_MAX_COUNT,
    PHOTO_MAX_MB,
    PHOTO_MAX_SIZE,
)
from odoo.addons.helpdesk_aftersales.controllers.portal import (
    CustomerPortalHelpdeskAftersales,
)

REQUEST_FORM = "helpdesk_aftersales_return.portal_aftersales_request_form"
AUTHORIZATION_REPORT = "helpdesk_aftersales_return.action_report_return_authorization"
STATE_BADGES = {
    "requested": "text-bg-info",
    "approved": "text-bg-success",
    "refused": "text-bg-danger",
}


class CustomerPortalAftersalesRequest(CustomerPortalHelpdeskAftersales):
    """Customers ask for a return (or a repair...) from their ticket's page,
    and follow their requests there. Everything is checked as the visitor."""

    # ------------------------------------------------------------------
    # The ticket's page
    # ------------------------------------------------------------------

    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        visitor_ticket = ticket.with_env(request.env)
        Request = request.env["helpdesk.aftersales.request"]
        values["aftersales_request_kinds"] = (
            Request._aftersales_portal_kinds(visitor_ticket)
            if not request.env.user._is_public()
            else []
        )
        values["aftersales_requests"] = self._aftersales_request_rows(visitor_ticket)
        values["aftersales_request_notice"] = self._aftersales_request_notice(
            visitor_ticket, kwargs.get("aftersales_request")
        )
        return values

    def _aftersales_request_rows(self, ticket):
        """The requests of the ticket that the visitor reads (those of their
        own commercial entity), newest first."""
        Request = request.env["helpdesk.aftersales.request"]
        if request.env.user._is_public() or not Request.has_access("read"):
            return []
        requests = Request.search([("ticket_id", "=", ticket.id)])
        rows = []
        for record in requests.sudo():
            state_labels = dict(
                record._fields["state"]._description_selection(request.env)
            )
            authorization = (
                f"/my/ticket/{ticket.id}/request/{record.id}/authorization"
                if record.kind == "return"
                and record.state == "approved"
                and record.picking_id
                else False
            )
            rows.append(
                {
                    "id": record.id,
                    "name": record.name,
                    "label": record._aftersales_label(),
                    "date": format_date(request.env, record.create_date),
                    "products": record._aftersales_summary(),
                    "state": record.state,
                    "state_label": state_labels.get(record.state, ""),
                    "badge": STATE_BADGES.get(record.state, "text-bg-light"),
                    "refuse_reason": record.refuse_reason or "",
                    "document": record.picking_id.name or "",
                    "authorization_url": authorization,
                }
            )
        return rows

    def _aftersales_request_notice(self, ticket, request_id):
        """The line shown above the requests after the form was sent (``sent``:
        the same form was sent twice; its first sending made the request)."""
        if request_id == "sent":
            return request.env._(
                "This request has already been sent. You will be told here of the "
                "decision."
            )
        if not request_id or not str(request_id).isdigit():
            return False
        record = request.env["helpdesk.aftersales.request"].browse(int(request_id))
        if not record.exists() or not record.has_access("read"):
            return False
        if record.ticket_id != ticket:
            return False
        return request.env._(
            "Your request %(request)s has been sent. You will be told here of the "
            "decision.",
            request=record.name,
        )

    # ------------------------------------------------------------------
    # The request form
    # ------------------------------------------------------------------

    @http.route(
        "/my/ticket/<int:ticket_id>/request/<string:kind>",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
        csrf=True,
    )
    def portal_aftersales_request(self, ticket_id, kind, **post):
        """The form of a request of ``kind`` (GET) and its sending (POST)."""
        ticket = request.env["helpdesk.ticket"].browse(ticket_id)
        if not ticket.exists() or not ticket.has_access("read"):
            return request.redirect("/my")
        Request = request.env["helpdesk.aftersales.request"]
        if kind not in Request._aftersales_request_kinds():
            return request.not_found()
        if request.httprequest.method != "POST":
            return self._aftersales_request_render(ticket, kind)
        try:
            # nothing of a refused request remains (not even its photos)
            with request.env.cr.savepoint():
                record, created = Request._aftersales_portal_submit(
                    ticket,
                    kind,
                    self._aftersales_request_lines(),
                    post.get("reason_id"),
                    post.get("comment"),
                    self._aftersales_request_photos(),
                    post.get("submission_token"),
                )
        except (UserError, ValidationError, AccessError) as error:
            return self._aftersales_request_render(
                ticket, kind, error=error.args[0], post=post
            )
        notice = record.id if created else "sent"
        return request.redirect(
            f"/my/ticket/{ticket.id}?aftersales_request={notice}#aftersales_requests"
        )

    def _aftersales_request_lines(self):
        form = request.httprequest.form
        return request.env[
            "helpdesk.aftersales.request"
        ]._aftersales_portal_parse_lines(
            form.getlist("line_move"),
            form.getlist("line_lot"),
            form.getlist("line_quantity"),
        )

    def _aftersales_request_photos(self):
        """``[(file name, bytes)]`` of the photos sent: at most one byte above
        the size limit is read of each file (enough to refuse it)."""
        photos = []
        for upload in request.httprequest.files.getlist("photos"):
            data = upload.read(PHOTO_MAX_SIZE + 1)
            if upload.filename or data:
                photos.append((upload.filename, data))
        return photos

    def _aftersales_request_render(self, ticket, kind, error=None, post=None):
        Request = request.env["helpdesk.aftersales.request"]
        post = post or {}
        rows, reasons, refused = [], [], None
        try:
            rows = Request._aftersales_portal_rows(ticket, kind)
            reasons = Request._aftersales_portal_reasons(ticket)
        except UserError as exception:
            refused = exception.args[0]
        ticket_sudo = ticket.sudo()
        quantities = dict(
            zip(
                request.httprequest.form.getlist("line_key"),
                request.httprequest.form.getlist("line_quantity"),
                strict=False,
            )
        )
        labels = Request._aftersales_kind_labels()
        values = {
            "page_name": "ticket",
            "ticket": ticket_sudo,
            "kind": kind,
            "title": labels[kind][0],
            "rows": rows,
            "reasons": reasons,
            "error": refused or error,
            "may_request": refused is None,
            "by_lot": Request._aftersales_request_kinds()[kind].by_lot,
            "window_text": self._aftersales_request_window_text(ticket_sudo, kind),
            "photo_text": request.env._(
                "Up to %(count)s photos (JPEG, PNG, GIF or WebP) of at most "
                "%(size)s MB each.",
                count=PHOTO_MAX_COUNT,
                size=PHOTO_MAX_MB,
            ),
            "submission_token": post.get("submission_token") or secrets.token_hex(16),
            "posted_quantities": quantities,
            "posted_reason": post.get("reason_id") or "",
            "posted_comment": post.get("comment") or "",
            "comment_max_length": COMMENT_MAX_LENGTH,
            "format_date": lambda date: format_date(request.env, date),
        }
        return request.render(REQUEST_FORM, values)

    def _aftersales_request_window_text(self, ticket, kind):
        Request = request.env["helpdesk.aftersales.request"]
        days = ticket.team_id.aftersales_return_days
        if not days or not Request._aftersales_request_kinds()[kind].window:
            return False
        return request.env._(
            "Products delivered in the last %(days)s days can be returned.",
            days=days,
        )

    # ------------------------------------------------------------------
    # The Return Authorization
    # ------------------------------------------------------------------

    @http.route(
        "/my/ticket/<int:ticket_id>/request/<int:request_id>/authorization",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def portal_aftersales_return_authorization(
        self, ticket_id, request_id, download=False, **kw
    ):
        """The Return Authorization of an approved return request of the
        visitor's own company."""
        ticket = request.env["helpdesk.ticket"].browse(ticket_id)
        record = request.env["helpdesk.aftersales.request"].browse(request_id)
        if (
            not ticket.exists()
            or not ticket.has_access("read")
            or not record.exists()
            or not record.has_access("read")
            or record.ticket_id != ticket
        ):
            return request.redirect("/my")
        record = record.sudo()
        if (
            record.kind != "return"
            or record.state != "approved"
            or not record.picking_id
        ):
            return request.redirect(f"/my/ticket/{ticket.id}")
        return self._show_report(
            model=record,
            report_type="pdf",
            report_ref=AUTHORIZATION_REPORT,
            download=download in ("1", "true", True),
        )
