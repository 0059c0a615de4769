# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestKoreanTranslation(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ko_KR")
        cls.env["ir.module.module"]._load_module_terms(
            ["helpdesk_aftersales"], ["ko_KR"], overwrite=True
        )

    def test_team_form_in_korean(self):
        Team = self.env["helpdesk.ticket.team"].with_context(lang="ko_KR")
        labels = Team.fields_get(
            ["use_credit_notes", "use_coupons", "use_product_returns", "use_fsm"],
            ["string", "help"],
        )
        self.assertEqual(labels["use_credit_notes"]["string"], "환불")
        self.assertEqual(labels["use_coupons"]["string"], "쿠폰")
        self.assertEqual(labels["use_product_returns"]["string"], "반품")
        self.assertEqual(labels["use_fsm"]["string"], "현장 서비스")
        self.assertEqual(
            labels["use_credit_notes"]["help"],
            "대변전표를 발행하여 고객에게 환불하거나 잔액을 조정합니다.",
        )
        arch = etree.fromstring(Team.get_view(view_type="form")["arch"])
        section = arch.xpath("//div[@name='aftersales']")[0]
        text = "".join(section.itertext())
        self.assertIn("애프터서비스", text)
        self.assertIn(
            "기존 쿠폰 제도로 할인을 제공하거나 무료 제품을 증정합니다.", text
        )

    def test_install_warning_in_korean(self):
        module = self.env["ir.module.module"].search(
            [("name", "=", "helpdesk_aftersales_refund")]
        ) or self.env["ir.module.module"].create({"name": "helpdesk_aftersales_refund"})
        module.state = "uninstalled"
        team = (
            self.env["helpdesk.ticket.team"]
            .with_context(lang="ko_KR")
            .new({"name": "T", "use_credit_notes": True})
        )
        self.assertIn("환불", team.aftersales_install_warning)
        self.assertIn("설치", team.aftersales_install_warning)
