# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Helpdesk After-Sales: Coupons and Gift Cards",
    "summary": "Generate coupons and gift cards for customers from the helpdesk ticket",
    "version": "19.0.1.1.0",
    "category": "After-Sales",
    "website": "https://github.com/helpdesk-aftersales/helpdesk-aftersales",
    "author": "Helpdesk After-Sales contributors",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["helpdesk_aftersales", "sale_loyalty"],
    "data": [
        "security/ir.model.access.csv",
        "security/loyalty_security.xml",
        "data/mail_template_data.xml",
        "views/loyalty_card_views.xml",
        "wizard/helpdesk_aftersales_coupon_wizard_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_team_views.xml",
    ],
    "demo": ["demo/helpdesk_aftersales_coupon_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "helpdesk_aftersales_coupon/static/tests/tours/**/*",
        ],
    },
}
