# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Helpdesk After-Sales: Field Service",
    "summary": "Plan onsite interventions from the helpdesk ticket as project tasks",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/helpdesk-aftersales/helpdesk-aftersales",
    "author": "Helpdesk After-Sales contributors",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["helpdesk_aftersales", "project"],
    "data": [
        "security/ir.model.access.csv",
        "data/project_task_type_data.xml",
        "data/project_project_data.xml",
        "wizard/helpdesk_ticket_fsm_task_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/project_project_views.xml",
        "views/project_task_views.xml",
        "views/project_portal_templates.xml",
    ],
    "demo": [
        "demo/helpdesk_aftersales_fsm_demo.xml",
        "demo/helpdesk_aftersales_analysis_demo.xml",
    ],
    "uninstall_hook": "uninstall_hook",
    "assets": {
        "web.assets_tests": [
            "helpdesk_aftersales_fsm/static/tests/tours/**/*",
        ],
    },
}
