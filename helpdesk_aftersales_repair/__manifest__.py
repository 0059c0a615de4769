# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Helpdesk After-Sales: Repairs",
    "summary": "Send broken or defective products for repair from the helpdesk ticket",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/helpdesk-aftersales/helpdesk-aftersales",
    "author": "Helpdesk After-Sales contributors",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["helpdesk_aftersales_return", "repair"],
    "data": [
        "security/ir.model.access.csv",
        "security/repair_security.xml",
        "views/helpdesk_ticket_views.xml",
        "views/repair_order_views.xml",
        "views/helpdesk_aftersales_request_views.xml",
    ],
    "demo": ["demo/helpdesk_aftersales_repair_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "helpdesk_aftersales_repair/static/tests/tours/**/*",
        ],
    },
}
