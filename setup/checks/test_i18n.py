"""Every addon ships an up-to-date .pot and a complete, consistent ko.po; so do
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


def test_particles_after_placeholders():
    """A Korean particle glued to a value is refused; a noun, a counter or a space
    after it is not."""
    problems = potools.particle_problems(
        "%(project)s은(는) 다른 회사의 프로젝트입니다."
    )
    message = (
        "particle '은(는)' right after '%(project)s': put a noun after the "
        "placeholder ('%(project)s 프로젝트는', '%(ticket)s 상담에')"
    )
    assert problems == [message]
    refused = {
        "%(program)s은(는) 쿠폰 제도가 아닙니다.": "은(는)",
        "상담 %(ticket)s에 연결됨": "에",
        "%(document)s을(를) 연결함": "을(를)",
        "상담 %(ticket)s과(와) 다른 회사": "과(와)",
        "%(ticket)s의 팀": "의",
        "%(company)s에서만 사용할 수 있습니다.": "에서만",
        "%(quantity)s %(unit)s까지만 반품": "까지만",
        "%s(으)로 변경": "(으)로",
        "%s로 변경": "로",
        "%(n)s도 있습니다": "도",
        "%(x)s(이)나 %(y)s": "(이)나",
        "%(x)s(은)는": "(은)는",
        # QWeb and inline template placeholders, also past closing tags and quotes
        '단계가 <t t-out="object.stage_id.name"/>(으)로 변경되었습니다.': "(으)로",
        '<span t-field="o.name"></span>이(가) 종료': "이(가)",
        "상담 {{object.number}}이(가) 종료되었습니다.": "이(가)",
        "${object.name}의 단계": "의",
        "<b>%(name)s</b>를 확인": "를",
        "'%(name)s'을(를) 찾을 수 없습니다.": "을(를)",
    }
    for msgstr, particle in refused.items():
        problems = potools.particle_problems(msgstr)
        assert len(problems) == 1, msgstr
        assert problems[0].startswith(f"particle {particle!r} right after"), msgstr
    accepted = [
        "%(project)s 프로젝트는 다른 회사의 프로젝트입니다.",
        "%(ticket)s 상담에 연결됨",
        "%(quantity)s개를 반품할 수 있습니다.",  # a counter, then its particle
        "%(days)s일 후에 만료됩니다.",
        "%(x)s 는",  # a space: not glued (and not this check's business)
        "고객(%(customer)s)과 회사(%(company)s)의 문서",  # the particle is 고객's
        '<p><t t-out="object.user_id.name"/>님, 안녕하세요.</p>',
        "유효 기한: %(date)s",
        "%(invoices)s 청구서는 이미 결제되었습니다.",
        "100%% 환불됨",
        "%(n)s이상",  # glued to a word that is no particle run
        '<a t-attf-href="/my/{{ object.id }}">링크</a>',
    ]
    for msgstr in accepted:
        assert not potools.particle_problems(msgstr), msgstr


def test_glossary_exceptions():
    """A translator comment exempts one entry from one glossary row, and says why."""
    glossary = potools.load_glossary()
    msgid = "The email address associated with this channel."
    assert potools.glossary_problems(msgid, "이 팀의 이메일 주소입니다.", glossary) == [
        "uses glossary term 'Channel(s)' but lacks '채널'"
    ]
    exceptions = potools.glossary_exceptions(
        "glossary exception: Channel(s): upstream slip, the alias is the team's"
    )
    assert exceptions == {"Channel(s)": "upstream slip, the alias is the team's"}
    assert not potools.glossary_problems(
        msgid, "이 팀의 이메일 주소입니다.", glossary, exceptions
    )
    # an exception that does not apply, or names no row, is reported
    assert potools.glossary_problems("Team", "팀", glossary, exceptions) == [
        "has a glossary exception for 'Channel(s)', which does not apply to it"
    ]
    assert potools.glossary_problems("Team", "팀", glossary, {"Chanel": "typo"}) == [
        "has a glossary exception for 'Chanel', which is not in the glossary"
    ]
    assert not potools.glossary_exceptions("glossary exception: Channel(s):")


def test_merge_keeps_translator_comments(tmp_path):
    addon = tmp_path / "m"
    (addon / "i18n").mkdir(parents=True)
    pot = polib.POFile()
    pot.append(
        polib.POEntry(msgid="Channel", occurrences=[("code:addons/m/a.py", "0")])
    )
    pot.save(str(addon / "i18n" / "m.pot"))
    po = polib.POFile()
    po.append(
        polib.POEntry(
            msgid="Channel",
            msgstr="팀",
            tcomment="glossary exception: Channel(s): the team",
            occurrences=[("code:addons/m/a.py", "0")],
        )
    )
    po.save(str(addon / "i18n" / "ko.po"))
    assert potools.merge(addon) == []
    (entry,) = polib.pofile(str(addon / "i18n" / "ko.po"))
    assert (entry.msgstr, entry.tcomment) == (
        "팀",
        "glossary exception: Channel(s): the team",
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


def _upstream_export(env, module, committed_pot):
    """The export of the OCA ``module`` without the fields that modules outside
    its dependencies add to its models through a mixin and that the committed
    .pot (made without them) does not have: e.g. calendar's "Next Activity
    Calendar Event" on every model with activities, once the rest of the OCA
    helpdesk family brings calendar into the database."""
    committed = {
        entry.msgid: set(entry.occurrences)
        for entry in polib.pofile(str(committed_pot))
    }
    record = env["ir.module.module"].search([("name", "=", module)])
    upstream = {
        module,
        *record.upstream_dependencies(exclude_states=("uninstallable",)).mapped("name"),
    }
    pot = polib.pofile(_fresh_export(env, module))

    def foreign(occurrence):
        kind, _sep, xmlid = occurrence.rpartition(":")
        if not kind.startswith("model:ir.model.fields,"):
            return False
        field = env.ref(xmlid, raise_if_not_found=False)
        definition = field and env[field.model]._fields.get(field.name)
        # (the module that declared the field first: its _modules, in order)
        return bool(definition and definition._modules) and (
            definition._modules[0] not in upstream
        )

    for entry in list(pot):
        known = committed.get(entry.msgid, set())
        entry.occurrences = [
            (ref, line)
            for ref, line in entry.occurrences
            if (ref, line) in known or not foreign(ref)
        ]
        if not entry.occurrences:
            pot.remove(entry)
    return str(pot)


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
            problems += potools.pot_problems(
                oca_dir,
                _upstream_export(env, oca_dir.name, oca_dir / f"{oca_dir.name}.pot"),
            )
    assert not problems, "\n".join(problems)
