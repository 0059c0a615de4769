from . import stock_return_picking
from . import helpdesk_aftersales_replace_wizard
