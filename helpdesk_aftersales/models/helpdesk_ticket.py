# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from ..aftersales import AGENT_GROUP
from .helpdesk_ticket_team import AFTERSALES_FEATURE_MODULES

# team option -> ticket field saying whether the current user may act on it
AFTERSALES_ACTION_FIELDS = {
    "use_credit_notes": "aftersales_can_refund",
    "use_giftcards": "aftersales_can_giftcard",
    "use_coupons": "aftersales_can_coupon",
    "use_product_returns": "aftersales_can_return",
    "use_product_replacements": "aftersales_can_replace",
    "use_product_repairs": "aftersales_can_repair",
    "use_fsm": "aftersales_can_plan",
}


class HelpdeskTicket(models.Model):
    """The after-sales options of a ticket and who may act on them.

    One place decides rights (:meth:`_aftersales_guard`): every header button,
    every public method of a dialog and every link of a document to a ticket
    goes through it. The other concerns of the ticket live beside this file:
    documents and smart buttons (``helpdesk_ticket_documents.py``), portal
    (``helpdesk_ticket_portal.py``), form view (``helpdesk_ticket_form.py``)
    and chatter (``helpdesk_ticket_chatter.py``).
    """

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
    # whether the current user may act on each option of the ticket's team (the
    # header buttons show only then): the option is on and the user has the
    # rights of its documents
    aftersales_can_refund = fields.Boolean(
        string="May Refund", compute="_compute_aftersales_can"
    )
    aftersales_can_giftcard = fields.Boolean(
        string="May Give Gift Cards", compute="_compute_aftersales_can"
    )
    aftersales_can_coupon = fields.Boolean(
        string="May Give Coupons", compute="_compute_aftersales_can"
    )
    aftersales_can_return = fields.Boolean(
        string="May Return", compute="_compute_aftersales_can"
    )
    aftersales_can_replace = fields.Boolean(
        string="May Replace", compute="_compute_aftersales_can"
    )
    aftersales_can_repair = fields.Boolean(
        string="May Repair", compute="_compute_aftersales_can"
    )
    aftersales_can_plan = fields.Boolean(
        string="May Plan Interventions", compute="_compute_aftersales_can"
    )

    @api.depends(*(f"team_id.{fname}" for fname in AFTERSALES_FEATURE_MODULES))
    def _compute_use_aftersales(self):
        for ticket in self:
            ticket.use_aftersales = bool(
                ticket.team_id and ticket.team_id._aftersales_enabled_features()
            )

    @api.depends(*(f"team_id.{fname}" for fname in AFTERSALES_FEATURE_MODULES))
    @api.depends_context("uid")
    def _compute_aftersales_can(self):
        rights = {
            toggle: self._aftersales_has_rights(toggle)
            for toggle in AFTERSALES_ACTION_FIELDS
        }
        for ticket in self:
            for toggle, fname in AFTERSALES_ACTION_FIELDS.items():
                ticket[fname] = bool(ticket[toggle] and rights[toggle])

    # ------------------------------------------------------------------
    # Rights: one place decides who may do what
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_groups_of(self, toggle):
        """The groups (xmlids) that acting under the option ``toggle`` needs
        besides the agent group: those of its document kind."""
        for kind in self._aftersales_document_kinds():
            if kind.toggle == toggle:
                return [xmlid.strip() for xmlid in kind.groups.split(",") if xmlid]
        return []

    @api.model
    def _aftersales_has_rights(self, toggle=None):
        """Whether the current user is a helpdesk agent with the rights Odoo
        asks for the documents of the option ``toggle``."""
        if self.env.su:
            return True
        user = self.env.user
        if not user.has_group(AGENT_GROUP):
            return False
        return all(
            user.has_group(xmlid) for xmlid in self._aftersales_groups_of(toggle)
        )

    def _aftersales_guard(self, toggle, customer=False):
        """What every header button, dialog method and document link checks on
        the server: one ticket, which the user reads; the user is a helpdesk
        agent with the rights that Odoo asks for the option's documents; the
        team has the option ``toggle`` on; with ``customer``, the ticket has a
        customer.

        :raise AccessError: the user may not act on the ticket
        :raise UserError: not one ticket, the option is off or the customer is
            missing
        """
        if len(self) != 1 or not self.exists():
            raise UserError(self.env._("Choose one existing ticket."))
        self.check_access("read")
        if not self._aftersales_has_rights(toggle):
            raise AccessError(self._aftersales_rights_message(toggle))
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

    def _aftersales_rights_message(self, toggle):
        groups = [
            self.env.ref(xmlid).sudo().full_name
            for xmlid in [AGENT_GROUP, *self._aftersales_groups_of(toggle)]
            if self.env.ref(xmlid, raise_if_not_found=False)
        ]
        return self.env._(
            "Only helpdesk agents with these rights may do this from ticket "
            "%(ticket)s: %(groups)s.",
            ticket=self.display_name,
            groups=", ".join(groups),
        )

    def _aftersales_foreign(self, records, partner_field="partner_id"):
        """The records of ``records`` that do not belong to the ticket's
        company (a record without company belongs to all) and customer
        (commercial entity)."""
        self.ensure_one()

        def owned(record):
            record = record.sudo()
            company = record["company_id"] if "company_id" in record._fields else False
            if company and company != self.company_id:
                return False
            partner = record[partner_field]
            return partner.commercial_partner_id == self.commercial_partner_id

        return records.filtered(lambda record: not owned(record))

    def _aftersales_check_own(self, records, partner_field="partner_id"):
        """Refuse ``records`` (invoices, deliveries, addresses...) that are not
        of the ticket's company and customer, with one clear message."""
        foreign = self._aftersales_foreign(records, partner_field)
        if foreign and not self.commercial_partner_id:
            raise UserError(self.env._("Set the customer of the ticket first."))
        if foreign:
            raise UserError(
                self.env._(
                    "Only documents of %(customer)s in %(company)s can be used from "
                    "ticket %(ticket)s, not %(documents)s.",
                    customer=self.commercial_partner_id.display_name,
                    company=self.company_id.display_name,
                    ticket=self.display_name,
                    documents=", ".join(foreign.sudo().mapped("display_name")),
                )
            )

    # ------------------------------------------------------------------
    # Header buttons: guard and open a dialog
    # ------------------------------------------------------------------

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
        from its ``active_model``/``active_id`` (empty otherwise, or when the
        id is not a ticket's)."""
        context = self.env.context
        ticket_id = context.get("active_id")
        if context.get("active_model") != self._name or not ticket_id:
            return self.browse()
        if not isinstance(ticket_id, int) or isinstance(ticket_id, bool):
            raise UserError(self.env._("Choose one existing ticket."))
        return self.browse(ticket_id)

    # ------------------------------------------------------------------
    # Preselection in the dialogs
    # ------------------------------------------------------------------

    def _aftersales_preselect(
        self, model_name, domain, order_path, product_path, order="id desc"
    ):
        """The document a dialog starts with: the first of ``domain`` (in
        ``order``, most recent first) that belongs to the ticket's sales orders
        and product, else to its sales orders, else has its product. Nothing
        when none does: a dialog never proposes an unrelated document. A few
        ``LIMIT 1`` queries, whatever the customer's history.

        :param str order_path: path from the document to ``sale.order``
        :param str product_path: path from the document to ``product.product``
        """
        self.ensure_one()
        Document = self.env[model_name]
        for narrowing in self._aftersales_narrowings(order_path, product_path):
            document = Document.search(Domain(domain) & narrowing, order=order, limit=1)
            if document:
                return document
        return Document

    def _aftersales_narrowings(self, order_path, product_path):
        """The domains that relate a document to the ticket, most precise
        first: its sales orders and product, its sales orders, its product."""
        orders = self.sale_order_ids.ids if "sale_order_ids" in self._fields else []
        product = self.product_id.id if "product_id" in self._fields else False
        narrowings = []
        if orders and product:
            narrowings.append(
                Domain(order_path, "in", orders) & Domain(product_path, "=", product)
            )
        if orders:
            narrowings.append(Domain(order_path, "in", orders))
        elif product:
            narrowings.append(Domain(product_path, "=", product))
        return narrowings
