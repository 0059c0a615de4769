/* Copyright 2026 Helpdesk After-Sales contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_aftersales_analysis_team_tour", {
    steps: () => [
        {
            content: "The team's card shows this month's after-sales value",
            trigger:
                ".o_kanban_record:contains(Analysis Tour Team) div[name=aftersales_month_value]:contains(80.00)",
        },
        {
            content: "and its number of documents",
            trigger:
                ".o_kanban_record:contains(Analysis Tour Team) div[name=aftersales_month_count]:contains(1)",
        },
        {
            content: "Open the team's analysis of this month",
            trigger:
                ".o_kanban_record:contains(Analysis Tour Team) div[name=aftersales_month] a",
            run: "click",
        },
        {
            content: "The pivot is filtered on the team and this month",
            trigger:
                ".o_searchview .o_facet_values:contains(Analysis Tour Team), .o_searchview .o_facet_values:contains(This Month)",
        },
        {
            content: "It shows the team by kind of document, with the value",
            trigger: ".o_pivot th:contains(Gift Card)",
        },
        {
            content: "The value of the gift card",
            trigger: ".o_pivot td:contains(80.00)",
        },
        {
            content: "Switch to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "The graph of the value by month",
            trigger: ".o_graph_renderer canvas",
        },
        {
            content: "Switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The row of the gift card",
            trigger: ".o_list_view .o_data_row:contains(Gift Card):contains(80.00)",
        },
    ],
});

registry.category("web_tour.tours").add("helpdesk_aftersales_analysis_ticket_tour", {
    steps: () => [
        {
            content: "The ticket shows its after-sales value",
            trigger: ".o_form_view div[name=aftersales_value]:contains(80.00)",
        },
        {
            content: "Open its rows of the analysis",
            trigger:
                ".o_form_view div[name=aftersales_value] button[name=action_aftersales_analysis]",
            run: "click",
        },
        {
            content: "The rows of the ticket",
            trigger: ".o_list_view .o_data_row:contains(Gift Card):contains(80.00)",
        },
    ],
});
