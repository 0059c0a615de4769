from . import account_move_reversal
from . import stock_return_picking
from . import helpdesk_aftersales_replace_wizard
from . import stock_return_picking_request
from . import helpdesk_aftersales_request_refuse
