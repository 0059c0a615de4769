"""End-to-end, outside any test transaction: on a database with only
helpdesk_aftersales, an administrator switching an option on installs its bridge once
the transaction is committed, for every bridge of the repository, whichever way the
option is switched on (a write as the team form or an RPC client does, a CSV import),
also when an installation killed earlier left modules marked "to install"; a helpdesk
manager who is not an administrator is refused before anything is written; a module
that an administrator left marked "to upgrade" keeps its mark (the installation is
refused, with Odoo's reason, until it is dealt with); uninstalling the bridge switches
its options off again."""

from odoo_process import MARK, run_odoo, shell
import pytest

from odoo.addons.helpdesk_aftersales.models.helpdesk_ticket_team import (
    AFTERSALES_FEATURE_MODULES,
    INSTALL_ERROR_PARAM,
    INSTALL_MARKED_PARAM,
)

USERS = """
import json
def user(login, *groups):
    return env["res.users"].search([("login", "=", login)]) or env["res.users"].create({
        "name": login, "login": login,
        "group_ids": [(6, 0, [env.ref(group).id for group in groups])],
    })
admin = user("e2e-admin", "helpdesk_mgmt.group_helpdesk_manager", "base.group_system")
manager = user("e2e-manager", "helpdesk_mgmt.group_helpdesk_manager")
env.cr.commit()
"""

ENABLE = (
    USERS
    + """
Team = env["helpdesk.ticket.team"].with_user(admin)
mode = "%(mode)s"
if mode == "stale":
    # an installation killed an hour ago left the bridge marked (and said so)
    env.cr.execute(
        "UPDATE ir_module_module SET state = 'to install', "
        "write_date = now() - interval '1 hour' WHERE name = '%(module)s'"
    )
    env["ir.config_parameter"].set_param("%(marked)s", json.dumps(["%(module)s"]))
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
)

REFUSED = (
    USERS
    + """
from odoo.exceptions import UserError
Team = env["helpdesk.ticket.team"].with_user(manager)
messages = []
try:
    Team.create({"name": "E2E refused", "%(field)s": True})
except UserError as error:
    messages.append(str(error))
    env.cr.rollback()
result = Team.load(["name", "%(field)s"], [["E2E refused import", "1"]])
messages += [message["message"] for message in result["messages"]]
env.cr.commit()
teams = env["helpdesk.ticket.team"].with_context(active_test=False).search_count(
    [("name", "=like", "E2E refused%%")]
)
env.cr.execute("SELECT state FROM ir_module_module WHERE name = '%(module)s'")
print("%(mark)s" + json.dumps({
    "messages": messages, "teams": teams, "state": env.cr.fetchone()[0],
}))
"""
)

# an administrator's pending upgrade of another module, then an option switched on
FOREIGN_MARK = (
    USERS
    + """
env.cr.execute(
    "UPDATE ir_module_module SET state = 'to upgrade', "
    "write_date = now() - interval '1 hour' WHERE name = 'helpdesk_mgmt'"
)
env.cr.commit()
Team = env["helpdesk.ticket.team"].with_user(admin)
Team.create({"name": "E2E foreign mark", "%(field)s": True})
env.cr.commit()  # the installation runs now, and is refused
env.cr.execute("SELECT name, state FROM ir_module_module "
               "WHERE name IN ('helpdesk_mgmt', '%(module)s')")
states = dict(env.cr.fetchall())
error = env["ir.config_parameter"].get_param("%(error)s")
# the administrator finishes their upgrade
env.cr.execute(
    "UPDATE ir_module_module SET state = 'installed' WHERE name = 'helpdesk_mgmt'"
)
env.cr.commit()
print("%(mark)s" + json.dumps({"states": states, "error": error}))
"""
)

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
    field, module = next(
        (f, m) for f, m in AFTERSALES_FEATURE_MODULES.items() if m in present
    )
    values = {"field": field, "module": module, "mark": MARK}

    # A helpdesk manager who is not an administrator may not install an app.
    result = shell(base_only_db, REFUSED % values)
    assert result["teams"] == 0 and result["state"] == "uninstalled", result
    assert len(result["messages"]) == 2, result
    assert all("Ask an administrator" in m for m in result["messages"]), result

    # An administrator's pending mark of another module is never reset.
    result = shell(base_only_db, FOREIGN_MARK % dict(values, error=INSTALL_ERROR_PARAM))
    assert result["states"] == {"helpdesk_mgmt": "to upgrade", module: "uninstalled"}
    assert "another module operation" in (result["error"] or ""), result

    done = set()
    modes = ["write", "import", "stale"]
    for field, module in AFTERSALES_FEATURE_MODULES.items():
        if module not in present or module in done:
            continue
        mode = modes[len(done) % len(modes)]
        result = shell(
            base_only_db,
            ENABLE
            % {
                "field": field,
                "module": module,
                "mode": mode,
                "mark": MARK,
                "marked": INSTALL_MARKED_PARAM,
            },
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
