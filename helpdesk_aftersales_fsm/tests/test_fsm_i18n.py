# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import FSM_VIEW, WIZARD, FsmCommon

KO = "ko_KR"


@tagged("post_install", "-at_install")
class TestFsmKorean(FsmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang(KO)
        cls.env["ir.module.module"]._load_module_terms(
            ["helpdesk_aftersales", "helpdesk_aftersales_fsm"], [KO], overwrite=True
        )

    def test_ticket_and_dialog_in_korean(self):
        ticket = self.ticket.with_user(self.agent).with_context(lang=KO)
        arch = etree.fromstring(ticket.get_view(view_type="form")["arch"])
        button = arch.xpath(
            "//header/button[@name='action_helpdesk_plan_intervention']"
        )
        self.assertEqual(button[0].get("string"), "현장 출동 계획")
        count = arch.xpath("//field[@name='aftersales_task_count']")[0]
        self.assertEqual(count.get("string"), "작업")
        action = ticket.action_helpdesk_plan_intervention()
        self.assertEqual(action["name"], "현장 서비스 작업 생성")
        Wizard = self.env[WIZARD].with_context(lang=KO)
        arch = etree.fromstring(
            Wizard.get_view(self.env.ref(FSM_VIEW).id, "form")["arch"]
        )
        buttons = {
            b.get("name"): b.get("string") for b in arch.xpath("//footer/button[@name]")
        }
        self.assertEqual(buttons["action_create_task"], "작업 생성")
        self.assertEqual(buttons["action_create_and_view_task"], "작업 생성 및 보기")
        labels = Wizard.fields_get(["name", "project_id", "partner_id"], ["string"])
        self.assertEqual(labels["name"]["string"], "제목")
        self.assertEqual(labels["partner_id"]["string"], "고객")
        Team = self.env["helpdesk.ticket.team"].with_context(lang=KO)
        self.assertEqual(
            Team.fields_get(["fsm_project_id"], ["string"])["fsm_project_id"]["string"],
            "현장 서비스 프로젝트",
        )

    def test_errors_in_korean(self):
        wizard = self._dialog().with_context(lang=KO)
        wizard.project_id = self.env["project.project"].create(
            {"name": "Plain", "company_id": self.company.id}
        )
        with self.assertRaisesText(UserError, "현장 서비스 프로젝트가 아닙니다"):
            wizard.action_create_task()
        self.team.use_fsm = False
        with self.assertRaisesText(
            UserError, "현장 서비스 옵션이 비활성화되어 있습니다"
        ):
            self.ticket.with_user(self.agent).with_context(
                lang=KO
            ).action_helpdesk_plan_intervention()
