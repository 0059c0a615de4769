# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the after-sales addons cost the ticket form: the queries of reading a
ticket for its form, as an agent, compared with the same form without what our
addons bring (their views, and those of the modules they depend on that
helpdesk_mgmt does not, switched off). Other modules of the database (e.g. the
rest of the OCA helpdesk family) are in both."""

from lxml import etree

from odoo.tests import tagged

from .common import AftersalesCommon

# queries the after-sales addons (and the modules they bring) may add to
# reading a ticket for its form, with every option on
FORM_QUERY_BUDGET = 7


@tagged("post_install", "-at_install")
class TestFormQueries(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Ticket = cls.env["helpdesk.ticket"]
        toggles = {
            kind.toggle: True
            for kind in Ticket._aftersales_document_kinds()
            if kind.toggle
        }
        team = cls._aftersales_team("Every option", **toggles)
        cls.agent = cls._aftersales_user(
            "form-agent",
            "helpdesk_mgmt.group_helpdesk_user_own,account.group_account_invoice,"
            "stock.group_stock_user,project.group_project_user",
        )
        cls.ticket = cls._aftersales_ticket(team, cls.customer)
        cls.ticket.user_id = cls.agent

    def _form_specification(self, Ticket):
        """What the web client reads for the ticket form: the fields of its
        arch, with the display name of related records."""
        views = Ticket.get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        spec = {}
        for node in arch.xpath("//field[not(ancestor::field)]"):
            field = Ticket._fields.get(node.get("name"))
            if field is not None:
                spec[field.name] = (
                    {"fields": {"display_name": {}}} if field.relational else {}
                )
        return spec

    def _modules_of_our_addons(self):
        """Our addons and the modules they depend on, but helpdesk_mgmt's own
        dependencies (and itself)."""
        Module = self.env["ir.module.module"].sudo()
        addons = Module.search([("name", "=like", "helpdesk_aftersales%")])
        base = Module.search([("name", "=", "helpdesk_mgmt")])
        return set(
            (
                addons | addons.upstream_dependencies(exclude_states=("uninstallable",))
            ).mapped("name")
        ) - set(
            (
                base | base.upstream_dependencies(exclude_states=("uninstallable",))
            ).mapped("name")
        )

    def _queries(self, ticket, spec):
        """Queries of reading ``ticket`` for ``spec`` with an empty record
        cache, once the registry's caches are warm."""
        counts = []
        for _warm_then_count in range(2):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            ticket.web_read(spec)
            counts.append(self.env.cr.sql_log_count - before)
        return counts[-1]

    def test_ticket_form_within_budget(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        ticket = Ticket.browse(self.ticket.id)
        full = self._form_specification(Ticket)
        self.assertIn("aftersales_can_refund", full, "the full form is measured")
        # the form without what our addons bring
        form = self.env.ref("helpdesk_mgmt.ticket_view_form")
        extensions = (
            self.env["ir.ui.view"]
            .sudo()
            .search([("inherit_id", "child_of", form.id), ("id", "!=", form.id)])
        )
        ours = self._modules_of_our_addons()
        extensions.filtered(
            lambda view: view.xml_id.split(".")[0] in ours
        ).active = False
        alone = self._form_specification(Ticket)
        self.assertNotIn("aftersales_can_refund", alone)
        added = self._queries(ticket, full) - self._queries(ticket, alone)
        self.assertLessEqual(
            added,
            FORM_QUERY_BUDGET,
            f"the after-sales addons add at most {FORM_QUERY_BUDGET} queries to "
            "the ticket form",
        )
