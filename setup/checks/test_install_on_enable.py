"""End-to-end, outside any test transaction (SPEC §2): on a database with only
helpdesk_aftersales, switching an option on installs its bridge, for every bridge of
the repository; uninstalling the bridge switches its options off again."""

import json
import os
import subprocess

import pytest

from odoo.addons.helpdesk_aftersales.models.helpdesk_ticket_team import (
    AFTERSALES_FEATURE_MODULES,
)

MARK = "E2E-RESULT:"


def _odoo(args, stdin=None):
    command = [
        os.environ["AFTERSALES_PYTHON_BIN"],
        os.path.join(os.environ["AFTERSALES_ODOO_SRC"], "odoo-bin"),
        *args,
        "-c",
        os.environ["AFTERSALES_CONF"],
        "--no-http",
        "--log-level=warn",
    ]
    result = subprocess.run(
        command, input=stdin, capture_output=True, text=True, check=False, timeout=1200
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    return result.stdout


def _shell(db, script):
    output = _odoo(["shell", "-d", db, "--shell-interface=python"], stdin=script)
    lines = [line for line in output.splitlines() if line.startswith(MARK)]
    assert lines, output
    return json.loads(lines[-1][len(MARK) :])


ENABLE = """
import json
manager = env["res.users"].search([("login", "=", "e2e-manager")]) or env[
    "res.users"
].create({
    "name": "E2E manager", "login": "e2e-manager",
    "group_ids": [(6, 0, [env.ref("helpdesk_mgmt.group_helpdesk_manager").id])],
})
team = env["helpdesk.ticket.team"].create({"name": "E2E %(field)s"})
env.cr.commit()
team.with_user(manager).write({"%(field)s": True})
env.cr.commit()
env.cr.execute("SELECT name, state FROM ir_module_module WHERE name LIKE 'helpdesk_%%'")
states = dict(env.cr.fetchall())
env.cr.execute("SELECT %(field)s FROM helpdesk_ticket_team WHERE id = %%s", [team.id])
print("%(mark)s" + json.dumps({"states": states, "toggle": env.cr.fetchone()[0]}))
"""

UNINSTALL = """
import json
env["ir.module.module"].search([("name", "=", "%(module)s")]).button_immediate_uninstall()
env.cr.execute("SELECT state FROM ir_module_module WHERE name = '%(module)s'")
state = env.cr.fetchone()[0]
env.cr.execute("SELECT %(fields)s FROM helpdesk_ticket_team WHERE %(any)s")
print("%(mark)s" + json.dumps({"state": state, "still_on": len(env.cr.fetchall())}))
"""


@pytest.fixture(scope="module")
def base_only_db(test_db):
    db = f"{test_db}_e2e"
    _odoo(["-d", db, "-i", "helpdesk_aftersales", "--stop-after-init"])
    return db


def test_each_toggle_installs_its_bridge(root, base_only_db):
    present = {
        p.parent.name for p in root.glob("helpdesk_aftersales_*/__manifest__.py")
    }
    assert present, "no bridge in the repository"
    done = set()
    for field, module in AFTERSALES_FEATURE_MODULES.items():
        if module not in present or module in done:
            continue
        result = _shell(base_only_db, ENABLE % {"field": field, "mark": MARK})
        assert result["toggle"] is True, field
        assert result["states"].get(module) == "installed", (field, result)
        done.add(module)
    assert done == present

    # Uninstalling a bridge switches its options off on every team.
    module = sorted(done)[0]
    fields = [f for f, m in AFTERSALES_FEATURE_MODULES.items() if m == module]
    result = _shell(
        base_only_db,
        UNINSTALL
        % {
            "module": module,
            "fields": ", ".join(fields),
            "any": " OR ".join(fields),
            "mark": MARK,
        },
    )
    assert result == {"state": "uninstalled", "still_on": 0}
