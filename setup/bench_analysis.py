"""Benchmark of the After-Sales Analysis next to Odoo's Sales Analysis.

Run it with the virtualenv's Python on a scratch database that has every addon of
this repository installed (it writes 100,000 after-sales documents and 100,000 sales
order lines into it, and commits them):

    createdb -T my_dev_db bench_db     # a copy: never a database you care about
    .venv/bin/python setup/bench_analysis.py -c .local/odoo.conf -d bench_db

What it does, in one run:

1. A few records through the ORM: teams, agents, customers, products, and one
   document of each kind linked to a ticket (credit note, gift card, coupon, return,
   replacement, repair, intervention), one confirmed sales order. It counts the
   queries of the ticket form and of the helpdesk dashboard (team kanban) as the web
   client reads them.
2. Copies of those records in bulk with SQL (``INSERT ... SELECT`` over
   ``generate_series``, ids chosen in advance): 20,000 tickets over two years and 10
   teams, 100,000 documents spread over them (credit notes of two product lines,
   gift cards, coupons, returns, replacements, repairs with a part, interventions),
   20,000 sales orders of 5 lines (100,000 lines for ``sale.report``); then
   ``ANALYZE``.
3. The same query counts again (they must not change with the volume), then the
   time of what the web client asks, each run ``--repeat`` times (median):
   the pivot (team x kind of document, value) through ``formatted_read_grouping_sets``
   and the graph (value by month, stacked by kind) through ``formatted_read_group``,
   next to ``sale.report`` grouped the same way (sales team x status, untaxed total;
   by month and status). Goal: ours <= 1.0x sale.report's time.

Options: ``--documents``, ``--tickets``, ``--sale-lines`` (volumes), ``--repeat``,
``--measure-only`` (measure a database filled by an earlier run).
"""

import argparse
from pathlib import Path
import statistics
import sys
import time

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
KINDS = [
    # (kind, share of the documents)
    ("credit_note", 25),
    ("gift_card", 10),
    ("coupon", 10),
    ("return", 20),
    ("replacement", 10),
    ("repair", 10),
    ("intervention", 15),
]
TEAMS = 10
CUSTOMERS = 50
AGENTS = 5
PRODUCTS = 20
DAYS = 730  # the tickets of two years


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-c", "--config", default=str(ROOT / ".local" / "odoo.conf"))
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--sale-lines", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--measure-only", action="store_true")
    return parser.parse_args()


# ---------------------------------------------------------------------------------
# Bulk copies
# ---------------------------------------------------------------------------------


def columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND table_schema = 'public' ORDER BY ordinal_position",
        [table],
    )
    return [name for (name,) in cr.fetchall()]


def reserve(cr, table, count):
    """The first of ``count`` new ids of ``table`` (the sequence moves past them)."""
    cr.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
    (start,) = cr.fetchone()
    cr.execute(
        "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
        [table, start + count - 1],
    )
    return start


def clone(cr, table, source_ids, count, overrides, start=None):
    """Insert ``count`` copies of the rows ``source_ids`` of ``table``: copy ``n``
    (1..count) of each source row, with the columns of ``overrides``
    (``{column: SQL expression of n and src}``) changed. With one source row, copy
    ``n`` gets id ``start + n - 1``. Return ``start``."""
    names = [name for name in columns(cr, table) if name != "id"]
    if start is None and len(source_ids) == 1:
        start = reserve(cr, table, count)
    values = ", ".join(overrides.get(name, f"src.{name}") for name in names)
    if len(source_ids) == 1:
        id_sql = f"{start} + n - 1"
        cr.execute(
            f"INSERT INTO {table} (id, {', '.join(names)}) "
            f"SELECT {id_sql}, {values} FROM {table} src, generate_series(1, %s) n "
            "WHERE src.id = %s",
            [count, source_ids[0]],
        )
    else:
        cr.execute(
            f"INSERT INTO {table} ({', '.join(names)}) "
            f"SELECT {values} FROM {table} src, generate_series(1, %s) n "
            "WHERE src.id IN %s",
            [count, tuple(source_ids)],
        )
    return start


def pick(ids, index_sql):
    """SQL of the element ``index_sql`` (an integer expression) of ``ids``, cycled."""
    return f"(ARRAY{list(ids)})[1 + mod({index_sql}, {len(ids)})]"


# ---------------------------------------------------------------------------------
# Templates through the ORM
# ---------------------------------------------------------------------------------


class Templates:
    """One record of each kind made through the ORM, to be copied in bulk."""

    def __init__(self, env):
        self.env = env
        self.company = env.company
        self.warehouse = env["stock.warehouse"].search(
            [("company_id", "=", self.company.id)], limit=1
        )

    def make(self):
        from odoo.fields import Command

        env = self.env
        toggles = dict.fromkeys(
            env["helpdesk.ticket.team"]._aftersales_feature_fields(), True
        )
        self.agents = env["res.users"].create(
            [
                {
                    "name": f"Bench Agent {n}",
                    "login": f"bench-agent-{n}",
                    "group_ids": [
                        Command.set(
                            [env.ref("helpdesk_mgmt.group_helpdesk_user_team").id]
                        )
                    ],
                }
                for n in range(AGENTS)
            ]
        )
        self.teams = env["helpdesk.ticket.team"].create(
            [
                {"name": f"Bench Team {n}", "user_ids": [Command.set(self.agents.ids)]}
                for n in range(TEAMS)
            ]
        )
        # the options, written as the team form does (their addons are installed)
        self.teams.write(toggles)
        self.sales_teams = env["crm.team"].create(
            [{"name": f"Bench Sales Team {n}"} for n in range(TEAMS)]
        )
        self.customers = env["res.partner"].create(
            [
                {"name": f"Bench Customer {n}", "is_company": True}
                for n in range(CUSTOMERS)
            ]
        )
        categories = env["product.category"].create(
            [{"name": f"Bench Category {n}"} for n in range(5)]
        )
        self.products = env["product.product"].create(
            [
                {
                    "name": f"Bench Product {n}",
                    "type": "consu",
                    "is_storable": True,
                    "categ_id": categories[n % 5].id,
                    "list_price": 50.0 + 10 * n,
                    "standard_price": 20.0 + 5 * n,
                }
                for n in range(PRODUCTS)
            ]
        )
        self.reasons = env["helpdesk.aftersales.reason"].search([])
        customer = self.customers[0]
        self.ticket = env["helpdesk.ticket"].create(
            {
                "name": "Bench ticket",
                "description": "<p>Bench</p>",
                "team_id": self.teams[0].id,
                "user_id": self.agents[0].id,
                "partner_id": customer.id,
                "product_id": self.products[0].id,
            }
        )
        link = {
            "helpdesk_ticket_id": self.ticket.id,
            "aftersales_reason_id": self.reasons[0].id,
        }
        self.credit_note = env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": customer.id,
                **link,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": product.id, "quantity": 1, "price_unit": 80.0}
                    )
                    for product in self.products[:2]
                ],
            }
        )
        self.credit_note.action_post()
        self.cards = {}
        for program_type, points in (("gift_card", 50.0), ("coupons", 1.0)):
            program = (
                env["loyalty.program"]
                .with_context(default_program_type=program_type)
                .create({"name": f"Bench {program_type}"})
            )
            if program_type == "coupons":
                program.reward_ids.write({"discount_mode": "per_order", "discount": 15})
            self.cards[program_type] = (
                env["loyalty.card"]
                .with_context(loyalty_no_mail=True)
                .create(
                    {
                        "program_id": program.id,
                        "partner_id": customer.id,
                        "points": points,
                        **link,
                    }
                )
            )
        card = self.cards["gift_card"]
        self.history = env["loyalty.history"].create(
            {"card_id": card.id, "description": "Bench", "issued": 0, "used": 20.0}
        )
        stock = self.warehouse.lot_stock_id
        customers_location = env.ref("stock.stock_location_customers")
        delivery = env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "partner_id": customer.id,
                "location_id": stock.id,
                "location_dest_id": customers_location.id,
                **link,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.products[0].id,
                            "product_uom_qty": 1.0,
                            "location_id": stock.id,
                            "location_dest_id": customers_location.id,
                        }
                    )
                ],
            }
        )
        delivery.action_confirm()
        self.replacement = delivery
        self.return_ = env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "partner_id": customer.id,
                "return_id": delivery.id,
                "location_id": customers_location.id,
                "location_dest_id": stock.id,
                **link,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.products[0].id,
                            "product_uom_qty": 2.0,
                            "location_id": customers_location.id,
                            "location_dest_id": stock.id,
                        }
                    )
                ],
            }
        )
        self.return_.action_confirm()
        self.repair = env["repair.order"].create(
            {
                "partner_id": customer.id,
                "product_id": self.products[0].id,
                "product_qty": 1.0,
                **link,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.products[1].id,
                            "product_uom_qty": 2.0,
                            "repair_line_type": "add",
                        }
                    )
                ],
            }
        )
        project = env["project.project"].search(
            [("is_fsm", "=", True), ("company_id", "in", [self.company.id, False])],
            limit=1,
        )
        self.task = env["project.task"].create(
            {
                "name": "Bench intervention",
                "project_id": project.id,
                "partner_id": customer.id,
                "allocated_hours": 2.0,
                **link,
            }
        )
        self.order = env["sale.order"].create(
            {
                "partner_id": customer.id,
                "team_id": self.sales_teams[0].id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 2})
                    for product in self.products[:5]
                ],
            }
        )
        self.order.action_confirm()
        env.flush_all()


# ---------------------------------------------------------------------------------
# Bulk data
# ---------------------------------------------------------------------------------


def bulk(env, tpl, documents, ticket_count, sale_lines):
    cr = env.cr
    started = time.perf_counter()
    print(f"  from {time.strftime('%H:%M:%S')}", flush=True)
    # tickets over two years, teams, agents and customers
    t0 = clone(
        cr,
        "helpdesk_ticket",
        [tpl.ticket.id],
        ticket_count,
        {
            "number": "'HTB' || n",
            "name": "'Bench ticket ' || n",
            "team_id": pick(tpl.teams.ids, "n"),
            "user_id": pick(tpl.agents.ids, "n / 7"),
            "partner_id": pick(tpl.customers.ids, "n / 3"),
            "commercial_partner_id": pick(tpl.customers.ids, "n / 3"),
            "product_id": pick(tpl.products.ids, "n / 11"),
            "create_date": f"now() - mod(n * 7919, {DAYS}) * interval '1 day'",
            "access_token": "NULL",
        },
    )
    print(f"  {ticket_count} tickets", flush=True)
    ticket = f"{t0} + mod(n::bigint * 104729, {ticket_count})"
    # a document is made 0 to 20 days after its ticket
    ticket_date = f"(SELECT create_date FROM helpdesk_ticket WHERE id = {ticket})"
    doc_date = f"{ticket_date} + mod(n, 21) * interval '1 day'"
    reason = pick(tpl.reasons.ids, "n / 5")
    link = {"helpdesk_ticket_id": ticket, "aftersales_reason_id": reason}
    counts = {
        kind: documents * share // sum(s for _k, s in KINDS) for kind, share in KINDS
    }
    # credit notes: the move and its lines (products, taxes, receivable)
    count = counts["credit_note"]
    m0 = clone(
        cr,
        "account_move",
        [tpl.credit_note.id],
        count,
        {
            **link,
            "name": "'RBENCH/' || n",
            "sequence_number": "100000 + n",
            "date": f"({doc_date})::date",
            "invoice_date": f"({doc_date})::date",
            "state": "CASE WHEN mod(n, 10) = 0 THEN 'draft' ELSE 'posted' END",
        },
    )
    for line in tpl.credit_note.line_ids:
        clone(
            cr,
            "account_move_line",
            [line.id],
            count,
            {
                "move_id": f"{m0} + n - 1",
                "move_name": "'RBENCH/' || n",
                "date": f"(SELECT date FROM account_move WHERE id = {m0} + n - 1)",
                "product_id": (
                    pick(tpl.products.ids, f"n + {line.id}")
                    if line.display_type == "product"
                    else "src.product_id"
                ),
            },
        )
    print(f"  {count} credit notes", flush=True)
    # loyalty cards: gift cards (a quarter of them partly used) and coupons
    for kind, program_type in (("gift_card", "gift_card"), ("coupon", "coupons")):
        count = counts[kind]
        c0 = clone(
            cr,
            "loyalty_card",
            [tpl.cards[program_type].id],
            count,
            {
                **link,
                "code": f"md5('{kind}' || n)",
                "create_date": doc_date,
                "points": "src.points * mod(n, 3)",
                # the history copied below: the uses of one card in four
                "aftersales_value_used": (
                    "CASE WHEN mod(n - 1, 4) = 0 THEN src.aftersales_value_used "
                    "ELSE 0 END"
                ),
            },
        )
        if kind == "gift_card":
            clone(
                cr,
                "loyalty_history",
                [tpl.history.id],
                count // 4,
                {"card_id": f"{c0} + (n - 1) * 4"},
            )
        print(f"  {count} {kind.replace('_', ' ')}s", flush=True)
    # returns and replacements: a transfer of one move each
    for kind, picking in (("return", tpl.return_), ("replacement", tpl.replacement)):
        count = counts[kind]
        p0 = clone(
            cr,
            "stock_picking",
            [picking.id],
            count,
            {
                **link,
                "name": f"'{kind.upper()}/BENCH/' || n",
                "scheduled_date": doc_date,
                "date_done": f"CASE WHEN mod(n, 4) = 0 THEN NULL ELSE {doc_date} END",
                "state": "CASE WHEN mod(n, 4) = 0 THEN 'assigned' ELSE 'done' END",
            },
        )
        clone(
            cr,
            "stock_move",
            [picking.move_ids.id],
            count,
            {
                "picking_id": f"{p0} + n - 1",
                "product_id": pick(tpl.products.ids, "n / 13"),
                "state": "CASE WHEN mod(n, 4) = 0 THEN 'assigned' ELSE 'done' END",
            },
        )
        print(f"  {count} {kind}s", flush=True)
    # repairs and the part each adds
    count = counts["repair"]
    r0 = clone(
        cr,
        "repair_order",
        [tpl.repair.id],
        count,
        {
            **link,
            "name": "'RO/BENCH/' || n",
            "schedule_date": doc_date,
            "product_id": pick(tpl.products.ids, "n / 17"),
            "state": "CASE WHEN mod(n, 3) = 0 THEN 'draft' ELSE 'done' END",
        },
    )
    clone(
        cr,
        "stock_move",
        [tpl.repair.move_ids.id],
        count,
        {"repair_id": f"{r0} + n - 1", "picking_id": "NULL"},
    )
    print(f"  {count} repairs", flush=True)
    count = counts["intervention"]
    clone(
        cr,
        "project_task",
        [tpl.task.id],
        count,
        {
            **link,
            "name": "'Bench intervention ' || n",
            "date_deadline": doc_date,
            "allocated_hours": "1 + mod(n, 6)",
            "state": "CASE WHEN mod(n, 3) = 0 THEN '01_in_progress' ELSE '1_done' END",
        },
    )
    print(f"  {count} interventions", flush=True)
    # sales: orders of 5 lines over two years, the sales teams
    orders = sale_lines // len(tpl.order.order_line)
    s0 = clone(
        cr,
        "sale_order",
        [tpl.order.id],
        orders,
        {
            "name": "'SBENCH/' || n",
            "date_order": f"now() - mod(n * 7919, {DAYS}) * interval '1 day'",
            "team_id": pick(tpl.sales_teams.ids, "n"),
            "partner_id": pick(tpl.customers.ids, "n / 3"),
            "partner_invoice_id": pick(tpl.customers.ids, "n / 3"),
            "partner_shipping_id": pick(tpl.customers.ids, "n / 3"),
            "state": "CASE WHEN mod(n, 5) = 0 THEN 'draft' ELSE 'sale' END",
            "access_token": "NULL",
        },
    )
    for line in tpl.order.order_line:
        clone(
            cr,
            "sale_order_line",
            [line.id],
            orders,
            {
                "order_id": f"{s0} + n - 1",
                "product_id": pick(tpl.products.ids, f"n + {line.id}"),
            },
        )
    print(f"  {orders * len(tpl.order.order_line)} sales order lines", flush=True)
    env.invalidate_all()
    cr.execute("ANALYZE")
    print(f"  made and analysed in {time.perf_counter() - started:.0f} s", flush=True)


# ---------------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------------


def specification(Model, view_type):
    """What the web client reads for a view: the fields of its arch (the display
    name of related records)."""
    arch = etree.fromstring(
        Model.get_views([(False, view_type)])["views"][view_type]["arch"]
    )
    spec = {}
    for node in arch.xpath("//field[not(ancestor::field)]"):
        name = node.get("name")
        field = Model._fields.get(name)
        if field is None:
            continue
        spec[name] = {"fields": {"display_name": {}}} if field.relational else {}
    return spec


def count_queries(env, function):
    """Queries of ``function`` with an empty record cache, once the caches of
    the registry (views, record rules) are warm."""
    counts = []
    for _warm_then_count in range(2):
        env.invalidate_all()
        before = env.cr.sql_log_count
        function()
        counts.append(env.cr.sql_log_count - before)
    return counts[-1]


def query_counts(env, tpl):
    """Queries of the ticket form and of the helpdesk dashboard (team kanban)."""
    Ticket = env["helpdesk.ticket"]
    Team = env["helpdesk.ticket.team"]
    form = specification(Ticket, "form")
    kanban = specification(Team, "kanban")
    ticket = Ticket.browse(tpl.ticket.id)
    teams = Team.search([("id", "in", tpl.teams.ids)])
    return {
        "ticket form": count_queries(env, lambda: ticket.web_read(form)),
        "team kanban": count_queries(
            env, lambda: Team.web_search_read([("id", "in", teams.ids)], kanban)
        ),
    }


def timed(env, function, repeat):
    times = []
    for _n in range(repeat):
        env.invalidate_all()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def pivot(Model, row, col, measure):
    """The pivot view's one call: every grouping set of rows x columns."""
    aggregates = [f"{measure}:sum", "currency_id:array_agg_distinct"]
    aggregates += [f"{measure}:sum_currency", "__count"]
    return Model.formatted_read_grouping_sets(
        [], [[], [row], [col], [row, col]], aggregates
    )


def graph(Model, col, measure, date="date"):
    """The graph view's call: by month, stacked by ``col``."""
    return Model.with_context(fill_temporal=True).formatted_read_group(
        [],
        [f"{date}:month", col],
        [
            "__count",
            "currency_id:array_agg_distinct",
            f"{measure}:sum_currency",
            f"{measure}:sum",
        ],
    )


def measures(env, repeat, agent):
    Report = env["helpdesk.aftersales.report"]
    Sale = env["sale.report"]
    # an agent of the teams' tickets: the record rules of the analysis apply
    AgentReport = Report.with_user(agent)
    rows = {
        "after-sales rows": Report.search_count([]),
        "sale.report rows": Sale.search_count([]),
    }
    results = {
        "pivot": (
            timed(env, lambda: pivot(Report, "team_id", "kind", "value"), repeat),
            timed(
                env, lambda: pivot(Sale, "team_id", "state", "price_subtotal"), repeat
            ),
        ),
        "graph": (
            timed(env, lambda: graph(Report, "kind", "value"), repeat),
            timed(env, lambda: graph(Sale, "state", "price_subtotal"), repeat),
        ),
        "pivot as a team agent": (
            timed(env, lambda: pivot(AgentReport, "team_id", "kind", "value"), repeat),
            timed(
                env, lambda: pivot(Sale, "team_id", "state", "price_subtotal"), repeat
            ),
        ),
    }
    return rows, results


def main():
    args = parse_args()
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.database])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        admin = env.ref("base.user_admin")
        admin.group_ids |= env.ref("helpdesk_mgmt.group_helpdesk_manager")
        env = env(
            user=admin,
            context={
                "lang": "en_US",
                "tz": "UTC",
                "allowed_company_ids": [env.company.id],
            },
        )
        tpl = Templates(env(su=True))
        param = env["ir.config_parameter"].sudo()
        if args.measure_only:
            done = param.get_param("helpdesk_aftersales.bench_ticket")
            if not done:
                sys.exit("No data of an earlier run: run it without --measure-only.")
            tpl.ticket = env["helpdesk.ticket"].browse(int(done))
            tpl.teams = tpl.ticket.team_id | env["helpdesk.ticket.team"].search(
                [("name", "like", "Bench Team")]
            )
            small = None
        else:
            print("templates through the ORM", flush=True)
            tpl.make()
            small = query_counts(env, tpl)
            print("bulk copies", flush=True)
            bulk(env(su=True), tpl, args.documents, args.tickets, args.sale_lines)
            param.set_param("helpdesk_aftersales.bench_ticket", tpl.ticket.id)
            cr.commit()
        big = query_counts(env, tpl)
        agent = env["res.users"].search([("login", "=", "bench-agent-0")])
        rows, results = measures(env, args.repeat, agent)
        print()
        for name, value in rows.items():
            print(f"{name:>24}: {value}")
        print(f"{'query counts':>24}: before the volume {small}, after {big}")
        for name, (ours, theirs) in results.items():
            print(
                f"{name:>24}: after-sales {ours * 1000:.0f} ms, sale.report "
                f"{theirs * 1000:.0f} ms, ratio {ours / theirs:.2f}"
            )
        del odoo


if __name__ == "__main__":
    main()
