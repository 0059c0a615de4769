# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import float_compare

from odoo.addons.helpdesk_aftersales_return.models.stock_picking import (
    DELIVERY_DOMAIN,
    RETURN_DOMAIN,
)

# fields of a repair whose values are records: a repair of a ticket refuses,
# with a clear message, a value that is not the id of an existing record
RECORD_FIELDS = (
    "helpdesk_ticket_id",
    "aftersales_reason_id",
    "partner_id",
    "product_id",
    "lot_id",
    "picking_id",
    "sale_order_id",
    "product_uom",
)
# above it, a number is not a quantity (and loses precision as a float)
MAX_QUANTITY = 1e15


class RepairOrder(models.Model):
    """What a repair of a ticket holds, whatever the client sends (the form
    opened by the ticket's Repair button, an import or a JSON-RPC call): the
    return it repairs is a return of the ticket's customer in the ticket's
    company, its quantity is not negative and no more than what came back,
    and its reason is one of the ticket's company (required when the team
    asks for one)."""

    # one class per concern (see the docstring)
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "repair.order"

    aftersales_reason_required = fields.Boolean(
        related="helpdesk_ticket_id.team_id.aftersales_reason_required",
        string="After-Sales Reason Required",
    )

    # ------------------------------------------------------------------
    # Values sent by the client
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        from_ticket = bool(
            self.env.context.get("default_helpdesk_ticket_id")
            or self.env.context.get("active_model") == "helpdesk.ticket"
        )
        for vals in vals_list:
            if from_ticket or vals.get("helpdesk_ticket_id"):
                self._aftersales_check_repair_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("helpdesk_ticket_id") or any(self.mapped("helpdesk_ticket_id")):
            self._aftersales_check_repair_input(vals)
        return super().write(vals)

    @api.model
    def _aftersales_check_repair_input(self, vals):
        """Refuse values that no form could send for a repair of a ticket: a
        quantity that is not a finite number (``True``, a text, NaN,
        infinity), a record that is not the id of an existing one."""
        quantity = vals.get("product_qty")
        if quantity not in (None, False) and (
            isinstance(quantity, bool)
            or not isinstance(quantity, (int, float))
            or not math.isfinite(quantity)
        ):
            raise UserError(self.env._("The quantity to repair must be a number."))
        for fname in RECORD_FIELDS:
            value = vals.get(fname)
            if value is None or value is False:
                continue
            field = self._fields[fname]
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or value <= 0
                or not self.env[field.comodel_name].sudo().browse(value).exists()
            ):
                raise UserError(
                    self.env._(
                        "%(field)s must be an existing record.",
                        field=field._description_string(self.env),
                    )
                )

    # ------------------------------------------------------------------
    # Final values of a repair of a ticket
    # ------------------------------------------------------------------

    @api.constrains(
        "helpdesk_ticket_id",
        "picking_id",
        "product_id",
        "lot_id",
        "product_qty",
        "product_uom",
        "aftersales_reason_id",
    )
    def _check_aftersales_repair_values(self):
        for repair in self.filtered("helpdesk_ticket_id"):
            if not self.env.su:
                # nothing of a ticket that the user does not read is told
                repair.helpdesk_ticket_id.check_access("read")
            ticket = repair.helpdesk_ticket_id.sudo()
            repair._aftersales_check_return(ticket)
            repair._aftersales_check_quantity(ticket)
            repair._aftersales_check_reason_company(ticket)

    def _aftersales_check_return(self, ticket):
        """The return of a repair of a ticket brings the product back from the
        ticket's customer, in the ticket's company."""
        picking = self.picking_id.sudo()
        if not picking:
            return
        if picking.filtered_domain(RETURN_DOMAIN) and not ticket._aftersales_foreign(
            picking
        ):
            return
        raise ValidationError(
            self.env._(
                "%(picking)s cannot be the return of repair %(repair)s: a repair "
                "of ticket %(ticket)s repairs what came back in a return of its "
                "customer (%(customer)s) in its company (%(company)s).",
                picking=picking.display_name,
                repair=self.display_name,
                ticket=ticket.display_name,
                customer=ticket.commercial_partner_id.display_name
                or self.env._("none"),
                company=ticket.company_id.display_name,
            )
        )

    def _aftersales_check_quantity(self, ticket):
        """A repair of a ticket repairs a quantity of its product that is not
        negative (Odoo computes 0 for a return whose quantities were
        unreserved), no more than what came back in its return; without a
        return, no more than what was delivered to the ticket's customer."""
        product = self.product_id
        uom = self.product_uom or product.uom_id
        quantity = self.product_qty
        digits = self._fields["product_qty"].get_digits(self.env)[1]
        if (
            not math.isfinite(quantity)
            or float_compare(quantity, 0.0, precision_digits=digits) < 0
        ):
            raise ValidationError(
                self.env._(
                    "The quantity to repair of %(repair)s cannot be negative.",
                    repair=self.display_name,
                )
            )
        if not product:
            if quantity >= MAX_QUANTITY:
                raise ValidationError(
                    self.env._(
                        "The quantity to repair of %(repair)s is too large.",
                        repair=self.display_name,
                    )
                )
            return
        wanted = uom._compute_quantity(quantity, product.uom_id, round=False)
        if self.picking_id:
            limit = self._aftersales_returned_quantity()
            if product.uom_id.compare(wanted, limit) > 0:
                raise ValidationError(
                    self.env._(
                        "Repair %(repair)s cannot repair more %(product)s than came "
                        "back in %(picking)s: %(limit)s %(unit)s.",
                        repair=self.display_name,
                        product=product.display_name,
                        picking=self.picking_id.sudo().display_name,
                        limit=limit,
                        unit=product.uom_id.display_name,
                    )
                )
            return
        limit = self._aftersales_delivered_quantity(ticket)
        if limit is None:
            limit = MAX_QUANTITY
            if wanted < limit:
                return
        if product.uom_id.compare(wanted, limit) > 0:
            raise ValidationError(
                self.env._(
                    "Repair %(repair)s cannot repair more %(product)s than "
                    "%(customer)s received: %(limit)s %(unit)s.",
                    repair=self.display_name,
                    product=product.display_name,
                    customer=ticket.commercial_partner_id.display_name
                    or self.env._("the customer"),
                    limit=limit,
                    unit=product.uom_id.display_name,
                )
            )

    def _aftersales_returned_quantity(self):
        """What the repair's return brings back of its product (of its lot, for
        a tracked product with a lot), in the product's unit."""
        product = self.product_id
        moves = self.picking_id.sudo().move_ids.filtered(
            lambda m: m.product_id == product and m.state != "cancel"
        )
        if self.lot_id and product.tracking in ("lot", "serial"):
            lines = moves.move_line_ids.filtered(lambda ml: ml.lot_id == self.lot_id)
            return sum(lines.mapped("quantity_product_uom"))
        return sum(
            move.product_uom._compute_quantity(
                move.product_uom_qty, product.uom_id, round=False
            )
            for move in moves
        )

    def _aftersales_delivered_quantity(self, ticket):
        """What the ticket's customer (commercial entity) received of the
        repair's product in the ticket's company, or ``None`` when nothing was
        delivered to them (a product bought elsewhere). One grouped query."""
        Move = self.env["stock.move"].sudo()
        domain = (
            Domain("product_id", "=", self.product_id.id)
            & Domain("state", "=", "done")
            & Domain("company_id", "=", ticket.company_id.id)
            & Domain(
                "picking_id",
                "any",
                Domain(DELIVERY_DOMAIN)
                & Domain(
                    "partner_id.commercial_partner_id",
                    "=",
                    ticket.commercial_partner_id.id,
                ),
            )
        )
        groups = Move._read_group(domain, aggregates=["product_qty:sum"])
        return (groups and groups[0][0]) or None

    def _aftersales_check_reason_company(self, ticket):
        reason = self.aftersales_reason_id.sudo()
        if reason.company_id and reason.company_id != ticket.company_id:
            raise ValidationError(
                self.env._(
                    "The reason of repair %(repair)s must be one of %(company)s, "
                    "the company of ticket %(ticket)s.",
                    repair=self.display_name,
                    company=ticket.company_id.display_name,
                    ticket=ticket.display_name,
                )
            )

    def _aftersales_check_new_links(self):
        """A user who links a repair to a ticket whose team requires a reason
        gives one (a repair linked by its return takes the return's)."""
        res = super()._aftersales_check_new_links()
        if self.env.su:
            return res
        for repair in self.filtered("helpdesk_ticket_id"):
            team = repair.helpdesk_ticket_id.team_id
            if team.aftersales_reason_required and not repair.aftersales_reason_id:
                raise ValidationError(
                    self.env._(
                        "The team %(team)s requires a reason: choose one.",
                        team=team.display_name,
                    )
                )
        return res
