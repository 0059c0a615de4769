"""Korean translation tooling of the Helpdesk After-Sales addons.

    python i18n/potools.py check [DIR...]      static checks (default: everything)
    python i18n/potools.py merge DIR...        merge the .pot of DIR into its ko.po
    python i18n/potools.py clean POT MODULE    drop foreign code references of an export

A DIR is either an addon of the repository (``<addon>/i18n/<addon>.pot`` and
``<addon>/i18n/ko.po``) or the folder of an OCA module translated by the project,
``helpdesk_aftersales/i18n_oca/<module>/`` (``<module>.pot``, the exact export of the
installed module the translation was made from, and ``ko.po``, an upstream-ready
translation of it).

`check` fails (exit 1, one line per problem) when a .pot or ko.po is missing, when
the ko.po header is not Korean (Language, Plural-Forms, UTF-8), when a msgid of the
.pot has no msgstr, a fuzzy one, or other references (``#:``) than in the .pot, when
ko.po has a msgid that the .pot no longer has, when placeholders (``%s``,
``%(name)s``, ``{{ }}``, ``${}``) or HTML tags (names and non-translatable attributes)
differ between msgid and msgstr, when a well-formed HTML msgid gets a msgstr that is
not well-formed, or when a msgid uses a glossary term (i18n/glossary.csv) and its
msgstr lacks the Korean term (unless a translator comment of the entry,
``# glossary exception: <english>: <reason>``, names the glossary row and says why),
or when a Korean particle (조사) follows a placeholder with nothing in between
(``%(project)s은(는)``: see :func:`particle_problems`). An OCA module's entries must
also all refer to that module (``#. module:`` and every ``#:``): Odoo applies an
entry to the module named in its references, whichever file carries it.
Comparing a .pot with a fresh export of the code needs a database: setup/test does it
(setup/checks/test_i18n.py) with :func:`pot_problems`.

`merge` keeps the translations of ko.po (with their translator comments), adds the
new msgids untranslated, drops the ones the .pot no longer has: run it through
i18n/refresh (``i18n/refresh --oca`` for the OCA modules), which exports the .pot
first.

`clean` rewrites an exported .pot without the ``code:`` references that do not lie in
the module itself: Odoo's exporter walks every folder of the addons path, so a
virtualenv inside the repository (an addons path) yields a second, machine-specific
reference (``code:addons/.venv/lib/…/helpdesk_mgmt/…``) for each Python/JS string.
"""

import csv
from pathlib import Path
import re
import sys

from lxml import etree
import polib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GLOSSARY = HERE / "glossary.csv"
LANG = "ko"
OCA_FOLDER = "i18n_oca"
KOREAN_HEADER = {
    "Language": "ko",
    "Plural-Forms": "nplurals=1; plural=0;",
    "Content-Type": "text/plain; charset=UTF-8",
}
PLACEHOLDER = re.compile(
    r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-#0 +]*\d*(?:\.\d+)?[sdfirx%]"
    r"|\{\{.*?\}\}|\$\{.*?\}",
    re.DOTALL,
)
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b")
START_TAG = re.compile(
    r"<([a-zA-Z][\w.-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'))?)*)\s*/?>"
)
ATTRIBUTE = re.compile(r"([^\s=/>]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'))?")
# Attributes whose value is translated (odoo.tools.translate.TRANSLATED_ATTRS)
TRANSLATED_ATTRS = {
    "string",
    "add-label",
    "help",
    "sum",
    "avg",
    "confirm",
    "placeholder",
    "alt",
    "title",
    "aria-label",
    "aria-keyshortcuts",
    "aria-placeholder",
    "aria-roledescription",
    "aria-valuetext",
    "value_label",
    "data-tooltip",
    "label",
    "confirm-label",
    "cancel-label",
}
TRANSLATED_ATTRS |= {f"t-attf-{attr}" for attr in TRANSLATED_ATTRS}
REFERENCE = re.compile(r"^(?:model|model_terms):[^:]+:(?P<module>[\w]+)\.")
GLOSSARY_EXCEPTION = re.compile(
    r"^glossary exception: (?P<english>[^:]+?)\s*:\s*(?P<reason>\S.*)$", re.MULTILINE
)

# Korean particles (조사). Their form depends on the word before them (은/는, 이/가,
# 을/를, 과/와, 으로/로, 이나/나...), which a placeholder hides from the translator,
# and even the invariant ones (의, 에, 에서, 도, 만...) glue a grammatical ending to a
# name, a number or a date that reads badly ("INV/2026/0001의"). A translation puts a
# noun after the placeholder instead: "%(project)s 프로젝트는", "%(ticket)s 상담에".
# "(은)는"-style alternations are read without their parentheses ("은는", "으로"), so
# they are concatenations of these. Counters and nouns glued to a number (개, 일, 건,
# 님) are not particles, and neither is the copula (입니다).
PARTICLES = [
    *("은", "는", "이", "가", "을", "를", "과", "와", "의", "에", "에서", "에게"),
    *("에게서", "께", "께서", "한테", "한테서", "더러", "로", "으로", "로서"),
    *("으로서", "로써", "으로써", "로부터", "으로부터", "부터", "까지", "도", "만"),
    *("마다", "조차", "마저", "뿐", "밖에", "보다", "처럼", "같이", "만큼", "대로"),
    *("나", "이나", "나마", "이나마", "든", "이든", "든지", "이든지", "라도"),
    *("이라도", "랑", "이랑", "며", "이며", "야", "이야", "라는", "이라는"),
    *("라고", "이라고", "란", "이란"),
]
PARTICLE_RUN = re.compile(
    "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")+"
)
HANGUL = "\uac00-\ud7a3"
# What a message shows in place of a value: the placeholders above and the QWeb
# elements of mail templates and portal pages that print one (t-out, t-esc...).
DYNAMIC = re.compile(
    PLACEHOLDER.pattern
    + r"|<(?P<qweb>[a-zA-Z][\w.-]*)\b[^<>]*?\bt-(?:out|esc|raw|field)\s*="
    r"\s*(?:\"[^\"]*\"|'[^']*')[^<>]*?(?:/>|>.*?</(?P=qweb)\s*>)",
    re.DOTALL,
)
# The Hangul glued to a value, past closing tags and quotes ("<b>%s</b>를",
# "'%s'을"), not past a closing parenthesis ("고객(%(customer)s)과" is right: the
# particle belongs to 고객).
GLUED = re.compile(
    r"(?:</[a-zA-Z][\w.-]*\s*>|['\"\u2019\u201d\u300d\u300f\u00bb])*"
    rf"((?:[{HANGUL}]|\([{HANGUL}]+\))+)"
)


def addon_dirs(root=ROOT):
    return sorted(p.parent for p in root.glob("*/__manifest__.py"))


def oca_dirs(root=ROOT):
    """Folders ``<addon>/i18n_oca/<module>/``: OCA modules translated here."""
    return sorted(p for p in root.glob(f"*/{OCA_FOLDER}/*") if p.is_dir())


def is_oca_dir(path):
    return Path(path).parent.name == OCA_FOLDER


def translation_files(target):
    """``(module, pot_path, po_path)`` of an addon folder or of an OCA module folder."""
    target = Path(target)
    module = target.name
    folder = target if is_oca_dir(target) else target / "i18n"
    return module, folder / f"{module}.pot", folder / f"{LANG}.po"


def display_name(target):
    target = Path(target)
    return f"{OCA_FOLDER}/{target.name}" if is_oca_dir(target) else target.name


def load_glossary(path=GLOSSARY):
    """Glossary rows as ``(english, pattern, korean, scope)``.

    ``english`` may list variants ("Replacement(s) / Replace"); "(s)" makes the plural
    optional. Scope ``term``: any whole-word occurrence in a msgid requires the Korean.
    Scope ``label``: only a msgid that is the term itself (a button or field label).
    """
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            variants = [v.strip() for v in row["english"].split(" / ")]
            alternatives = [
                re.escape(v.replace("(s)", "")) + ("s?" if "(s)" in v else "")
                for v in variants
            ]
            pattern = re.compile(
                r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE
            )
            rows.append((row["english"], pattern, row["korean"], row["scope"]))
    return rows


def placeholders(text):
    return sorted(m for m in PLACEHOLDER.findall(text) if m != "%%")


def tags(text):
    return sorted(TAG.findall(text))


def start_tags(text):
    """Start tags with their non-translatable attributes, e.g. ``t t-out=object.name``.

    Those must come back unchanged in the msgstr (a ``t-out`` expression, a class);
    translatable attributes (title, placeholder, alt…) may be translated.
    """
    result = []
    for name, attributes in START_TAG.findall(text):
        kept = sorted(
            (key, double if double else single)
            for key, double, single in ATTRIBUTE.findall(attributes)
            if key not in TRANSLATED_ATTRS
        )
        result.append(" ".join([name] + [f"{k}={v}" for k, v in kept]))
    return sorted(result)


def is_well_formed(text):
    """Whether ``text`` parses as an XML fragment (QWeb/mail template HTML)."""
    try:
        etree.fromstring(f"<div>{text}</div>")
    except etree.XMLSyntaxError:
        return False
    return True


def plain_text(msgid):
    """The msgid without placeholders and markup: what the glossary applies to."""
    text = PLACEHOLDER.sub(" ", msgid)
    return re.sub(r"<[^<>]*>", " ", text)


def glossary_exceptions(tcomment):
    """``{english: reason}`` of the ``# glossary exception: <english>: <reason>``
    translator comments of an entry."""
    return {
        m["english"]: m["reason"] for m in GLOSSARY_EXCEPTION.finditer(tcomment or "")
    }


def glossary_problems(msgid, msgstr, glossary, exceptions=None):
    """Glossary terms of ``msgid`` that ``msgstr`` lacks. ``exceptions`` names the
    rows (by their English) that a translator comment exempts for this entry; an
    exception for a row that does not apply to the msgid is reported (stale)."""
    problems = []
    exceptions = dict(exceptions or {})
    text = plain_text(msgid)
    for english, pattern, korean, scope in glossary:
        if scope == "label":
            hit = pattern.fullmatch(text.strip()) is not None
        else:
            hit = pattern.search(text) is not None
        if exceptions.pop(english, None) is not None:
            if not hit:
                problems.append(
                    f"has a glossary exception for {english!r}, which "
                    "does not apply to it"
                )
            continue
        if hit and korean not in msgstr:
            problems.append(f"uses glossary term {english!r} but lacks {korean!r}")
    problems += [
        f"has a glossary exception for {english!r}, which is not in the glossary"
        for english in exceptions
    ]
    return problems


def particle_problems(msgstr):
    """Korean particles glued to a placeholder or a QWeb value in ``msgstr``
    (empty list when every value is followed by a space, a noun, a counter...)."""
    problems = []
    for match in DYNAMIC.finditer(msgstr):
        if match[0] == "%%":
            continue
        glued = GLUED.match(msgstr, match.end())
        if glued and PARTICLE_RUN.fullmatch(re.sub(r"[()]", "", glued[1])):
            problems.append(
                f"particle {glued[1]!r} right after {match[0]!r}: put a noun after "
                "the placeholder ('%(project)s 프로젝트는', '%(ticket)s 상담에')"
            )
    return problems


def markup_problems(msgid, msgstr):
    """Placeholders and HTML of a translation (empty list when they are kept)."""
    problems = []
    if placeholders(msgid) != placeholders(msgstr):
        problems.append(
            f"placeholders {placeholders(msgid)} in msgid, "
            f"{placeholders(msgstr)} in msgstr"
        )
    if tags(msgid) != tags(msgstr):
        problems.append("HTML tags differ between msgid and msgstr")
    elif start_tags(msgid) != start_tags(msgstr):
        problems.append("HTML attributes differ between msgid and msgstr")
    if "<" in msgid and is_well_formed(msgid) and not is_well_formed(msgstr):
        problems.append("the msgstr is not well-formed HTML")
    return problems


def reference_problems(entry, module):
    """References of an entry that do not point to ``module`` (OCA files)."""
    problems = []
    for comment in entry.comment.splitlines():
        if comment.startswith("module:") and comment.split(":", 1)[1].split() != [
            module
        ]:
            problems.append(f"'#. {comment}' is not {module}")
    if not entry.occurrences:
        problems.append("has no '#:' reference")
    for path, _line in entry.occurrences:
        if path.startswith("code:"):
            ok = path.startswith(f"code:addons/{module}/")
        else:
            match = REFERENCE.match(path)
            ok = match is not None and match["module"] == module
        if not ok:
            problems.append(f"reference {path!r} is not of {module}")
    return problems


def header_problems(po):
    return [
        f"header {key}: {po.metadata.get(key)!r} instead of {value!r}"
        for key, value in KOREAN_HEADER.items()
        if po.metadata.get(key) != value
    ]


def entry_key(entry):
    return (entry.msgctxt or "", entry.msgid)


def po_problems(target, glossary=None):
    """Problems of the committed .pot/ko.po pair of an addon or an OCA module folder
    (no database needed)."""
    target = Path(target)
    module, pot_path, po_path = translation_files(target)
    name = display_name(target)
    oca = is_oca_dir(target)
    problems = []
    for path in (pot_path, po_path):
        if not path.is_file():
            problems.append(f"{name}: {path.relative_to(target.parent)} is missing")
    if problems:
        return problems
    glossary = load_glossary() if glossary is None else glossary
    pot = polib.pofile(str(pot_path))
    po = polib.pofile(str(po_path))
    problems += [f"{name}: ko.po {p}" for p in header_problems(po)]
    translations = {entry_key(e): e for e in po if not e.obsolete}
    for entry in pot:
        where = f"{name}: ko.po msgid {entry.msgid!r}"
        if oca:
            problems += [
                f"{name}: {pot_path.name} msgid {entry.msgid!r} {p}"
                for p in reference_problems(entry, module)
            ]
        translated = translations.pop(entry_key(entry), None)
        if translated is None:
            problems.append(f"{where} is missing")
            continue
        if "fuzzy" in translated.flags:
            problems.append(f"{where} is fuzzy")
        if sorted(translated.occurrences) != sorted(entry.occurrences):
            problems.append(f"{where} has other '#:' references than the .pot")
        if not translated.msgstr.strip():
            problems.append(f"{where} has no msgstr")
            continue
        problems += [
            f"{where}: {p}" for p in markup_problems(entry.msgid, translated.msgstr)
        ]
        problems += [f"{where}: {p}" for p in particle_problems(translated.msgstr)]
        problems += [
            f"{where} {p}"
            for p in glossary_problems(
                entry.msgid,
                translated.msgstr,
                glossary,
                glossary_exceptions(translated.tcomment),
            )
        ]
    for key in translations:
        problems.append(
            f"{name}: ko.po msgid {key[1]!r} is not in {pot_path.name} (stale)"
        )
    return problems


def clean_export(text, module):
    """An exported .pot without ``code:`` references outside ``addons/<module>/``."""
    foreign = re.compile(rf"^#: code:addons/(?!{re.escape(module)}/).*\n", re.MULTILINE)
    return foreign.sub("", text)


def pot_problems(target, fresh_pot_text):
    """Differences between the committed .pot of an addon or an OCA module folder and
    a fresh export of the installed code."""
    target = Path(target)
    module, pot_path, _po_path = translation_files(target)
    name = display_name(target)
    hint = "run i18n/refresh --oca" if is_oca_dir(target) else "run i18n/refresh"
    if not pot_path.is_file():
        return [f"{name}: {pot_path.name} is missing"]
    committed = _pot_index(polib.pofile(str(pot_path)))
    fresh = _pot_index(polib.pofile(clean_export(fresh_pot_text, module)))
    problems = [
        f"{name}: {pot_path.name} lacks {key[1]!r} ({hint})"
        for key in fresh.keys() - committed.keys()
    ]
    problems += [
        f"{name}: {pot_path.name} has {key[1]!r}, which the code no longer has ({hint})"
        for key in committed.keys() - fresh.keys()
    ]
    problems += [
        f"{name}: {pot_path.name} is out of date for {key[1]!r} ({hint})"
        for key in committed.keys() & fresh.keys()
        if committed[key] != fresh[key]
    ]
    return sorted(problems)


def _pot_index(pot):
    return {
        entry_key(e): (sorted(e.occurrences), sorted(e.comment.splitlines()))
        for e in pot
        if not e.obsolete
    }


def merge(target):
    """Merge the .pot of an addon or OCA module folder into its ko.po (translations
    kept, stale ones dropped)."""
    _module, pot_path, po_path = translation_files(target)
    pot = polib.pofile(str(pot_path))
    old = polib.pofile(str(po_path)) if po_path.is_file() else polib.POFile()
    known = {entry_key(e): e for e in old if not e.obsolete}
    po = polib.POFile(wrapwidth=78)
    po.metadata = dict(pot.metadata)
    po.metadata.update(KOREAN_HEADER)
    po.header = pot.header
    for entry in pot:
        previous = known.get(entry_key(entry))
        entry.msgstr = previous.msgstr if previous else ""
        if previous and previous.tcomment:
            entry.tcomment = previous.tcomment
        if previous and "fuzzy" in previous.flags and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        po.append(entry)
    po.save(str(po_path))
    return [e.msgid for e in po if not e.msgstr]


def main(argv):
    if len(argv) < 2 or argv[1] not in ("check", "merge", "clean"):
        print(__doc__)
        return 2
    if argv[1] == "clean":
        if len(argv) != 4:
            print(__doc__)
            return 2
        path = Path(argv[2])
        path.write_text(
            clean_export(path.read_text(encoding="utf-8"), argv[3]), "utf-8"
        )
        return 0
    dirs = [Path(a).resolve() for a in argv[2:]] or addon_dirs() + oca_dirs()
    if argv[1] == "merge":
        for target in dirs:
            todo = merge(target)
            name = display_name(target)
            print(f"{name}: ko.po merged, {len(todo)} msgid(s) to translate")
            for msgid in todo:
                print(f"  - {msgid!r}")
        return 0
    glossary = load_glossary()
    problems = [p for d in dirs for p in po_problems(d, glossary)]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {len(dirs)} folder(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
