# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import copy

from odoo import api, models

# Ticket fields of other addons (helpdesk_product, helpdesk_mgmt_sale, the bridges)
# that the form shows in its "After-Sales" group when the team has an option on:
# field name -> inner group of the After-Sales group.
AFTERSALES_FORM_FIELDS = {
    "product_id": "aftersales_left",
    "lot_id": "aftersales_left",
    "sale_order_ids": "aftersales_right",
}


class HelpdeskTicket(models.Model):
    """The ticket form: its After-Sales group gathers the fields other addons
    put elsewhere."""

    # one class per concern (see the docstring)
    # pylint: disable-next=consider-merging-classes-inherited
    _inherit = "helpdesk.ticket"

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            self._aftersales_gather_fields(arch)
        return arch, view

    @api.model
    def _aftersales_gather_fields(self, arch):
        """Show the product, lot and sales orders of the ticket in its After-Sales
        group when the team has an option on, and where their addon put them
        otherwise. Done once here, whichever bridges (or none) add those fields."""
        for fname, group_name in AFTERSALES_FORM_FIELDS.items():
            target = arch.xpath(f"//group[@name='{group_name}']")
            if not target:
                continue
            for node in arch.xpath(f"//group[@name='main']//field[@name='{fname}']"):
                target[0].append(copy.deepcopy(node))
                invisible = node.get("invisible")
                node.set(
                    "invisible",
                    f"({invisible}) or use_aftersales"
                    if invisible
                    else "use_aftersales",
                )
