"""Upgrades and uninstalls in place (the way integrators maintain databases): on a
database with our addons, demo data and documents made from tickets, `-u` of every
addon keeps every link; uninstalling a bridge keeps the documents it made (the
link column may go), the demo tickets (they belong to the base addon) with their
chatter, and switches its options off; switching the option on again reinstalls
it, brings its buttons and every link back (reasons included) and loses nothing
else. The field service bridge also keeps its projects: no second "Field
Service" project on reinstall, none made again by `-u` once users deleted it."""

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
# loyalty cards made by users (the uninstalled bridge's demo data goes with it)
env.cr.execute(
    "SELECT count(*) FROM loyalty_card c WHERE NOT EXISTS (SELECT 1 FROM "
    "ir_model_data d WHERE d.model = 'loyalty.card' AND d.res_id = c.id "
    "AND d.module = 'helpdesk_aftersales_coupon')"
)
cards = env.cr.fetchone()[0]
print("%(mark)s" + json.dumps({
    "links": links, "teams": teams, "tickets": tickets, "credit_notes": credit_notes,
    "cards": cards, "refund_button": 'name="action_helpdesk_refund"' in arch,
    "coupon_button": 'name="action_helpdesk_coupon"' in arch,
}))
"""

# documents made the way users make them (no xmlid: not module data)
MAKE_DOCUMENTS = """
import json
company = env.company
partner = env["res.partner"].create({"name": "Upgrade customer"})
team = env["helpdesk.ticket.team"].create(
    {"name": "Upgrade team", "use_credit_notes": True, "use_coupons": True}
)
# (the Refund dialog proposes only invoices of the ticket's orders or product)
desk = env.ref("product.product_product_4")
ticket = env["helpdesk.ticket"].create({
    "name": "Refund after an upgrade", "description": "<p>x</p>",
    "team_id": team.id, "partner_id": partner.id, "product_id": desk.id,
})
invoice = env["account.move"].create({
    "move_type": "out_invoice", "partner_id": partner.id,
    "invoice_line_ids": [
        (0, 0, {"name": "Desk", "product_id": desk.id, "price_unit": 90.0})
    ],
})
invoice.action_post()
action = ticket.action_helpdesk_refund()
Wizard = env[action["res_model"]].with_context(**action["context"])
Wizard.create({"journal_id": invoice.journal_id.id}).action_helpdesk_reverse()
# a coupon given from the ticket's Coupon dialog
program = env["loyalty.program"].create(
    {"name": "Upgrade coupons", "program_type": "coupons"}
)
action = ticket.action_helpdesk_coupon()
Wizard = env[action["res_model"]].with_context(**action["context"])
wizard = Wizard.create({"program_id": program.id})
wizard.action_helpdesk_generate()
env.cr.commit()
print("%(mark)s" + json.dumps({
    "team": team.id, "ticket": ticket.id, "card": wizard.card_id.id,
}))
"""

UNINSTALL = """
import json
module = env["ir.module.module"].search([("name", "=", "%(module)s")])
module.button_immediate_uninstall()
print("%(mark)s" + json.dumps(True))
"""

REINSTALL = """
import json
env["helpdesk.ticket.team"].browse(%(team)d).write({"use_coupons": True})
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

    # the coupon bridge (no other bridge depends on it: uninstalling the refund
    # bridge would take the return and repair bridges with it, as Odoo does)
    module, model = "helpdesk_aftersales_coupon", "loyalty.card"
    card = str(made["card"])
    assert before["links"][model][card] == made["ticket"]
    shell(db, UNINSTALL % {"module": module, "mark": MARK})
    after = _snapshot(db)
    assert model not in after["links"]
    assert after["cards"] == before["cards"], "cards made by users kept"
    assert not any(t["use_coupons"] for t in after["teams"].values())
    assert not after["coupon_button"]
    assert after["refund_button"]
    others = {m: v for m, v in before["links"].items() if m != model}
    assert {m: v for m, v in after["links"].items() if m in others} == others

    state = shell(
        db, REINSTALL % {"team": made["team"], "module": module, "mark": MARK}
    )
    assert state == "installed"
    again = _snapshot(db)
    assert again["coupon_button"]
    assert again["cards"] >= before["cards"]
    assert again["links"][model][card] == made["ticket"], "the card's link is back"
    assert {m: v for m, v in again["links"].items() if m in others} == others


# --- Repairs and field service: every demo ticket and every link survives -------------

# the demo tickets (all in the base addon) with their chatter, and the documents
# of MODEL linked to tickets (document -> [ticket, reason]), read as SQL so that
# it works whether the link columns exist or not
DOCUMENTS = """
import json
env.cr.execute(
    "SELECT d.name, t.id FROM ir_model_data d "
    "JOIN helpdesk_ticket t ON t.id = d.res_id WHERE d.model = 'helpdesk.ticket' "
    "AND d.name LIKE 'demo_ticket_%%' AND d.module = 'helpdesk_aftersales'"
)
demo = dict(env.cr.fetchall())
env.cr.execute(
    "SELECT res_id, array_agg(id ORDER BY id) FROM mail_message "
    "WHERE model = 'helpdesk.ticket' AND res_id = ANY(%%s) GROUP BY res_id",
    [list(demo.values())],
)
chatter = {str(res_id): ids for res_id, ids in env.cr.fetchall()}
table = env["%(model)s"]._table
env.cr.execute(
    "SELECT 1 FROM information_schema.columns WHERE table_name = %%s "
    "AND column_name = 'helpdesk_ticket_id'",
    [table],
)
links = None
if env.cr.fetchone():
    env.cr.execute(
        f"SELECT id, helpdesk_ticket_id, aftersales_reason_id FROM {table} "
        "WHERE helpdesk_ticket_id IS NOT NULL"
    )
    links = {str(r[0]): [r[1], r[2]] for r in env.cr.fetchall()}
env.cr.execute(f"SELECT count(*) FROM {table}")
documents = env.cr.fetchone()[0]
env.cr.execute(
    "SELECT count(*) FROM helpdesk_aftersales_kept_link WHERE res_model = %%s",
    ["%(model)s"],
)
kept = env.cr.fetchone()[0]
env.cr.execute("SELECT state FROM ir_module_module WHERE name = %%s", ["%(module)s"])
state = env.cr.fetchone()[0]
extra = {}
%(extra)s
print("%(mark)s" + json.dumps({
    "demo": demo, "chatter": chatter, "links": links, "documents": documents,
    "kept": kept, "state": state, **extra,
}))
"""

# a repair made by a user on a ticket of their own (not demo data), with a reason
MAKE_REPAIR = """
import json
from odoo.fields import Command
env = env(context={"skip_sms": True})
chair = env.ref("helpdesk_aftersales_return.demo_product_return")
partner = env["res.partner"].create({"name": "Repair upgrade customer"})
team = env.ref("helpdesk_aftersales.helpdesk_team_aftersales")
order = env["sale.order"].create({
    "partner_id": partner.id,
    "order_line": [Command.create({"product_id": chair.id, "product_uom_qty": 2})],
})
order.action_confirm()
order.picking_ids.button_validate()
ticket = env["helpdesk.ticket"].create({
    "name": "Chair to repair after an upgrade", "description": "<p>x</p>",
    "team_id": team.id, "partner_id": partner.id, "product_id": chair.id,
    "sale_order_ids": [Command.set(order.ids)],
})
reason = env.ref("helpdesk_aftersales.reason_damaged_in_transit")
wizard = env["stock.return.picking"].with_context(
    active_model="helpdesk.ticket", active_id=ticket.id
).create({"picking_id": order.picking_ids.id, "aftersales_reason_id": reason.id})
wizard.action_create_returns_all()
ticket._aftersales_documents("return_count").button_validate()
action = ticket.action_helpdesk_repair()
Repair = env["repair.order"].with_context(**action["context"])
values = Repair.default_get(list(Repair._fields))
repair = Repair.create({**values, "aftersales_reason_id": reason.id})
env.cr.commit()
print("%(mark)s" + json.dumps({"ticket": ticket.id, "repair": repair.id}))
"""

# a task planned by a user on a ticket of their own; a second company's
# "Field Service" project, made when a team of it switched Field Service on and
# deleted by its users once the team switched it off: neither an update nor an
# installation makes it again
MAKE_TASK = """
import json
from odoo.fields import Command
partner = env["res.partner"].create({"name": "Field service upgrade customer"})
team = env.ref("helpdesk_aftersales.helpdesk_team_aftersales")
company_2 = env["res.company"].create({"name": "Field service upgrade company"})
team_2 = env["helpdesk.ticket.team"].create(
    {"name": "Upgrade field team", "company_id": company_2.id, "use_fsm": True}
)
unused = team_2.fsm_project_id
team_2.write({"use_fsm": False, "fsm_project_id": False})
deleted = {"company": unused.company_id.id, "name": unused.name}
unused.unlink()
ticket = env["helpdesk.ticket"].create({
    "name": "Visit after an upgrade", "description": "<p>x</p>",
    "team_id": team.id, "partner_id": partner.id,
})
action = ticket.action_helpdesk_plan_intervention()
wizard = env[action["res_model"]].with_context(**action["context"]).create({
    "date_deadline": "2030-01-15 09:00:00",
    "user_ids": [Command.set(env.ref("base.user_demo").ids)],
    "aftersales_reason_id": env.ref("helpdesk_aftersales.reason_defective").id,
})
wizard.action_create_task()
env.cr.commit()
print("%(mark)s" + json.dumps({"ticket": ticket.id, "deleted": deleted}))
"""

# what the field service bridge adds to the snapshot (while installed)
FSM_EXTRA = """
env.cr.execute(
    "SELECT 1 FROM information_schema.columns WHERE table_name = 'project_project' "
    "AND column_name = 'is_fsm'"
)
if env.cr.fetchone():
    env.cr.execute(
        "SELECT id, company_id FROM project_project WHERE is_fsm ORDER BY id"
    )
    extra["fsm_projects"] = [list(r) for r in env.cr.fetchall()]
    env.cr.execute(
        "SELECT id, fsm_project_id FROM helpdesk_ticket_team "
        "WHERE fsm_project_id IS NOT NULL ORDER BY id"
    )
    extra["team_projects"] = [list(r) for r in env.cr.fetchall()]
    env.cr.execute(
        "SELECT t.id, s.id FROM project_task t JOIN project_task_type s "
        "ON s.id = t.stage_id WHERE t.helpdesk_ticket_id IS NOT NULL ORDER BY t.id"
    )
    extra["task_stages"] = [list(r) for r in env.cr.fetchall()]
env.cr.execute("SELECT count(*) FROM project_project")
extra["projects"] = env.cr.fetchone()[0]
"""

SWITCH_ON = """
import json
env.ref("helpdesk_aftersales.helpdesk_team_aftersales").write({"%(toggle)s": True})
env.cr.commit()  # installs the bridge again
env.cr.execute("SELECT state FROM ir_module_module WHERE name = '%(module)s'")
print("%(mark)s" + json.dumps(env.cr.fetchone()[0]))
"""


def _documents(db, model, module, extra=""):
    script = DOCUMENTS % {
        "model": model,
        "module": module,
        "extra": extra,
        "mark": MARK,
    }
    return shell(db, script)


def _assert_chatter_kept(before, after):
    assert after["demo"] == before["demo"], "every demo ticket is kept"
    for ticket, messages in before["chatter"].items():
        assert set(messages) <= set(after["chatter"][ticket]), (
            f"the chatter of demo ticket {ticket} is kept"
        )


def test_repair_bridge_uninstalled_and_installed_again(upgrade_db):
    """Uninstalling the Repairs bridge keeps every demo ticket (the repair
    demo's one included) with its chatter and every repair; installing it again
    (by switching the option on) gives every repair its ticket and reason back,
    those made on other tickets included, without a second demo repair."""
    db, _names = upgrade_db
    module, model = "helpdesk_aftersales_repair", "repair.order"
    made = shell(db, MAKE_REPAIR % {"mark": MARK})
    before = _documents(db, model, module)
    assert before["state"] == "installed"
    assert "demo_ticket_repair" in before["demo"]
    demo_ticket = before["demo"]["demo_ticket_repair"]
    assert demo_ticket in [ticket for ticket, _reason in before["links"].values()]
    assert before["links"][str(made["repair"])][0] == made["ticket"]
    assert before["links"][str(made["repair"])][1], "with its reason"

    shell(db, UNINSTALL % {"module": module, "mark": MARK})
    after = _documents(db, model, module)
    assert after["state"] == "uninstalled"
    _assert_chatter_kept(before, after)
    assert after["links"] is None, "the link column went with the bridge"
    assert after["documents"] == before["documents"], "every repair is kept"
    assert after["kept"] == len(before["links"]), "every link is kept aside"

    state = shell(
        db,
        SWITCH_ON % {"toggle": "use_product_repairs", "module": module, "mark": MARK},
    )
    assert state == "installed"
    again = _documents(db, model, module)
    _assert_chatter_kept(before, again)
    assert again["links"] == before["links"], "every link and reason is back"
    assert again["documents"] == before["documents"], "no second demo repair"
    assert again["kept"] == 0


def test_fsm_bridge_uninstalled_and_installed_again(upgrade_db):
    """The same for the Field Service bridge: tasks, their tickets, reasons and
    stages, the field service projects and the teams' projects come back; no
    second "Field Service" project is made. An update does not make again the
    "Field Service" project that users deleted."""
    db, _names = upgrade_db
    module, model = "helpdesk_aftersales_fsm", "project.task"
    made = shell(db, MAKE_TASK % {"mark": MARK})
    before = _documents(db, model, module, FSM_EXTRA)
    assert before["state"] == "installed"
    tickets = [ticket for ticket, _reason in before["links"].values()]
    assert before["demo"]["demo_ticket_fsm_planned"] in tickets, "the demo task"
    assert made["ticket"] in tickets
    assert before["fsm_projects"] and before["team_projects"]
    assert all(stage for _task, stage in before["task_stages"]), "every task a stage"

    run_odoo(["-d", db, "-u", module, "--stop-after-init"])
    updated = _documents(db, model, module, FSM_EXTRA)
    assert updated["fsm_projects"] == before["fsm_projects"], (
        "an update makes no project again (deleted one included)"
    )
    assert made["deleted"]["company"] not in [c for _p, c in updated["fsm_projects"]]
    assert made["deleted"]["name"] == "Field Service"

    shell(db, UNINSTALL % {"module": module, "mark": MARK})
    after = _documents(db, model, module, FSM_EXTRA)
    assert after["state"] == "uninstalled"
    _assert_chatter_kept(before, after)
    assert after["links"] is None
    assert after["documents"] == before["documents"], "every task is kept"
    assert after["projects"] == before["projects"], "every project is kept"
    assert after["kept"] == len(before["links"])

    state = shell(db, SWITCH_ON % {"toggle": "use_fsm", "module": module, "mark": MARK})
    assert state == "installed"
    again = _documents(db, model, module, FSM_EXTRA)
    _assert_chatter_kept(before, again)
    assert again["links"] == before["links"], "every link and reason is back"
    assert again["documents"] == before["documents"], "no second demo task"
    assert again["fsm_projects"] == before["fsm_projects"], (
        "the same field service projects: no second one"
    )
    assert again["projects"] == before["projects"]
    assert again["team_projects"] == before["team_projects"]
    assert again["task_stages"] == before["task_stages"]
    assert again["kept"] == 0
