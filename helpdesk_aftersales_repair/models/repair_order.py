# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.helpdesk_aftersales.aftersales import StatusRule
from odoo.addons.helpdesk_aftersales_return.models.stock_picking import RETURN_DOMAIN

REPAIR_STATUS = "helpdesk_aftersales.mt_ticket_repair_status"


class RepairOrder(models.Model):
    _name = "repair.order"
    _inherit = ["repair.order", "helpdesk.aftersales.document.mixin"]

    # a repair from a ticket under warranty starts with it checked; who changes
    # it is in the chatter
    under_warranty = fields.Boolean(tracking=True)

    def _aftersales_status_rules(self):
        return [
            StatusRule(
                field="state",
                messages={
                    "done": self.env._("Repair %(document)s repaired"),
                    "cancel": self.env._("Repair %(document)s cancelled"),
                },
                subtype=REPAIR_STATUS,
            )
        ]

    def _aftersales_portal_values(self):
        product = self.product_id.display_name or ""
        if product and self.lot_id:
            product = f"{product} ({self.lot_id.name})"
        return {"detail": product}

    # ------------------------------------------------------------------
    # A new repair from the ticket's Repair button
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_repair_ticket(self):
        """The ticket whose Repair button opened the form (``active_model`` and
        ``active_id`` of its action), once its rules are checked: the user reads
        it and its team repairs products. Odoo's own "Create Repair" of a
        transfer is left alone (its ticket, if any, comes with the return)."""
        if "default_repair_picking_id" in self.env.context:
            return self.env["helpdesk.ticket"]
        ticket = self.env["helpdesk.ticket"]._aftersales_ticket_from_context()
        if ticket:
            ticket._aftersales_guard("use_product_repairs")
        return ticket

    @api.model
    def default_get(self, fields):
        ticket = self._aftersales_repair_ticket()
        if not ticket:
            return super().default_get(fields)
        # the defaults of the ticket's company (operation type, locations)
        res = super(RepairOrder, self.with_company(ticket.company_id)).default_get(
            fields
        )
        res.update(
            (fname, value)
            for fname, value in ticket._aftersales_repair_values().items()
            if fname in fields
        )
        if "under_warranty" in fields and ticket._aftersales_under_warranty():
            res["under_warranty"] = True
        return res

    # ------------------------------------------------------------------
    # A repair of a ticket's return belongs to that ticket
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        repairs = super().create(vals_list)
        repairs._aftersales_follow_return()
        return repairs

    def write(self, vals):
        res = super().write(vals)
        if vals.get("picking_id"):
            self._aftersales_follow_return()
        return res

    def _aftersales_follow_return(self):
        """Link a repair of a return made from a ticket (the "Create Repair"
        button of the return, or the return chosen later) to that ticket, when
        it is not linked yet, the ticket's team repairs products and the
        ticket's customer and company are the repair's; with the return's
        reason when the repair has none. As superuser: the link is the
        return's, and whoever repairs the product (a warehouse worker) may not
        read tickets."""
        for repair in self.filtered(
            lambda r: r.picking_id and not r.helpdesk_ticket_id
        ):
            picking = repair.sudo().picking_id.filtered_domain(RETURN_DOMAIN)
            ticket = picking.helpdesk_ticket_id
            if (
                ticket
                and ticket.use_product_repairs
                and not ticket._aftersales_foreign(repair)
            ):
                repair.sudo().write(
                    {
                        "helpdesk_ticket_id": ticket.id,
                        "aftersales_reason_id": repair.aftersales_reason_id.id
                        or picking.aftersales_reason_id.id,
                    }
                )

    # ------------------------------------------------------------------
    # Read-through-ticket: what a user without Inventory rights reads
    # ------------------------------------------------------------------
    # A helpdesk user reads the repairs of their tickets without reading
    # moves, lots or transfers (security/repair_security.xml). The fields that
    # the repair's views compute from those records are empty for them
    # (Odoo computes them as the current user), instead of an access error.

    @api.model
    def _aftersales_can_read(self, model_name):
        return self.env[model_name].has_access("read")

    @api.depends_context("uid")
    def _compute_allowed_lot_ids(self):
        if not self._aftersales_can_read("stock.lot"):
            self.allowed_lot_ids = False
            return
        super()._compute_allowed_lot_ids()

    @api.depends_context("uid")
    def _compute_picking_product_ids(self):
        if not self._aftersales_can_read("stock.picking"):
            self.picking_product_ids = False
            return
        super()._compute_picking_product_ids()

    @api.depends_context("uid")
    def _compute_parts_availability(self):
        if not self._aftersales_can_read("stock.move"):
            self.parts_availability = False
            self.parts_availability_state = False
            return
        super()._compute_parts_availability()

    @api.depends_context("uid")
    def _compute_has_uncomplete_moves(self):
        if not self._aftersales_can_read("stock.move"):
            self.has_uncomplete_moves = False
            return
        super()._compute_has_uncomplete_moves()

    @api.depends_context("uid")
    def _compute_unreserve_visible(self):
        if not self._aftersales_can_read("stock.move"):
            self.unreserve_visible = False
            self.reserve_visible = False
            return
        super()._compute_unreserve_visible()
