# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        # A company created after the installation gets its "Field Service"
        # project too, as every company did on install: its helpdesk teams can
        # plan interventions as soon as they switch the option on.
        companies = super().create(vals_list)
        self.env["project.project"]._aftersales_fsm_create_default_projects(companies)
        return companies
