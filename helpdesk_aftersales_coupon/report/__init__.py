from . import loyalty_card
from . import helpdesk_aftersales_report
from . import helpdesk_aftersales_analysis_demo
