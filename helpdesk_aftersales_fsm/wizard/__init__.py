from . import helpdesk_ticket_fsm_task
