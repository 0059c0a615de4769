from . import helpdesk_ticket
from . import helpdesk_ticket_warranty
from . import stock_move
from . import stock_picking
