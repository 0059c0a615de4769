# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AftersalesCommon
from odoo.addons.helpdesk_aftersales.models.helpdesk_ticket_chatter import (
    AFTERSALES_STATUS_SUBTYPES,
)


@tagged("post_install", "-at_install")
class TestTicketFramework(AftersalesCommon):
    def test_related_toggles_and_use_aftersales(self):
        ticket = self.ticket_a_unassigned
        self.assertFalse(ticket.use_aftersales)
        self.team_a.use_fsm = True
        self.assertTrue(ticket.use_fsm)
        self.assertTrue(ticket.use_aftersales)
        self.assertFalse(self.ticket_b_unassigned.use_aftersales)

    def test_form_anchors_in_spec_order(self):
        arch = etree.fromstring(
            self.env["helpdesk.ticket"].get_view(view_type="form")["arch"]
        )
        spec_order = [
            "use_credit_notes",
            "use_giftcards",
            "use_coupons",
            "use_product_returns",
            "use_product_replacements",
            "use_product_repairs",
            "use_fsm",
        ]
        for parent in ("//header", "//div[@name='button_box']"):
            names = [
                n.get("name")
                for n in arch.xpath(f"{parent}/field")
                if n.get("name") in spec_order
            ]
            self.assertEqual(names, spec_order, parent)
        group = arch.xpath("//group[@name='aftersales']")[0]
        self.assertEqual(group.get("invisible"), "not use_aftersales")

    def _duplicates(self, originals, per_ticket):
        Ticket = self.env["helpdesk.ticket"]
        Ticket.create(
            [
                {
                    "name": f"Duplicate {n} of {original.number}",
                    "description": "dup",
                    "team_id": original.team_id.id,
                    "duplicate_id": original.id,
                }
                for original in originals
                for n in range(per_ticket)
            ]
        )

    def test_count_helper_one_grouped_query(self):
        """The helper counts any Many2one to tickets; here ``duplicate_id``."""
        tickets = self.env["helpdesk.ticket"].create(
            [
                {"name": f"T{i}", "description": "d", "team_id": self.team_a.id}
                for i in range(200)
            ]
        )
        self._duplicates(tickets[:3], 2)
        self._duplicates(tickets[3:4], 1)
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            one = tickets[:1]._aftersales_count("helpdesk.ticket", field="duplicate_id")
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            counts = tickets._aftersales_count("helpdesk.ticket", field="duplicate_id")
        self.assertEqual(one, {tickets[0].id: 2})
        self.assertEqual(
            counts,
            {tickets[0].id: 2, tickets[1].id: 2, tickets[2].id: 2, tickets[3].id: 1},
        )
        counts = tickets._aftersales_count(
            "helpdesk.ticket",
            domain=[("name", "=like", "Duplicate 1%")],
            field="duplicate_id",
        )
        self.assertEqual(set(counts.values()), {1})
        self.assertEqual(
            self.env["helpdesk.ticket"]._aftersales_count("res.partner"), {}
        )

    def test_count_helper_without_access(self):
        """A user without any right on the counted model gets no count, no error."""
        ticket = self.ticket_a_user_own
        self.env["helpdesk.ticket.duplicate.wizard"].create(
            {"ticket_id": ticket.id, "duplicate_of_id": self.ticket_a_unassigned.id}
        )
        as_user_own = ticket.with_user(self.user_own)
        self.assertFalse(
            self.env["helpdesk.ticket.duplicate.wizard"]
            .with_user(self.user_own)
            .has_access("read")
        )
        self.assertEqual(
            as_user_own._aftersales_count(
                "helpdesk.ticket.duplicate.wizard", field="ticket_id"
            ),
            {},
        )
        self.assertEqual(
            as_user_own._aftersales_count(
                "helpdesk.ticket.duplicate.wizard", field="ticket_id", sudo=True
            ),
            {ticket.id: 1},
        )

    def test_open_action_helper(self):
        ticket = self.ticket_a_unassigned
        self._duplicates(ticket, 2)
        documents = self.env["helpdesk.ticket"].search(
            [("duplicate_id", "=", ticket.id)]
        )
        self.assertEqual(len(documents), 2)
        xmlid = "helpdesk_mgmt.helpdesk_ticket_action"
        own = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action = ticket._aftersales_action_open(documents, xmlid, name="Duplicates")
        self.assertEqual(action["name"], "Duplicates")
        self.assertEqual(action["domain"], [("id", "in", documents.ids)])
        self.assertNotIn("res_id", action)
        self.assertEqual(action["views"], own["views"])
        self.assertFalse(action["context"]["create"])
        # the action's own context is kept (evaluated), without default filters
        self.env.ref(
            xmlid
        ).context = "{'default_team_id': active_id, 'search_default_my': 1, 'x': uid}"
        action = ticket._aftersales_action_open(documents, xmlid)
        self.assertEqual(
            action["context"],
            {"default_team_id": ticket.id, "x": self.env.uid, "create": False},
        )
        action = ticket._aftersales_action_open(documents[:1])
        self.assertEqual(action["res_id"], documents[0].id)
        self.assertEqual(action["views"], [(False, "form")])
        self.assertEqual(action["res_model"], "helpdesk.ticket")

    def test_guard(self):
        ticket = self.ticket_a_unassigned
        ticket.partner_id = False
        with self.assertRaisesText(UserError, "The option Refunds is off"):
            ticket._aftersales_guard("use_credit_notes")
        self.team_a.use_credit_notes = True
        ticket._aftersales_guard("use_credit_notes")
        with self.assertRaisesText(UserError, "Set the customer of the ticket"):
            ticket._aftersales_guard("use_credit_notes", customer=True)
        ticket.partner_id = self.customer
        ticket._aftersales_guard("use_credit_notes", customer=True)
        with self.assertRaises(AccessError):
            self.ticket_b_unassigned.with_user(self.user_own)._aftersales_guard(
                "use_credit_notes"
            )

    def test_dialog_action_gives_the_ticket_explicitly(self):
        ticket = self.ticket_a_unassigned
        action = ticket._aftersales_dialog(
            "helpdesk.ticket.duplicate.wizard",
            "helpdesk_mgmt.view_helpdesk_ticket_duplicate_form",
            "Dialog",
            {"x": 1},
        )
        self.assertEqual(action["target"], "new")
        self.assertEqual(
            action["context"],
            {
                "x": 1,
                "active_model": "helpdesk.ticket",
                "active_id": ticket.id,
                "active_ids": ticket.ids,
            },
        )
        self.assertFalse([k for k in action["context"] if k.startswith("default_")])

    def test_read_through_ticket_domain(self):
        """Record rules get the domain of the tickets the user can read."""
        Rule = self.env["ir.rule"]
        Ticket = self.env["helpdesk.ticket"]
        for user in (self.user_own, self.user_team, self.user, self.manager):
            domain = Rule.with_user(user)._eval_context()["helpdesk_ticket_read_domain"]
            self.assertEqual(
                Ticket.sudo().search(domain), Ticket.with_user(user).search([]).sudo()
            )
        domain = Rule.with_user(self.user_own)._eval_context()[
            "helpdesk_ticket_read_domain"
        ]
        readable = Ticket.sudo().search(domain)
        self.assertIn(self.ticket_a_user_own, readable)
        self.assertNotIn(self.ticket_b_unassigned, readable)

    def test_status_subtypes_follow_the_toggles(self):
        ticket = self.ticket_a_unassigned
        subtypes = {xmlid: self.env.ref(xmlid) for xmlid in AFTERSALES_STATUS_SUBTYPES}
        for subtype in subtypes.values():
            self.assertTrue(subtype.internal)
            self.assertFalse(subtype.default)
            self.assertEqual(subtype.res_model, "helpdesk.ticket")
        offered = ticket._mail_get_message_subtypes()
        self.assertFalse(
            offered & self.env["mail.message.subtype"].union(*subtypes.values())
        )
        self.assertIn(self.env.ref("mail.mt_comment"), offered)
        self.team_a.use_product_returns = True
        offered = ticket._mail_get_message_subtypes()
        self.assertIn(subtypes["helpdesk_aftersales.mt_ticket_return_status"], offered)
        self.assertNotIn(
            subtypes["helpdesk_aftersales.mt_ticket_refund_status"], offered
        )
        self.assertEqual(
            self.env["helpdesk.ticket"]._aftersales_status_toggles(
                "helpdesk_aftersales.mt_ticket_task_status"
            ),
            ("use_fsm",),
        )
        with self.assertRaises(ValueError):
            self.env["helpdesk.ticket"]._aftersales_status_toggles("mail.mt_note")

    def test_document_mixin_fields(self):
        """Every model using the mixin gets the link: indexed, set null, not copied."""
        mixin_field = self.env["helpdesk.aftersales.document.mixin"]._fields[
            "helpdesk_ticket_id"
        ]
        self.assertEqual(mixin_field.comodel_name, "helpdesk.ticket")
        self.assertEqual(mixin_field.ondelete, "set null")
        self.assertFalse(mixin_field.copy)
        self.assertTrue(mixin_field.index)
        mixin = self.env["helpdesk.aftersales.document.mixin"]
        for name in mixin._inherit_children:
            field = self.env[name]._fields["helpdesk_ticket_id"]
            self.assertEqual(
                (field.ondelete, field.copy, bool(field.index)),
                ("set null", False, True),
            )
