from . import test_refund
from . import test_refund_tour
from . import test_refund_analysis
