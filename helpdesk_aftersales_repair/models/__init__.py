from . import helpdesk_ticket
from . import repair_order
from . import repair_order_rules
