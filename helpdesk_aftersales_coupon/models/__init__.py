from . import loyalty_card
from . import helpdesk_ticket
