# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a bridge declares to the framework (see readme/CONTRIBUTE.md)."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document that a bridge makes from tickets.

    The framework derives from it the smart-button count of the ticket, the action
    that opens the documents, and the list on the ticket's portal page. The label
    of all three is the string of ``count_field``.

    :param count_field: Integer field of ``helpdesk.ticket`` computed by
        ``_compute_aftersales_counts`` (declared by the bridge)
    :param model: the document model (it inherits
        ``helpdesk.aftersales.document.mixin``)
    :param domain: which documents of ``model`` are of this kind
    :param action: xmlid of the window action whose views and context open them
    :param sudo: count them as superuser; for documents that a helpdesk user may
        read only through the ticket (see ``helpdesk_ticket_read_domain``)
    :param portal_domain: ``None`` keeps them off the portal; otherwise the
        documents a customer may see (never drafts)
    :param portal_date_field: date shown on the portal
    :param portal_state_field: selection field whose label is shown on the portal
    """

    count_field: str
    model: str
    domain: list = field(default_factory=list)
    action: str | None = None
    sudo: bool = False
    portal_domain: list | None = None
    portal_date_field: str | None = None
    portal_state_field: str | None = None


@dataclass(frozen=True)
class StatusRule:
    """ "State field ``field`` of a document reaching a value of ``messages``
    posts that message on its ticket under ``subtype``."

    :param field: stored field of the document (computed or not)
    :param messages: ``{value: translated message}``; a message has a
        ``%(document)s`` placeholder, replaced by a link to the document
    :param subtype: xmlid of an after-sales status subtype of the ticket
    :param domain: the documents the rule applies to
    """

    field: str
    messages: dict
    subtype: str
    domain: list = field(default_factory=list)
