# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import format_date


class LoyaltyCard(models.Model):
    _name = "loyalty.card"
    _inherit = ["loyalty.card", "helpdesk.aftersales.document.mixin"]

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
        help="Valid: the code can be applied. Used: its points no longer pay for "
        "any reward of its program. Expired: its expiry date is over. Archived: "
        "the card or its program is archived.",
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

    # ------------------------------------------------------------------
    # After-sales document
    # ------------------------------------------------------------------

    def _aftersales_integrity_fields(self):
        return [*super()._aftersales_integrity_fields(), "program_id"]

    def _aftersales_final_name(self):
        return self.code

    def _aftersales_portal_values(self):
        """What the ticket's portal page shows of the card besides its code and
        status: its validity in words and, for a gift card, its balance."""
        self.ensure_one()
        values = {"date": self.helpdesk_validity}
        if self.program_type == "gift_card":
            values["detail"] = self.points_display
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
    # Actions
    # ------------------------------------------------------------------

    def action_helpdesk_send(self):
        """ "Send": Odoo's mail composer on the card with its program's template,
        the recipients preset to the followers of its ticket (the user adds or
        removes some before sending)."""
        self.ensure_one()
        self.check_access("write")
        action = self.action_coupon_send()
        ticket = self.helpdesk_ticket_id
        if ticket and ticket.has_access("read"):
            action["context"]["default_partner_ids"] = ticket.message_partner_ids.ids
        return action
