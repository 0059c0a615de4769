# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Helpdesk After-Sales",
    "summary": "After-sales options per helpdesk team: refunds, coupons, returns, "
    "repairs and field service from the ticket",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/helpdesk-aftersales/helpdesk-aftersales",
    "author": "Helpdesk After-Sales contributors",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["helpdesk_mgmt"],
    "data": [
        "security/ir.model.access.csv",
        "security/helpdesk_aftersales_security.xml",
        "report/helpdesk_aftersales_report_security.xml",
        "data/mail_message_subtype_data.xml",
        "data/helpdesk_aftersales_reason_data.xml",
        "views/helpdesk_aftersales_reason_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_aftersales_report_views.xml",
        "views/helpdesk_ticket_analysis_views.xml",
        "views/helpdesk_ticket_team_analysis_views.xml",
        "views/helpdesk_ticket_portal_templates.xml",
    ],
    "demo": [
        "demo/helpdesk_ticket_team_demo.xml",
        "demo/helpdesk_aftersales_analysis_team_demo.xml",
        "demo/helpdesk_ticket_demo.xml",
        "demo/helpdesk_aftersales_analysis_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "helpdesk_aftersales/static/src/js/**/*",
        ],
        "web.assets_tests": [
            "helpdesk_aftersales/static/tests/tours/**/*",
        ],
    },
}
