# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from ..models.helpdesk_ticket import TASK_ACTION

PROJECT_USER = "project.group_project_user"
# fields of the dialog holding records: ids of existing records only
RECORD_FIELDS = (
    "helpdesk_ticket_id",
    "project_id",
    "partner_id",
    "aftersales_reason_id",
)


def _technician_domain(wizard):
    """Internal users of the ticket's company who are project users."""
    group = wizard.env.ref(PROJECT_USER, raise_if_not_found=False)
    return (
        "[('share', '=', False), ('company_ids', 'in', company_id), "
        f"('all_group_ids', 'in', {group.id if group else 0})]"
    )


class HelpdeskTicketFsmTask(models.TransientModel):
    """The Plan Intervention dialog of a ticket: a field service task for the
    ticket's customer, in a field service project of the ticket's company,
    planned at a date with technicians."""

    _name = "helpdesk.ticket.fsm.task"
    _inherit = ["helpdesk.aftersales.wizard.mixin"]
    _description = "Create a Field Service Task from a Ticket"
    _aftersales_toggle = "use_fsm"
    # the dialog asks for the customer and gives it to a ticket that has none
    _aftersales_needs_customer = False

    helpdesk_ticket_id = fields.Many2one(required=True, ondelete="cascade")
    company_id = fields.Many2one(related="helpdesk_ticket_id.company_id")
    ticket_commercial_partner_id = fields.Many2one(
        related="helpdesk_ticket_id.commercial_partner_id", string="Ticket Customer"
    )
    name = fields.Char(
        string="Title",
        compute="_compute_name",
        store=True,
        readonly=False,
        help="Title of the task; the ticket's title by default.",
    )
    project_id = fields.Many2one(
        comodel_name="project.project",
        compute="_compute_project_id",
        store=True,
        readonly=False,
        domain="[('is_fsm', '=', True), '|', ('company_id', '=', False), "
        "('company_id', '=', company_id)]",
        help="Field service project of the task; the team's one by default.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id), "
        "('commercial_partner_id', '=?', ticket_commercial_partner_id)]",
        help="Customer of the intervention; they follow the task in the portal. "
        "A ticket without customer gets this one.",
    )
    date_deadline = fields.Datetime(
        string="Planned Date",
        help="When the technicians go to the customer (the task's deadline). "
        "A task with a date starts in the Planned stage, without one in New.",
    )
    user_ids = fields.Many2many(
        comodel_name="res.users",
        string="Technicians",
        domain=_technician_domain,
        help="Who goes to the customer: project users of the ticket's company. "
        "Left empty, the task waits for the dispatcher.",
    )

    @api.depends("helpdesk_ticket_id")
    def _compute_name(self):
        for wizard in self:
            wizard.name = wizard.helpdesk_ticket_id.name

    @api.depends("helpdesk_ticket_id")
    def _compute_project_id(self):
        for wizard in self:
            ticket = wizard.helpdesk_ticket_id
            wizard.project_id = (
                ticket._aftersales_fsm_default_project() if ticket else False
            )

    @api.depends("helpdesk_ticket_id")
    def _compute_partner_id(self):
        for wizard in self:
            wizard.partner_id = wizard.helpdesk_ticket_id.partner_id

    # ------------------------------------------------------------------
    # What a client sends
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        ticket_from_context = self._aftersales_ticket_from_context()
        for vals in vals_list:
            self._aftersales_fsm_check_input(vals)
            ticket = self.env["helpdesk.ticket"].browse(
                vals.get("helpdesk_ticket_id") or ticket_from_context.id
            )
            if not ticket:
                raise UserError(
                    self.env._("Plan an intervention from the ticket it is for.")
                )
            # the dialog of a ticket the user may not plan interventions from
            # is not even opened (it would show the ticket's data)
            ticket._aftersales_guard(self._aftersales_toggle)
        return super().create(vals_list)

    def write(self, vals):
        self._aftersales_fsm_check_input(vals)
        return super().write(vals)

    @api.model
    def _aftersales_fsm_check_input(self, vals):
        """Refuse, with a clear message, values that no form of the dialog
        sends: a title that is not a text, a date that is not a date, ids of
        records that do not exist, technicians that are not users."""
        name = vals.get("name")
        if name not in (None, False) and not isinstance(name, str):
            raise UserError(self.env._("The title of the task must be a text."))
        if vals.get("date_deadline"):
            vals["date_deadline"] = self._aftersales_fsm_date(vals["date_deadline"])
        for fname in RECORD_FIELDS:
            self._aftersales_fsm_check_record(fname, vals.get(fname))
        if "user_ids" in vals:
            vals["user_ids"] = [Command.set(self._aftersales_fsm_user_ids(vals))]

    @api.model
    def _aftersales_fsm_date(self, value):
        message = self.env._("The planned date must be a date and time.")
        if isinstance(value, datetime.date) and not isinstance(
            value, datetime.datetime
        ):
            raise UserError(message)
        if not isinstance(value, (str, datetime.datetime)):
            raise UserError(message)
        try:
            date = fields.Datetime.to_datetime(value)
        except (ValueError, TypeError, OverflowError):
            raise UserError(message) from None
        if not date:
            raise UserError(message)
        return date

    @api.model
    def _aftersales_fsm_check_record(self, fname, value):
        if value is None or value is False:
            return
        field = self._fields[fname]
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or value <= 0
            or not self.env[field.comodel_name].sudo().browse(value).exists()
        ):
            raise UserError(
                self.env._(
                    "%(field)s must be an existing record.",
                    field=field._description_string(self.env),
                )
            )

    @api.model
    def _aftersales_fsm_user_ids(self, vals):
        """The ids of the technicians that the commands of ``vals['user_ids']``
        choose (the web client sends a list of ``Command.set`` or
        ``Command.link``/``unlink`` of ids); an unknown command or a missing
        user is refused."""
        value = vals["user_ids"] or []
        message = self.env._("Choose the technicians among the users.")
        if not isinstance(value, (list, tuple)):
            raise UserError(message)
        ids = []
        for command in value:
            if not isinstance(command, (list, tuple)) or not command:
                raise UserError(message)
            code = command[0]
            if code == Command.SET and len(command) == 3:
                if not isinstance(command[2], (list, tuple)):
                    raise UserError(message)
                ids = list(command[2])
            elif code == Command.LINK and len(command) >= 2:
                ids.append(command[1])
            elif code == Command.UNLINK and len(command) >= 2:
                ids = [uid for uid in ids if uid != command[1]]
            elif code == Command.CLEAR:
                ids = []
            else:
                raise UserError(message)
        if any(
            isinstance(uid, bool) or not isinstance(uid, int) or uid <= 0 for uid in ids
        ):
            raise UserError(message)
        users = self.env["res.users"].sudo().with_context(active_test=False)
        if len(users.browse(ids).exists()) != len(set(ids)):
            raise UserError(message)
        return list(dict.fromkeys(ids))

    # ------------------------------------------------------------------
    # Public methods: every one of them follows the ticket's rules
    # ------------------------------------------------------------------

    def action_create_task(self):
        """The Create Task button: the task is created, the dialog closes and the
        ticket form reloads (its Tasks smart button shows the new task)."""
        self._aftersales_run_once(self._aftersales_fsm_create_task)
        return {"type": "ir.actions.act_window_close"}

    def action_create_and_view_task(self):
        """The Create & View Task button: the task is created and its form
        opens."""
        task = self._aftersales_run_once(self._aftersales_fsm_create_task)
        return self.helpdesk_ticket_id._aftersales_action_open(
            task, TASK_ACTION, name=self.env._("Tasks")
        )

    # ------------------------------------------------------------------

    def _aftersales_check(self):
        res = super()._aftersales_check()
        for wizard in self:
            wizard._aftersales_fsm_check()
        return res

    def _aftersales_fsm_check(self):
        """Refuse, with a clear message and before anything is created, what the
        dialog cannot do (a JSON-RPC client can write anything into it)."""
        self.ensure_one()
        ticket = self.helpdesk_ticket_id
        if not (self.name or "").strip():
            raise UserError(self.env._("Give the task a title."))
        self._aftersales_fsm_check_project()
        self._aftersales_fsm_check_partner()
        self._aftersales_fsm_check_technicians()
        if not ticket.partner_id:
            # the customer is written back to the ticket as the user
            ticket.check_access("write")

    def _aftersales_fsm_check_project(self):
        ticket = self.helpdesk_ticket_id
        project = self.project_id
        if not project:
            raise UserError(self.env._("Choose the field service project of the task."))
        project.check_access("read")
        if not project.is_fsm:
            raise UserError(
                self.env._(
                    "%(project)s is not a field service project.",
                    project=project.display_name,
                )
            )
        if not project._aftersales_fsm_usable_in(ticket.company_id):
            raise UserError(
                self.env._(
                    "%(project)s belongs to another company: choose a field service "
                    "project of %(company)s, the company of ticket %(ticket)s.",
                    project=project.display_name,
                    company=ticket.company_id.display_name,
                    ticket=ticket.display_name,
                )
            )

    def _aftersales_fsm_check_partner(self):
        ticket = self.helpdesk_ticket_id
        partner = self.partner_id
        if not partner:
            raise UserError(self.env._("Set the customer of the task."))
        partner.check_access("read")
        if partner.company_id and partner.company_id != ticket.company_id:
            raise UserError(
                self.env._(
                    "%(customer)s belongs to another company than ticket %(ticket)s.",
                    customer=partner.display_name,
                    ticket=ticket.display_name,
                )
            )
        if (
            ticket.partner_id
            and partner.commercial_partner_id != ticket.commercial_partner_id
        ):
            raise UserError(
                self.env._(
                    "The customer of the task must be %(customer)s, the customer of "
                    "ticket %(ticket)s, or one of its contacts.",
                    customer=ticket.commercial_partner_id.display_name,
                    ticket=ticket.display_name,
                )
            )

    def _aftersales_fsm_check_technicians(self):
        """Technicians are active internal users of the ticket's company who
        are project users."""
        company = self.helpdesk_ticket_id.company_id
        users = self.with_context(active_test=False).user_ids
        wrong = users.sudo().filtered(
            lambda user: (
                not user.active
                or user.share
                or company not in user.company_ids
                or not user.has_group(PROJECT_USER)
            )
        )
        if wrong:
            raise UserError(
                self.env._(
                    "Only project users of %(company)s can be technicians of the "
                    "intervention, not %(users)s.",
                    company=company.display_name,
                    users=", ".join(wrong.mapped("name")),
                )
            )

    def _aftersales_fsm_create_task(self):
        """Create the task (as the user: project users create tasks in field
        service projects, which are open to all internal users), give a ticket
        without customer the dialog's one, and subscribe the customer to the task
        so that they follow it in the portal."""
        self.ensure_one()
        ticket = self.helpdesk_ticket_id
        if not ticket.partner_id:
            ticket.write(
                {
                    "partner_id": self.partner_id.id,
                    "partner_name": self.partner_id.name,
                    "partner_email": self.partner_id.email,
                }
            )
        task = self.env["project.task"].create(self._aftersales_fsm_task_values())
        task.message_subscribe(partner_ids=self.partner_id.ids)
        return task

    def _aftersales_fsm_task_values(self):
        self.ensure_one()
        ticket = self.helpdesk_ticket_id
        values = {
            "name": self.name.strip(),
            "project_id": self.project_id.id,
            "partner_id": self.partner_id.id,
            "company_id": ticket.company_id.id,
            "description": ticket.description,
            "date_deadline": self.date_deadline,
            # the technicians, or nobody for the dispatcher (Odoo would assign
            # the creator)
            "user_ids": [Command.set(self.user_ids.ids)],
            **self._aftersales_link_values(),
        }
        stage = self._aftersales_fsm_first_stage()
        if stage:
            values["stage_id"] = stage.id
        return values

    def _aftersales_fsm_first_stage(self):
        """The stage the task starts in: Planned when it has a date, New
        otherwise (when the project has those field service stages; Odoo's
        first stage of the project otherwise)."""
        Project = self.env["project.project"]
        stage = Project._aftersales_fsm_stage(
            "planned" if self.date_deadline else "new"
        )
        if stage and self.project_id in stage.sudo().project_ids:
            return stage
        return stage.browse()
