"""SPEC §9: every addon ships an up-to-date .pot and a complete, consistent ko.po; so do
the OCA modules the project translates (helpdesk_aftersales/i18n_oca/<module>/)."""

import io

import polib
import potools
import pytest

import odoo
from odoo.tools.translate import trans_export

OCA_MODULES = {"helpdesk_mgmt", "helpdesk_product", "helpdesk_mgmt_sale"}


@pytest.fixture(scope="session")
def oca_dirs(root):
    return potools.oca_dirs(root)


def test_glossary_is_well_formed():
    rows = potools.load_glossary()
    english = [row[0] for row in rows]
    assert len(english) == len(set(english)), "a glossary term is listed twice"
    assert {"After-Sales", "Ticket", "Refund(s)", "Credit Note(s)"} <= set(english)
    assert {"Stage(s)", "Category / Categories", "Priority / Priorities"} <= set(
        english
    )
    assert all(row[2] and row[3] in ("term", "label") for row in rows)


def test_glossary_matching():
    glossary = potools.load_glossary()
    problems = potools.glossary_problems("Returns", "교체", glossary)
    assert problems == ["uses glossary term 'Return(s)' but lacks '반품'"]
    assert not potools.glossary_problems(
        "Item returned", "반품되지 않은 품목", glossary
    )
    assert not potools.glossary_problems("Send a parcel", "소포 보내기", glossary)
    assert potools.glossary_problems("Send", "보내기", glossary)
    assert potools.placeholders("%(a)s and %s, 100%%") == ["%(a)s", "%s"]
    # placeholders and markup are not words of the message
    assert not potools.glossary_problems(
        "%(customer)s paid", "%(customer)s 결제", glossary
    )
    assert not potools.glossary_problems(
        '<t t-out="object.stage_id.name"/>',
        '<t t-out="object.stage_id.name"/>',
        glossary,
    )
    assert potools.glossary_problems("Ticket Categories", "상담 분류", glossary) == [
        "uses glossary term 'Category / Categories' but lacks '카테고리'"
    ]


def test_markup_checks():
    assert potools.placeholders("Ref {{ object.number }} ${x}") == [
        "${x}",
        "{{ object.number }}",
    ]
    msgid = '<p>Hello <t t-out="object.user_id.name"/>,</p>'
    assert not potools.markup_problems(
        msgid, '<p><t t-out="object.user_id.name"/>님, 안녕하세요.</p>'
    )
    assert potools.markup_problems(msgid, '<p><t t-out="object.name"/>님</p>') == [
        "HTML attributes differ between msgid and msgstr"
    ]
    assert "the msgstr is not well-formed HTML" in potools.markup_problems(
        "<p>a</p><p>b</p>", "<p>가<p>나</p></p></p>"
    )
    # translatable attributes may be translated, the others may not
    assert not potools.markup_problems(
        '<span class="x" title="Stage">Stage</span>',
        '<span class="x" title="단계">단계</span>',
    )


def test_oca_references():
    entry = polib.POEntry(
        msgid="Team",
        comment="module: helpdesk_mgmt",
        occurrences=[
            (
                "model:ir.model.fields,field_description:helpdesk_mgmt.field_x__team_id",
                "",
            ),
            ("code:addons/helpdesk_mgmt/controllers/myaccount.py", "0"),
        ],
    )
    assert not potools.reference_problems(entry, "helpdesk_mgmt")
    assert potools.reference_problems(entry, "helpdesk_product")
    text = (
        "#: code:addons/.venv/lib/python3.11/site-packages/odoo/addons/m/x.py:0\n"
        "#: code:addons/m/x.py:0\n"
    )
    assert potools.clean_export(text, "m") == "#: code:addons/m/x.py:0\n"


def test_po_files_complete_and_consistent(addon_dirs):
    glossary = potools.load_glossary()
    problems = [p for d in addon_dirs for p in potools.po_problems(d, glossary)]
    assert not problems, "\n".join(problems)


def test_oca_po_files_complete_and_consistent(oca_dirs):
    assert OCA_MODULES <= {d.name for d in oca_dirs}
    glossary = potools.load_glossary()
    problems = [p for d in oca_dirs for p in potools.po_problems(d, glossary)]
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def env(test_db):
    registry = odoo.modules.registry.Registry(test_db)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def _fresh_export(env, module):
    buffer = io.BytesIO()
    trans_export(None, [module], buffer, "po", env)
    return buffer.getvalue().decode()


def test_pot_files_match_the_code(env, addon_dirs):
    problems = []
    for addon_dir in addon_dirs:
        problems += potools.pot_problems(addon_dir, _fresh_export(env, addon_dir.name))
    assert not problems, "\n".join(problems)


def test_oca_pot_files_match_the_installed_modules(env, oca_dirs):
    """The .pot kept beside each OCA ko.po is still what the installed module exports
    (an upgrade of the OCA module shows here: run i18n/refresh --oca)."""
    installed = set(
        env["ir.module.module"]
        .search(
            [("name", "in", [d.name for d in oca_dirs]), ("state", "=", "installed")]
        )
        .mapped("name")
    )
    problems = [
        f"{d.name} is not installed" for d in oca_dirs if d.name not in installed
    ]
    for oca_dir in oca_dirs:
        if oca_dir.name in installed:
            problems += potools.pot_problems(oca_dir, _fresh_export(env, oca_dir.name))
    assert not problems, "\n".join(problems)
