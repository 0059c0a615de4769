# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# columns of the document mixin kept while a bridge is uninstalled
KEPT_COLUMNS = ("helpdesk_ticket_id", "aftersales_reason_id")


class HelpdeskAftersalesKeptLink(models.Model):
    """The links between tickets and documents of a bridge being uninstalled.

    Uninstalling a bridge drops the columns it added to its documents (the
    ticket and reason of each credit note, picking, repair...): they are kept
    here, and put back when the bridge is installed again, so that no link is
    lost. Documents deleted meanwhile are skipped.
    """

    _name = "helpdesk.aftersales.kept.link"
    _description = "After-Sales Link Kept During an Uninstallation"
    _log_access = False

    res_model = fields.Char(string="Document Model", required=True, index=True)
    res_id = fields.Integer(string="Document", required=True)
    helpdesk_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Ticket",
        ondelete="cascade",
        required=True,
    )
    aftersales_reason_id = fields.Many2one(
        comodel_name="helpdesk.aftersales.reason", string="Reason", ondelete="set null"
    )

    @api.model
    def _aftersales_keep(self, model_names):
        """Copy the links of the documents of ``model_names`` (before their
        columns are dropped)."""
        cr = self.env.cr
        for name in model_names:
            Model = self.env[name]
            if not Model._auto or "helpdesk_ticket_id" not in Model._fields:
                continue
            reason = (
                SQL.identifier("aftersales_reason_id")
                if "aftersales_reason_id" in Model._fields
                else SQL("NULL")
            )
            cr.execute(
                SQL(
                    """
                    INSERT INTO helpdesk_aftersales_kept_link
                        (res_model, res_id, helpdesk_ticket_id, aftersales_reason_id)
                    SELECT %s, id, helpdesk_ticket_id, %s FROM %s
                     WHERE helpdesk_ticket_id IS NOT NULL
                    """,
                    name,
                    reason,
                    SQL.identifier(Model._table),
                )
            )
            _logger.info("Helpdesk after-sales: kept %s links of %s", cr.rowcount, name)

    @api.model
    def _aftersales_restore(self, model):
        """Put back the kept links of ``model`` (a model whose columns were just
        created again), unless a document got a ticket meanwhile."""
        cr = self.env.cr
        columns = [name for name in KEPT_COLUMNS if name in model._fields]
        cr.execute(
            SQL(
                """
                UPDATE %(table)s AS doc
                   SET %(assignments)s
                  FROM helpdesk_aftersales_kept_link AS kept
                 WHERE kept.res_model = %(model)s AND kept.res_id = doc.id
                   AND doc.helpdesk_ticket_id IS NULL
                """,
                table=SQL.identifier(model._table),
                assignments=SQL(", ").join(
                    SQL("%s = kept.%s", SQL.identifier(name), SQL.identifier(name))
                    for name in columns
                ),
                model=model._name,
            )
        )
        restored = cr.rowcount
        cr.execute(
            "DELETE FROM helpdesk_aftersales_kept_link WHERE res_model = %s",
            [model._name],
        )
        if restored:
            _logger.info(
                "Helpdesk after-sales: restored %s links of %s", restored, model._name
            )
