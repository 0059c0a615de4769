# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import (
    clean_context,
    float_compare,
    format_amount,
    format_date,
    formatLang,
)

from ..models.helpdesk_ticket import CARD_KIND, CARD_KINDS, WIZARD_VIEW

MANAGER_GROUP = "helpdesk_mgmt.group_helpdesk_manager"
# a float holds 15 significant digits: the largest amount a currency with
# ``d`` decimal places represents to the cent is below 10 ** (15 - d)
FLOAT_DIGITS = 15


class HelpdeskAftersalesCouponWizard(models.TransientModel):
    """The Coupon and Gift Card dialogs of a ticket: choose a program (and an
    amount for a gift card) and a reason, generate one card for the ticket's
    customer, then copy or send its code.

    One model serves both: they differ only by the program type (``kind``),
    which decides the team option, whether a customer is needed and whether an
    amount is asked; the rest (checks, generation, code dialog, sending) is the
    same. The option is checked per dialog (:meth:`_aftersales_requirements`).

    The dialog shows only the card it made itself: ``card_id`` is never taken
    from the client (values, ``default_`` keys of the context, onchange), and
    the code is read from it only once the dialog made it.
    """

    _name = "helpdesk.aftersales.coupon.wizard"
    _inherit = "helpdesk.aftersales.wizard.mixin"
    _description = "Generate a Coupon or Gift Card from a Ticket"
    # what the dialog sets (or shows) itself: never from the client
    _aftersales_protected_fields = (
        "aftersales_done",
        "card_id",
        "code",
        "card_validity",
        "card_value",
        "share_link",
    )

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
        currency_field="currency_id",
        compute="_compute_amount",
        store=True,
        readonly=False,
        help="Balance of the gift card. It starts at the price of the program's "
        "gift card product, within the team's limit.",
    )
    reward_display = fields.Char(
        string="Reward",
        compute="_compute_reward_display",
        compute_sudo=True,
        help="What the coupon gives the customer.",
    )
    card_id = fields.Many2one(comodel_name="loyalty.card", readonly=True, copy=False)
    code = fields.Char(compute="_compute_card_values")
    card_validity = fields.Char(string="Validity", compute="_compute_card_values")
    card_value = fields.Char(string="Value", compute="_compute_card_values")
    share_link = fields.Char(
        compute="_compute_card_values",
        help="Opening this link applies the code to the customer's cart in the "
        "online shop.",
    )

    @api.depends("kind", "program_id")
    def _compute_amount(self):
        for wizard in self:
            if wizard.kind == "gift_card":
                wizard.amount = wizard._aftersales_default_amount()
            else:
                wizard.amount = 0.0

    def _aftersales_default_amount(self):
        """The amount a gift card starts with: the price of the program's gift
        card product (the card Odoo sells; 50 for its default program), within
        the team's limit when the user is not a helpdesk manager."""
        program = self.program_id.sudo()
        amount = program.rule_ids.product_ids[:1].lst_price
        limit = self._aftersales_limit()
        if limit and not self.env.user.has_group(MANAGER_GROUP):
            company = self.helpdesk_ticket_id.company_id or self.env.company
            limit = company.currency_id._convert(
                limit, program.currency_id, company, fields.Date.context_today(self)
            )
            amount = min(amount, limit)
        return amount

    @api.depends("kind", "program_id")
    def _compute_reward_display(self):
        Card = self.env["loyalty.card"]
        for wizard in self:
            wizard.reward_display = (
                Card._aftersales_program_value_text(
                    wizard.program_id, wizard._aftersales_card_points()
                )
                if wizard.kind == "coupons"
                else False
            )

    @api.depends("card_id", "aftersales_done")
    def _compute_card_values(self):
        for wizard in self:
            card = wizard._aftersales_own_card().sudo()
            wizard.code = card.code
            wizard.card_validity = card.helpdesk_validity
            wizard.card_value = card.helpdesk_value_display
            wizard.share_link = card._aftersales_share_link() if card else False

    def _aftersales_own_card(self):
        """The card the dialog made, or nothing: a card is shown (and sent) only
        by the dialog that made it for its ticket."""
        self.ensure_one()
        card = self.card_id
        if (
            not self.aftersales_done
            or not card
            or card.sudo().helpdesk_ticket_id != self.helpdesk_ticket_id
        ):
            return self.env["loyalty.card"]
        return card

    @api.model
    def default_get(self, fields):
        res = super().default_get(fields)
        # what the dialog sets itself never comes from a default_ key
        for fname in self._aftersales_protected_fields:
            res.pop(fname, None)
        kind = self.env.context.get(CARD_KIND)
        if kind in CARD_KINDS and "kind" in fields:
            res["kind"] = kind
        ticket = self._aftersales_ticket_from_context()
        self._aftersales_check_dialog_ticket(ticket, res.get("kind"))
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
        wizards = super().create(vals_list)
        for wizard in wizards:
            wizard._aftersales_check_dialog_ticket(
                wizard.helpdesk_ticket_id, wizard.kind
            )
        return wizards

    @api.model
    def _aftersales_check_dialog_ticket(self, ticket, kind):
        """Only a helpdesk agent who reads the ticket, whose team has the
        dialog's option on, opens a dialog for it: the dialog shows the
        ticket's customer and company."""
        if ticket:
            toggle = CARD_KINDS.get(kind, CARD_KINDS["coupons"]).toggle
            ticket._aftersales_guard(toggle)

    def onchange(self, values, field_names, fields_spec):
        # the form never sends what the dialog sets itself (the card); a client
        # that does would read another card through the dialog
        protected = set(self._aftersales_protected_fields)
        values = {
            fname: value for fname, value in values.items() if fname not in protected
        }
        self._aftersales_check_values(
            {fname: value for fname, value in values.items() if fname != "id"}
        )
        if values.get("helpdesk_ticket_id"):
            self._aftersales_check_dialog_ticket(
                self.env["helpdesk.ticket"].browse(values["helpdesk_ticket_id"]),
                values.get("kind"),
            )
        field_names = [
            fname for fname in field_names if fname in values and fname not in protected
        ]
        return super().onchange(values, field_names, fields_spec)

    @api.model
    def _aftersales_check_values(self, vals):
        res = super()._aftersales_check_values(vals)
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if field is None:
                raise UserError(
                    self.env._("This dialog has no field %(field)s.", field=fname)
                )
            if value is False or value is None:
                continue
            label = field._description_string(self.env)
            if (
                field.type == "many2one"
                and not self.env[field.comodel_name].browse(value).sudo().exists()
            ):
                raise UserError(
                    self.env._(
                        "%(field)s: this record does not exist (any more).",
                        field=label,
                    )
                )
            if field.type == "date":
                try:
                    fields.Date.to_date(value)
                except (TypeError, ValueError):
                    raise UserError(
                        self.env._("%(field)s must be a date.", field=label)
                    ) from None
            elif field.type == "selection":
                selection = dict(field._description_selection(self.env))
                if not isinstance(value, str) or value not in selection:
                    raise UserError(
                        self.env._(
                            "%(field)s must be one of: %(values)s.",
                            field=label,
                            values=", ".join(selection.values()),
                        )
                    )
        return res

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
        """ "Send" of the code dialog: the mail composer of the card the dialog
        made."""
        self._aftersales_ensure_ticket()
        self._aftersales_check()
        card = self._aftersales_own_card()
        if not card:
            raise UserError(self.env._("Generate the code first."))
        return card.action_helpdesk_send()

    # ------------------------------------------------------------------

    def _aftersales_ensure_ticket(self):
        """One existing dialog of a ticket, opened by a helpdesk agent."""
        self._aftersales_ensure_one()
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
        cannot be past; a gift card needs a positive amount that its currency
        holds; above the team's limit, only a helpdesk manager gives it."""
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
        if gift_card:
            self._aftersales_check_amount()
        self._aftersales_check_limit()

    def _aftersales_check_amount(self):
        """A gift card's amount is positive and held exactly by its currency
        (a float keeps 15 significant digits)."""
        currency = self.program_id.currency_id
        if float_compare(self.amount, 0.0, precision_rounding=currency.rounding) <= 0:
            raise ValidationError(
                self.env._(
                    "Enter the amount of the gift card: a positive amount in "
                    "%(currency)s.",
                    currency=currency.name,
                )
            )
        ceiling = 10 ** (FLOAT_DIGITS - currency.decimal_places)
        if self.amount >= ceiling:
            raise ValidationError(
                self.env._(
                    "The amount of the gift card must be below %(ceiling)s "
                    "%(currency)s.",
                    ceiling=formatLang(self.env, ceiling, digits=0),
                    currency=currency.name,
                )
            )

    def _aftersales_limit(self):
        """The team's maximum value of a card without approval, in the company's
        currency (0: none)."""
        return self.helpdesk_ticket_id.sudo().team_id.aftersales_card_max_value

    def _aftersales_card_value(self):
        """What the card to generate is worth as an amount, in the program's
        currency (``None`` for a coupon whose reward is not an amount)."""
        return self.env["loyalty.card"]._aftersales_program_value(
            self.program_id, self._aftersales_card_points()
        )

    def _aftersales_check_limit(self):
        """Above the team's limit, only a helpdesk manager gives a card."""
        limit = self._aftersales_limit()
        value = self._aftersales_card_value()
        if not limit or value is None or self.env.user.has_group(MANAGER_GROUP):
            return
        company = self.helpdesk_ticket_id.company_id
        currency = company.currency_id
        value = self.program_id.currency_id._convert(
            value, currency, company, fields.Date.context_today(self)
        )
        if currency.compare_amounts(value, limit) <= 0:
            return
        values = {
            "value": format_amount(self.env, value, currency),
            "limit": format_amount(self.env, limit, currency),
            "team": self.helpdesk_ticket_id.team_id.display_name,
        }
        raise AccessError(
            self.env._(
                "This gift card is worth %(value)s, more than the %(limit)s that "
                "team %(team)s gives without approval: a helpdesk manager gives it.",
                **values,
            )
            if self.kind == "gift_card"
            else self.env._(
                "This coupon is worth %(value)s, more than the %(limit)s that "
                "team %(team)s gives without approval: a helpdesk manager gives it.",
                **values,
            )
        )

    def _aftersales_card_points(self):
        """The points of the card: the amount of a gift card; for a coupon, what
        the cheapest reward of its program needs, so that the code pays for a
        reward once."""
        program = self.program_id.sudo()
        if self.kind == "gift_card":
            return program.currency_id.round(self.amount)
        required = program.reward_ids.mapped("required_points")
        return min(required) if required else 1.0

    def _aftersales_generate_card(self):
        """Create the card, as superuser: a helpdesk agent needs no Sales
        rights, a salesperson may write cards but not create them (sale_loyalty),
        and Odoo's own sales flows create them as superuser too. Only the values
        checked above go into it: the program (checked), the ticket's customer,
        the points computed here, the expiry date (checked), the ticket and the
        reason. ``sudo()`` keeps the caller's context, ``default_`` keys
        included: they are removed here, so that none of them reaches the card;
        the program's creation e-mail is not sent (the user sends the code)."""
        self._aftersales_check_card()
        ticket = self.helpdesk_ticket_id
        points = self._aftersales_card_points()
        clean_env = self.env(context=clean_context(self.env.context))
        card = (
            clean_env["loyalty.card"]
            .with_context(loyalty_no_mail=True)
            .sudo()
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
        # the card's history, as Odoo's "Generate" writes it
        clean_env["loyalty.history"].sudo().create(
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
