# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval


class HelpdeskTicket(models.Model):
    """The documents made from a ticket, as the bridges declare them: their
    smart-button counts and values, and the actions opening them."""

    # one class per concern (see the docstring)
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "helpdesk.ticket"

    aftersales_currency_id = fields.Many2one(
        related="company_id.currency_id", string="After-Sales Currency"
    )

    def _aftersales_document_kinds(self):
        """The kinds of documents the installed bridges make from tickets, as
        :class:`~odoo.addons.helpdesk_aftersales.aftersales.DocumentKind`, in
        the order of the team's options. Each bridge appends its own."""
        return []

    def _aftersales_kind(self, count_field):
        for kind in self._aftersales_document_kinds():
            if count_field and kind.count_field == count_field:
                return kind
        raise UserError(self.env._("Unknown kind of after-sales document."))

    def _aftersales_kind_of(self, document):
        """The kind of ``document`` (one record), or ``None`` when it is of no
        kind: such a document cannot be linked to a ticket."""
        for kind in self._aftersales_document_kinds():
            if kind.model == document._name and document.sudo().filtered_domain(
                kind.domain
            ):
                return kind
        return None

    # ------------------------------------------------------------------
    # Smart buttons
    # ------------------------------------------------------------------

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_aftersales_counts(self):
        """Compute every count (and value) field of the bridges, for the whole
        batch, in one query. They depend on the user's rights; cancelled
        documents do not count."""
        kinds = [kind for kind in self._aftersales_document_kinds() if kind.count_field]
        totals = self._aftersales_kind_totals(kinds)
        for kind in kinds:
            for ticket in self:
                count, value = totals.get((kind.count_field, ticket._origin.id), (0, 0))
                ticket[kind.count_field] = count
                if kind.value_field:
                    ticket[kind.value_field] = value or 0.0

    def _aftersales_kind_totals(self, kinds):
        """Count the documents of each kind of ``kinds`` linked to each ticket
        of ``self`` and sum their values (``value_source``): one query for every
        kind and any number of tickets (a grouped select per kind, with the
        current user's record rules, in one ``UNION ALL``). A kind whose model
        the user may not read counts nothing, without error; a kind with
        ``sudo`` is counted as superuser.

        :return: ``{(count field, ticket id): (count, value)}``, tickets without
            document of the kind left out
        """
        ticket_ids = [tid for tid in self._origin.ids if tid]
        if not ticket_ids:
            return {}
        selects = []
        for kind in kinds:
            Document = self.env[kind.model]
            if kind.sudo:
                Document = Document.sudo()
            elif not Document.has_access("read"):
                continue
            query = Document._search(
                Domain("helpdesk_ticket_id", "in", ticket_ids)
                & Domain(kind.domain)
                & Domain(kind.active_domain)
            )
            if query.is_empty():
                continue
            ticket = Document._read_group_groupby(
                Document._table, "helpdesk_ticket_id", query
            )
            value = (
                Document._read_group_select(f"{kind.value_source}:sum", query)
                if kind.value_field
                else SQL("NULL")
            )
            query.groupby = ticket
            selects.append(
                SQL(
                    "(%s)",
                    query.select(
                        SQL("%s::varchar", kind.count_field),
                        ticket,
                        SQL("COUNT(*)"),
                        SQL("CAST(%s AS numeric)", value),
                    ),
                )
            )
        if not selects:
            return {}
        rows = self.env.execute_query(SQL(" UNION ALL ").join(selects))
        return {
            (count_field, ticket_id): (count, value)
            for count_field, ticket_id, count, value in rows
        }

    def _aftersales_count(
        self,
        model_name,
        domain=None,
        sudo=False,
        field="helpdesk_ticket_id",
        aggregates=None,
    ):
        """Count the documents of ``model_name`` linked to each ticket of
        ``self``, and sum ``aggregates`` over them.

        One grouped query for the whole batch, whatever its size. Record rules
        of the current user apply; a user without read access on
        ``model_name`` gets nothing (an empty dict) instead of an error. With
        ``sudo``, the count is made as superuser (for documents the ticket may
        always show, e.g. repairs).

        :param str model_name: a model with a Many2one ``field`` to tickets
        :param domain: extra domain on the documents
        :param str field: the Many2one to ``helpdesk.ticket`` to group by
        :param dict aggregates: ``{name: "field:sum"}``
        :return: ``{ticket_id: count}`` without ``aggregates``, else
            ``{ticket_id: (count, {name: value})}``; tickets without document
            left out
        """
        ticket_ids = [tid for tid in self._origin.ids if tid]
        if not ticket_ids:
            return {}
        Document = self.env[model_name]
        if sudo:
            Document = Document.sudo()
        elif not Document.has_access("read"):
            return {}
        names = list(aggregates or {})
        groups = Document._read_group(
            Domain(field, "in", ticket_ids) & Domain(domain or []),
            [field],
            ["__count", *(aggregates[name] for name in names)],
        )
        if aggregates is None:
            return {ticket.id: count for ticket, count in groups}
        return {
            ticket.id: (count, dict(zip(names, values, strict=True)))
            for ticket, count, *values in groups
        }

    def _aftersales_kind_domain(self, kind):
        return (
            Domain("helpdesk_ticket_id", "in", self._origin.ids)
            & Domain(kind.domain)
            & Domain(kind.active_domain)
        )

    def _aftersales_documents(self, count_field):
        """The documents of the kind ``count_field`` linked to the tickets
        (cancelled ones left out)."""
        kind = self._aftersales_kind(count_field)
        Document = self.env[kind.model]
        if kind.sudo:
            Document = Document.sudo()
        return Document.search(self._aftersales_kind_domain(kind))

    def action_aftersales_open_documents(self):
        """The smart button of a document kind, named by the context key
        ``aftersales_documents`` (its count field): the form of one document,
        the list of several."""
        if len(self) != 1 or not self.exists():
            raise UserError(self.env._("Choose one existing ticket."))
        self.check_access("read")
        kind = self._aftersales_kind(self.env.context.get("aftersales_documents"))
        Document = self.env[kind.model]
        documents = Document.search(self._aftersales_kind_domain(kind), limit=2)
        return self._aftersales_action_open(
            documents,
            kind.action,
            name=self._fields[kind.count_field]._description_string(self.env),
            domain=list(self._aftersales_kind_domain(kind)),
        )

    def _aftersales_action_open(
        self, documents, action_xmlid=None, name=None, domain=None
    ):
        """The action showing ``documents``: the form of one document, the list of
        several. ``action_xmlid`` gives the window action to start from: its
        views and its context (without its default filters) are kept; creating
        is switched off. ``domain`` (default: the ids of ``documents``) selects
        the documents of the list."""
        self.ensure_one()
        if action_xmlid:
            action = self.env["ir.actions.act_window"]._for_xml_id(action_xmlid)
        else:
            action = {"type": "ir.actions.act_window", "res_model": documents._name}
        action.update(
            {
                "name": name or action.get("name"),
                "context": {**self._aftersales_action_context(action), "create": False},
                "domain": domain or [("id", "in", documents.ids)],
            }
        )
        action.pop("res_id", None)
        if len(documents) == 1:
            form_view = [
                (view_id, kind)
                for view_id, kind in action.get("views", [])
                if kind == "form"
            ]
            action.update(
                {
                    "view_mode": "form",
                    "views": form_view or [(False, "form")],
                    "res_id": documents.id,
                }
            )
        else:
            action.setdefault("view_mode", "list,form")
            if not action.get("views"):
                action["views"] = [(False, "list"), (False, "form")]
        return action

    def _aftersales_action_context(self, action):
        """The context of a window action, evaluated, without its default
        filters (they would hide some of the ticket's documents)."""
        context = action.get("context") or {}
        if isinstance(context, str):
            eval_context = {
                **self.env["ir.actions.actions"]._get_eval_context(),
                "context": dict(self.env.context),
                "active_id": self.id,
                "active_ids": self.ids,
                "active_model": self._name,
                "allowed_company_ids": self.env.companies.ids,
            }
            context = safe_eval(context, eval_context)
        return {
            key: value
            for key, value in context.items()
            if not key.startswith("search_default_")
        }
