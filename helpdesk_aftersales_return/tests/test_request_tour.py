# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common_request import RequestTestMixin
from odoo.addons.helpdesk_aftersales.tests.common import AftersalesTestMixin


@tagged("post_install", "-at_install")
class TestRequestTour(RequestTestMixin, AftersalesTestMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._request_setup()

    def test_customer_requests_a_return_in_korean(self):
        """A Korean customer asks for the return of one chair, with a photo,
        from the ticket's portal page."""
        self._aftersales_load_korean("helpdesk_aftersales_return")
        self.portal.lang = "ko_KR"
        self.start_tour(
            f"/my/ticket/{self.ticket.id}",
            "helpdesk_aftersales_request_portal_tour",
            login="request-portal",
        )
        request = self.ticket.aftersales_request_ids
        self.assertRecordValues(
            request,
            [
                {
                    "state": "requested",
                    "partner_id": self.contact.id,
                    "comment": "의자 좌석이 찢어져 있습니다.",
                }
            ],
        )
        self.assertEqual(request.line_ids.quantity, 1.0)
        self.assertEqual(request.photo_ids.mimetype, "image/png")

    def test_agent_approves_the_request(self):
        """The agent approves the request from the ticket's banner: the Return
        dialog is prefilled, Return approves the request."""
        request, _created = self._submit(lines=[(self.move, 1.0)])
        self._aftersales_start_tour(
            self.ticket,
            "helpdesk_aftersales_request_approve_tour",
            groups=["stock.group_stock_user"],
        )
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.picking_id.move_ids.product_uom_qty, 1.0)
