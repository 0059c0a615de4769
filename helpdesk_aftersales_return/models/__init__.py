from . import account_move_line
from . import helpdesk_ticket
from . import helpdesk_ticket_credit
from . import sale_order_line
from . import stock_move
from . import stock_move_credit
from . import stock_picking
from . import stock_picking_credit
