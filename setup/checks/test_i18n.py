"""SPEC §9: every addon ships an up-to-date .pot and a complete, consistent ko.po."""

import io

import potools
import pytest

import odoo
from odoo.tools.translate import trans_export


def test_glossary_is_well_formed():
    rows = potools.load_glossary()
    english = [row[0] for row in rows]
    assert len(english) == len(set(english)), "a glossary term is listed twice"
    assert {"After-Sales", "Ticket", "Refund(s)", "Credit Note(s)"} <= set(english)
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


def test_po_files_complete_and_consistent(addon_dirs):
    glossary = potools.load_glossary()
    problems = [p for d in addon_dirs for p in potools.po_problems(d, glossary)]
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def env(test_db):
    registry = odoo.modules.registry.Registry(test_db)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def test_pot_files_match_the_code(env, addon_dirs):
    problems = []
    for addon_dir in addon_dirs:
        buffer = io.BytesIO()
        trans_export(None, [addon_dir.name], buffer, "po", env)
        problems += potools.pot_problems(addon_dir, buffer.getvalue().decode())
    assert not problems, "\n".join(problems)
