# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dataclasses import dataclass

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import formatLang


@dataclass(frozen=True)
class RequestKind:
    """What customers may ask for from their ticket's portal page.

    :param toggle: the team option under which the ticket offers it
    :param window: only deliveries within the team's return window
    :param by_lot: the customer chooses the lot/serial number too
    :param one_line: a request covers one product (a repair order repairs one)
    :param one_delivery: a request covers one delivery (a return returns one)
    """

    toggle: str
    window: bool = False
    by_lot: bool = False
    one_line: bool = False
    one_delivery: bool = False


class HelpdeskAftersalesRequest(models.Model):
    """A customer's request from the portal page of their ticket (a return, a
    repair...): what they ask for, why, with photos. An agent approves it by
    making the document (the request is approved when the document is made)
    or refuses it with a reason that the customer receives.

    Nobody writes it directly: the portal creates it after its checks
    (``helpdesk_aftersales_request_portal.py``), agents decide through
    :meth:`action_approve` and the Refuse dialog, which check the ticket's
    rules."""

    _name = "helpdesk.aftersales.request"
    _description = "After-Sales Request"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, string="Company"
    )
    kind = fields.Selection(
        selection=[("return", "Return")],
        required=True,
        readonly=True,
        help="What the customer asks for.",
    )
    state = fields.Selection(
        selection=[
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        string="Status",
        required=True,
        readonly=True,
        default="requested",
        tracking=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Requested By",
        required=True,
        readonly=True,
        help="The customer's contact who sent the request.",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
        string="Customer",
    )
    reason_id = fields.Many2one(
        comodel_name="helpdesk.aftersales.reason",
        readonly=True,
        ondelete="restrict",
    )
    comment = fields.Text(readonly=True, help="What the customer wrote.")
    line_ids = fields.One2many(
        comodel_name="helpdesk.aftersales.request.line",
        inverse_name="request_id",
        string="Products",
        readonly=True,
    )
    delivery_id = fields.Many2one(
        comodel_name="stock.picking",
        readonly=True,
        ondelete="set null",
        help="The delivery whose products the customer asks to return.",
    )
    photo_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="helpdesk_aftersales_request_photo_rel",
        column1="request_id",
        column2="attachment_id",
        string="Photos",
        readonly=True,
    )
    picking_id = fields.Many2one(
        comodel_name="stock.picking",
        string="Return",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The return made when the request was approved.",
    )
    refuse_reason = fields.Text(
        string="Refusal Reason",
        readonly=True,
        copy=False,
        help="Why the request was refused, as the customer was told.",
    )
    decided_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    activity_id = fields.Many2one(
        comodel_name="mail.activity",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    # the form it was posted from: the same form posted twice makes one request
    submission_token = fields.Char(readonly=True, copy=False)

    _submission_unique = models.Constraint(
        "UNIQUE(ticket_id, submission_token)",
        "This request has already been sent.",
    )

    @api.model
    def _aftersales_request_kinds(self):
        """``{kind: RequestKind}`` of the requests customers may send; each
        bridge adds its own."""
        return {
            "return": RequestKind(
                toggle="use_product_returns", window=True, one_delivery=True
            )
        }

    @api.model
    def _aftersales_kind_labels(self):
        """``{kind: (button label, request label)}``, translated."""
        return {
            "return": (self.env._("Request a return"), self.env._("Return request"))
        }

    def _aftersales_kind(self):
        self.ensure_one()
        return self._aftersales_request_kinds()[self.kind]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "helpdesk.aftersales.request"
                )
        return super().create(vals_list)

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._(
            "Return Authorization %(reference)s",
            reference=self.picking_id.name or self.name,
        )

    # ------------------------------------------------------------------
    # Agents decide
    # ------------------------------------------------------------------

    def _aftersales_ensure_pending(self):
        """One existing request, still waiting for a decision, which the user
        may decide: the ticket's rules for its kind."""
        if len(self) != 1 or not self.exists():
            raise UserError(self.env._("Choose one existing request."))
        self.check_access("read")
        self.ticket_id._aftersales_guard(self._aftersales_kind().toggle, customer=True)
        if self.state != "requested":
            raise UserError(
                self.env._(
                    "Request %(request)s has already been decided.",
                    request=self.name,
                )
            )

    def action_approve(self):
        """Approve: open what makes the document, prefilled with the request.
        The request is approved when that document is made."""
        self._aftersales_ensure_pending()
        return self._aftersales_approve_action()

    def _aftersales_approve_action(self):
        """The action making the request's document, per kind: the Return
        dialog of the ticket, prefilled with the requested lines."""
        self.ensure_one()
        action = self.ticket_id.action_helpdesk_return()
        action["context"] = {
            **action["context"],
            "aftersales_request_id": self.id,
        }
        return action

    def action_refuse(self):
        """Refuse: the dialog asking the reason the customer receives."""
        self._aftersales_ensure_pending()
        return self.ticket_id._aftersales_dialog(
            "helpdesk.aftersales.request.refuse",
            "helpdesk_aftersales_return.helpdesk_aftersales_request_refuse_view_form",
            self.env._("Refuse the Request"),
            context={"aftersales_request_id": self.id},
        )

    def action_open_ticket(self):
        self.ensure_one()
        self.ticket_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "view_mode": "form",
            "views": [(False, "form")],
            "res_id": self.ticket_id.id,
        }

    @api.model
    def _aftersales_from_context(self, kind, ticket):
        """The pending request of ``kind`` (any kind when ``None``) of
        ``ticket`` named by the context key ``aftersales_request_id`` (set by
        :meth:`action_approve`), else an empty recordset: any other value names
        nothing to prefill."""
        request_id = self.env.context.get("aftersales_request_id")
        if (
            not ticket
            or not isinstance(request_id, int)
            or isinstance(request_id, bool)
            or request_id <= 0
        ):
            return self.browse()
        request = self.sudo().browse(request_id).exists()
        if (
            request.ticket_id != ticket
            or (kind and request.kind != kind)
            or request.state != "requested"
        ):
            return self.browse()
        return request.sudo(False)

    def _aftersales_lock(self):
        """Lock the request until the end of the transaction and mark it as
        updated: two sessions never decide it twice (the second one fails and
        is retried on fresh data, or is told it is processed)."""
        self.env["helpdesk.aftersales.wizard.mixin"]._aftersales_lock(self, claim=True)
        self.invalidate_recordset(["state"])

    def _aftersales_approve(self, document):
        """The document approving the request is made (a return, a repair...):
        link it, tell the customer, close the agent's activity."""
        self.ensure_one()
        self._aftersales_lock()
        if self.state != "requested":
            raise UserError(
                self.env._(
                    "Request %(request)s has already been decided.",
                    request=self.name,
                )
            )
        self.sudo().write(
            {
                "state": "approved",
                "decided_by_id": self.env.uid,
                **self._aftersales_document_values(document),
            }
        )
        customer = self._aftersales_customer_env()
        self._aftersales_tell_customer(customer._aftersales_approved_message(document))
        self._aftersales_close_activity(
            self.env._("Approved: %(document)s", document=document.display_name)
        )

    def _aftersales_document_values(self, document):
        """The field of the request that holds ``document``."""
        if document._name == "stock.picking":
            return {"picking_id": document.id}
        return {}

    def _aftersales_approved_message(self, document):
        """What the customer is told when the request is approved (in their
        language: ``self`` is in their environment). Whoever reads the ticket
        reads it (followers of other companies too): it names no document of
        the customer."""
        if self.kind == "return":
            return self.env._(
                "Your return request %(request)s is approved. Print the Return "
                "Authorization from the ticket page and put it in the parcel.",
                request=self.name,
            )
        return self.env._("Your request %(request)s is approved.", request=self.name)

    def _aftersales_refuse(self, reason):
        """Refuse the request; the customer receives ``reason``."""
        self.ensure_one()
        self._aftersales_lock()
        if self.state != "requested":
            raise UserError(
                self.env._(
                    "Request %(request)s has already been decided.",
                    request=self.name,
                )
            )
        self.sudo().write(
            {
                "state": "refused",
                "refuse_reason": reason,
                "decided_by_id": self.env.uid,
            }
        )
        customer = self._aftersales_customer_env()
        self._aftersales_tell_customer(
            customer.env._(
                "Your request %(request)s is refused: %(reason)s",
                request=self.name,
                reason=reason,
            )
        )
        self._aftersales_close_activity(
            self.env._("Refused: %(reason)s", reason=reason)
        )

    def _aftersales_customer_env(self):
        """The request in the language of the customer who sent it."""
        return self.with_context(
            lang=self.partner_id.lang or self.ticket_id.partner_id.lang
        )

    def _aftersales_tell_customer(self, text):
        """Post ``text`` on the ticket as a message to the customer (followers
        are notified), written by the agent who decided."""
        ticket = self.ticket_id
        self._aftersales_ensure_follower(ticket)
        ticket.message_post(
            body=Markup("<p>%s</p>") % text,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _aftersales_ensure_follower(self, ticket):
        """The contact who asked receives the answer: they follow the ticket."""
        if self.partner_id not in ticket.sudo().message_partner_ids:
            ticket.sudo().message_subscribe(partner_ids=self.partner_id.ids)

    def _aftersales_close_activity(self, feedback):
        activity = self.sudo().activity_id.exists()
        if activity:
            activity.action_feedback(feedback=feedback)

    # ------------------------------------------------------------------
    # Texts
    # ------------------------------------------------------------------

    def _aftersales_label(self):
        self.ensure_one()
        return self._aftersales_kind_labels()[self.kind][1]

    def _aftersales_summary(self, deliveries=True):
        """The requested products as text: ``2 Units × Office Chair (delivery
        WH/OUT/00003)`` (without the deliveries when ``deliveries`` is False)."""
        self.ensure_one()
        return ", ".join(line._aftersales_summary(deliveries) for line in self.line_ids)

    def _aftersales_summary_html(self):
        """The request as the ticket's chatter shows it, in the customer's
        words: their comment, then what they ask for and why. Whoever reads
        the ticket reads it (followers of other companies too): it names the
        products, not the customer's deliveries."""
        self.ensure_one()
        parts = []
        if self.comment:
            parts.append(Markup("<p>%s</p>") % self.comment)
        parts.append(
            Markup("<p><b>%s</b></p>")
            % self.env._(
                "%(label)s %(request)s",
                label=self._aftersales_label(),
                request=self.name,
            )
        )
        parts.append(
            Markup("<ul>%s</ul>")
            % Markup().join(
                Markup("<li>%s</li>") % line._aftersales_summary(deliveries=False)
                for line in self.line_ids
            )
        )
        if self.reason_id:
            parts.append(
                Markup("<p>%s</p>")
                % self.env._("Reason: %(reason)s", reason=self.reason_id.name)
            )
        return Markup().join(parts)

    def _aftersales_activity_note(self):
        self.ensure_one()
        return escape(
            self.env._(
                "%(customer)s asks: %(products)s.",
                customer=self.partner_id.display_name,
                products=self._aftersales_summary(),
            )
        )


class HelpdeskAftersalesRequestLine(models.Model):
    """A product a customer asks for: a delivered product (its move of the
    delivery), with the lot/serial number when the request names one."""

    _name = "helpdesk.aftersales.request.line"
    _description = "After-Sales Request Line"
    _order = "request_id, id"

    request_id = fields.Many2one(
        comodel_name="helpdesk.aftersales.request",
        required=True,
        index=True,
        ondelete="cascade",
    )
    move_id = fields.Many2one(
        comodel_name="stock.move",
        string="Delivered Move",
        required=True,
        index=True,
        ondelete="restrict",
    )
    delivery_id = fields.Many2one(
        related="move_id.picking_id", string="Delivery", store=True
    )
    product_id = fields.Many2one(
        related="move_id.product_id", string="Product", store=True
    )
    lot_id = fields.Many2one(
        comodel_name="stock.lot", string="Lot/Serial Number", ondelete="restrict"
    )
    quantity = fields.Float(digits="Product Unit", required=True)
    uom_id = fields.Many2one(related="move_id.product_uom", string="Unit")
    state = fields.Selection(related="request_id.state", store=True)

    def _aftersales_summary(self, deliveries=True):
        self.ensure_one()
        product = self.product_id.display_name
        if self.lot_id:
            product = f"{product} ({self.lot_id.name})"
        if not deliveries:
            return self.env._(
                "%(quantity)s %(unit)s × %(product)s",
                quantity=formatLang(self.env, self.quantity, dp="Product Unit"),
                unit=self.uom_id.name,
                product=product,
            )
        return self.env._(
            "%(quantity)s %(unit)s × %(product)s (delivery %(delivery)s)",
            quantity=formatLang(self.env, self.quantity, dp="Product Unit"),
            unit=self.uom_id.name,
            product=product,
            delivery=self.delivery_id.name,
        )
