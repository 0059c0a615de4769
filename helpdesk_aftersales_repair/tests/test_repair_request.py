# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, tagged

from .common import REPAIR_VIEW, RepairCommon, RepairTestMixin
from odoo.addons.helpdesk_aftersales.tests.common import (
    AftersalesTestMixin,
    new_portal_user,
)
from odoo.addons.helpdesk_aftersales_return.tests.common import (
    put_in_stock,
    storable_product,
)
from odoo.addons.helpdesk_aftersales_return.tests.common_request import (
    RequestHttpMixin,
)


class RepairRequestMixin:
    """Phones tracked by serial number, three delivered to the customer, one
    to another customer, one in stock; a portal user of the customer."""

    @classmethod
    def _repair_request_setup(cls):
        cls.env.user.group_ids |= cls.env.ref("stock.group_production_lot")
        cls.phone = storable_product(cls.env, "Phone", tracking="serial")
        cls.serials = cls.env["stock.lot"].create(
            [{"name": f"SN-{n}", "product_id": cls.phone.id} for n in range(5)]
        )
        put_in_stock(cls.env, cls.phone, 1, cls.warehouse, lots=cls.serials)
        cls.phone_order, cls.phone_delivery = cls._sold(cls.customer, cls.phone, 3)
        cls.phone_move = cls.phone_delivery.move_ids
        cls.delivered = cls.phone_move.move_line_ids.lot_id
        _order, cls.other_phone_delivery = cls._sold(cls.other_customer, cls.phone, 1)
        cls.not_delivered = (
            cls.serials
            - cls.delivered
            - (cls.other_phone_delivery.move_line_ids.lot_id)
        )
        cls.portal = new_portal_user(cls.env, cls.customer, "repair-portal")
        cls.reason = cls.env.ref("helpdesk_aftersales.reason_defective")

    @classmethod
    def _repair_submit(cls, lines, user=None, token=None):
        Request = cls.env["helpdesk.aftersales.request"].with_user(user or cls.portal)
        request, created = Request._aftersales_portal_submit(
            cls.ticket.with_user(user or cls.portal),
            "repair",
            [(move.id, lot.id, quantity) for move, lot, quantity in lines],
            str(cls.reason.id),
            "It no longer starts.",
            [],
            token or secrets.token_hex(16),
        )
        return request.with_env(cls.env), created


@tagged("post_install", "-at_install")
class TestRepairRequest(RepairRequestMixin, RepairCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._repair_request_setup()
        cls.agent.group_ids |= cls.env.ref("stock.group_production_lot")

    def _aftersales_made(self):
        return (
            self.env["helpdesk.aftersales.request"].sudo().search_count([]),
            self.env["repair.order"].sudo().search_count([]),
        )

    def test_rows_by_serial_number(self):
        Request = self.env["helpdesk.aftersales.request"].with_user(self.portal)
        rows = Request._aftersales_portal_rows(
            self.ticket.with_user(self.portal), "repair"
        )
        phones = [row for row in rows if row["product"] == self.phone]
        self.assertEqual(
            {row["lot"] for row in phones}, set(self.delivered), "one row per serial"
        )
        self.assertEqual({row["available"] for row in phones}, {1.0})

    def test_approve_opens_the_prefilled_repair(self):
        serial = self.delivered[1]
        request, _created = self._repair_submit([(self.phone_move, serial, 1.0)])
        self.assertRecordValues(
            request.line_ids, [{"lot_id": serial.id, "quantity": 1.0}]
        )
        ticket = self.ticket.with_user(self.agent)
        self.assertEqual(ticket.aftersales_request_pending_id, request)
        self.assertTrue(ticket.aftersales_request_can_decide)
        action = ticket.action_aftersales_request_approve()
        self.assertEqual(action["res_model"], "repair.order")
        Repair = self.env["repair.order"].with_user(self.agent)
        with Form(Repair.with_context(**action["context"]), view=REPAIR_VIEW) as form:
            self.assertEqual(form.product_id, self.phone)
            self.assertEqual(form.lot_id, serial)
            self.assertEqual(form.product_qty, 1.0)
            self.assertEqual(form.partner_id, self.customer)
        repair = form.save()
        self.assertEqual(repair.helpdesk_ticket_id, self.ticket)
        self.assertEqual(repair.aftersales_reason_id, self.reason)
        self.assertRecordValues(
            request, [{"state": "approved", "repair_id": repair.id}]
        )
        message = self.ticket.message_ids.filtered(
            lambda m: "Your repair request" in (m.body or "")
        )
        self.assertIn(request.name, message.body)
        # another repair from the same form does not approve anything else
        other, _created = self._repair_submit(
            [(self.phone_move, self.delivered[2], 1.0)]
        )
        with Form(Repair.with_context(**action["context"]), view=REPAIR_VIEW) as form:
            self.assertNotEqual(form.lot_id, self.delivered[2])
        form.save()
        self.assertEqual(other.state, "requested")

    def test_refuse(self):
        request, _created = self._repair_submit(
            [(self.phone_move, self.delivered[0], 1.0)]
        )
        action = request.with_user(self.agent).action_refuse()
        Wizard = self.env[action["res_model"]].with_user(self.agent)
        with Form(Wizard.with_context(**action["context"])) as form:
            form.refuse_reason = "Water damage is not repaired."
        form.save().action_refuse()
        self.assertEqual(request.state, "refused")

    def test_attackers_cannot_decide(self):
        request, _created = self._repair_submit(
            [(self.phone_move, self.delivered[0], 1.0)]
        )
        users = self._aftersales_attackers(self.ticket)
        users["helpdesk_only"] = self.helpdesk_only
        for name, user in users.items():
            with self.subTest(user=name):
                self.assertRefused(
                    lambda user=user: request.with_user(user).action_approve(),
                    "",
                    exception=UserError,
                )
        self.assertEqual(request.state, "requested")

    def _refused(self, lines, message):
        count = self._aftersales_made()
        with self.assertRaisesText(UserError, message):
            self._repair_submit(lines)
        self.assertEqual(self._aftersales_made(), count, "nothing created")

    def test_bad_input(self):
        # a serial number not delivered to the customer, or another customer's
        self._refused(
            [(self.phone_move, self.not_delivered[:1], 1.0)],
            "one of the chosen lots or serial numbers is not one of them",
        )
        other_serial = self.other_phone_delivery.move_line_ids.lot_id
        self._refused(
            [(self.phone_move, other_serial, 1.0)],
            "one of the chosen lots or serial numbers is not one of them",
        )
        self._refused(
            [(self.other_phone_delivery.move_ids, other_serial, 1.0)],
            "Choose among the products delivered to you",
        )
        # more than one serial number holds
        self._refused([(self.phone_move, self.delivered[0], 2.0)], "were delivered")
        # one product per repair request
        self._refused(
            [
                (self.phone_move, self.delivered[0], 1.0),
                (self.phone_move, self.delivered[1], 1.0),
            ],
            "send one request per product",
        )
        # a tracked product without its serial number
        self._refused(
            [(self.phone_move, self.env["stock.lot"], 1.0)],
            "one of the chosen lots or serial numbers is not one of them",
        )
        # a serial already asked for
        self._repair_submit([(self.phone_move, self.delivered[0], 1.0)])
        self._repair_submit([(self.phone_move, self.delivered[1], 1.0)])
        self._repair_submit([(self.phone_move, self.delivered[2], 1.0)])
        self._refused(
            [(self.phone_move, self.delivered[0], 1.0)], "can still be requested"
        )

    def test_option_off(self):
        self.team.use_product_repairs = False
        self._refused(
            [(self.phone_move, self.delivered[0], 1.0)],
            "This kind of request is not offered",
        )
        Request = self.env["helpdesk.aftersales.request"].with_user(self.portal)
        kinds = Request._aftersales_portal_kinds(self.ticket.with_user(self.portal))
        self.assertEqual([kind for kind, _label in kinds], ["return"])


@tagged("post_install", "-at_install")
class TestRepairRequestPortal(
    RequestHttpMixin,
    RepairRequestMixin,
    RepairTestMixin,
    AftersalesTestMixin,
    HttpCase,
):
    """The customer asks for the repair of a serial number from the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._repair_setup()
        cls.ticket = cls._ticket(cls.customer)
        cls._repair_request_setup()

    def test_customer_requests_a_repair(self):
        page = self._aftersales_portal_page(self.ticket, "repair-portal")
        self.assertIn('name="aftersales_request_repair"', page)
        form = self._form_page(self.ticket, "repair").text
        serial = self.delivered[0]
        self.assertIn(f'name="aftersales_row_{self.phone_move.id}-{serial.id}"', form)
        self.assertIn(serial.name, form)
        response = self._post_form(
            self.ticket, [(self.phone_move.id, serial.id, "1")], kind="repair"
        )
        self.assertEqual(response.status_code, 303)
        request = self.ticket.aftersales_request_ids
        self.assertRecordValues(request, [{"kind": "repair", "state": "requested"}])
        self.assertEqual(request.line_ids.lot_id, serial)

    def test_serial_not_delivered(self):
        self.authenticate("repair-portal", "repair-portal")
        response = self._post_form(
            self.ticket,
            [(self.phone_move.id, self.not_delivered[0].id, "1")],
            kind="repair",
        )
        self.assertIn('name="aftersales_request_error"', response.text)
        self.assertFalse(self.ticket.aftersales_request_ids)
