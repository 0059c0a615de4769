from . import test_team_toggles
from . import test_ticket_framework
from . import test_i18n_ko
from . import test_tour
from . import test_trust
from . import test_portal_language
from . import test_analysis
from . import test_form_queries
