from . import helpdesk_ticket
from . import repair_order
from . import repair_order_rules
from . import helpdesk_ticket_demo
