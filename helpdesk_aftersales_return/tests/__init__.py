from . import test_replacement
from . import test_return
from . import test_return_concurrency
from . import test_return_refund
from . import test_return_refund_concurrency
from . import test_return_refund_tour
from . import test_return_rules
from . import test_return_tour
