# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def module_uninstall(self):
        # The toggles live in the base addon: switch off, on every team, those whose
        # addon goes away, so that no team points at a feature that is not there.
        self.env["helpdesk.ticket.team"]._aftersales_reset_features_of(
            set(self.mapped("name"))
        )
        return super().module_uninstall()
