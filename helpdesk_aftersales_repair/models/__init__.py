from . import helpdesk_ticket
from . import repair_order
from . import helpdesk_aftersales_request
from . import helpdesk_ticket_request
from . import repair_order_request
from . import repair_order_rules
