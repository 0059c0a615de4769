from . import loyalty_card
from . import helpdesk_aftersales_report
