# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import copy

from odoo import api, fields, models
from odoo.fields import Domain

from .helpdesk_ticket_team import AFTERSALES_FEATURE_MODULES

# Chatter subtype of each status message, with the team toggle that enables it.
AFTERSALES_STATUS_SUBTYPES = {
    "helpdesk_aftersales.mt_ticket_refund_status": ("use_credit_notes",),
    "helpdesk_aftersales.mt_ticket_return_status": ("use_product_returns",),
    "helpdesk_aftersales.mt_ticket_delivery_status": ("use_product_replacements",),
    "helpdesk_aftersales.mt_ticket_repair_status": ("use_product_repairs",),
    "helpdesk_aftersales.mt_ticket_task_status": ("use_fsm",),
}


# Ticket fields of other addons (helpdesk_product, helpdesk_mgmt_sale, the bridges)
# that the form shows in its "After-Sales" group when the team has an option on:
# field name -> inner group of the After-Sales group.
AFTERSALES_FORM_FIELDS = {
    "product_id": "aftersales_left",
    "lot_id": "aftersales_left",
    "sale_order_ids": "aftersales_right",
}


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    use_credit_notes = fields.Boolean(related="team_id.use_credit_notes")
    use_giftcards = fields.Boolean(related="team_id.use_giftcards")
    use_coupons = fields.Boolean(related="team_id.use_coupons")
    use_product_returns = fields.Boolean(related="team_id.use_product_returns")
    use_product_replacements = fields.Boolean(
        related="team_id.use_product_replacements"
    )
    use_product_repairs = fields.Boolean(related="team_id.use_product_repairs")
    use_fsm = fields.Boolean(related="team_id.use_fsm")
    use_aftersales = fields.Boolean(
        string="After-Sales Enabled",
        compute="_compute_use_aftersales",
        help="At least one after-sales option is on for the team of the ticket.",
    )

    @api.depends(*(f"team_id.{fname}" for fname in AFTERSALES_FEATURE_MODULES))
    def _compute_use_aftersales(self):
        for ticket in self:
            ticket.use_aftersales = bool(
                ticket.team_id and ticket.team_id._aftersales_enabled_features()
            )

    # ------------------------------------------------------------------
    # Framework for the bridges: smart-button counts and actions
    # ------------------------------------------------------------------

    def _aftersales_count(
        self, model_name, domain=None, sudo=False, field="helpdesk_ticket_id"
    ):
        """Count the documents of ``model_name`` linked to each ticket of ``self``.

        One grouped query for the whole batch, whatever its size. Record rules of
        the current user apply; a user without read access on ``model_name`` gets
        no count (an empty dict) instead of an error. With ``sudo``, the count is
        made as superuser (for documents the ticket may always show, e.g. repairs).

        :param str model_name: a model with a Many2one ``field`` to tickets
        :param domain: extra domain on the documents
        :param str field: the Many2one to ``helpdesk.ticket`` to group by
        :return: ``{ticket_id: count}``, tickets without document left out
        """
        ticket_ids = [tid for tid in self.ids if tid]
        if not ticket_ids:
            return {}
        Document = self.env[model_name]
        if sudo:
            Document = Document.sudo()
        elif not Document.has_access("read"):
            return {}
        groups = Document._read_group(
            Domain(field, "in", ticket_ids) & Domain(domain or []),
            [field],
            ["__count"],
        )
        return {ticket.id: count for ticket, count in groups}

    def _aftersales_documents(
        self, model_name, domain=None, sudo=False, field="helpdesk_ticket_id"
    ):
        """The documents of ``model_name`` linked to the tickets of ``self``."""
        Document = self.env[model_name]
        if sudo:
            Document = Document.sudo()
        return Document.search(Domain(field, "in", self.ids) & Domain(domain or []))

    def _aftersales_action_open(self, documents, action_xmlid=None, name=None):
        """The action of a smart button: the form of one document, the list of
        several. ``action_xmlid`` gives the window action to start from (its
        views and context); otherwise the model's default views are used.
        """
        self.ensure_one()
        model_name = documents._name
        if action_xmlid:
            action = self.env["ir.actions.act_window"]._for_xml_id(action_xmlid)
        else:
            action = {"type": "ir.actions.act_window", "res_model": model_name}
        action.update(
            {
                "name": name or action.get("name"),
                "context": {"create": False},
                "domain": [("id", "in", documents.ids)],
            }
        )
        if len(documents) == 1:
            form_view = [
                (view_id, kind)
                for view_id, kind in action.get("views", [])
                if kind == "form"
            ]
            action.update(
                {
                    "view_mode": "form",
                    "views": form_view or [(False, "form")],
                    "res_id": documents.id,
                }
            )
        else:
            action.pop("res_id", None)
            action.setdefault("view_mode", "list,form")
            if not action.get("views"):
                action["views"] = [(False, "list"), (False, "form")]
        return action

    # ------------------------------------------------------------------
    # Form view
    # ------------------------------------------------------------------

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

    # ------------------------------------------------------------------
    # Chatter
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_status_toggles(self, subtype_xmlid):
        """The team toggles that enable the status subtype ``subtype_xmlid``."""
        if subtype_xmlid not in AFTERSALES_STATUS_SUBTYPES:
            raise ValueError(f"{subtype_xmlid} is not an after-sales status subtype")
        return AFTERSALES_STATUS_SUBTYPES[subtype_xmlid]

    def _mail_get_message_subtypes(self):
        """Offer the after-sales status subtypes in the follow options only when
        the team of the ticket has the matching option on."""
        subtypes = super()._mail_get_message_subtypes()
        if len(self) != 1:
            return subtypes
        hidden = self.env["mail.message.subtype"]
        for xmlid, toggles in AFTERSALES_STATUS_SUBTYPES.items():
            subtype = self.env.ref(xmlid, raise_if_not_found=False)
            if subtype and not any(self[toggle] for toggle in toggles):
                hidden |= subtype
        return subtypes - hidden
