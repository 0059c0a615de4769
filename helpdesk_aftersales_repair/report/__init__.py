from . import repair_order
from . import helpdesk_aftersales_report
