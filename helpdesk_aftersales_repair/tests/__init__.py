from . import test_repair
from . import test_repair_access
from . import test_repair_rules
from . import test_repair_tour
from . import test_repair_warranty
from . import test_repair_request
from . import test_repair_analysis
from . import test_repair_trust
