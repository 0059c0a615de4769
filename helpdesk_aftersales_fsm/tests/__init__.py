from . import test_fsm
from . import test_fsm_concurrency
from . import test_fsm_i18n
from . import test_fsm_rules
from . import test_fsm_team
from . import test_fsm_tour
from . import test_fsm_analysis
from . import test_fsm_trust
