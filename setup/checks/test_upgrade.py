"""Upgrades and uninstalls in place (the way integrators maintain databases): on a
database with our addons, demo data and documents made from tickets, `-u` of every
addon keeps every link; uninstalling a bridge keeps the documents it made (the
link column may go) and switches its options off; switching the option on again
reinstalls it, brings its buttons back and loses nothing else."""

from odoo_process import MARK, run_odoo, shell
import pytest

SNAPSHOT = """
import json
Mixin = env["helpdesk.aftersales.document.mixin"]
links = {
    model: {
        str(r["id"]): r["helpdesk_ticket_id"][0]
        for r in env[model].sudo().with_context(active_test=False).search_read(
            [("helpdesk_ticket_id", "!=", False)], ["helpdesk_ticket_id"]
        )
    }
    for model in sorted(Mixin._inherit_children)
}
Team = env["helpdesk.ticket.team"].with_context(active_test=False)
toggles = Team._aftersales_feature_fields()
teams = {
    str(t["id"]): {f: t[f] for f in toggles} for t in Team.search_read([], toggles)
}
arch = env["helpdesk.ticket"].get_views([(False, "form")])["views"]["form"]["arch"]
env.cr.execute("SELECT count(*) FROM helpdesk_ticket")
tickets = env.cr.fetchone()[0]
# credit notes made by users (the uninstalled bridge's demo data goes with it)
env.cr.execute(
    "SELECT count(*) FROM account_move m WHERE move_type = 'out_refund' "
    "AND NOT EXISTS (SELECT 1 FROM ir_model_data d WHERE d.model = 'account.move' "
    "AND d.res_id = m.id AND d.module = 'helpdesk_aftersales_refund')"
)
credit_notes = env.cr.fetchone()[0]
print("%(mark)s" + json.dumps({
    "links": links, "teams": teams, "tickets": tickets, "credit_notes": credit_notes,
    "refund_button": 'name="action_helpdesk_refund"' in arch,
}))
"""

# documents made the way users make them (no xmlid: not module data)
MAKE_DOCUMENTS = """
import json
company = env.company
partner = env["res.partner"].create({"name": "Upgrade customer"})
team = env["helpdesk.ticket.team"].create(
    {"name": "Upgrade team", "use_credit_notes": True}
)
ticket = env["helpdesk.ticket"].create({
    "name": "Refund after an upgrade", "description": "<p>x</p>",
    "team_id": team.id, "partner_id": partner.id,
})
invoice = env["account.move"].create({
    "move_type": "out_invoice", "partner_id": partner.id,
    "invoice_line_ids": [(0, 0, {"name": "Desk", "price_unit": 90.0})],
})
invoice.action_post()
action = ticket.action_helpdesk_refund()
Wizard = env[action["res_model"]].with_context(**action["context"])
Wizard.create({"journal_id": invoice.journal_id.id}).action_helpdesk_reverse()
env.cr.commit()
print("%(mark)s" + json.dumps({"team": team.id, "ticket": ticket.id}))
"""

UNINSTALL = """
import json
module = env["ir.module.module"].search([("name", "=", "%(module)s")])
module.button_immediate_uninstall()
print("%(mark)s" + json.dumps(True))
"""

REINSTALL = """
import json
env["helpdesk.ticket.team"].browse(%(team)d).write({"use_credit_notes": True})
env.cr.commit()  # installs the bridge again
env.cr.execute("SELECT state FROM ir_module_module WHERE name = '%(module)s'")
print("%(mark)s" + json.dumps(env.cr.fetchone()[0]))
"""


@pytest.fixture(scope="module")
def upgrade_db(test_db, addon_dirs):
    db = f"{test_db}_upgrade"
    names = ",".join(d.name for d in addon_dirs)
    run_odoo(["-d", db, "-i", names, "--stop-after-init"])
    return db, names


def _snapshot(db):
    return shell(db, SNAPSHOT % {"mark": MARK})


def test_upgrade_uninstall_reinstall(upgrade_db):
    db, names = upgrade_db
    made = shell(db, MAKE_DOCUMENTS % {"mark": MARK})
    before = _snapshot(db)
    for model, links in before["links"].items():
        assert links, f"no {model} linked to a ticket: the check would prove nothing"
    assert before["refund_button"]

    run_odoo(["-d", db, "-u", names, "--stop-after-init"])
    assert _snapshot(db) == before, "an upgrade changed links or options"

    module = "helpdesk_aftersales_refund"
    shell(db, UNINSTALL % {"module": module, "mark": MARK})
    after = _snapshot(db)
    assert "account.move" not in after["links"]
    assert after["credit_notes"] == before["credit_notes"], "credit notes kept"
    assert not any(t["use_credit_notes"] for t in after["teams"].values())
    assert not after["refund_button"]
    others = {m: v for m, v in before["links"].items() if m != "account.move"}
    assert {m: v for m, v in after["links"].items() if m in others} == others

    state = shell(
        db, REINSTALL % {"team": made["team"], "module": module, "mark": MARK}
    )
    assert state == "installed"
    again = _snapshot(db)
    assert again["refund_button"]
    assert again["credit_notes"] == before["credit_notes"]
    # (the reinstalled bridge loads its demo data again: a demo ticket more)
    assert again["tickets"] >= after["tickets"]
    assert {m: v for m, v in again["links"].items() if m in others} == others
