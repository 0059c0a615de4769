from . import helpdesk_aftersales_document_mixin
from . import helpdesk_aftersales_wizard_mixin
from . import helpdesk_ticket_team
from . import helpdesk_ticket
from . import ir_module_module
from . import ir_rule
