# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Helpdesk After-Sales: Returns and Replacements",
    "summary": "Return delivered products and send replacements from the helpdesk "
    "ticket",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/helpdesk-aftersales/helpdesk-aftersales",
    "author": "Helpdesk After-Sales contributors",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": [
        "helpdesk_aftersales",
        "helpdesk_aftersales_refund",
        "sale_stock",
        "helpdesk_mgmt_sale",
        "helpdesk_product",
        "product_warranty",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/helpdesk_aftersales_request_security.xml",
        "data/helpdesk_aftersales_request_data.xml",
        "wizard/stock_return_picking_views.xml",
        "wizard/stock_return_picking_request_views.xml",
        "wizard/helpdesk_aftersales_replace_wizard_views.xml",
        "wizard/helpdesk_aftersales_request_refuse_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/stock_picking_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/helpdesk_ticket_portal_templates.xml",
        "views/helpdesk_aftersales_request_views.xml",
        "views/helpdesk_aftersales_request_templates.xml",
        "views/report_return_authorization.xml",
        "wizard/account_move_reversal_views.xml",
        "views/stock_picking_credit_views.xml",
    ],
    "demo": [
        "demo/helpdesk_aftersales_return_demo.xml",
        "demo/helpdesk_aftersales_request_demo.xml",
        "demo/helpdesk_aftersales_return_refund_demo.xml",
        "demo/helpdesk_aftersales_analysis_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "helpdesk_aftersales_return/static/tests/tours/**/*",
        ],
    },
}
