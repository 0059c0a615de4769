# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dataclasses import dataclass

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.helpdesk_aftersales.aftersales import DocumentKind

WIZARD = "helpdesk.aftersales.coupon.wizard"
WIZARD_VIEW = "helpdesk_aftersales_coupon.helpdesk_aftersales_coupon_wizard_view_form"
CARD_ACTION = "helpdesk_aftersales_coupon.loyalty_card_action_helpdesk"
# context key naming the kind of card of the dialog (never a ``default_`` key: it
# would land on the records created along the way)
CARD_KIND = "helpdesk_aftersales_card_kind"


@dataclass(frozen=True)
class CardKind:
    """A kind of loyalty card made from tickets, named by its program type."""

    toggle: str  # team option
    needs_customer: bool  # the ticket must have a customer
    count_field: str  # smart button of the ticket


CARD_KINDS = {
    "gift_card": CardKind("use_giftcards", True, "giftcard_count"),
    "coupons": CardKind("use_coupons", False, "coupon_count"),
}


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    giftcard_count = fields.Integer(
        string="Gift Cards", compute="_compute_aftersales_counts"
    )
    giftcard_value = fields.Monetary(
        string="Gift Card Balance",
        currency_field="aftersales_currency_id",
        compute="_compute_aftersales_counts",
        help="What the gift cards given from the ticket are still worth.",
    )
    coupon_count = fields.Integer(
        string="Coupons", compute="_compute_aftersales_counts"
    )

    def _aftersales_document_kinds(self):
        # counted as the user: salespeople read every card, helpdesk agents
        # those of the tickets they read (security/loyalty_security.xml)
        card = {
            "model": "loyalty.card",
            "action": CARD_ACTION,
            "portal_domain": [],
            "portal_date_field": "expiration_date",
            "portal_state_field": "helpdesk_usage_state",
        }
        return [
            *super()._aftersales_document_kinds(),
            DocumentKind(
                count_field="giftcard_count",
                toggle="use_giftcards",
                domain=[("program_id.program_type", "=", "gift_card")],
                value_field="giftcard_value",
                value_source="points",
                created_note=self.env._(
                    "Gift card created from this ticket: %(document)s."
                ),
                linked_note=self.env._(
                    "Gift card linked to this ticket: %(document)s."
                ),
                portal_label=self.env._("Gift Card"),
                **card,
            ),
            DocumentKind(
                count_field="coupon_count",
                toggle="use_coupons",
                domain=[("program_id.program_type", "=", "coupons")],
                created_note=self.env._(
                    "Coupon created from this ticket: %(document)s."
                ),
                linked_note=self.env._("Coupon linked to this ticket: %(document)s."),
                portal_label=self.env._("Coupon"),
                **card,
            ),
        ]

    def _aftersales_card_program_domain(self, program_type):
        """The programs of type ``program_type`` whose cards can be given from the
        ticket: active (a search leaves the archived ones out), of the ticket's
        company or of none, not ended."""
        self.ensure_one()
        return Domain(
            [
                ("program_type", "=", program_type),
                ("company_id", "in", [self.company_id.id, False]),
            ]
        ) & (
            Domain("date_to", "=", False)
            | Domain("date_to", ">=", fields.Date.context_today(self))
        )

    def _aftersales_no_program_error(self, program_type):
        company = self.company_id.display_name
        if program_type == "gift_card":
            return UserError(
                self.env._(
                    "There is no gift card program for %(company)s: a sales manager "
                    "creates one in Sales > Products > Gift cards & eWallet.",
                    company=company,
                )
            )
        return UserError(
            self.env._(
                "There is no coupon program for %(company)s: a sales manager "
                "creates one in Sales > Products > Discount & Loyalty.",
                company=company,
            )
        )

    def action_helpdesk_giftcard(self):
        """The Gift Card button: the dialog generating a gift card."""
        return self._aftersales_card_dialog(
            "gift_card", self.env._("Generate a Gift Card")
        )

    def action_helpdesk_coupon(self):
        """The Coupon button: the dialog generating a coupon."""
        return self._aftersales_card_dialog("coupons", self.env._("Generate a Coupon"))

    def _aftersales_card_dialog(self, program_type, title):
        """The dialog of a card: a helpdesk agent, the team's option (and a
        customer for a gift card) are enough, with no Sales rights: the dialog
        creates the card as superuser from the values it checked."""
        kind = CARD_KINDS[program_type]
        self._aftersales_guard(kind.toggle, customer=kind.needs_customer)
        self.env[WIZARD].check_access("create")
        if not self.env["loyalty.program"].search_count(
            self._aftersales_card_program_domain(program_type), limit=1
        ):
            raise self._aftersales_no_program_error(program_type)
        return self._aftersales_dialog(
            WIZARD, WIZARD_VIEW, title, context={CARD_KIND: program_type}
        )
