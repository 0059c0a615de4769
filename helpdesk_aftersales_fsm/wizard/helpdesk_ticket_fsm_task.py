# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.helpdesk_ticket import TASK_ACTION


class HelpdeskTicketFsmTask(models.TransientModel):
    """The Plan Intervention dialog of a ticket: a field service task for the
    ticket's customer, in a field service project of the ticket's company."""

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
        if not ticket.partner_id:
            # the customer is written back to the ticket as the user
            ticket.check_access("write")

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
        return {
            "name": self.name.strip(),
            "project_id": self.project_id.id,
            "partner_id": self.partner_id.id,
            "company_id": ticket.company_id.id,
            "description": ticket.description,
            # unassigned, for the dispatcher (Odoo would assign the creator)
            "user_ids": False,
            **self._aftersales_link_values(),
        }
