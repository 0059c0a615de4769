"""Print the Odoo and OCA addons that this repository's addons depend on.

    external_depends.py ROOT [ADDON...]

Reads every ROOT/*/__manifest__.py and prints, comma-separated and sorted, the
`depends` of the given addons and of the repository addons they depend on (all the
repository's addons when none is given), minus the repository's own addons. This is
what a template database holds (Odoo installs their closure); "base" when empty.
"""

import ast
from pathlib import Path
import sys


def main(root, wanted):
    manifests = {}
    for path in sorted(Path(root).glob("*/__manifest__.py")):
        try:
            manifests[path.parent.name] = ast.literal_eval(path.read_text())
        except (SyntaxError, ValueError) as error:
            sys.exit(f"{path}: not a Python dict literal ({error})")
    unknown = [name for name in wanted if name not in manifests]
    if unknown:
        sys.exit(f"not an addon of {root}: {', '.join(unknown)}")
    todo = list(wanted or manifests)
    seen, external = set(), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for dep in manifests[name].get("depends", []):
            if dep in manifests:
                todo.append(dep)
            else:
                external.add(dep)
    print(",".join(sorted(external)) or "base")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
