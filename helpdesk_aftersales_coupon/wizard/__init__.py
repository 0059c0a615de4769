from . import helpdesk_aftersales_coupon_wizard
