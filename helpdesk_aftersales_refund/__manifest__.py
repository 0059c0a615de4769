# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Helpdesk After-Sales: Refunds",
    "summary": "Refund customers with credit notes from the helpdesk ticket",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/helpdesk-aftersales/helpdesk-aftersales",
    "author": "Helpdesk After-Sales contributors",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": [
        "helpdesk_aftersales",
        "account",
        "helpdesk_mgmt_sale",
        "helpdesk_product",
    ],
    "data": [
        "wizard/account_move_reversal_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/account_move_views.xml",
    ],
    "demo": [
        "demo/helpdesk_aftersales_refund_demo.xml",
        "demo/helpdesk_aftersales_analysis_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "helpdesk_aftersales_refund/static/tests/tours/**/*",
        ],
    },
}
