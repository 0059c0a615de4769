from . import helpdesk_ticket
from . import helpdesk_ticket_team
from . import project_project
from . import project_task
