# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date

# our own e-mail per kind of card (translated, in the customer's language)
SEND_TEMPLATES = {
    "gift_card": "helpdesk_aftersales_coupon.mail_template_helpdesk_gift_card",
    "coupons": "helpdesk_aftersales_coupon.mail_template_helpdesk_coupon",
}


class LoyaltyCard(models.Model):
    _name = "loyalty.card"
    _inherit = ["loyalty.card", "helpdesk.aftersales.document.mixin"]
    # Helpdesk agents read the cards of the tickets they read, without Sales
    # rights (see security/loyalty_security.xml); sending a card's code (a
    # message posted on the card) needs that read access, as on tickets.
    _mail_post_access = "read"

    helpdesk_validity = fields.Char(
        string="Validity",
        compute="_compute_helpdesk_validity",
        help="Until when the code can be used.",
    )
    helpdesk_usage_state = fields.Selection(
        selection=[
            ("valid", "Valid"),
            ("used", "Used"),
            ("expired", "Expired"),
            ("archived", "Archived"),
        ],
        string="Status",
        compute="_compute_helpdesk_usage_state",
        compute_sudo=True,
        help="Valid: the code can be applied. Used: its points no longer pay for "
        "any reward of its program. Expired: its expiry date is over. Archived: "
        "the card or its program is archived.",
    )
    helpdesk_value_display = fields.Char(
        string="Value",
        compute="_compute_helpdesk_value_display",
        compute_sudo=True,
        help="What the card is worth: the balance of a gift card, the reward of "
        "a coupon.",
    )

    @api.depends("expiration_date")
    @api.depends_context("lang")
    def _compute_helpdesk_validity(self):
        for card in self:
            card.helpdesk_validity = (
                self.env._(
                    "Valid until %(date)s",
                    date=format_date(self.env, card.expiration_date),
                )
                if card.expiration_date
                else self.env._("No expiry")
            )

    @api.depends(
        "active",
        "points",
        "expiration_date",
        "program_id.active",
        "program_id.reward_ids.required_points",
    )
    def _compute_helpdesk_usage_state(self):
        today = fields.Date.context_today(self)
        for card in self:
            required = card.program_id.reward_ids.mapped("required_points")
            if not card.active or not card.program_id.active:
                card.helpdesk_usage_state = "archived"
            elif card.expiration_date and card.expiration_date < today:
                card.helpdesk_usage_state = "expired"
            elif required and card.points < min(required):
                # as sale_loyalty says "This coupon has already been used."
                card.helpdesk_usage_state = "used"
            else:
                card.helpdesk_usage_state = "valid"

    @api.depends(
        "points",
        "program_id.program_type",
        "program_id.currency_id",
        "program_id.reward_ids.required_points",
        "program_id.reward_ids.reward_type",
        "program_id.reward_ids.discount",
        "program_id.reward_ids.discount_mode",
        "program_id.reward_ids.discount_max_amount",
    )
    @api.depends_context("lang")
    def _compute_helpdesk_value_display(self):
        for card in self:
            card.helpdesk_value_display = self._aftersales_program_value_text(
                card.program_id, card.points
            )

    # ------------------------------------------------------------------
    # What a card is worth
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_program_rewards(self, program, points):
        """The rewards of ``program`` that a card of ``points`` pays (at least
        the cheapest ones, those a new coupon pays; also for a used one)."""
        # (in this environment's language)
        rewards = program.with_env(self.env).sudo().reward_ids
        if not rewards:
            return rewards
        reachable = max(points, min(rewards.mapped("required_points")))
        return rewards.filtered(lambda reward: reward.required_points <= reachable)

    @api.model
    def _aftersales_program_value(self, program, points):
        """What a card of ``program`` with ``points`` is worth as an amount, in
        the program's currency: the balance of a gift card, the highest fixed
        discount of a coupon's rewards; ``None`` when no reward is an amount
        (a percentage, a free product)."""
        if program.program_type == "gift_card":
            return program.currency_id.round(points)
        values = [
            value
            for reward in self._aftersales_program_rewards(program, points)
            if (
                value := reward._aftersales_fixed_value(
                    max(points, reward.required_points)
                )
            )
            is not None
        ]
        return max(values) if values else None

    @api.model
    def _aftersales_program_value_text(self, program, points):
        """What a card of ``program`` with ``points`` is worth, in words: the
        balance of a gift card, the rewards of a coupon."""
        if not program:
            return ""
        if program.program_type == "gift_card":
            return format_amount(self.env, points, program.currency_id)
        return ", ".join(
            reward._aftersales_value_text(max(points, reward.required_points))
            for reward in self._aftersales_program_rewards(program, points)
        )

    # ------------------------------------------------------------------
    # After-sales document
    # ------------------------------------------------------------------

    def _aftersales_integrity_fields(self):
        return [*super()._aftersales_integrity_fields(), "program_id"]

    def _aftersales_final_name(self):
        return self.code

    def _aftersales_portal_values(self):
        """What the ticket's portal page shows of the card: its validity in
        words, what it is worth and its program. The code is shown only to the
        contact the card was issued to: colleagues of the same company see the
        card without its code."""
        self.ensure_one()
        values = {
            "date": self.helpdesk_validity,
            "value": self.helpdesk_value_display,
            "detail": self.sudo().program_id.name,
        }
        if self.env.user.partner_id != self.partner_id:
            values["name"] = self.env._(
                "Code sent to %(contact)s", contact=self.sudo().partner_id.name
            )
        return values

    def _aftersales_share_link(self):
        """Odoo's share link of the card, which applies its code to the cart of
        whoever opens it (``website_sale_loyalty``), or ``False`` when that
        module is not installed (it is not a dependency)."""
        self.ensure_one()
        if "coupon.share" not in self.env:
            return False
        program = self.sudo().program_id
        website = program.website_id or self.env["website"].sudo().search(
            [("company_id", "in", [self.company_id.id or self.env.company.id, False])],
            limit=1,
        )
        if not website:
            return False
        # a new record only computes the link: nothing is stored
        share = (
            self.env["coupon.share"]
            .sudo()
            .new(
                {
                    "program_id": program.id,
                    "coupon_id": self.id,
                    "website_id": website.id,
                    "redirect": "/shop",
                }
            )
        )
        return share.share_link

    # ------------------------------------------------------------------
    # Send
    # ------------------------------------------------------------------

    def action_helpdesk_send(self):
        """ "Send": Odoo's mail composer on the card with our own e-mail of its
        kind, in the customer's language; the recipients are preset to the
        card's customer, the ticket's customer and the ticket's followers (the
        user adds or removes some before sending). The sent message is logged
        on the ticket (:meth:`_aftersales_log_sent`)."""
        card = self._aftersales_one_card()
        ticket = card.helpdesk_ticket_id
        kind = ticket._aftersales_kind_of(card) if ticket else None
        if not ticket or kind is None:
            raise UserError(
                self.env._(
                    "The card %(card)s was not given from a ticket: send it from "
                    "its program.",
                    card=card.sudo().display_name,
                )
            )
        ticket._aftersales_guard(kind.toggle)
        template = self.env.ref(SEND_TEMPLATES[card.program_type])
        return {
            "name": self.env._("Send the Code"),
            "type": "ir.actions.act_window",
            "view_mode": "form",
            "res_model": "mail.compose.message",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": card._name,
                "default_res_ids": card.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "default_partner_ids": card._aftersales_send_recipients().ids,
                "force_email": True,
            },
        }

    def _aftersales_one_card(self):
        """A public method of a card works on one existing card the user reads."""
        if len(self) != 1 or not self.exists():
            raise UserError(self.env._("Choose one existing card."))
        self.check_access("read")
        return self

    def _aftersales_send_recipients(self):
        """Who gets the code by default: the card's customer, the ticket's
        customer and the ticket's followers (not the sender)."""
        self.ensure_one()
        ticket = self.helpdesk_ticket_id
        partners = self.partner_id | ticket.partner_id | ticket.message_partner_ids
        return partners - self.env.user.partner_id

    def _message_post_after_hook(self, message, msg_values):
        res = super()._message_post_after_hook(message, msg_values)
        self._aftersales_log_sent(message)
        return res

    def _aftersales_log_sent(self, message):
        """Log on the ticket, as an internal note, a message sent to recipients
        from one of its cards (the Send composer): the message itself stays on
        the card, so that the code reaches only its recipients and never the
        ticket's portal page, where every contact of the customer reads the
        discussion."""
        message = message.sudo()
        if (
            message.message_type != "comment"
            or message.subtype_id != self.env.ref("mail.mt_comment")
            or not message.partner_ids
        ):
            return
        for card in self.filtered("helpdesk_ticket_id"):
            ticket = card.helpdesk_ticket_id
            sentence = (
                self.env._("Gift card %(document)s sent to %(recipients)s.")
                if card.program_type == "gift_card"
                else self.env._("Coupon %(document)s sent to %(recipients)s.")
            )
            body = escape(sentence) % {
                "document": card._aftersales_link(),
                "recipients": ", ".join(message.partner_ids.mapped("display_name")),
            }
            # as the sender, who reads the ticket; a sender who does not (a
            # salesperson sending from the Sales app) is still named as author
            poster = ticket if ticket.has_access("read") else ticket.sudo()
            poster.message_post(
                body=body,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
            )
