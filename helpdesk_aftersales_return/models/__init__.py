from . import helpdesk_ticket
from . import stock_move
from . import stock_picking
from . import helpdesk_ticket_team
from . import helpdesk_aftersales_request
from . import helpdesk_aftersales_request_portal
from . import helpdesk_ticket_request
from . import report_return_authorization
