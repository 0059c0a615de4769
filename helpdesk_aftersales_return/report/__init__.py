from . import helpdesk_aftersales_report
