# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import format_date

# product_warranty's units -> relativedelta argument
WARRANTY_UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}


class HelpdeskTicket(models.Model):
    """Whether the unit a ticket is about is under warranty: from the date it
    was delivered to the customer and the product's warranty period (OCA
    product_warranty)."""

    # one class per concern (see the docstring)
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "helpdesk.ticket"

    aftersales_warranty_end = fields.Date(
        string="Warranty End",
        compute="_compute_aftersales_warranty_end",
        store=True,
        help="Last day of the warranty of the unit the ticket is about: the date "
        "it was last delivered to the customer (its lot/serial number, or without "
        "one the delivery of the ticket's sales order that carried the product) "
        "plus the product's warranty period. Empty when unknown.",
    )
    aftersales_warranty_status = fields.Selection(
        selection=[("under", "Under Warranty"), ("ended", "Warranty Ended")],
        string="Warranty",
        compute="_compute_aftersales_warranty_status",
    )
    aftersales_warranty_label = fields.Char(
        string="Warranty Status",
        compute="_compute_aftersales_warranty_status",
    )

    @api.depends(
        "lot_id",
        "product_id",
        "sale_order_ids",
        "commercial_partner_id",
        "company_id",
        "product_id.warranty",
        "product_id.warranty_type",
    )
    def _compute_aftersales_warranty_end(self):
        """For the whole batch: one query for the tickets with a lot, one for
        those with sales orders. Read as superuser: the warranty is a fact of the
        ticket, whoever looks at it (or saves it, a portal customer included)."""
        delivered = {
            **self._aftersales_lot_delivery_dates(),
            **self._aftersales_order_delivery_dates(),
        }
        for ticket in self:
            date = delivered.get(ticket._origin.id or ticket.id)
            ticket.aftersales_warranty_end = (
                date and ticket._aftersales_warranty_end_from(date)
            )

    def _aftersales_warranty_end_from(self, date):
        """The end of the warranty of the ticket's product delivered on
        ``date`` (a datetime), or False without warranty period."""
        template = self.product_id.product_tmpl_id.sudo()
        unit = WARRANTY_UNITS.get(template.warranty_type)
        if template.warranty <= 0 or not unit:
            return False
        return fields.Date.to_date(date) + relativedelta(**{unit: template.warranty})

    def _aftersales_lot_delivery_dates(self):
        """``{ticket id: datetime}``: when the lot/serial number of each ticket
        was last delivered, when that last delivery went to the ticket's
        customer (a unit delivered since to someone else is no longer theirs)."""
        tickets = self.filtered(
            lambda t: t.lot_id and t.commercial_partner_id and t.product_id
        )
        if not tickets:
            return {}
        groups = (
            self.env["stock.move.line"]
            .sudo()
            ._read_group(
                self._aftersales_done_to_customer_domain()
                & Domain("lot_id", "in", tickets.lot_id.ids),
                ["lot_id", "picking_id.partner_id.commercial_partner_id"],
                ["date:max"],
            )
        )
        last = {}
        for lot, partner, date in groups:
            if lot.id not in last or date > last[lot.id][1]:
                last[lot.id] = (partner.id, date)
        return {
            ticket._origin.id or ticket.id: last[ticket.lot_id.id][1]
            for ticket in tickets
            if ticket.lot_id.id in last
            and last[ticket.lot_id.id][0] == ticket.commercial_partner_id.id
        }

    def _aftersales_order_delivery_dates(self):
        """``{ticket id: datetime}``: for tickets without lot/serial number,
        when the ticket's sales orders last delivered its product to its
        customer."""
        tickets = self.filtered(
            lambda t: (
                not t.lot_id
                and t.product_id
                and t.commercial_partner_id
                and t.sale_order_ids
            )
        )
        if not tickets:
            return {}
        groups = (
            self.env["stock.move"]
            .sudo()
            ._read_group(
                self._aftersales_done_to_customer_domain()
                & Domain("product_id", "in", tickets.product_id.ids)
                & Domain("picking_id.sale_id", "in", tickets.sale_order_ids.ids),
                [
                    "picking_id.sale_id",
                    "product_id",
                    "picking_id.partner_id.commercial_partner_id",
                ],
                ["date:max"],
            )
        )
        last = {}
        for order, product, partner, date in groups:
            key = (order.id, product.id, partner.id)
            last[key] = max(date, last.get(key, date))
        dates = {}
        for ticket in tickets:
            found = [
                last[key]
                for key in (
                    (order.id, ticket.product_id.id, ticket.commercial_partner_id.id)
                    for order in ticket.sale_order_ids
                )
                if key in last
            ]
            if found:
                dates[ticket._origin.id or ticket.id] = max(found)
        return dates

    @api.model
    def _aftersales_done_to_customer_domain(self):
        """Done moves (or move lines) into a customer location, in the tickets'
        companies."""
        return Domain(
            [
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
                ("picking_code", "=", "outgoing"),
                ("company_id", "in", self.company_id.ids),
            ]
        )

    @api.depends("aftersales_warranty_end")
    @api.depends_context("lang")
    def _compute_aftersales_warranty_status(self):
        today = fields.Date.context_today(self)
        for ticket in self:
            end = ticket.aftersales_warranty_end
            if not end:
                ticket.aftersales_warranty_status = False
                ticket.aftersales_warranty_label = False
            elif end >= today:
                ticket.aftersales_warranty_status = "under"
                ticket.aftersales_warranty_label = self.env._(
                    "Under warranty until %(date)s",
                    date=format_date(self.env, end),
                )
            else:
                ticket.aftersales_warranty_status = "ended"
                ticket.aftersales_warranty_label = self.env._(
                    "Warranty ended on %(date)s", date=format_date(self.env, end)
                )

    def _aftersales_under_warranty(self):
        """Whether the ticket's unit is under warranty today."""
        self.ensure_one()
        return self.aftersales_warranty_status == "under"

    @api.model
    def _aftersales_warranty_recompute(self, move_lines):
        """Recompute the warranty of the tickets concerned by ``move_lines``
        that were just delivered to customers: tickets of their lots, and
        tickets of their products without lot."""
        lines = move_lines.sudo().filtered_domain(
            [("state", "=", "done"), ("location_dest_id.usage", "=", "customer")]
        )
        if not lines:
            return
        Ticket = self.sudo().with_context(active_test=False)
        domain = Domain("lot_id", "in", lines.lot_id.ids) | (
            Domain("lot_id", "=", False)
            & Domain("product_id", "in", lines.product_id.ids)
            & Domain(
                "commercial_partner_id",
                "in",
                lines.picking_id.partner_id.commercial_partner_id.ids,
            )
            & Domain("sale_order_ids", "!=", False)
        )
        tickets = Ticket.search(domain)
        if tickets:
            self.env.add_to_compute(self._fields["aftersales_warranty_end"], tickets)
