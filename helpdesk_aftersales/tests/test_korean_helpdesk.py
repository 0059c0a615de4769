# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A Korean agent works in a Korean helpdesk. Every label that comes from
helpdesk_mgmt, helpdesk_product, helpdesk_mgmt_sale or our addons is compared with
its English source: it must be translated, unless the translation is the source
itself (ID, proper nouns). Labels of Odoo's core are left out: core translations
are not in every source tree."""

from lxml import etree, html
import polib

from odoo.tests import HttpCase, TransactionCase, tagged

from .common import new_portal_user
from odoo.addons.helpdesk_aftersales.models.ir_module_module import OCA_TRANSLATIONS

OCA_MODULES = (
    "helpdesk_mgmt",
    "helpdesk_product",
    "helpdesk_mgmt_sale",
    "helpdesk_mgmt_project",
    "helpdesk_mgmt_sale_project",
)
LABEL_ATTRIBUTES = ("string", "help", "placeholder", "title", "confirm", "sum")


def project_translations():
    """``{English: Korean}`` of the records' terms the project translates (the
    OCA modules' and our addons'), read from the ``ko.po`` files."""
    repository = OCA_TRANSLATIONS.parents[1]
    paths = [
        *OCA_TRANSLATIONS.glob("*/ko.po"),
        *repository.glob("helpdesk_aftersales*/i18n/ko.po"),
    ]
    translations = {}
    for path in paths:
        for entry in polib.pofile(str(path)):
            if any(ref.startswith("model") for ref, _line in entry.occurrences):
                translations[entry.msgid] = entry.msgstr
    return translations


def upstream_only():
    """Sources that the OCA modules also use in Python or JavaScript: those
    translations apply only from the module's own folder (upstream), so pages
    that show them from code stay English until then (listed in the README)."""
    return {
        entry.msgid
        for path in OCA_TRANSLATIONS.glob("*/ko.po")
        for entry in polib.pofile(str(path))
        if any(ref.startswith("code:") for ref, _line in entry.occurrences)
    }


def load_korean(env):
    """Activate Korean and load it for the OCA modules and our addons (as updating
    them does): the project's files, whether or not core Korean exists."""
    env["res.lang"]._activate_lang("ko_KR")
    env["ir.module.module"].search(
        [
            "|",
            ("name", "in", OCA_MODULES),
            ("name", "=like", "helpdesk_aftersales%"),
            ("state", "=", "installed"),
        ]
    )._update_translations("ko_KR")


class KoreanCheckMixin:
    def assertKorean(self, english, korean, where):
        """``korean`` is the project's translation of ``english``."""
        expected = self.translations.get(english)
        if expected is None or expected == english:
            return
        self.assertNotEqual(korean, english, f"{where}: {english!r} is not translated")


@tagged("post_install", "-at_install")
class TestKoreanHelpdesk(KoreanCheckMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.translations = project_translations()
        load_korean(cls.env)

    def _views(self):
        return [
            ("helpdesk.ticket", "form"),
            ("helpdesk.ticket", "list"),
            ("helpdesk.ticket", "kanban"),
            ("helpdesk.ticket", "search"),
            ("helpdesk.ticket.team", "form"),
            ("helpdesk.ticket.team", "list"),
            ("helpdesk.ticket.stage", "list"),
        ]

    def test_oca_terms_are_loaded_with_the_modules(self):
        """Updating helpdesk_mgmt loads its Korean from this addon's files."""
        Ticket = self.env["helpdesk.ticket"].with_context(lang="ko_KR")
        self.assertEqual(Ticket.fields_get(["team_id"])["team_id"]["string"], "팀")
        self.assertGreater(len(self.translations), 250)

    def test_field_labels(self):
        Data = self.env["ir.model.data"]
        for model_name in {model for model, _kind in self._views()}:
            fields = self.env["ir.model.fields"].search([("model", "=", model_name)])
            ours = Data.search(
                [
                    ("model", "=", "ir.model.fields"),
                    ("res_id", "in", fields.ids),
                    "|",
                    ("module", "in", OCA_MODULES),
                    ("module", "=like", "helpdesk_aftersales%"),
                ]
            )
            Model = self.env[model_name]
            # a field of a mixin takes its label from the mixin (Odoo's core)
            names = [
                name
                for name in fields.browse(ours.mapped("res_id")).mapped("name")
                if Model._fields[name].base_field.model_name == model_name
            ]
            own_values = self._own_selection_values(fields)
            english = Model.fields_get(names, ["string", "help", "selection"])
            korean = Model.with_context(lang="ko_KR").fields_get(
                names, ["string", "help", "selection"]
            )
            for name in names:
                where = f"{model_name}.{name}"
                for attribute in ("string", "help"):
                    if english[name].get(attribute):
                        self.assertKorean(
                            english[name][attribute], korean[name][attribute], where
                        )
                for (value, en), (_w, ko) in zip(
                    english[name].get("selection") or [],
                    korean[name].get("selection") or [],
                    strict=True,
                ):
                    # (values a mixin of the core brings, e.g. activity_state's,
                    # are the core's to translate)
                    if (name, value) in own_values:
                        self.assertKorean(en, ko, f"{where} selection")

    def _own_selection_values(self, fields):
        """``{(field name, value)}`` of the selection values of ``fields`` that
        the OCA modules or our addons declare."""
        Selection = self.env["ir.model.fields.selection"]
        selections = Selection.search([("field_id", "in", fields.ids)])
        data = self.env["ir.model.data"].search(
            [
                ("model", "=", "ir.model.fields.selection"),
                ("res_id", "in", selections.ids),
                "|",
                ("module", "in", OCA_MODULES),
                ("module", "=like", "helpdesk_aftersales%"),
            ]
        )
        return {
            (selection.field_id.name, selection.value)
            for selection in Selection.browse(data.mapped("res_id"))
        }

    def _other_modules_texts(self, model_name, view_type):
        """The labels and texts of the views that other modules (e.g. the rest of
        the OCA helpdesk family) add to this model's views: not the project's to
        translate."""
        views = self.env["ir.ui.view"].search(
            [("model", "=", model_name), ("type", "=", view_type)]
        )
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.ui.view"), ("res_id", "in", views.ids)]
        )
        others = views.browse(
            data.filtered(
                lambda d: (
                    d.module not in OCA_MODULES
                    and not d.module.startswith("helpdesk_aftersales")
                )
            ).mapped("res_id")
        )
        texts = set()
        for view in others.with_context(lang="en_US"):
            for node in etree.fromstring(view.arch_db).iter():
                texts.update(node.get(a) for a in LABEL_ATTRIBUTES if node.get(a))
                texts.update(t.strip() for t in (node.text, node.tail) if t)
        return texts

    def test_views(self):
        checked = 0
        for model_name, view_type in self._views():
            Model = self.env[model_name]
            others = self._other_modules_texts(model_name, view_type)
            english = etree.fromstring(Model.get_view(view_type=view_type)["arch"])
            korean = etree.fromstring(
                Model.with_context(lang="ko_KR").get_view(view_type=view_type)["arch"]
            )
            for en_node, ko_node in zip(english.iter(), korean.iter(), strict=True):
                where = f"{model_name} {view_type} <{en_node.tag} {en_node.attrib}>"
                for attribute in LABEL_ATTRIBUTES:
                    if en_node.get(attribute) and en_node.get(attribute) not in others:
                        self.assertKorean(
                            en_node.get(attribute), ko_node.get(attribute), where
                        )
                        checked += 1
                for en_text, ko_text in (
                    (en_node.text, ko_node.text),
                    (en_node.tail, ko_node.tail),
                ):
                    if en_text and en_text.strip() and en_text.strip() not in others:
                        self.assertKorean(en_text.strip(), ko_text.strip(), where)
                        checked += 1
        self.assertGreater(checked, 50)

    def test_menus_stages_and_records(self):
        Data = self.env["ir.model.data"]
        for model_name, field in (
            ("ir.ui.menu", "name"),
            ("helpdesk.ticket.stage", "name"),
            ("helpdesk.ticket.channel", "name"),
            ("ir.actions.act_window", "name"),
        ):
            data = Data.search(
                [("model", "=", model_name), ("module", "in", OCA_MODULES)]
            )
            records = self.env[model_name].browse(data.mapped("res_id")).exists()
            self.assertTrue(records, model_name)
            for record in records:
                self.assertKorean(
                    record[field],
                    record.with_context(lang="ko_KR")[field],
                    f"{model_name} {record.id}",
                )
        stages = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new").with_context(
            lang="ko_KR"
        )
        self.assertEqual(stages.name, "신규")


@tagged("post_install", "-at_install")
class TestKoreanPortal(KoreanCheckMixin, HttpCase):
    """The customer's ticket list and ticket page, in Korean."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.translations = project_translations()
        load_korean(cls.env)
        customer = cls.env["res.partner"].create({"name": "Customer Kim"})
        cls.korean = new_portal_user(cls.env, customer, "portal-ko")
        cls.korean.lang = "ko_KR"
        cls.english = new_portal_user(
            cls.env,
            cls.env["res.partner"].create(
                {"name": "Kim's colleague", "parent_id": customer.id}
            ),
            "portal-en",
        )
        cls.english.lang = "en_US"
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Printer jammed",
                "description": "<p>It jams.</p>",
                "partner_id": customer.id,
            }
        )

    def _texts(self, login, url):
        self.authenticate(login, login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        tree = html.fromstring(response.text)
        for bad in tree.xpath("//script|//style"):
            bad.drop_tree()
        texts = {text.strip() for text in tree.itertext() if text.strip()}
        texts |= {
            value.strip()
            for node in tree.iter()
            if isinstance(node.tag, str)
            for attribute in ("placeholder", "title")
            if (value := node.get(attribute))
        }
        return texts

    def test_portal_pages_in_korean(self):
        for url in ("/my/tickets", f"/my/ticket/{self.ticket.id}"):
            english = self._texts("portal-en", url)
            korean = self._texts("portal-ko", url)
            sources = {
                text
                for text in english - upstream_only()
                if text in self.translations and self.translations[text] != text
            }
            self.assertTrue(sources, url)
            left = sorted(sources & korean)
            self.assertFalse(left, f"{url}: still in English for a Korean customer")
