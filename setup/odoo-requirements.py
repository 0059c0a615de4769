"""Print a working set of Odoo's own requirements for this Python.

Odoo's requirements.txt pins versions that do not all install from PyPI on current
toolchains: cbor2 5.4.2 builds as version 0.0.0 with recent setuptools (5.4.6 is the same
code and builds), and python-ldap needs the LDAP/SASL headers although only auth_ldap uses
it. Everything else is kept as Odoo pins it, markers included.

Usage: python odoo-requirements.py <odoo>/requirements.txt
"""

import re
import sys

REPLACE = {
    # name: replacement requirement (markers of the original line are kept)
    "cbor2==5.4.2": "cbor2==5.4.6",
}
DROP = {"python-ldap"}


def working_set(lines):
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        spec, _sep, marker = line.partition(";")
        spec = spec.strip()
        name = re.split(r"[<>=!~ \[]", spec, maxsplit=1)[0].lower()
        if name in DROP:
            continue
        spec = REPLACE.get(spec, spec)
        yield f"{spec} ; {marker.strip()}" if marker.strip() else spec


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as requirements:
        print("\n".join(working_set(requirements)))
