# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, format_date

from ..models.helpdesk_ticket import CARD_KIND, CARD_KINDS, WIZARD_VIEW


class HelpdeskAftersalesCouponWizard(models.TransientModel):
    """The Coupon and Gift Card dialogs of a ticket: choose a program (and an
    amount for a gift card), generate one card for the ticket's customer, then
    copy or send its code.

    One model serves both: they differ only by the program type (``kind``),
    which decides the team option, whether a customer is needed and whether an
    amount is asked; the rest (checks, generation, code dialog, sending) is the
    same. The option is checked per dialog (:meth:`_aftersales_requirements`).
    """

    _name = "helpdesk.aftersales.coupon.wizard"
    _inherit = "helpdesk.aftersales.wizard.mixin"
    _description = "Generate a Coupon or Gift Card from a Ticket"

    kind = fields.Selection(
        selection=[("coupons", "Coupon"), ("gift_card", "Gift Card")],
        required=True,
        readonly=True,
        default="coupons",
    )
    partner_id = fields.Many2one(
        related="helpdesk_ticket_id.partner_id", string="Customer"
    )
    company_id = fields.Many2one(related="helpdesk_ticket_id.company_id")
    program_id = fields.Many2one(
        comodel_name="loyalty.program",
        domain="[('program_type', '=', kind),"
        " ('company_id', 'in', [company_id, False]),"
        " '|', ('date_to', '=', False),"
        " ('date_to', '>=', context_today().strftime('%Y-%m-%d'))]",
    )
    currency_id = fields.Many2one(related="program_id.currency_id")
    valid_until = fields.Date(
        help="Last day the code can be used. Leave it empty for no expiry."
    )
    amount = fields.Monetary(
        currency_field="currency_id", help="Balance of the gift card."
    )
    card_id = fields.Many2one(comodel_name="loyalty.card", readonly=True, copy=False)
    code = fields.Char(related="card_id.code")
    card_validity = fields.Char(related="card_id.helpdesk_validity")
    card_balance = fields.Char(related="card_id.points_display", string="Balance")
    share_link = fields.Char(
        compute="_compute_share_link",
        help="Opening this link applies the code to the customer's cart in the "
        "online shop.",
    )

    @api.depends("card_id")
    def _compute_share_link(self):
        for wizard in self:
            wizard.share_link = (
                wizard.card_id._aftersales_share_link() if wizard.card_id else False
            )

    @api.model
    def default_get(self, fields):
        res = super().default_get(fields)
        kind = self.env.context.get(CARD_KIND)
        if kind in CARD_KINDS and "kind" in fields:
            res["kind"] = kind
        ticket = self._aftersales_ticket_from_context()
        if ticket and "program_id" in fields and not res.get("program_id"):
            res["program_id"] = (
                self.env["loyalty.program"]
                .search(
                    ticket._aftersales_card_program_domain(res.get("kind", "coupons")),
                    limit=1,
                )
                .id
            )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.pop("card_id", None)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and "card_id" in vals:
            raise UserError(self.env._("The card of this dialog cannot be changed."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Public methods: every one of them follows the ticket's rules
    # ------------------------------------------------------------------

    def action_helpdesk_generate(self):
        """ "Generate": one card for the ticket's customer, then the dialog
        showing its code."""
        self._aftersales_ensure_ticket()
        self._aftersales_run_once(self._aftersales_generate_card)
        return self._aftersales_code_dialog()

    def action_helpdesk_send(self):
        """ "Send" of the code dialog: the mail composer of the card."""
        self._aftersales_ensure_ticket()
        self._aftersales_check()
        if not self.card_id:
            raise UserError(self.env._("Generate the code first."))
        return self.card_id.action_helpdesk_send()

    # ------------------------------------------------------------------

    def _aftersales_ensure_ticket(self):
        self.ensure_one()
        if not self.helpdesk_ticket_id:
            raise UserError(self.env._("This dialog must be opened from a ticket."))

    def _aftersales_requirements(self):
        # the option and the customer depend on the kind of the dialog
        self.ensure_one()
        kind = CARD_KINDS[self.kind]
        return kind.toggle, kind.needs_customer

    def _aftersales_kind_label(self):
        return dict(self._fields["kind"]._description_selection(self.env))[self.kind]

    def _aftersales_check_card(self):
        """Refuse, with a clear message and before anything is created, a card
        the ticket cannot give: the program must be an active one of the dialog's
        type, of the ticket's company (or of none) and not ended; the expiry date
        cannot be past; a gift card needs a positive amount."""
        ticket = self.helpdesk_ticket_id
        program = self.program_id.exists()
        gift_card = self.kind == "gift_card"
        if not program:
            raise UserError(
                self.env._("Choose a gift card program.")
                if gift_card
                else self.env._("Choose a coupon program.")
            )
        program_sudo = program.sudo()
        if program_sudo.company_id and program_sudo.company_id != ticket.company_id:
            raise UserError(
                self.env._(
                    "This program belongs to another company: only programs of "
                    "%(company)s can be used for ticket %(ticket)s.",
                    company=ticket.company_id.display_name,
                    ticket=ticket.display_name,
                )
            )
        program.check_access("read")
        if program.program_type != self.kind:
            raise UserError(
                self.env._(
                    "%(program)s is not a gift card program.", program=program.name
                )
                if gift_card
                else self.env._(
                    "%(program)s is not a coupon program.", program=program.name
                )
            )
        if not program.active:
            raise UserError(
                self.env._(
                    "The program %(program)s is archived: choose an active one.",
                    program=program.name,
                )
            )
        today = fields.Date.context_today(self)
        if program.date_to and program.date_to < today:
            raise UserError(
                self.env._(
                    "The program %(program)s ended on %(date)s.",
                    program=program.name,
                    date=format_date(self.env, program.date_to),
                )
            )
        if self.valid_until and self.valid_until < today:
            raise UserError(
                self.env._(
                    "The expiry date %(date)s is past: choose a later date or none.",
                    date=format_date(self.env, self.valid_until),
                )
            )
        if gift_card and (
            float_compare(
                self.amount, 0.0, precision_rounding=program.currency_id.rounding
            )
            <= 0
        ):
            raise UserError(self.env._("Enter a positive amount for the gift card."))

    def _aftersales_card_points(self):
        """The points of the card: the amount of a gift card; for a coupon, what
        the cheapest reward of its program needs, so that the code pays for a
        reward once."""
        if self.kind == "gift_card":
            return self.program_id.currency_id.round(self.amount)
        required = self.program_id.reward_ids.mapped("required_points")
        return min(required) if required else 1.0

    def _aftersales_generate_card(self):
        """Create the card, as superuser: a salesperson may write cards but not
        create them (sale_loyalty), and Odoo's own sales flows create them as
        superuser too. Only the values checked above go into it: the program
        (checked), the ticket's customer, the points computed here, the expiry
        date (checked) and the ticket. ``sudo()`` drops the ``default_`` keys of
        the caller's context (Odoo 19), so none of them reaches the card; the
        program's creation e-mail is not sent (the user sends the code)."""
        self._aftersales_check_card()
        ticket = self.helpdesk_ticket_id
        points = self._aftersales_card_points()
        card = (
            self.env["loyalty.card"]
            .sudo()
            .with_context(loyalty_no_mail=True)
            .create(
                {
                    "program_id": self.program_id.id,
                    "partner_id": ticket.partner_id.id,
                    "points": points,
                    "expiration_date": self.valid_until,
                    **self._aftersales_link_values(),
                }
            )
        )
        # the card's history, as Odoo's "Generate" writes it (salespeople may)
        self.env["loyalty.history"].create(
            {
                "card_id": card.id,
                "issued": points,
                "description": self.env._(
                    "Issued from helpdesk ticket %(ticket)s", ticket=ticket.number
                ),
            }
        )
        self.sudo().card_id = card
        return card

    def _aftersales_code_dialog(self):
        """The dialog showing the code of the card just generated."""
        return {
            "type": "ir.actions.act_window",
            "name": self._aftersales_kind_label(),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref(WIZARD_VIEW).id, "form")],
            "target": "new",
            "context": {
                "active_model": "helpdesk.ticket",
                "active_id": self.helpdesk_ticket_id.id,
                "active_ids": self.helpdesk_ticket_id.ids,
            },
        }
