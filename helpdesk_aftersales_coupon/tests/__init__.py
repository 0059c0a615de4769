from . import test_coupon
from . import test_coupon_concurrency
from . import test_coupon_rules
from . import test_coupon_tour
from . import test_coupon_trust
