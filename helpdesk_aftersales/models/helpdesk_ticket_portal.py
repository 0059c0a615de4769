# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.fields import Domain
from odoo.tools import format_date


class HelpdeskTicket(models.Model):
    """The After-Sales table of the ticket's portal page."""

    # one class per concern (see the docstring)
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "helpdesk.ticket"

    def _aftersales_portal_rows(self):
        """The After-Sales table of the ticket's portal page, for its visitor
        (the current user): per document kind with a portal domain whose option
        is on for the ticket's team, the documents of the visitor's own
        commercial entity linked to the ticket (cancelled and draft ones left
        out). A document is linked only when the visitor may read it (without
        access token), so that the page never hands out access to anything.

        :return: list of dicts ``kind`` (count field), ``label`` (what the
            document is), ``name``, ``url``, ``date``, ``value``, ``state``,
            ``detail``: see ``_aftersales_portal_values`` of the document mixin
        """
        self.ensure_one()
        entity = self.env.user.partner_id.commercial_partner_id
        team = self.sudo().team_id
        rows = []
        for kind in self._aftersales_document_kinds():
            if (
                kind.portal_domain is None
                or not kind.count_field
                or not team[kind.toggle]
            ):
                continue
            Document = self.env[kind.model].sudo()
            partner_field = Document._aftersales_partner_field
            documents = Document.search(
                Domain("helpdesk_ticket_id", "=", self.id)
                & Domain(kind.domain)
                & Domain(kind.active_domain)
                & Domain(kind.portal_domain)
                & Domain(f"{partner_field}.commercial_partner_id", "=", entity.id),
                order="id",
            )
            if not documents:
                continue
            readable = documents.with_env(self.env)._filtered_access("read")
            rows += [
                self._aftersales_portal_row(kind, document, document in readable)
                for document in documents
            ]
        return rows

    def _aftersales_portal_row(self, kind, document, readable):
        """A row of the portal table; ``readable``: the visitor may read the
        document (only then is it linked)."""
        url = False
        if readable and "access_url" in document._fields:
            url = document.access_url
        date = kind.portal_date_field and document[kind.portal_date_field]
        state = False
        if kind.portal_state_field:
            selection = document._fields[
                kind.portal_state_field
            ]._description_selection(self.env)
            state = dict(selection).get(document[kind.portal_state_field])
        return {
            "kind": kind.count_field,
            "label": kind.portal_label
            or self._fields[kind.count_field]._description_string(self.env),
            "name": document._aftersales_final_name() or document.display_name,
            "url": url,
            "date": format_date(self.env, date) if date else "",
            "value": "",
            "state": state or "",
            "detail": "",
            **document._aftersales_portal_values(),
        }
