# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The repair flows, as the user documentation describes them ("상담에서 제품을
수리하도록 보내기"): the Repair button and what the new repair starts with, the
repair's own parts, quotation and warranty, the chatter and the smart buttons."""

from lxml import etree
from markupsafe import Markup, escape

from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import REPAIR_STATUS, REPAIR_VIEW, RepairCommon, return_of
from odoo.addons.helpdesk_aftersales.tests.common import flush_status, notes
from odoo.addons.helpdesk_aftersales_return.tests.common import (
    direct_deliveries,
    put_in_stock,
    replace,
    storable_product,
)

PREFILLED = (
    "helpdesk_ticket_id",
    "company_id",
    "partner_id",
    "product_id",
    "lot_id",
    "product_qty",
    "sale_order_id",
    "picking_id",
    "internal_notes",
)


@tagged("post_install", "-at_install")
class TestRepair(RepairCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lots = cls.env.ref("stock.group_production_lot")
        cls.env.user.group_ids |= lots
        cls.agent.group_ids |= lots

    def _defaults(self, ticket, user=None):
        """What the form opened by the Repair button of ``ticket`` starts with."""
        user = user or self.agent
        action = ticket.with_user(user).action_helpdesk_repair()
        Repair = self.env["repair.order"].with_user(user)
        values = Repair.with_context(**action["context"]).default_get(list(PREFILLED))
        return {
            fname: (
                Repair[fname].browse(values.get(fname))
                if Repair._fields[fname].type == "many2one"
                else values.get(fname)
            )
            for fname in PREFILLED
        }

    def _body(self, text, record):
        """The body of a chatter message: ``text`` with a link to ``record``."""
        link = (
            f'<a href="#" data-oe-model="{record._name}" data-oe-id="{record.id}">'
            f"{escape(record.display_name)}</a>"
        )
        return Markup(f"<p>{text}</p>") % Markup(link)

    def _assert_defaults(self, ticket, **expected):
        values = self._defaults(ticket)
        self.assertEqual(values["helpdesk_ticket_id"], ticket)
        self.assertEqual(values["company_id"], ticket.company_id)
        self.assertEqual(values["internal_notes"], ticket.description)
        for fname, value in expected.items():
            self.assertEqual(values[fname], value, fname)
        return values

    # the Repair button ---------------------------------------------------------

    def test_button_opens_a_new_repair_in_full_page(self):
        action = self.ticket.with_user(self.agent).action_helpdesk_repair()
        self.assertEqual(action["res_model"], "repair.order")
        self.assertEqual(action["target"], "current")
        self.assertEqual(
            action["views"], [(self.env.ref(REPAIR_VIEW).id, "form")], "the form"
        )
        self.assertFalse(action.get("res_id"), "a new repair")
        self.assertEqual(
            action["context"],
            {
                "active_model": "helpdesk.ticket",
                "active_id": self.ticket.id,
                "active_ids": self.ticket.ids,
            },
            "the ticket explicitly, no default value",
        )

    def test_form_prefilled_from_the_ticket(self):
        """Product ("Product to Repair"), customer, sales order, the return of
        the product and the ticket's description, in the form as saved."""
        return_picking = return_of(self.ticket, self.delivery, 2.0)
        with self._open_form() as form:
            self.assertEqual(form.product_id, self.chair)
            self.assertEqual(form.partner_id, self.customer)
            self.assertEqual(form.sale_order_id, self.order)
            self.assertEqual(form.picking_id, return_picking)
            self.assertEqual(form.internal_notes, self.ticket.description)
            self.assertEqual(form.helpdesk_ticket_id, self.ticket)
            self.assertFalse(form.under_warranty)
        repair = form.save()
        self.assertEqual(repair.product_id, self.chair)
        self.assertEqual(repair.partner_id, self.customer)
        self.assertEqual(repair.sale_order_id, self.order, "saved (readonly field)")
        self.assertEqual(repair.picking_id, return_picking)
        self.assertEqual(repair.product_qty, 2.0, "what came back")
        self.assertEqual(repair.internal_notes, self.ticket.description)
        self.assertEqual(repair.helpdesk_ticket_id, self.ticket)
        self.assertEqual(repair.company_id, self.ticket.company_id)
        self.assertEqual(repair.state, "draft")
        self.assertEqual(self.ticket.repair_count, 1)

    # what the repair starts with ----------------------------------------------

    def test_prefill_without_product_orders_or_returns(self):
        newcomer = self.env["res.partner"].create({"name": "Newcomer"})
        bare = self._repair_ticket(newcomer)
        self._assert_defaults(
            bare,
            partner_id=newcomer,
            product_id=self.env["product.product"],
            lot_id=self.env["stock.lot"],
            product_qty=1.0,
            sale_order_id=self.env["sale.order"],
            picking_id=self.env["stock.picking"],
        )
        no_customer = self._repair_ticket(False, product_id=self.chair.id)
        self._assert_defaults(
            no_customer,
            partner_id=self.env["res.partner"],
            product_id=self.chair,
            sale_order_id=self.env["sale.order"],
        )
        # a service cannot be repaired: the repair starts without product
        service = self._repair_ticket(self.customer, product_id=self.service_product.id)
        self._assert_defaults(service, product_id=self.env["product.product"])

    def test_prefill_sales_order(self):
        desk = storable_product(self.env, "Desk")
        put_in_stock(self.env, desk, 10, self.warehouse)
        desk_order, _delivery = self._sold(self.customer, desk, 1)
        chair_order_2, _delivery = self._sold(self.customer, self.chair, 1)
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [Command.create({"product_id": self.chair.id})],
            }
        )
        other_customers, _delivery = self._sold(self.other_customer, self.chair, 1)
        cases = (
            # orders of the ticket, product: the order expected
            (desk_order, self.chair, desk_order, "the only order"),
            (desk_order | self.order, self.chair, self.order, "the chair's"),
            (
                desk_order | self.order | chair_order_2,
                self.chair,
                chair_order_2,
                "the first of the chair's (most recent)",
            ),
            (desk_order | self.order, desk, desk_order, "the desk's"),
            (self.order, False, self.order, "no product: the only order"),
            (desk_order | self.order, False, False, "no product, several orders"),
            (quotation, self.chair, False, "a quotation is no sale"),
            (other_customers, self.chair, False, "another customer's"),
            (other_customers | self.order, self.chair, self.order, "own only"),
        )
        for orders, product, expected, case in cases:
            with self.subTest(case=case):
                ticket = self._repair_ticket(
                    self.customer, orders, product_id=product and product.id
                )
                self._assert_defaults(
                    ticket, sale_order_id=expected or self.env["sale.order"]
                )

    def test_prefill_return_never_a_replacement(self):
        """The most recent return of the ticket that brings the product back;
        its replacement deliveries, returns of another product or of another
        ticket, cancelled returns are never chosen."""
        ticket = self.ticket
        no_picking = self.env["stock.picking"]
        self._assert_defaults(ticket, picking_id=no_picking, product_qty=1.0)
        # a replacement only
        replace(ticket, [1.0])
        self.assertEqual(ticket.delivery_count, 1)
        self._assert_defaults(ticket, picking_id=no_picking)
        # the return of another ticket
        other_ticket = self._repair_ticket(self.customer, self.order)
        return_of(other_ticket, self.delivery, 1.0)
        self._assert_defaults(ticket, picking_id=no_picking)
        # the ticket's return, then a replacement more recent than it
        first = return_of(ticket, self.delivery, 1.0)
        first.button_validate()
        newer_replacement = replace(ticket, [1.0])[2]
        self.assertGreater(newer_replacement.id, first.id)
        self._assert_defaults(ticket, picking_id=first, product_qty=1.0)
        # a more recent return of another product of the ticket
        desk = storable_product(self.env, "Desk")
        put_in_stock(self.env, desk, 5, self.warehouse)
        _order, desk_delivery = self._sold(self.customer, desk, 1)
        desk_return = return_of(ticket, desk_delivery)
        self.assertGreater(desk_return.id, first.id)
        self._assert_defaults(ticket, picking_id=first)
        # a more recent return of the product; cancelled, it no longer counts
        second = return_of(ticket, self.delivery, 1.0)
        self._assert_defaults(ticket, picking_id=second)
        second.action_cancel()
        self._assert_defaults(ticket, picking_id=first)
        self.assertEqual(ticket.return_count, 2, "the cancelled one left out")

    def test_prefill_lot_and_its_return(self):
        """A ticket about one serial number: that serial, from the return that
        brought it back (not a more recent return of other serials), quantity 1."""
        phone = storable_product(self.env, "Phone", tracking="serial")
        lots = self.env["stock.lot"].create(
            [{"name": f"SN-{n}", "product_id": phone.id} for n in range(3)]
        )
        put_in_stock(self.env, phone, 1, self.warehouse, lots=lots)
        order, delivery = self._sold(self.customer, phone, 3)
        ticket = self._repair_ticket(
            self.customer, order, product_id=phone.id, lot_id=lots[1].id
        )
        self._assert_defaults(
            ticket, lot_id=lots[1], picking_id=self.env["stock.picking"]
        )
        with_lot = return_of(ticket, delivery, 1.0)
        self.assertEqual(with_lot.move_line_ids.lot_id, lots[1])
        # received (a return made later unreserves the pending ones, in Odoo)
        with_lot.button_validate()
        ticket.lot_id = lots[0]
        other = return_of(ticket, delivery, 1.0)
        self.assertEqual(other.move_line_ids.lot_id, lots[0])
        ticket.lot_id = lots[1]
        self._assert_defaults(
            ticket, lot_id=lots[1], picking_id=with_lot, product_qty=1.0
        )
        # the form keeps the ticket's serial number with its return
        with self._open_form(ticket) as form:
            self.assertEqual(form.lot_id, lots[1])
            self.assertEqual(form.picking_id, with_lot)
        repair = form.save()
        self.assertEqual((repair.lot_id, repair.product_qty), (lots[1], 1.0))
        # a serial number that no return brought back: what came back is
        # repaired, the serial of the most recent return (as Odoo takes it)
        ticket.lot_id = lots[2]
        self._assert_defaults(ticket, lot_id=lots[0], picking_id=other)
        with self._open_form(ticket) as form:
            self.assertEqual(form.lot_id, lots[0])
        self.assertEqual(form.save().lot_id, lots[0])
        # a product tracked by lots: what came back of the ticket's lot
        paint = storable_product(self.env, "Paint", tracking="lot")
        batches = self.env["stock.lot"].create(
            [{"name": f"B-{n}", "product_id": paint.id} for n in range(2)]
        )
        put_in_stock(self.env, paint, 4, self.warehouse, lots=batches)
        order, delivery = self._sold(self.customer, paint, 8)
        ticket = self._repair_ticket(
            self.customer, order, product_id=paint.id, lot_id=batches[0].id
        )
        paint_return = return_of(ticket, delivery, 3.0)
        self.assertEqual(paint_return.move_line_ids.lot_id, batches[0])
        self._assert_defaults(
            ticket, lot_id=batches[0], picking_id=paint_return, product_qty=3.0
        )

    # the repair's own flow ----------------------------------------------------

    def test_lot_context_does_not_reach_the_parts(self):
        """The ticket's serial number goes to the repaired product only: the
        parts' moves do not get it when the repair is confirmed, started and
        ended from the form opened by the Repair button."""
        phone = storable_product(self.env, "Phone", tracking="serial")
        lot = self.env["stock.lot"].create({"name": "SN-9", "product_id": phone.id})
        put_in_stock(self.env, phone, 1, self.warehouse, lots=lot)
        screw = storable_product(self.env, "Screw", tracking="lot")
        screw_lot = self.env["stock.lot"].create(
            {"name": "SCREW-1", "product_id": screw.id}
        )
        put_in_stock(self.env, screw, 10, self.warehouse, lots=screw_lot)
        ticket = self._repair_ticket(self.customer, product_id=phone.id, lot_id=lot.id)
        action = ticket.with_user(self.agent).action_helpdesk_repair()
        self.assertFalse([k for k in action["context"] if k.startswith("default_")])
        repair = self._repair(ticket, parts={self.part: 2.0, screw: 3.0})
        self.assertEqual(repair.lot_id, lot)
        # the buttons of the form run with the form's context
        repair = repair.with_user(self.agent).with_context(**action["context"])
        repair.action_validate()
        self.assertEqual(repair.state, "confirmed")
        parts_lines = repair.move_ids.move_line_ids
        self.assertEqual(parts_lines.product_id, self.part | screw, "reserved")
        self.assertNotIn(lot, parts_lines.lot_id)
        self.assertEqual(
            parts_lines.filtered(lambda ml: ml.product_id == screw).lot_id, screw_lot
        )
        repair.action_repair_start()
        self.assertEqual(repair.state, "under_repair")
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        self.assertEqual(repair.move_id.move_line_ids.lot_id, lot, "the phone")
        self.assertEqual(repair.move_ids.mapped("state"), ["done", "done"])
        self.assertNotIn(lot, repair.move_ids.move_line_ids.lot_id)
        self.assertFalse(
            self.env["stock.move.line"].search(
                [("lot_id", "=", lot.id), ("product_id", "!=", phone.id)]
            )
        )

    def test_full_flow_return_repair_parts_on_the_sales_order(self):
        """Return, repair from the ticket with its sales order, parts: the parts
        go on that order, free under warranty; repaired, the ticket says so."""
        return_picking = return_of(self.ticket, self.delivery, 1.0)
        return_picking.button_validate()
        self.assertEqual(self.order.order_line.qty_delivered, 2.0)
        repair = self._repair(parts={self.part: 2.0})
        self.assertEqual(repair.sale_order_id, self.order)
        repair.with_user(self.agent).action_validate()
        part_line = self.order.order_line.filtered(lambda l: l.product_id == self.part)
        self.assertEqual(part_line.product_uom_qty, 2.0, "the part is on the order")
        self.assertEqual(part_line.price_unit, self.part.lst_price)
        with Form(repair.with_user(self.agent), view=REPAIR_VIEW) as form:
            form.under_warranty = True
        self.assertEqual(part_line.price_unit, 0.0, "under warranty: not charged")
        repair.with_user(self.agent).action_repair_start()
        repair.with_user(self.agent).action_repair_end()
        self.assertEqual(repair.state, "done")
        self.assertEqual(part_line.qty_delivered, 2.0)
        flush_status(self.env)
        status = notes(self.ticket, " repaired")
        self.assertEqual(len(status), 1)
        self.assertEqual(status.subtype_id, self.env.ref(REPAIR_STATUS))
        self.assertEqual(status.body, self._body("Repair %s repaired", repair))

    def test_full_flow_return_repair_create_quotation(self):
        """A return without sales order, a repair with parts, Create Quotation:
        a quotation of the parts for the customer, free under warranty."""
        delivery = direct_deliveries(
            self.env, self.customer, self.chair, 1, self.warehouse, quantity=2.0
        )
        ticket = self._repair_ticket(self.customer, product_id=self.chair.id)
        return_picking = return_of(ticket, delivery, 1.0)
        return_picking.button_validate()
        repair = self._repair(ticket, parts={self.part: 1.0})
        self.assertEqual(repair.picking_id, return_picking)
        self.assertFalse(repair.sale_order_id)
        repair = repair.with_user(self.agent)
        action = repair.action_create_sale_order()
        quotation = repair.sale_order_id
        self.assertEqual(action["res_id"], quotation.id)
        self.assertEqual(quotation.state, "draft")
        self.assertEqual(quotation.partner_id, self.customer)
        self.assertEqual(quotation.order_line.product_id, self.part)
        self.assertEqual(quotation.order_line.price_unit, self.part.lst_price)
        repair.under_warranty = True
        self.assertEqual(quotation.order_line.price_unit, 0.0)
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "done")
        self.assertEqual(ticket.repair_count, 1)

    # chatter ------------------------------------------------------------------

    def test_chatter_notes_and_status(self):
        repair = self._repair()
        created = notes(self.ticket, "Repair created")
        self.assertEqual(len(created), 1)
        self.assertEqual(
            created.body, self._body("Repair created from this ticket: %s.", repair)
        )
        self.assertEqual(created.subtype_id, self.env.ref("mail.mt_note"))
        self.assertEqual(created.author_id, self.agent.partner_id)
        origin = notes(repair, "Created from ticket")
        self.assertEqual(
            origin.body, self._body("Created from ticket %s.", self.ticket)
        )
        flush_status(self.env)
        self.assertFalse(notes(self.ticket, " cancelled"))
        repair.with_user(self.agent).action_repair_cancel()
        flush_status(self.env)
        status = notes(self.ticket, " cancelled")
        self.assertEqual(status.body, self._body("Repair %s cancelled", repair))
        self.assertEqual(status.subtype_id, self.env.ref(REPAIR_STATUS))
        self.assertEqual(status.message_type, "notification")
        # a repair set back to draft and cancelled again, with the option off:
        # no status message
        repair.action_repair_cancel_draft()
        self.team.use_product_repairs = False
        repair.action_repair_cancel()
        flush_status(self.env)
        self.assertEqual(len(notes(self.ticket, " cancelled")), 1)

    # smart buttons ------------------------------------------------------------

    def test_smart_buttons(self):
        ticket = self.ticket.with_user(self.agent)
        self.assertEqual(ticket.repair_count, 0)
        first = self._repair()
        ticket.invalidate_recordset(["repair_count"])
        self.assertEqual(ticket.repair_count, 1)
        action = ticket.with_context(
            aftersales_documents="repair_count"
        ).action_aftersales_open_documents()
        self.assertEqual(
            (action["res_model"], action["view_mode"], action["res_id"]),
            ("repair.order", "form", first.id),
        )
        self.assertFalse(action["context"]["create"])
        second = self._repair()
        ticket.invalidate_recordset(["repair_count"])
        self.assertEqual(ticket.repair_count, 2)
        action = ticket.with_context(
            aftersales_documents="repair_count"
        ).action_aftersales_open_documents()
        self.assertEqual(action["view_mode"].split(",")[0], "list")
        self.assertEqual(
            self.env["repair.order"].search(action["domain"]), first | second
        )
        # back to the ticket
        back = first.with_user(self.agent).action_open_helpdesk_ticket()
        self.assertEqual(
            (back["res_model"], back["res_id"]), ("helpdesk.ticket", self.ticket.id)
        )

    # the return's own "Create Repair" -----------------------------------------

    def test_create_repair_from_a_ticket_return(self):
        """The "Create Repair" button of a return made from the ticket: the
        repair belongs to the ticket too, even when made by a warehouse
        worker who does not read tickets."""
        return_picking = return_of(self.ticket, self.delivery, 1.0)
        return_picking.button_validate()
        worker = self._aftersales_user("repair-worker", "stock.group_stock_user")
        for user in (self.agent, worker):
            with self.subTest(user=user.login):
                action = return_picking.with_user(user).action_repair_return()
                form = Form.from_action(self.env(user=user), action)
                form.product_id = self.chair
                repair = form.save()
                self.assertEqual(repair.picking_id, return_picking)
                self.assertEqual(repair.helpdesk_ticket_id, self.ticket)
                linked = notes(self.ticket, repair.name)
                self.assertEqual(
                    linked.body,
                    self._body("Repair linked to this ticket: %s.", repair),
                )
                self.assertEqual(linked.author_id, user.partner_id)
                self.assertTrue(notes(repair, "Linked to ticket"))
        self.assertEqual(self.ticket.repair_count, 2)

    def test_create_repair_from_a_return_reached_from_the_ticket(self):
        """Returns smart button, the return, its "Create Repair": the web client
        carries the ticket as active_model/active_id into that form too; the
        return stays the one the repair was made from."""
        first = return_of(self.ticket, self.delivery, 1.0)
        second = return_of(self.ticket, self.delivery, 1.0)
        context = {"active_model": "helpdesk.ticket", "active_id": self.ticket.id}
        action = (
            first.with_user(self.agent).with_context(**context).action_repair_return()
        )
        self.assertEqual(action["context"]["active_model"], "helpdesk.ticket")
        form = Form.from_action(self.env(user=self.agent), action)
        self.assertEqual(
            form.picking_id, first, f"the one of the button, not {second.name}"
        )
        form.product_id = self.chair
        repair = form.save()
        self.assertEqual(repair.helpdesk_ticket_id, self.ticket)

    def test_return_without_ticket_or_of_another_customer(self):
        """A return of no ticket makes a repair of no ticket; a repair whose
        customer is not the ticket's is not linked to it."""
        returned = (
            self.env["stock.return.picking"]
            .with_context(active_model="stock.picking", active_id=self.delivery.id)
            .create({"picking_id": self.delivery.id})
        )
        returned.product_return_moves.quantity = 1.0
        plain = self.env["stock.picking"].browse(
            returned.action_create_returns()["res_id"]
        )
        self.assertFalse(plain.helpdesk_ticket_id)
        repair = self.env["repair.order"].create(
            {"picking_id": plain.id, "product_id": self.chair.id}
        )
        self.assertFalse(repair.helpdesk_ticket_id)
        ticket_return = return_of(self.ticket, self.delivery, 1.0)
        repair = self.env["repair.order"].create(
            {
                "picking_id": ticket_return.id,
                "product_id": self.chair.id,
                "partner_id": self.other_customer.id,
            }
        )
        self.assertFalse(repair.helpdesk_ticket_id, "another customer")
        # chosen later, the ticket's return links the repair
        repair = self.env["repair.order"].create(
            {"product_id": self.chair.id, "partner_id": self.customer.id}
        )
        self.assertFalse(repair.helpdesk_ticket_id)
        repair.picking_id = ticket_return
        self.assertEqual(repair.helpdesk_ticket_id, self.ticket)
        # a repair of the ticket keeps its ticket
        other_ticket = self._repair_ticket(self.customer)
        repair = self.env["repair.order"].create(
            {
                "product_id": self.chair.id,
                "partner_id": self.customer.id,
                "helpdesk_ticket_id": other_ticket.id,
                "picking_id": ticket_return.id,
            }
        )
        self.assertEqual(repair.helpdesk_ticket_id, other_ticket)

    def test_in_korean(self):
        """The button, the smart button and the chatter of a Korean user."""
        self._aftersales_load_korean("helpdesk_aftersales_repair")
        self.agent.lang = "ko_KR"
        ticket = self.ticket.with_user(self.agent).with_context(lang="ko_KR")
        arch = etree.fromstring(ticket.get_view(view_type="form")["arch"])
        button = arch.xpath("//header/button[@name='action_helpdesk_repair']")[0]
        self.assertEqual(button.get("string"), "수리")
        smart = arch.xpath("//field[@name='repair_count']")[0]
        self.assertEqual(smart.get("string"), "수리")
        self.assertEqual(ticket.action_helpdesk_repair()["name"], "수리")
        repair = self._repair(ticket)
        created = notes(self.ticket, repair.name)
        self.assertEqual(
            created.body,
            self._body("이 상담에서 수리 주문서가 생성되었습니다: %s.", repair),
        )
        repair.with_context(lang="ko_KR").action_repair_cancel()
        flush_status(self.env)
        status = notes(self.ticket, "취소됨")
        self.assertEqual(status.body, self._body("수리 %s 취소됨", repair))
