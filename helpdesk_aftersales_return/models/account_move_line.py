# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    aftersales_returned_move_id = fields.Many2one(
        comodel_name="stock.move",
        string="Credited Return",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        readonly=True,
        help="The return of the customer that this credit note line credits "
        '(credit method "Returned products" of a ticket\'s Refund dialog): a '
        "return is never credited twice.",
    )
