# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers of the After-Sales Analysis tests of the base addon and the bridges
(no test of their own)."""

from odoo import fields

REPORT = "helpdesk.aftersales.report"


class AnalysisTestMixin:
    """Assertions on the rows of the After-Sales Analysis; combine it with a
    bridge's test base."""

    def _analysis_rows(self, tickets, user=None, kind=None):
        """The rows of ``tickets`` as ``user`` reads them (all of them by
        default), in the order of their ids."""
        Report = self.env[REPORT]
        if user:
            Report = Report.with_user(user)
        domain = [("ticket_id", "in", tickets.ids)]
        if kind:
            domain.append(("kind", "=", kind))
        return Report.search(domain, order="id")

    def assertAnalysisRow(self, row, document, **expected):
        """``row`` is a row of ``document`` made from its ticket, with the
        ticket's team, agent and customer (commercial entity), and the values
        ``expected`` (floats compared to 2 digits)."""
        self.assertEqual(len(row), 1, "one row")
        ticket = document.sudo().helpdesk_ticket_id
        self.assertEqual(row.ticket_id, ticket)
        self.assertEqual(row.team_id, ticket.team_id)
        self.assertEqual(row.user_id, ticket.user_id)
        self.assertEqual(row.partner_id, ticket.commercial_partner_id)
        self.assertEqual(row.company_id, ticket.company_id)
        self.assertEqual(row.currency_id, ticket.company_id.currency_id)
        self.assertEqual((row.res_model, row.res_id), (document._name, document.id))
        self.assertEqual(row.document_ref, document.sudo())
        self.assertEqual(row.reason_id, document.sudo().aftersales_reason_id)
        self.assertEqual(
            row.days, (row.date - fields.Date.to_date(ticket.create_date)).days
        )
        for name, value in expected.items():
            if isinstance(value, float):
                self.assertAlmostEqual(row[name], value, 2, name)
            else:
                self.assertEqual(row[name], value, name)

    def assertValueQueries(self, tickets, user):
        """The after-sales value of one ticket or of all ``tickets`` costs one
        query as ``user``, whatever the number of tickets.

        :return: the values of ``tickets``
        """
        tickets = tickets.with_user(user)
        tickets[-1:].mapped("aftersales_value")  # warm the access caches
        # the value is rounded in the currency, read once whatever the number
        # of tickets (the form reads it with the ticket)
        tickets.aftersales_currency_id.mapped("rounding")
        for batch in (tickets[:1], tickets):
            tickets.invalidate_recordset(["aftersales_value"])
            with self.assertQueryCount(1):
                values = batch.mapped("aftersales_value")
        return values

    def assertMonthQueries(self, teams, user):
        """This month's value and count of one team or of all ``teams`` (their
        kanban cards) cost one query as ``user``, whatever the number of teams.

        :return: ``[(value, count)]`` of ``teams``
        """
        teams = teams.with_user(user)
        fnames = ["aftersales_month_value", "aftersales_month_count"]
        teams[-1:].mapped(fnames[0])  # warm the access caches
        for batch in (teams[:1], teams):
            teams.invalidate_recordset(fnames)
            with self.assertQueryCount(1):
                values = [(team[fnames[0]], team[fnames[1]]) for team in batch]
        return values
