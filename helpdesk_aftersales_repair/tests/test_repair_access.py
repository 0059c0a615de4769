# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who sees and does what: a helpdesk user without Inventory rights reads,
read-only, the repairs of the tickets they read (read-through-ticket) and
nothing else of Inventory; Inventory users keep the whole Repair app."""

from lxml import etree

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import REPAIR_VIEW, RepairCommon, return_of
from odoo.addons.helpdesk_aftersales.tests.common import new_portal_user

INVENTORY_BUTTONS = (
    "action_validate",
    "action_repair_start",
    "action_repair_end",
    "action_assign",
    "action_unreserve",
    "action_create_sale_order",
    "action_repair_cancel",
    "action_repair_cancel_draft",
    "action_generate_serial",
    "action_view_sale_order",
)


def flat_spec(arch, fields):
    """The ``web_search_read`` specification of a list or kanban arch: its
    fields, with the display name of the records they refer to."""
    spec = {}
    for node in etree.fromstring(arch).iter("field"):
        name = node.get("name")
        if fields[name]["type"] in ("many2one", "one2many", "many2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


@tagged("post_install", "-at_install")
class TestRepairAccess(RepairCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._aftersales_user(
            "repair-own", "helpdesk_mgmt.group_helpdesk_user_own"
        )
        cls.worker = cls._aftersales_user("repair-worker", "stock.group_stock_user")
        cls.tag = cls.env["repair.tags"].create({"name": "Armrest"})
        cls.return_picking = return_of(cls.ticket, cls.delivery, 1.0)
        cls.repair = cls.env["repair.order"].create(
            {
                **cls.ticket._aftersales_repair_values(),
                "tag_ids": [Command.set(cls.tag.ids)],
                "move_ids": [
                    Command.create(
                        {
                            "product_id": cls.part.id,
                            "product_uom_qty": 1.0,
                            "repair_line_type": "add",
                        }
                    )
                ],
            }
        )
        cls.repair.action_validate()
        cls.unlinked = cls.env["repair.order"].create(
            {"product_id": cls.chair.id, "partner_id": cls.customer.id}
        )

    def _read(self, records, fnames=("name", "state")):
        self.env.invalidate_all()
        return records.read(list(fnames))

    # helpdesk users without Inventory rights -----------------------------------

    def test_helpdesk_user_reads_the_repair_of_the_ticket(self):
        """Ticket, Repairs smart button, the repair's form: read-only, without
        what needs Inventory rights."""
        user = self.helpdesk_only
        ticket = self.ticket.with_user(user)
        self.env.invalidate_all()
        with Form(ticket) as ticket_form:
            self.assertEqual(ticket_form.repair_count, 1, "counted for everyone")
        arch = ticket.get_view(view_type="form")["arch"]
        self.assertNotIn("action_helpdesk_repair", arch, "no Repair button")
        self.assertIn("repair_count", arch, "the Repairs smart button")
        action = ticket.with_context(
            aftersales_documents="repair_count"
        ).action_aftersales_open_documents()
        self.assertEqual(
            (action["view_mode"], action["res_id"]), ("form", self.repair.id)
        )
        # the repair's form, as the web client loads it (views, then web_read)
        self.env.invalidate_all()
        form = Form(self.env["repair.order"].with_user(user).browse(action["res_id"]))
        self.assertEqual(form.name, self.repair.name)
        self.assertEqual(form.product_id, self.chair)
        self.assertEqual(form.partner_id, self.customer)
        self.assertEqual(form.picking_id, self.return_picking)
        self.assertEqual(form.sale_order_id, self.order)
        self.assertEqual(form.internal_notes, self.ticket.description)
        self.assertEqual(form.state, "confirmed")
        self.assertEqual(form.tag_ids[0], self.tag)
        arch = etree.fromstring(
            self.env["repair.order"].with_user(user).get_view(view_type="form")["arch"]
        )
        self.assertEqual(arch.get("edit"), "False", "read-only")
        self.assertEqual(arch.get("create"), "False")
        buttons = set(arch.xpath("//button/@name"))
        self.assertFalse(buttons & set(INVENTORY_BUTTONS), buttons)
        self.assertIn("action_open_helpdesk_ticket", buttons, "back to the ticket")
        self.assertFalse(arch.xpath("//page[@name='parts']"), "no parts")
        self.assertFalse(arch.xpath("//field[@name='move_ids']"))
        back = self.repair.with_user(user).action_open_helpdesk_ticket()
        self.assertEqual(back["res_id"], self.ticket.id)

    def test_helpdesk_user_lists_the_repairs_of_the_ticket(self):
        second = self.env["repair.order"].create(
            self.ticket._aftersales_repair_values()
        )
        user = self.helpdesk_only
        action = (
            self.ticket.with_user(user)
            .with_context(aftersales_documents="repair_count")
            .action_aftersales_open_documents()
        )
        Repair = self.env["repair.order"].with_user(user)
        views = Repair.get_views([(False, kind) for kind in ("list", "kanban")])
        fields = views["models"]["repair.order"]["fields"]
        for kind in ("list", "kanban"):
            with self.subTest(view=kind):
                self.env.invalidate_all()
                spec = flat_spec(views["views"][kind]["arch"], fields)
                result = Repair.web_search_read(action["domain"], spec)
                self.assertEqual(
                    {r["id"] for r in result["records"]}, {self.repair.id, second.id}
                )
        # (this user reads every ticket: every linked repair, and only those)
        linked = self.env["repair.order"].search([("helpdesk_ticket_id", "!=", False)])
        self.assertLessEqual(self.repair | second, linked)
        self.assertEqual(Repair.search([]), linked, "not the others")

    def test_helpdesk_user_reads_nothing_else(self):
        user = self.helpdesk_only
        Repair = self.env["repair.order"].with_user(user)
        self.assertNotIn(self.unlinked, Repair.search([]))
        with self.assertRaises(AccessError):
            self._read(self.unlinked.with_user(user))
        repair = self.repair.with_user(user)
        self._read(repair)
        for call in (
            lambda: repair.write({"internal_notes": "<p>changed</p>"}),
            lambda: repair.action_validate(),
            lambda: repair.action_repair_cancel(),
            lambda: repair.action_repair_start(),
            lambda: repair.unlink(),
            lambda: Repair.create({"product_id": self.chair.id}),
            lambda: self.tag.with_user(user).write({"name": "Mine"}),
        ):
            with self.subTest(call=call), self.assertRaises(AccessError):
                call()
        self.assertEqual(self.repair.state, "confirmed")
        # Inventory stays closed: the repair's return, parts, lots, transfers
        for records in (
            self.return_picking,
            self.delivery,
            self.repair.move_ids,
            self.env["stock.lot"].create({"name": "L", "product_id": self.chair.id}),
        ):
            with self.subTest(model=records._name), self.assertRaises(AccessError):
                self._read(records.with_user(user), ["display_name"])
        # the bridge grants reading repairs and their tags only
        accesses = self.env["ir.model.access"].search(
            [("id", "in", self._module_records("ir.model.access"))]
        )
        self.assertEqual(
            set(accesses.mapped("model_id.model")), {"repair.order", "repair.tags"}
        )
        self.assertFalse(
            any(accesses.mapped("perm_write") + accesses.mapped("perm_create")),
        )
        self.assertFalse(any(accesses.mapped("perm_unlink")))

    def _module_records(self, model):
        return (
            self.env["ir.model.data"]
            .search(
                [("module", "=", "helpdesk_aftersales_repair"), ("model", "=", model)]
            )
            .mapped("res_id")
        )

    def test_own_tickets_only(self):
        """A user of their own tickets reads the repairs of the tickets they
        read: assigned to them, or followed."""
        user = self.own
        self.assertFalse(self.ticket.with_user(user).has_access("read"))
        with self.assertRaises(AccessError):
            self._read(self.repair.with_user(user))
        self.assertFalse(self.env["repair.order"].with_user(user).search([]))
        self.ticket.user_id = user
        self._read(self.repair.with_user(user))
        self.ticket.user_id = False
        self.ticket.message_subscribe(user.partner_id.ids)
        self._read(self.repair.with_user(user))
        with self.assertRaises(AccessError):
            self._read(self.unlinked.with_user(user))
        self.env.invalidate_all()
        with Form(self.ticket.with_user(user)) as form:
            self.assertEqual(form.repair_count, 1)
        Form(self.repair.with_user(user))

    def test_unlinking_closes_the_repair(self):
        self._read(self.repair.with_user(self.helpdesk_only))
        self.repair.helpdesk_ticket_id = False
        with self.assertRaises(AccessError):
            self._read(self.repair.with_user(self.helpdesk_only))

    def test_portal_user_reads_no_repair(self):
        portal = new_portal_user(self.env, self.customer, "repair-portal")
        with self.assertRaises(AccessError):
            self._read(self.repair.with_user(portal))

    # Inventory users ----------------------------------------------------------

    def test_inventory_users_keep_the_repair_app(self):
        """Inventory users read and write every repair, linked or not, the
        helpdesk ones included (the rules of the groups add up)."""
        for user in (self.agent, self.worker):
            with self.subTest(user=user.login):
                Repair = self.env["repair.order"].with_user(user)
                self.assertIn(self.unlinked, Repair.search([]))
                self.assertIn(self.repair, Repair.search([]))
                self._read(self.unlinked.with_user(user))
                self.unlinked.with_user(user).internal_notes = "<p>Checked</p>"
                self.env.invalidate_all()
                Form(self.repair.with_user(user), view=REPAIR_VIEW)
        arch = (
            self.env["repair.order"]
            .with_user(self.worker)
            .get_view(view_type="form")["arch"]
        )
        self.assertIn("action_validate", arch)
        self.assertNotIn("action_open_helpdesk_ticket", arch, "no ticket rights")
        arch = (
            self.env["repair.order"]
            .with_user(self.agent)
            .get_view(view_type="form")["arch"]
        )
        self.assertIn("action_open_helpdesk_ticket", arch)
        self.assertIn('name="parts"', arch)
        # the warehouse worker repairs the ticket's product to the end
        repair = self.repair.with_user(self.worker)
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(self.repair.state, "done")

    def test_repair_button_needs_inventory_rights(self):
        ticket = self.ticket.with_user(self.helpdesk_only)
        self.assertFalse(ticket.aftersales_can_repair)
        with self.assertRaisesText(AccessError, "Only helpdesk agents"):
            ticket.action_helpdesk_repair()
        # (a warehouse worker does not even read the ticket)
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.worker).action_helpdesk_repair()
        ticket = self.ticket.with_user(self.agent)
        self.assertTrue(ticket.aftersales_can_repair)
        arch = ticket.get_view(view_type="form")["arch"]
        button = etree.fromstring(arch).xpath(
            "//header/button[@name='action_helpdesk_repair']"
        )[0]
        self.assertEqual(button.get("invisible"), "not aftersales_can_repair")
        self.team.use_product_repairs = False
        ticket.invalidate_recordset(["aftersales_can_repair"])
        self.assertFalse(ticket.aftersales_can_repair, "the option is off")

    def test_technician_without_sales_rights(self):
        """An Inventory user without Sales rights repairs without sales order
        (Odoo bills the parts of a repair on its order, which needs them)."""
        technician = self._aftersales_user(
            "repair-technician",
            "helpdesk_mgmt.group_helpdesk_user,stock.group_stock_user",
        )
        lines = self.order.order_line
        repair = self._repair(user=technician, parts={self.part: 1.0})
        self.assertFalse(repair.sale_order_id)
        self.assertEqual(repair.picking_id, self.return_picking)
        self.assertEqual(repair.helpdesk_ticket_id, self.ticket)
        repair = repair.with_user(technician)
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        self.assertEqual(self.order.order_line, lines, "nothing added to the order")
