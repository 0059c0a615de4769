"""Korean translation tooling of the Helpdesk After-Sales addons.

    python i18n/potools.py check [ADDON_DIR...]     static checks of every addon
    python i18n/potools.py merge ADDON_DIR...       merge <addon>.pot into ko.po

`check` fails (exit 1, one line per problem) when an addon lacks i18n/<addon>.pot
or i18n/ko.po, when a msgid of the .pot has no msgstr, a fuzzy one, or a ko.po entry
that the .pot no longer has, when placeholders differ between msgid and msgstr, or
when a msgid uses a glossary term (i18n/glossary.csv) and its msgstr lacks the
Korean term.
Comparing the .pot with a fresh export of the code needs a database: setup/test does it
(setup/checks/test_i18n.py) with :func:`pot_problems`.

`merge` keeps the translations of ko.po, adds the new msgids untranslated, drops the
ones the .pot no longer has: run it through i18n/refresh, which exports the .pot first.
"""

import csv
from pathlib import Path
import re
import sys

import polib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GLOSSARY = HERE / "glossary.csv"
LANG = "ko"
PLACEHOLDER = re.compile(
    r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-#0 +]*\d*(?:\.\d+)?[sdfirx%]"
)
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b")


def addon_dirs(root=ROOT):
    return sorted(p.parent for p in root.glob("*/__manifest__.py"))


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


def glossary_problems(msgid, msgstr, glossary):
    problems = []
    for english, pattern, korean, scope in glossary:
        if scope == "label":
            hit = pattern.fullmatch(msgid.strip()) is not None
        else:
            hit = pattern.search(msgid) is not None
        if hit and korean not in msgstr:
            problems.append(f"uses glossary term {english!r} but lacks {korean!r}")
    return problems


def entry_key(entry):
    return (entry.msgctxt or "", entry.msgid)


def po_problems(addon_dir, glossary=None):
    """Problems of the committed .pot/ko.po pair of one addon (no database needed)."""
    addon_dir = Path(addon_dir)
    name = addon_dir.name
    pot_path = addon_dir / "i18n" / f"{name}.pot"
    po_path = addon_dir / "i18n" / f"{LANG}.po"
    problems = []
    for path in (pot_path, po_path):
        if not path.is_file():
            problems.append(f"{name}: {path.relative_to(addon_dir.parent)} is missing")
    if problems:
        return problems
    glossary = load_glossary() if glossary is None else glossary
    pot = polib.pofile(str(pot_path))
    po = polib.pofile(str(po_path))
    translations = {entry_key(e): e for e in po if not e.obsolete}
    for entry in pot:
        where = f"{name}: ko.po msgid {entry.msgid!r}"
        translated = translations.pop(entry_key(entry), None)
        if translated is None:
            problems.append(f"{where} is missing")
            continue
        if "fuzzy" in translated.flags:
            problems.append(f"{where} is fuzzy")
        if not translated.msgstr.strip():
            problems.append(f"{where} has no msgstr")
            continue
        if placeholders(entry.msgid) != placeholders(translated.msgstr):
            problems.append(
                f"{where}: placeholders {placeholders(entry.msgid)} in msgid, "
                f"{placeholders(translated.msgstr)} in msgstr"
            )
        if tags(entry.msgid) != tags(translated.msgstr):
            problems.append(f"{where}: HTML tags differ between msgid and msgstr")
        problems.extend(
            f"{where} {p}"
            for p in glossary_problems(entry.msgid, translated.msgstr, glossary)
        )
    for key in translations:
        problems.append(f"{name}: ko.po msgid {key[1]!r} is not in {name}.pot (stale)")
    return problems


def pot_problems(addon_dir, fresh_pot_text):
    """Differences between the committed .pot and a fresh export of the code."""
    addon_dir = Path(addon_dir)
    name = addon_dir.name
    pot_path = addon_dir / "i18n" / f"{name}.pot"
    if not pot_path.is_file():
        return [f"{name}: i18n/{name}.pot is missing"]
    committed = _pot_index(polib.pofile(str(pot_path)))
    fresh = _pot_index(polib.pofile(fresh_pot_text))
    problems = [
        f"{name}: {name}.pot lacks {key[1]!r} (run i18n/refresh)"
        for key in fresh.keys() - committed.keys()
    ]
    problems += [
        f"{name}: {name}.pot has {key[1]!r}, which the code no longer has "
        "(run i18n/refresh)"
        for key in committed.keys() - fresh.keys()
    ]
    problems += [
        f"{name}: {name}.pot is out of date for {key[1]!r} (run i18n/refresh)"
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


def merge(addon_dir):
    """Merge the addon's .pot into its ko.po (translations kept, stale ones dropped)."""
    addon_dir = Path(addon_dir)
    name = addon_dir.name
    pot = polib.pofile(str(addon_dir / "i18n" / f"{name}.pot"))
    po_path = addon_dir / "i18n" / f"{LANG}.po"
    old = polib.pofile(str(po_path)) if po_path.is_file() else polib.POFile()
    known = {entry_key(e): e for e in old if not e.obsolete}
    po = polib.POFile(wrapwidth=78)
    po.metadata = dict(pot.metadata)
    po.metadata.update(
        {
            "Language": "ko",
            "Plural-Forms": "nplurals=1; plural=0;",
            "Content-Type": "text/plain; charset=UTF-8",
        }
    )
    po.header = pot.header
    for entry in pot:
        previous = known.get(entry_key(entry))
        entry.msgstr = previous.msgstr if previous else ""
        if previous and "fuzzy" in previous.flags and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        po.append(entry)
    po.save(str(po_path))
    return [e.msgid for e in po if not e.msgstr]


def main(argv):
    if len(argv) < 2 or argv[1] not in ("check", "merge"):
        print(__doc__)
        return 2
    dirs = [Path(a).resolve() for a in argv[2:]] or addon_dirs()
    if argv[1] == "merge":
        for addon_dir in dirs:
            todo = merge(addon_dir)
            print(f"{addon_dir.name}: ko.po merged, {len(todo)} msgid(s) to translate")
            for msgid in todo:
                print(f"  - {msgid!r}")
        return 0
    glossary = load_glossary()
    problems = [p for d in dirs for p in po_problems(d, glossary)]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {len(dirs)} addon(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
