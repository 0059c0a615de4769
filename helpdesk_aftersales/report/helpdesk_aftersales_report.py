# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dataclasses import dataclass, field
from datetime import timedelta
import re

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# the kinds of after-sales documents, in the order of the team's options
REPORT_KINDS = [
    ("credit_note", "Credit Note"),
    ("gift_card", "Gift Card"),
    ("coupon", "Coupon"),
    ("return", "Return"),
    ("replacement", "Replacement"),
    ("repair", "Repair"),
    ("intervention", "Intervention"),
]
# the states of every kind of document, normalised (cancelled documents are
# left out of the report)
REPORT_STATES = [
    ("draft", "Draft"),
    ("open", "In Progress"),
    ("done", "Done"),
]
# room for the kinds in a row's id: id = line id * KIND_SLOTS + kind number
KIND_SLOTS = 16
# columns that bridges add (they need the product or stock apps), shown in the
# list (optional="show"/"hide") and the search view when present
OPTIONAL_COLUMNS = {"product_id": "show", "categ_id": "hide", "lot_id": "hide"}
SQL_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class ReportPart:
    """The rows of one kind of document in the After-Sales Analysis: a bridge's
    ``SELECT``, which the report unites with the others (``UNION ALL``).

    The report writes the ``SELECT`` itself, with every column in its order
    and type, so that all parts stay aligned whichever bridges are installed.
    The part gives what is its own; the report joins the ticket (alias ``t``),
    its company (``rc``) and, when the report has products, the product of the
    row (``rpp`` for ``product_product``, ``rpt`` for ``product_template``),
    and fills the columns the part does not give: the ticket's company, team,
    agent and customer, the days from the ticket to the document, the ticket's
    product (and lot), ``NULL`` for the rest.

    :param kind: value of the report's ``kind`` selection
    :param model: the document model (``res_model`` of the rows)
    :param table: ``FROM`` of the rows, with aliases (one row per document
        line: an invoice line, a stock move...)
    :param ticket: SQL of the ticket id of a row
    :param document: SQL of the document id of a row (``res_id``)
    :param line: SQL of the id of a row among the rows of its kind
    :param date: SQL of the date of a row (a date)
    :param columns: ``{column: SQL}`` of the other columns the part gives
        (``state``, ``quantity``, ``value``, ``reason_id``, ``name``...)
    :param where: SQL condition on the rows: documents of the kind, not
        cancelled
    :param product: SQL of the product id of a row; the ticket's product when
        ``None`` (and tickets have one)
    :param joins: further joins, which may use ``t``, ``rc``, ``rpp``, ``rpt``
    """

    kind: str
    model: str
    table: str
    ticket: str
    document: str
    line: str
    date: str
    columns: dict = field(default_factory=dict)
    where: str = "TRUE"
    product: str | None = None
    joins: str = ""


class HelpdeskAftersalesReport(models.Model):
    """After-Sales Analysis: one row per line of each after-sales document made
    from a ticket (credit note lines, loyalty cards, stock moves of returns and
    replacements, repairs, field service tasks), with what it cost.

    Like Odoo's ``sale.report``, it is a query (``_table_query``), not a table
    nor a view: each bridge adds its part in :meth:`_aftersales_report_parts`
    and the report unites them at each read, so installing or removing a
    bridge rebuilds nothing. With no bridge, the report is empty.
    """

    _name = "helpdesk.aftersales.report"
    _description = "After-Sales Analysis"
    _auto = False
    _rec_name = "name"
    _order = "date desc, id desc"
    _depends = {
        "helpdesk.ticket": [
            "team_id",
            "user_id",
            "commercial_partner_id",
            "company_id",
            "create_date",
        ],
        "res.company": ["currency_id"],
    }

    date = fields.Date(readonly=True, help="When the document was made or took effect.")
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    team_id = fields.Many2one(comodel_name="helpdesk.ticket.team", readonly=True)
    ticket_id = fields.Many2one(comodel_name="helpdesk.ticket", readonly=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Agent",
        readonly=True,
        help="The user the ticket is assigned to.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        readonly=True,
        help="The customer of the ticket (its company, for a contact).",
    )
    kind = fields.Selection(selection=REPORT_KINDS, readonly=True)
    reason_id = fields.Many2one(
        comodel_name="helpdesk.aftersales.reason", readonly=True
    )
    state = fields.Selection(
        selection=REPORT_STATES,
        string="Status",
        readonly=True,
        help="Draft: not validated yet (a draft credit note counts for no value). "
        "In Progress: validated, not finished (a transfer on its way, a card "
        "that can still be used). Done: posted, transferred, repaired, used or "
        "expired. Cancelled documents are not in the analysis.",
    )
    name = fields.Char(string="Document", readonly=True)
    quantity = fields.Float(
        readonly=True,
        help="Quantity of the product (in its unit), 1 per card, allocated hours "
        "of an intervention.",
    )
    value = fields.Monetary(
        currency_field="currency_id",
        readonly=True,
        help="What the document costs, in the company's currency: untaxed amount "
        "of a posted credit note line, value issued on a gift card, fixed "
        "discount of a coupon, returned or replaced quantity and repair parts at "
        "the product's current cost.",
    )
    value_used = fields.Monetary(
        currency_field="currency_id",
        readonly=True,
        help="What the customer has spent of a gift card, or the discount of a "
        "used coupon.",
    )
    days = fields.Integer(
        string="Days to Document",
        aggregator="avg",
        readonly=True,
        help="Days from the creation of the ticket to the date of the document.",
    )
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", readonly=True, aggregator=None
    )
    document_ref = fields.Reference(
        selection="_aftersales_document_models",
        string="Document Reference",
        readonly=True,
        aggregator="count_distinct",
    )

    @api.model
    def _aftersales_document_models(self):
        models_ = {
            kind.model
            for kind in self.env["helpdesk.ticket"]._aftersales_document_kinds()
        }
        return [
            (model, self.env[model]._description)
            for model in sorted(models_)
            if model in self.env
        ]

    # ------------------------------------------------------------------
    # The query: the parts of the bridges, united
    # ------------------------------------------------------------------

    def _aftersales_report_parts(self):
        """The :class:`ReportPart` of each kind of document; each bridge
        appends its own."""
        return []

    @api.model
    def _aftersales_report_columns(self):
        """``[(column, SQL type)]`` of the report, in the order of every part's
        ``SELECT``: its stored fields."""
        return [
            # ids of rows: line id * KIND_SLOTS + kind number
            (name, "int8" if name == "id" else field.column_type[1])
            for name, field in self._fields.items()
            if field.store and field.column_type
        ]

    def _aftersales_ticket_has(self, fname):
        """Whether tickets have the stored field ``fname`` (added by optional
        addons: ``product_id`` by helpdesk_product, ``lot_id`` by a bridge)."""
        field = self.env["helpdesk.ticket"]._fields.get(fname)
        return bool(field and field.store and field.column_type)

    def _aftersales_report_product(self, part):
        """SQL of the product of the rows of ``part``, or ``None`` when the
        report has no product column or the part no product."""
        if "product_id" not in self._fields:
            return None
        if part.product:
            return part.product
        if self._aftersales_ticket_has("product_id"):
            return "t.product_id"
        return None

    def _aftersales_report_defaults(self, part):
        """``{column: SQL}`` of what the report fills in the rows of ``part``
        when the part does not give it (other columns are ``NULL``)."""
        kinds = [key for key, _label in self._fields["kind"].selection]
        if part.kind not in kinds or not SQL_NAME.match(part.kind):
            raise UserError(
                self.env._(
                    "Unknown kind of after-sales document: %(kind)s", kind=part.kind
                )
            )
        if part.model not in self.env:
            raise UserError(
                self.env._(
                    "Unknown model of after-sales document: %(model)s",
                    model=part.model,
                )
            )
        number = kinds.index(part.kind) + 1
        defaults = {
            "id": f"({part.line})::bigint * {KIND_SLOTS} + {number}",
            "date": part.date,
            "company_id": "t.company_id",
            "currency_id": "rc.currency_id",
            "team_id": "t.team_id",
            "ticket_id": "t.id",
            "user_id": "t.user_id",
            "partner_id": "t.commercial_partner_id",
            "kind": f"'{part.kind}'",
            "days": f"({part.date})::date - (t.create_date)::date",
            "res_model": f"'{part.model}'",
            "res_id": part.document,
            "document_ref": f"'{part.model},' || ({part.document})",
            "quantity": "0",
            "value": "0",
            "value_used": "0",
        }
        if self._aftersales_report_product(part):
            defaults["product_id"] = "rpp.id"
            if "categ_id" in self._fields:
                defaults["categ_id"] = "rpt.categ_id"
        return defaults

    def _aftersales_report_select(self, part):
        """The ``SELECT`` of ``part``: every column of the report, in order, of
        the report's types."""
        values = {**self._aftersales_report_defaults(part), **part.columns}
        columns = self._aftersales_report_columns()
        unknown = set(part.columns) - {name for name, _type in columns}
        if unknown:
            raise UserError(
                self.env._(
                    "The after-sales analysis has no column %(columns)s.",
                    columns=", ".join(sorted(unknown)),
                )
            )
        select = ",\n                ".join(
            f"CAST({values.get(name, 'NULL')} AS {sql_type}) AS {name}"
            for name, sql_type in columns
        )
        joins = [
            f"JOIN helpdesk_ticket t ON t.id = {part.ticket}",
            "JOIN res_company rc ON rc.id = t.company_id",
        ]
        product = self._aftersales_report_product(part)
        if product:
            joins += [
                f"LEFT JOIN product_product rpp ON rpp.id = {product}",
                "LEFT JOIN product_template rpt ON rpt.id = rpp.product_tmpl_id",
            ]
        if part.joins:
            joins.append(part.joins)
        join_sql = "\n            ".join(joins)
        return f"""
            SELECT {select}
            FROM {part.table}
            {join_sql}
            WHERE {part.where}"""

    def _aftersales_report_empty(self):
        """A ``SELECT`` of the report's columns with no row (no bridge)."""
        select = ", ".join(
            f"CAST(NULL AS {sql_type}) AS {name}"
            for name, sql_type in self._aftersales_report_columns()
        )
        return f"SELECT {select} WHERE FALSE"

    def _aftersales_report_query(self, parts):
        """The rows of ``parts``, united: the ``UNION ALL`` of their
        ``SELECT``, or no row at all without part."""
        if not parts:
            return self._aftersales_report_empty()
        return "\nUNION ALL\n".join(
            f"({self._aftersales_report_select(part)}\n)" for part in parts
        )

    def _query(self):
        return self._aftersales_report_query(self._aftersales_report_parts())

    @property
    def _table_query(self):
        return self._query()

    # ------------------------------------------------------------------
    # Views: the columns of the bridges
    # ------------------------------------------------------------------

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        optional = [name for name in OPTIONAL_COLUMNS if name in self._fields]
        if optional and view_type == "list":
            self._aftersales_add_list_columns(arch, optional)
        elif optional and view_type == "search":
            self._aftersales_add_search_columns(arch, optional)
        return arch, view

    @api.model
    def _aftersales_add_list_columns(self, arch, names):
        """The product columns after the kind of document."""
        for anchor in arch.xpath("//list/field[@name='kind']"):
            for name in reversed(names):
                node = etree.Element(
                    "field", name=name, optional=OPTIONAL_COLUMNS[name]
                )
                anchor.addnext(node)

    @api.model
    def _aftersales_add_search_columns(self, arch, names):
        """Search and group by product, product category and lot."""
        for anchor in arch.xpath("//search/field[@name='reason_id']"):
            for name in reversed(names):
                anchor.addnext(etree.Element("field", name=name))
        for anchor in arch.xpath("//filter[@name='group_kind']"):
            for name in reversed(names):
                if name == "lot_id":
                    continue
                anchor.addnext(
                    etree.Element(
                        "filter",
                        name=f"group_{name.removesuffix('_id')}",
                        string=self._fields[name]._description_string(self.env),
                        context=str({"group_by": name}),
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    @api.readonly
    def action_open_document(self):
        """Open the document of the row (for users who may read it)."""
        self.ensure_one()
        if not self.res_model or self.res_model not in self.env or not self.res_id:
            raise UserError(self.env._("This row has no document to open."))
        document = self.env[self.res_model].browse(self.res_id).exists()
        if not document:
            raise UserError(self.env._("The document of this row no longer exists."))
        if not document.has_access("read"):
            raise AccessError(
                self.env._(
                    "You may not open this document: ask a user with the rights "
                    "of its application."
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": document._name,
            "res_id": document.id,
            "views": [(False, "form")],
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Demo data of the bridges
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_demo_todo(self, specs, *count_fields):
        """Demo data: the ``specs`` (their first item a ticket's xmlid) whose
        ticket has no document of the kinds ``count_fields`` yet. A bridge
        installed again finds the documents it made linked back to their
        tickets: it makes none twice."""
        Ticket = self.env["helpdesk.ticket"]
        tickets = Ticket.browse({self.env.ref(spec[0]).id for spec in specs})
        done = Ticket
        for count_field in count_fields:
            done |= tickets._aftersales_documents(count_field).helpdesk_ticket_id
        return [spec for spec in specs if self.env.ref(spec[0]) not in done]

    @api.model
    def _aftersales_demo_when(self, ticket, days):
        """Demo data: ``days`` after the creation of ``ticket``, never later
        than now."""
        return min(ticket.create_date + timedelta(days=days), fields.Datetime.now())

    @api.model
    def _aftersales_demo_created(self, records, when):
        """Demo data: ``records`` were created at ``when``."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET create_date = %s WHERE id IN %s",
                SQL.identifier(records._table),
                when,
                tuple(records.ids),
            )
        )
        records.invalidate_recordset(["create_date"])
