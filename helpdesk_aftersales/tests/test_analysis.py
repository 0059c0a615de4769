# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The After-Sales Analysis as a query: valid with any set of bridges (none
included), its parts aligned; its views, menu and Korean labels. The rows of
each kind are tested in each bridge (``test_*_analysis.py``)."""

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged

from .analysis_common import REPORT
from .common import AftersalesCommon
from odoo.addons.helpdesk_aftersales.report.helpdesk_aftersales_report import (
    REPORT_KINDS,
    ReportPart,
)


@tagged("post_install", "-at_install")
class TestAnalysis(AftersalesCommon):
    def _description(self, query):
        """``[(column, type code)]`` of what ``query`` returns (no row read)."""
        self.env.cr.execute(f"SELECT * FROM ({query}) r LIMIT 0")
        return [(column.name, column.type_code) for column in self.env.cr.description]

    def test_query_without_bridge(self):
        """With no bridge, the report is a valid query of no row, with every
        column."""
        Report = self.env[REPORT]
        query = Report._aftersales_report_query([])
        self.env.cr.execute(query)
        self.assertEqual(self.env.cr.fetchall(), [])
        columns = [name for name, _type in Report._aftersales_report_columns()]
        self.assertEqual([name for name, _code in self._description(query)], columns)
        self.assertEqual(columns[0], "id")
        for name in ("date", "team_id", "ticket_id", "kind", "value", "res_id"):
            self.assertIn(name, columns)

    def test_parts_are_aligned(self):
        """Each installed bridge's part returns the columns of the report in
        its order and types, so that they unite whichever are installed; each
        kind comes from one part."""
        Report = self.env[REPORT]
        expected = self._description(Report._aftersales_report_query([]))
        parts = Report._aftersales_report_parts()
        kinds = [part.kind for part in parts]
        self.assertEqual(len(kinds), len(set(kinds)), "one part per kind")
        self.assertLessEqual(set(kinds), {key for key, _label in REPORT_KINDS})
        for part in parts:
            query = Report._aftersales_report_select(part)
            self.assertEqual(self._description(query), expected, part.kind)
        # every subset of the parts unites (the report with some bridges only)
        for index in range(len(parts)):
            subset = parts[:index] + parts[index + 1 :]
            query = Report._aftersales_report_query(subset)
            self.assertEqual(self._description(query), expected)
        Report.search_count([])

    def test_part_of_an_unknown_column_or_kind(self):
        Report = self.env[REPORT]
        part = ReportPart(
            kind="credit_note",
            model="res.partner",
            table="res_partner p",
            ticket="NULL",
            document="p.id",
            line="p.id",
            date="p.create_date",
        )
        Report._aftersales_report_select(part)
        with self.assertRaisesText(UserError, "has no column colour"):
            Report._aftersales_report_select(
                ReportPart(**{**part.__dict__, "columns": {"colour": "1"}})
            )
        with self.assertRaisesText(UserError, "Unknown model"):
            Report._aftersales_report_select(
                ReportPart(**{**part.__dict__, "model": "res.partner'; --"})
            )
        with self.assertRaisesText(UserError, "Unknown kind"):
            Report._aftersales_report_select(
                ReportPart(**{**part.__dict__, "kind": "x'; DROP TABLE t; --"})
            )

    def test_views_for_an_agent(self):
        """An agent opens every view of the analysis; the columns of the
        bridges (product, category, lot) are there when they are installed."""
        agent = self._aftersales_user(
            "analysis-views", "helpdesk_mgmt.group_helpdesk_user_own"
        )
        Report = self.env[REPORT].with_user(agent)
        action = self.env.ref("helpdesk_aftersales.helpdesk_aftersales_report_action")
        views = Report.get_views(
            [(False, "pivot"), (False, "graph"), (False, "list"), (False, "search")]
        )["views"]
        pivot = etree.fromstring(views["pivot"]["arch"])
        self.assertEqual(
            [(f.get("name"), f.get("type")) for f in pivot.xpath("//field")],
            [("team_id", "row"), ("kind", "col"), ("value", "measure")],
        )
        graph = etree.fromstring(views["graph"]["arch"])
        self.assertEqual(graph.get("stacked"), "1")
        self.assertEqual(
            [f.get("name") for f in graph.xpath("//field")], ["date", "kind", "value"]
        )
        listing = etree.fromstring(views["list"]["arch"])
        search = etree.fromstring(views["search"]["arch"])
        for name in ("product_id", "categ_id", "lot_id"):
            present = name in Report._fields
            self.assertEqual(bool(listing.xpath(f"//field[@name='{name}']")), present)
            self.assertEqual(bool(search.xpath(f"//field[@name='{name}']")), present)
        if "product_id" in Report._fields:
            self.assertTrue(search.xpath("//filter[@name='group_product']"))
        for name in ("my_teams", "kind_return", "this_month", "last_12_months"):
            self.assertTrue(search.xpath(f"//filter[@name='{name}']"), name)
        self.assertEqual(action.res_model, REPORT)
        self.assertIn("search_default_last_12_months", action.context)
        Report.search([], limit=1)

    def test_menu_for_agents_and_managers(self):
        menu = self.env.ref("helpdesk_aftersales.helpdesk_aftersales_report_menu")
        tickets_menu = self.env.ref("helpdesk_mgmt.helpdesk_ticket_reporting_analysis")
        agent = self._aftersales_user(
            "analysis-menu", "helpdesk_mgmt.group_helpdesk_user_own"
        )
        salesperson = self._aftersales_user("analysis-menu-sales", "base.group_user")
        Menu = self.env["ir.ui.menu"]
        for user, visible in (
            (agent, True),
            (self.manager, True),
            (salesperson, False),
        ):
            ids = Menu.with_user(user)._visible_menu_ids()
            self.assertEqual(menu.id in ids, visible, user.login)
            self.assertEqual(menu.parent_id.id in ids, visible, user.login)
        # the tickets analysis of helpdesk_mgmt stays for managers
        self.assertNotIn(tickets_menu.id, Menu.with_user(agent)._visible_menu_ids())
        self.assertIn(tickets_menu.id, Menu.with_user(self.manager)._visible_menu_ids())

    def test_in_korean(self):
        """The analysis, its menu, columns, kinds and filters in Korean (and
        the product columns the bridges add)."""
        bridges = self.env["ir.module.module"].search(
            [("name", "like", "helpdesk_aftersales_%"), ("state", "=", "installed")]
        )
        self._aftersales_load_korean(*bridges.mapped("name"))
        Report = self.env[REPORT].with_context(lang="ko_KR")
        action = self.env.ref(
            "helpdesk_aftersales.helpdesk_aftersales_report_action"
        ).with_context(lang="ko_KR")
        self.assertEqual(action.name, "애프터서비스 분석")
        menu = self.env.ref(
            "helpdesk_aftersales.helpdesk_aftersales_report_menu"
        ).with_context(lang="ko_KR")
        self.assertEqual(menu.name, "애프터서비스 분석")
        labels = Report.fields_get(["kind", "state", "user_id", "value", "days"])
        self.assertEqual(labels["user_id"]["string"], "상담원")
        self.assertEqual(labels["value"]["string"], "금액")
        self.assertEqual(labels["days"]["string"], "문서까지 소요 일수")
        self.assertEqual(
            dict(labels["kind"]["selection"]),
            {
                "credit_note": "대변전표",
                "gift_card": "기프트 카드",
                "coupon": "쿠폰",
                "return": "반품",
                "replacement": "교체",
                "repair": "수리",
                "intervention": "현장 출동",
            },
        )
        self.assertEqual(
            dict(labels["state"]["selection"]),
            {"draft": "미결", "open": "진행 중", "done": "완료"},
        )
        search = etree.fromstring(
            Report.get_views([(False, "search")])["views"]["search"]["arch"]
        )
        filters = {f.get("name"): f.get("string") for f in search.xpath("//filter")}
        self.assertEqual(filters["this_month"], "이번 달")
        self.assertEqual(filters["my_teams"], "내 팀")
        self.assertEqual(filters["kind_intervention"], "현장 출동")
        if "product_id" in Report._fields:
            self.assertEqual(filters["group_product"], "품목")
        team = self.env["helpdesk.ticket.team"].with_context(lang="ko_KR")
        self.assertEqual(
            team.fields_get(["aftersales_month_value"])["aftersales_month_value"][
                "string"
            ],
            "이번 달 애프터서비스",
        )
