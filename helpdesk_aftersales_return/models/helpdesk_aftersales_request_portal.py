# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
import io
import math
import os
import re

from PIL import Image

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain
from odoo.tools import SQL, formatLang, mute_logger
from odoo.tools.mimetypes import guess_mimetype

# Photos sent with a request: images only, at most PHOTO_MAX_COUNT of at most
# PHOTO_MAX_MB each (a phone's photo is 2 to 4 MB).
PHOTO_MAX_COUNT = 5
PHOTO_MAX_MB = 5
PHOTO_MAX_SIZE = PHOTO_MAX_MB * 1024 * 1024
PHOTO_TYPES = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
}
COMMENT_MAX_LENGTH = 5000
TOKEN_PATTERN = re.compile(r"^[0-9a-f]{32}$")


class HelpdeskAftersalesRequest(models.Model):
    """Requests as the portal makes them: what the visitor (the current user)
    may ask for from a ticket, and the checks of what they send. Everything is
    checked before anything is written; the request and its message are then
    written as superuser (portal users create nothing themselves)."""

    _inherit = "helpdesk.aftersales.request"

    # ------------------------------------------------------------------
    # Who may ask for what
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_portal_kinds(self, ticket):
        """``[(kind, button label)]`` that the visitor may ask for from
        ``ticket`` (a ticket they read), in the order of the team options."""
        kinds = []
        labels = self._aftersales_kind_labels()
        for kind in self._aftersales_request_kinds():
            try:
                self._aftersales_portal_check(ticket, kind)
            except UserError:
                continue
            kinds.append((kind, labels[kind][0]))
        return kinds

    @api.model
    def _aftersales_portal_check(self, ticket, kind):
        """Refuse, with a message for the visitor, a request of ``kind`` from
        ``ticket``: the visitor reads the ticket and is a contact of its
        customer (commercial entity), the ticket is open and its team offers
        this kind of request."""
        kinds = self._aftersales_request_kinds()
        if kind not in kinds:
            raise UserError(self.env._("This kind of request does not exist."))
        if len(ticket) != 1 or not ticket.exists() or not ticket.has_access("read"):
            raise UserError(self.env._("This ticket does not exist or is not yours."))
        ticket_sudo = ticket.sudo()
        entity = self.env.user.partner_id.commercial_partner_id
        if (
            self.env.user._is_public()
            or not ticket_sudo.partner_id
            or ticket_sudo.commercial_partner_id != entity
        ):
            raise UserError(
                self.env._(
                    "Only the customer of ticket %(ticket)s can send requests from it.",
                    ticket=ticket_sudo.number,
                )
            )
        if ticket_sudo.stage_id.closed:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is closed: requests can no longer be sent "
                    "from it. Open a new ticket if you need help.",
                    ticket=ticket_sudo.number,
                )
            )
        if not ticket_sudo.team_id[kinds[kind].toggle]:
            raise UserError(
                self.env._(
                    "This kind of request is not offered on ticket %(ticket)s.",
                    ticket=ticket_sudo.number,
                )
            )

    # ------------------------------------------------------------------
    # What the visitor may choose
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_portal_move_domain(self, ticket, kind, window=True):
        """The delivered moves of the ticket's customer (commercial entity) in
        its company that a request of ``kind`` may name; with ``window``, only
        those delivered within the team's return window (when the kind has
        one)."""
        ticket = ticket.sudo()
        domain = (
            Domain("state", "=", "done")
            & Domain("location_dest_id.usage", "=", "customer")
            & Domain("picking_id", "any", ticket._aftersales_return_delivery_domain())
        )
        days = ticket.team_id.aftersales_return_days
        if window and days and self._aftersales_request_kinds()[kind].window:
            domain &= Domain("date", ">=", fields.Datetime.now() - timedelta(days=days))
        return domain

    @api.model
    def _aftersales_available(self, moves):
        """``{move id: quantity}`` still open to requests of each move (in its
        unit): what was delivered, minus its returns, minus what requests
        waiting for a decision already ask for."""
        moves.invalidate_recordset(["returned_move_ids"])
        pending = dict(
            self.env["helpdesk.aftersales.request.line"]
            .sudo()
            ._read_group(
                [("move_id", "in", moves.ids), ("state", "=", "requested")],
                ["move_id"],
                ["quantity:sum"],
            )
        )
        return {
            move.id: move.product_uom.round(
                max(move._aftersales_returnable_quantity() - pending.get(move, 0.0), 0)
            )
            for move in moves
        }

    @api.model
    def _aftersales_move_lots(self, move):
        """``[(lot, quantity in the move's unit)]`` delivered by ``move``; one
        row without lot for a product without lots."""
        if move.product_id.tracking == "none":
            return [(self.env["stock.lot"], move.quantity)]
        lots = {}
        for line in move.move_line_ids:
            lots[line.lot_id] = lots.get(line.lot_id, 0.0) + line.quantity_product_uom
        return [
            (lot, move.product_id.uom_id._compute_quantity(qty, move.product_uom))
            for lot, qty in lots.items()
        ]

    @api.model
    def _aftersales_portal_rows(self, ticket, kind):
        """The products the visitor may ask for (one per delivered move, or per
        lot of the move when the kind names lots), most recent first: dicts of
        ``key``, ``move``, ``lot``, ``delivery``, ``product``, ``unit``,
        ``date``, ``delivered`` and ``available`` (formatted quantities too).
        A few queries, whatever the customer's history."""
        self._aftersales_portal_check(ticket, kind)
        rules = self._aftersales_request_kinds()[kind]
        moves = (
            self.env["stock.move"]
            .sudo()
            .search(
                self._aftersales_portal_move_domain(ticket, kind),
                order="date desc, id desc",
            )
        )
        available = self._aftersales_available(moves)
        rows = []
        for move in moves:
            if move.product_uom.compare(available[move.id], 0.0) <= 0:
                continue
            lots = (
                self._aftersales_move_lots(move)
                if rules.by_lot
                else [(self.env["stock.lot"], move.quantity)]
            )
            for lot, delivered in lots:
                free = min(delivered, available[move.id])
                if move.product_uom.compare(free, 0.0) <= 0:
                    continue
                rows.append(self._aftersales_portal_row(move, lot, delivered, free))
        return rows

    @api.model
    def _aftersales_portal_row(self, move, lot, delivered, available):
        return {
            "key": f"{move.id}-{lot.id or 0}",
            "move": move,
            "lot": lot,
            "delivery": move.picking_id,
            "product": move.product_id,
            "unit": move.product_uom,
            "date": move.date,
            "delivered": delivered,
            "available": available,
            "delivered_text": formatLang(self.env, delivered, dp="Product Unit"),
            "available_text": formatLang(self.env, available, dp="Product Unit"),
        }

    @api.model
    def _aftersales_portal_reasons(self, ticket):
        """The reasons the visitor chooses from: those of the ticket's
        company or of all."""
        return (
            self.env["helpdesk.aftersales.reason"]
            .sudo()
            .search([("company_id", "in", [ticket.sudo().company_id.id, False])])
        )

    # ------------------------------------------------------------------
    # What the visitor sends
    # ------------------------------------------------------------------

    @api.model
    def _aftersales_portal_parse_lines(self, moves, lots, quantities):
        """The lines of the form (three lists of texts of the same length, one
        item per row) as ``[(move id, lot id or 0, quantity)]``, rows without
        quantity left out."""
        if not (len(moves) == len(lots) == len(quantities)):
            raise UserError(
                self.env._("The form is incomplete: open it again from the ticket.")
            )
        lines = []
        for move, lot, quantity in zip(moves, lots, quantities, strict=True):
            quantity = (quantity or "").strip()
            if not quantity:
                continue
            move_id = self._aftersales_parse_id(move)
            lot_id = self._aftersales_parse_id(lot, empty=True)
            try:
                number = float(quantity)
            except ValueError:
                number = math.nan
            if not math.isfinite(number) or number < 0 or number >= 1e9:
                raise UserError(
                    self.env._(
                        "Enter each quantity as a number, such as 1 or 2.5: "
                        "%(quantity)s is not one.",
                        quantity=quantity[:20],
                    )
                )
            if number > 0:
                lines.append((move_id, lot_id, number))
        return lines

    @api.model
    def _aftersales_parse_id(self, text, empty=False):
        text = (text or "").strip()
        if empty and text in ("", "0"):
            return 0
        if not text.isdigit() or len(text) > 9 or int(text) <= 0:
            raise UserError(
                self.env._("The form is incomplete: open it again from the ticket.")
            )
        return int(text)

    @api.model
    def _aftersales_portal_submit(
        self, ticket, kind, lines, reason_id, comment, photos, token
    ):
        """Make the visitor's request of ``kind`` from ``ticket``, after every
        check (nothing is written when one fails).

        :param list lines: ``[(move id, lot id or 0, quantity)]``
        :param photos: ``[(file name, bytes)]``
        :param str token: the form's own token: the same form sent twice makes
            one request
        :return: ``(request, created)``; ``created`` is False when the form was
            already sent (the request it made)
        :raise UserError: what is refused, for the visitor
        """
        self._aftersales_portal_check(ticket, kind)
        ticket = ticket.sudo()
        if not isinstance(token, str) or not TOKEN_PATTERN.match(token):
            raise UserError(
                self.env._("This form has expired: open it again from the ticket.")
            )
        sent = self._aftersales_portal_sent(ticket, token)
        if sent:
            return sent, False
        reason = self._aftersales_portal_reason(ticket, reason_id)
        comment = self._aftersales_portal_comment(comment)
        photos = self._aftersales_portal_photos(photos)
        line_values, deliveries = self._aftersales_portal_lines(ticket, kind, lines)
        # the same form sent meanwhile by another session: it made the request
        sent = self._aftersales_portal_sent(ticket, token)
        if sent:
            return sent, False
        one_delivery = self._aftersales_request_kinds()[kind].one_delivery
        request = self.sudo().create(
            {
                "ticket_id": ticket.id,
                "kind": kind,
                "partner_id": self.env.user.partner_id.id,
                "reason_id": reason.id,
                "comment": comment,
                "delivery_id": deliveries.id if one_delivery else False,
                "submission_token": token,
                "line_ids": [Command.create(values) for values in line_values],
            }
        )
        request._aftersales_portal_publish(photos)
        return request.sudo(False), True

    @api.model
    def _aftersales_portal_sent(self, ticket, token):
        return self.sudo().search(
            [("ticket_id", "=", ticket.id), ("submission_token", "=", token)],
            limit=1,
        )

    @api.model
    def _aftersales_portal_reason(self, ticket, reason_id):
        reason = self.env["helpdesk.aftersales.reason"]
        if isinstance(reason_id, str) and reason_id.isdigit() and len(reason_id) < 10:
            reason = self._aftersales_portal_reasons(ticket).filtered(
                lambda r: r.id == int(reason_id)
            )
        if not reason:
            raise UserError(self.env._("Choose the reason of your request."))
        return reason

    @api.model
    def _aftersales_portal_comment(self, comment):
        comment = (comment or "").strip() if isinstance(comment, str) else ""
        if len(comment) > COMMENT_MAX_LENGTH:
            raise UserError(
                self.env._(
                    "Your comment is too long: write at most %(count)s characters.",
                    count=COMMENT_MAX_LENGTH,
                )
            )
        return comment

    @api.model
    def _aftersales_portal_photos(self, photos):
        """The photos, checked: at most PHOTO_MAX_COUNT images (JPEG, PNG, GIF,
        WebP, as their content says, not their name) of at most PHOTO_MAX_MB
        each. :return: ``[(file name, bytes, mimetype)]``"""
        if len(photos) > PHOTO_MAX_COUNT:
            raise UserError(
                self.env._(
                    "Send at most %(count)s photos.",
                    count=PHOTO_MAX_COUNT,
                )
            )
        checked = []
        for name, data in photos:
            name = os.path.basename(name or "").strip()[:100] or "photo"
            if len(data) > PHOTO_MAX_SIZE:
                raise UserError(
                    self.env._(
                        "%(file)s file is larger than %(size)s MB: send a smaller "
                        "photo.",
                        file=name,
                        size=PHOTO_MAX_MB,
                    )
                )
            mimetype = guess_mimetype(data, default="")
            if mimetype not in PHOTO_TYPES or not self._aftersales_is_image(
                data, PHOTO_TYPES[mimetype]
            ):
                raise UserError(
                    self.env._(
                        "%(file)s file is not a photo: send JPEG, PNG, GIF or WebP "
                        "images.",
                        file=name,
                    )
                )
            checked.append((name, data, mimetype))
        return checked

    @staticmethod
    def _aftersales_is_image(data, image_format):
        """``data`` is a whole image of ``image_format`` (its header and its
        structure)."""
        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.format != image_format:
                    return False
                image.verify()
        except Exception:  # noqa: BLE001 (PIL raises many kinds of errors)
            return False
        return True

    @api.model
    def _aftersales_portal_lines(self, ticket, kind, lines):
        """Check the requested lines against what the visitor may ask for, the
        moves being locked (two requests at once never ask for more than was
        delivered). :return: ``(line values, deliveries)``"""
        if not lines:
            raise UserError(self.env._("Enter the quantity of at least one product."))
        rules = self._aftersales_request_kinds()[kind]
        if rules.one_line and len(lines) > 1:
            raise UserError(
                self.env._(
                    "A request of this kind is about one product: send one "
                    "request per product."
                )
            )
        Move = self.env["stock.move"].sudo()
        move_ids = list({move_id for move_id, _lot, _qty in lines})
        ids = Domain("id", "in", move_ids)
        moves = Move.search(ids & self._aftersales_portal_move_domain(ticket, kind))
        if len(moves) != len(move_ids):
            known = Move.search(
                ids & self._aftersales_portal_move_domain(ticket, kind, window=False)
            )
            if len(known) == len(move_ids):
                raise UserError(
                    self.env._(
                        "Products delivered more than %(days)s days ago can no "
                        "longer be returned.",
                        days=ticket.team_id.aftersales_return_days,
                    )
                )
            raise UserError(
                self.env._(
                    "Choose among the products delivered to you: one of the "
                    "chosen products is not one of them."
                )
            )
        deliveries = moves.picking_id
        if rules.one_delivery and len(deliveries) > 1:
            raise UserError(
                self.env._(
                    "A request is about one delivery: ask for the products of "
                    "%(deliveries)s in separate requests.",
                    deliveries=", ".join(deliveries.mapped("name")),
                )
            )
        self._aftersales_portal_lock(moves)
        available = self._aftersales_available(moves)
        values = []
        totals = {}
        for move_id, lot_id, quantity in lines:
            move = moves.browse(move_id)
            lot = self._aftersales_portal_line_lot(move, lot_id, quantity, rules)
            totals[move] = totals.get(move, 0.0) + quantity
            values.append({"move_id": move.id, "lot_id": lot.id, "quantity": quantity})
        for move, total in totals.items():
            if move.product_uom.compare(total, available[move.id]) > 0:
                raise UserError(
                    self.env._(
                        "At most %(quantity)s %(unit)s of %(product)s can still be "
                        "requested from delivery %(delivery)s.",
                        quantity=formatLang(
                            self.env, available[move.id], dp="Product Unit"
                        ),
                        unit=move.product_uom.name,
                        product=move.product_id.display_name,
                        delivery=move.picking_id.name,
                    )
                )
        return values, deliveries

    @api.model
    def _aftersales_portal_line_lot(self, move, lot_id, quantity, rules):
        """The lot of a requested line: one that ``move`` delivered, for a
        quantity it delivered (kinds naming lots), else none."""
        Lot = self.env["stock.lot"]
        if not rules.by_lot or move.product_id.tracking == "none":
            if lot_id:
                raise UserError(
                    self.env._("The form is incomplete: open it again from the ticket.")
                )
            return Lot
        for lot, delivered in self._aftersales_move_lots(move):
            if lot.id == lot_id:
                if move.product_uom.compare(quantity, delivered) > 0:
                    raise UserError(
                        self.env._(
                            "At most %(quantity)s %(unit)s of %(product)s "
                            "(%(lot)s) were delivered.",
                            quantity=formatLang(self.env, delivered, dp="Product Unit"),
                            unit=move.product_uom.name,
                            product=move.product_id.display_name,
                            lot=lot.name,
                        )
                    )
                return lot
        raise UserError(
            self.env._(
                "Choose among the products delivered to you: one of the chosen "
                "lots or serial numbers is not one of them."
            )
        )

    @api.model
    def _aftersales_portal_lock(self, moves):
        """Lock the delivered moves and mark them as updated until the end of
        the transaction. Another session requesting them at the same time
        fails with a concurrency error, on which Odoo retries the request on
        fresh data (and then sees what the first one asked for)."""
        with mute_logger("odoo.sql_db"), self.env.cr.savepoint(flush=False):
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM stock_move WHERE id IN %s FOR NO KEY UPDATE NOWAIT",
                    tuple(moves.ids),
                )
            )
        self.env.cr.execute(
            SQL(
                "UPDATE stock_move SET write_date = write_date WHERE id IN %s",
                tuple(moves.ids),
            )
        )

    # ------------------------------------------------------------------
    # The request lands on the ticket
    # ------------------------------------------------------------------

    def _aftersales_portal_publish(self, photos):
        """The customer's message on the ticket, with the photos (attached to
        the ticket, hence read by whoever reads it), and the activity of the
        agent who decides."""
        self.ensure_one()
        request = self.sudo()
        ticket = request.ticket_id
        request._aftersales_ensure_follower(ticket)
        message = ticket.message_post(
            body=request._aftersales_summary_html(),
            author_id=request.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            # (their type is read from their content, which was checked)
            attachments=[(name, data) for name, data, _mimetype in photos],
        )
        request.photo_ids = message.attachment_ids
        request._aftersales_schedule_activity()

    def _aftersales_decider(self):
        """Who decides: the ticket's assignee, else the team leader, else the
        team's first member (active internal users)."""
        self.ensure_one()
        ticket = self.sudo().ticket_id
        team = ticket.team_id
        for user in (ticket.user_id, team.user_id, *team.user_ids):
            if user and user.active and user._is_internal():
                return user
        return self.env["res.users"]

    def _aftersales_schedule_activity(self):
        self.ensure_one()
        user = self._aftersales_decider()
        if not user:
            return
        request = self.sudo().with_context(lang=user.lang)
        activity = request.ticket_id.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=request.env._(
                "%(label)s %(request)s to decide",
                label=request._aftersales_label(),
                request=request.name,
            ),
            note=request._aftersales_activity_note(),
            user_id=user.id,
        )
        request.activity_id = activity
