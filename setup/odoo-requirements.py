"""Print a working set of Odoo's own requirements, with their environment markers.

Odoo's requirements.txt pins versions that do not all install from PyPI on current
toolchains:

- cbor2 5.4.2 (Python < 3.12) builds as version 0.0.0 with recent setuptools; 5.4.6 is
  the same code and builds;
- python-ldap needs the LDAP/SASL headers although only auth_ldap uses it: left out;
- on Python 3.13, lxml 5.2.1 and rjsmin 1.2.0 have no wheel (lxml then needs the
  libxml2/libxslt headers and a long compilation, rjsmin builds without its C
  speed-up): the nearest releases with wheels for 3.13 are taken there, and Odoo's pins
  are kept for 3.10-3.12.

Everything else is kept as Odoo pins it, markers included. setup/checks/
test_python313.py proves that the result installs on Python 3.13 (wheels, and which
packages are built from source there).

Usage: python odoo-requirements.py <odoo>/requirements.txt
"""

import re
import sys

try:
    from packaging.markers import Marker
except ImportError:  # a fresh virtualenv: pip's own copy
    from pip._vendor.packaging.markers import Marker

REPLACE = {
    # requirement as Odoo writes it: replacement (markers of the original line are kept)
    "cbor2==5.4.2": "cbor2==5.4.6",
}
DROP = {"python-ldap"}
# name: version taken from Python 3.13 on, where Odoo's pin has no wheel
PY313 = {
    "lxml": "5.4.0",  # last 5.x (Odoo 19 runs 5.x), wheels from 3.13 on
    "rjsmin": "1.2.3",  # same API as 1.2.0, first release with 3.13 wheels
}
PY313_MARKER = "python_version >= '3.13'"


def _admits_313(marker):
    """Whether ``marker`` (text, possibly empty) holds on CPython 3.13 / Linux."""
    if not marker:
        return True
    return Marker(marker).evaluate({"python_version": "3.13"})


def working_set(lines):
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        spec, _sep, marker = line.partition(";")
        spec, marker = spec.strip(), marker.strip()
        name = re.split(r"[<>=!~ \[]", spec, maxsplit=1)[0].lower()
        if name in DROP:
            continue
        spec = REPLACE.get(spec, spec)
        if name in PY313 and _admits_313(marker):
            older = f"({marker}) and " if marker else ""
            yield f"{spec} ; {older}python_version < '3.13'"
            continue
        yield f"{spec} ; {marker}" if marker else spec
    for name, version in PY313.items():
        yield f"{name}=={version} ; {PY313_MARKER}"


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as requirements:
        print("\n".join(working_set(requirements)))
