# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import copy

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import format_date
from odoo.tools.safe_eval import safe_eval

from .helpdesk_ticket_team import AFTERSALES_FEATURE_MODULES

# Chatter subtype of each status message, with the team toggle that enables it.
AFTERSALES_STATUS_SUBTYPES = {
    "helpdesk_aftersales.mt_ticket_refund_status": ("use_credit_notes",),
    "helpdesk_aftersales.mt_ticket_return_status": ("use_product_returns",),
    "helpdesk_aftersales.mt_ticket_delivery_status": ("use_product_replacements",),
    "helpdesk_aftersales.mt_ticket_repair_status": ("use_product_repairs",),
    "helpdesk_aftersales.mt_ticket_task_status": ("use_fsm",),
}


# Ticket fields of other addons (helpdesk_product, helpdesk_mgmt_sale, the bridges)
# that the form shows in its "After-Sales" group when the team has an option on:
# field name -> inner group of the After-Sales group.
AFTERSALES_FORM_FIELDS = {
    "product_id": "aftersales_left",
    "lot_id": "aftersales_left",
    "sale_order_ids": "aftersales_right",
}


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # the team's options, for the view conditions (labels of their own: the
    # bridges' smart buttons say "Returns", "Coupons"...)
    use_credit_notes = fields.Boolean(
        related="team_id.use_credit_notes", string="Refunds Enabled"
    )
    use_giftcards = fields.Boolean(
        related="team_id.use_giftcards", string="Gift Cards Enabled"
    )
    use_coupons = fields.Boolean(
        related="team_id.use_coupons", string="Coupons Enabled"
    )
    use_product_returns = fields.Boolean(
        related="team_id.use_product_returns", string="Returns Enabled"
    )
    use_product_replacements = fields.Boolean(
        related="team_id.use_product_replacements", string="Replacements Enabled"
    )
    use_product_repairs = fields.Boolean(
        related="team_id.use_product_repairs", string="Repairs Enabled"
    )
    use_fsm = fields.Boolean(related="team_id.use_fsm", string="Field Service Enabled")
    use_aftersales = fields.Boolean(
        string="After-Sales Enabled",
        compute="_compute_use_aftersales",
        help="At least one after-sales option is on for the team of the ticket.",
    )

    @api.depends(*(f"team_id.{fname}" for fname in AFTERSALES_FEATURE_MODULES))
    def _compute_use_aftersales(self):
        for ticket in self:
            ticket.use_aftersales = bool(
                ticket.team_id and ticket.team_id._aftersales_enabled_features()
            )

    # ------------------------------------------------------------------
    # Smart buttons: declared by the bridges as document kinds
    # ------------------------------------------------------------------

    def _aftersales_document_kinds(self):
        """The kinds of documents the installed bridges make from tickets, as
        :class:`~odoo.addons.helpdesk_aftersales.aftersales.DocumentKind`.
        Each bridge appends its own."""
        return []

    def _aftersales_kind(self, count_field):
        for kind in self._aftersales_document_kinds():
            if kind.count_field == count_field:
                return kind
        raise UserError(self.env._("Unknown kind of after-sales document."))

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_aftersales_counts(self):
        """Compute every count field of the bridges: one grouped query per kind
        for the whole batch. The counts depend on the user's rights."""
        for kind in self._aftersales_document_kinds():
            counts = self._aftersales_count(
                kind.model, kind.domain, sudo=kind.sudo, field="helpdesk_ticket_id"
            )
            for ticket in self:
                ticket[kind.count_field] = counts.get(ticket._origin.id, 0)

    def _aftersales_count(
        self, model_name, domain=None, sudo=False, field="helpdesk_ticket_id"
    ):
        """Count the documents of ``model_name`` linked to each ticket of ``self``.

        One grouped query for the whole batch, whatever its size. Record rules of
        the current user apply; a user without read access on ``model_name`` gets
        no count (an empty dict) instead of an error. With ``sudo``, the count is
        made as superuser (for documents the ticket may always show, e.g. repairs).

        :param str model_name: a model with a Many2one ``field`` to tickets
        :param domain: extra domain on the documents
        :param str field: the Many2one to ``helpdesk.ticket`` to group by
        :return: ``{ticket_id: count}``, tickets without document left out
        """
        ticket_ids = [tid for tid in self._origin.ids if tid]
        if not ticket_ids:
            return {}
        Document = self.env[model_name]
        if sudo:
            Document = Document.sudo()
        elif not Document.has_access("read"):
            return {}
        groups = Document._read_group(
            Domain(field, "in", ticket_ids) & Domain(domain or []),
            [field],
            ["__count"],
        )
        return {ticket.id: count for ticket, count in groups}

    def _aftersales_kind_domain(self, kind):
        return Domain("helpdesk_ticket_id", "in", self._origin.ids) & Domain(
            kind.domain
        )

    def _aftersales_documents(self, count_field):
        """The documents of the kind ``count_field`` linked to the tickets."""
        kind = self._aftersales_kind(count_field)
        Document = self.env[kind.model]
        if kind.sudo:
            Document = Document.sudo()
        return Document.search(self._aftersales_kind_domain(kind))

    def action_aftersales_open_documents(self):
        """The smart button of a document kind, named by the context key
        ``aftersales_documents`` (its count field): the form of one document,
        the list of several."""
        self.ensure_one()
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

    # ------------------------------------------------------------------
    # Header buttons: guard and open a dialog
    # ------------------------------------------------------------------

    def _aftersales_guard(self, toggle, customer=False):
        """What every header button and dialog of a bridge checks on the server:
        the user reads the ticket, its team has the option ``toggle`` on, and,
        with ``customer``, the ticket has a customer.

        :raise AccessError: the user cannot read the ticket
        :raise UserError: the option is off or the customer is missing
        """
        self.ensure_one()
        self.check_access("read")
        if toggle and not self[toggle]:
            raise UserError(
                self.env._(
                    "The option %(option)s is off for the team of ticket %(ticket)s.",
                    option=self.team_id._fields[toggle]._description_string(self.env),
                    ticket=self.display_name,
                )
            )
        if customer and not self.partner_id:
            raise UserError(self.env._("Set the customer of the ticket first."))

    def _aftersales_dialog(
        self, res_model, view_xmlid, name, context=None, target="new"
    ):
        """The action opening the dialog ``res_model`` for the ticket (or, with
        ``target="current"``, a new document in full page). The ticket is given
        explicitly (``active_model``/``active_id``, read back by
        :meth:`_aftersales_ticket_from_context`), never as a default value that
        would land on every record created along the way."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": res_model,
            "view_mode": "form",
            "views": [(self.env.ref(view_xmlid).id, "form")],
            "target": target,
            "context": {
                **(context or {}),
                "active_model": self._name,
                "active_id": self.id,
                "active_ids": self.ids,
            },
        }

    @api.model
    def _aftersales_ticket_from_context(self):
        """The ticket an action of :meth:`_aftersales_dialog` was opened for,
        from its ``active_model``/``active_id`` (empty otherwise)."""
        context = self.env.context
        if context.get("active_model") == self._name and context.get("active_id"):
            return self.browse(context["active_id"])
        return self.browse()

    # ------------------------------------------------------------------
    # Preselection in the dialogs
    # ------------------------------------------------------------------

    def _aftersales_preselect(
        self, model_name, domain, order_path, product_path, order="id desc"
    ):
        """The document a dialog starts with: the first of ``domain`` (in
        ``order``, most recent first) that belongs to the ticket's sales orders
        and product, else to its sales orders, else has its product, else any.
        A few ``LIMIT 1`` queries, whatever the customer's history.

        :param str order_path: path from the document to ``sale.order``
        :param str product_path: path from the document to ``product.product``
        """
        self.ensure_one()
        Document = self.env[model_name]
        orders = self.sale_order_ids.ids if "sale_order_ids" in self._fields else []
        product = self.product_id.id if "product_id" in self._fields else False
        narrowings = []
        if orders and product:
            narrowings.append(
                Domain(order_path, "in", orders) & Domain(product_path, "=", product)
            )
        if orders:
            narrowings.append(Domain(order_path, "in", orders))
        if product:
            narrowings.append(Domain(product_path, "=", product))
        narrowings.append(Domain.TRUE)
        for narrowing in narrowings:
            document = Document.search(Domain(domain) & narrowing, order=order, limit=1)
            if document:
                return document
        return Document

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------

    def _aftersales_portal_sections(self):
        """The After-Sales section of the ticket's portal page, for its visitor
        (the current user): per document kind with a portal domain, the documents
        of the visitor's own commercial entity linked to the ticket. Documents
        are listed with their date and state; the link to a document is given
        only when the visitor may read it (without access token), so that the
        page never hands out access to anything.

        :return: list of dicts ``name``, ``title``, ``rows`` (each ``name``,
            ``url``, ``date``, ``state``, ``detail``: see
            ``_aftersales_portal_values`` of the document mixin)
        """
        self.ensure_one()
        entity = self.env.user.partner_id.commercial_partner_id
        sections = []
        for kind in self._aftersales_document_kinds():
            if kind.portal_domain is None:
                continue
            Document = self.env[kind.model].sudo()
            partner_field = Document._aftersales_partner_field
            documents = Document.search(
                Domain("helpdesk_ticket_id", "=", self.id)
                & Domain(kind.domain)
                & Domain(kind.portal_domain)
                & Domain(f"{partner_field}.commercial_partner_id", "=", entity.id),
                order="id",
            )
            if documents:
                readable = documents.with_env(self.env)._filtered_access("read")
                sections.append(
                    {
                        "name": kind.count_field,
                        "title": self._fields[kind.count_field]._description_string(
                            self.env
                        ),
                        "rows": [
                            self._aftersales_portal_row(
                                kind, document, document in readable
                            )
                            for document in documents
                        ],
                    }
                )
        return sections

    def _aftersales_portal_row(self, kind, document, readable):
        """A row of the portal section; ``readable``: the visitor may read the
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
            "name": document._aftersales_final_name() or document.display_name,
            "url": url,
            "date": format_date(self.env, date) if date else "",
            "state": state or "",
            "detail": "",
            **document._aftersales_portal_values(),
        }

    # ------------------------------------------------------------------
    # Form view
    # ------------------------------------------------------------------

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            self._aftersales_gather_fields(arch)
        return arch, view

    @api.model
    def _aftersales_gather_fields(self, arch):
        """Show the product, lot and sales orders of the ticket in its After-Sales
        group when the team has an option on, and where their addon put them
        otherwise. Done once here, whichever bridges (or none) add those fields."""
        for fname, group_name in AFTERSALES_FORM_FIELDS.items():
            target = arch.xpath(f"//group[@name='{group_name}']")
            if not target:
                continue
            for node in arch.xpath(f"//group[@name='main']//field[@name='{fname}']"):
                target[0].append(copy.deepcopy(node))
                invisible = node.get("invisible")
                node.set(
                    "invisible",
                    f"({invisible}) or use_aftersales"
                    if invisible
                    else "use_aftersales",
                )

    # ------------------------------------------------------------------
    # Chatter
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_status_toggles(self, subtype_xmlid):
        """The team toggles that enable the status subtype ``subtype_xmlid``."""
        if subtype_xmlid not in AFTERSALES_STATUS_SUBTYPES:
            raise ValueError(f"{subtype_xmlid} is not an after-sales status subtype")
        return AFTERSALES_STATUS_SUBTYPES[subtype_xmlid]

    def _mail_get_message_subtypes(self):
        """Offer the after-sales status subtypes in the follow options only when
        the team of the ticket has the matching option on."""
        subtypes = super()._mail_get_message_subtypes()
        if len(self) != 1:
            return subtypes
        hidden = self.env["mail.message.subtype"]
        for xmlid, toggles in AFTERSALES_STATUS_SUBTYPES.items():
            subtype = self.env.ref(xmlid, raise_if_not_found=False)
            if subtype and not any(self[toggle] for toggle in toggles):
                hidden |= subtype
        return subtypes - hidden
