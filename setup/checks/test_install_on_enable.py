"""End-to-end, outside any test transaction (SPEC §2, §3): on a database with only
helpdesk_aftersales, switching an option on installs its bridge once the transaction
is committed, for every bridge of the repository, whichever way the option is
switched on (a write as the team form or an RPC client does, a CSV import), also
when an installation killed earlier left modules marked "to install";
uninstalling the bridge switches its options off again."""

from odoo_process import MARK, run_odoo, shell
import pytest

from odoo.addons.helpdesk_aftersales.models.helpdesk_ticket_team import (
    AFTERSALES_FEATURE_MODULES,
)

ENABLE = """
import json
manager = env["res.users"].search([("login", "=", "e2e-manager")]) or env[
    "res.users"
].create({
    "name": "E2E manager", "login": "e2e-manager",
    "group_ids": [(6, 0, [env.ref("helpdesk_mgmt.group_helpdesk_manager").id])],
})
Team = env["helpdesk.ticket.team"].with_user(manager)
mode = "%(mode)s"
if mode == "stale":
    # an installation killed an hour ago left the bridge marked
    env.cr.execute(
        "UPDATE ir_module_module SET state = 'to install', "
        "write_date = now() - interval '1 hour' WHERE name = '%(module)s'"
    )
env.cr.commit()
if mode == "import":
    result = Team.load(["name", "%(field)s"], [["E2E import %(field)s", "1"]])
    assert not result["messages"], result
    team_id = result["ids"][0]
else:
    team = Team.create({"name": "E2E %(field)s"})
    team.write({"%(field)s": True})
    team_id = team.id
states_in_transaction = dict(
    env["ir.module.module"].sudo().search_read(
        [("name", "=", "%(module)s")], ["state"]
    )[0].items()
)["state"]
env.cr.commit()  # the installation runs now, after the commit
env.cr.execute("SELECT name, state FROM ir_module_module WHERE name LIKE 'helpdesk_%%'")
states = dict(env.cr.fetchall())
env.cr.execute("SELECT %(field)s FROM helpdesk_ticket_team WHERE id = %%s", [team_id])
print("%(mark)s" + json.dumps({
    "states": states,
    "in_transaction": states_in_transaction,
    "toggle": env.cr.fetchone()[0],
}))
"""

UNINSTALL = """
import json
module = env["ir.module.module"].search([("name", "=", "%(module)s")])
module.button_immediate_uninstall()
env.cr.execute("SELECT state FROM ir_module_module WHERE name = '%(module)s'")
state = env.cr.fetchone()[0]
env.cr.execute("SELECT %(fields)s FROM helpdesk_ticket_team WHERE %(any)s")
print("%(mark)s" + json.dumps({"state": state, "still_on": len(env.cr.fetchall())}))
"""


@pytest.fixture(scope="module")
def base_only_db(test_db):
    db = f"{test_db}_e2e"
    run_odoo(["-d", db, "-i", "helpdesk_aftersales", "--stop-after-init"])
    return db


def test_each_toggle_installs_its_bridge(root, base_only_db):
    present = {
        p.parent.name for p in root.glob("helpdesk_aftersales_*/__manifest__.py")
    }
    assert present, "no bridge in the repository"
    done = set()
    modes = ["write", "import", "stale"]
    for field, module in AFTERSALES_FEATURE_MODULES.items():
        if module not in present or module in done:
            continue
        mode = modes[len(done) % len(modes)]
        result = shell(
            base_only_db,
            ENABLE % {"field": field, "module": module, "mode": mode, "mark": MARK},
        )
        assert result["toggle"] is True, (field, mode)
        assert result["in_transaction"] != "installed", "never inside the transaction"
        assert result["states"].get(module) == "installed", (field, mode, result)
        done.add(module)
    assert done == present

    # Uninstalling a bridge switches its options off on every team.
    module = min(done)
    fields = [f for f, m in AFTERSALES_FEATURE_MODULES.items() if m == module]
    result = shell(
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
