/* Copyright 2026 Helpdesk After-Sales contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

const planIntervention = [
    {
        content: "Open the Plan Intervention dialog from the ticket",
        trigger:
            ".o_form_view .o_statusbar_buttons button[name=action_helpdesk_plan_intervention]",
        run: "click",
    },
    {
        content: "The dialog is titled Create a Field Service task",
        trigger: ".modal .modal-title:contains(Create a Field Service task)",
    },
    {
        content: "The team's field service project is preselected",
        trigger: ".modal div[name=project_id] input:value('Field Service')",
    },
    {
        content: "The ticket's customer is preselected",
        trigger: ".modal div[name=partner_id] input:value('Onsite Customer')",
    },
];

registry.category("web_tour.tours").add("helpdesk_aftersales_fsm_tour", {
    steps: () => [
        ...planIntervention,
        {
            content: "Check or update the title of the task",
            trigger: ".modal div[name=name] input",
            run: "edit Check the water connection",
        },
        {
            content: "Open the date picker of the planned date",
            trigger: ".modal div[name=date_deadline] input",
            run: "click",
        },
        {
            content: "Plan the intervention",
            trigger: ".modal div[name=date_deadline] input",
            run: "edit 06/15/2026 09:00:00 && press Enter",
        },
        {
            content: "Choose the technician",
            trigger: ".modal div[name=user_ids] input",
            run: "edit Tom",
        },
        {
            content: "Tom the technician is offered",
            trigger: ".ui-autocomplete a:contains(Tom Technician)",
            run: "click",
        },
        {
            content: "Tom goes there",
            trigger: ".modal div[name=user_ids] .o_tag:contains(Tom Technician)",
        },
        {
            content: "Create Task",
            trigger: ".modal button[name=action_create_task]",
            run: "click",
        },
        {
            content: "The dialog closes and the ticket shows its task",
            trigger:
                "body:not(:has(.modal)) button[name=action_aftersales_open_documents] div[name=aftersales_task_count] .o_stat_value:contains(1)",
        },
        ...planIntervention,
        {
            content: "Create & View Task",
            trigger: ".modal button[name=action_create_and_view_task]",
            run: "click",
        },
        {
            content: "The task opens with the ticket's title",
            trigger: ".o_breadcrumb .active:contains(Dishwasher leaking)",
        },
        {
            content: "The task links back to the ticket",
            trigger: ".o_form_view button[name=action_open_helpdesk_ticket]",
            run: "click",
        },
        {
            content: "The ticket shows its two tasks",
            trigger:
                "button[name=action_aftersales_open_documents] div[name=aftersales_task_count] .o_stat_value:contains(2)",
        },
    ],
});

registry.category("web_tour.tours").add("helpdesk_aftersales_fsm_portal_tour", {
    steps: () => [
        {
            content: "The ticket's page lists its intervention",
            trigger:
                "tr[name=aftersales_aftersales_task_count] a:contains(Check the water connection)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The task's page shows the task",
            trigger: "#card_header h3:contains(Check the water connection)",
        },
        {
            content: "It links back to the ticket",
            trigger: "#task-links a:contains(Ticket)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back on the ticket's page",
            trigger:
                "div[name=aftersales_portal_documents]:contains(Check the water connection)",
        },
    ],
});
