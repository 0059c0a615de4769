# Copyright 2026 Helpdesk After-Sales contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a bridge declares to the framework (see readme/DEVELOP.md)."""

from dataclasses import dataclass, field

# The group of helpdesk agents: reading a ticket is not a right to act on it
# (helpdesk_mgmt lets every internal user read the tickets they follow or are
# the customer of); every after-sales action needs this group too.
AGENT_GROUP = "helpdesk_mgmt.group_helpdesk_user_own"


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document that a bridge makes from tickets, under one team
    option (each option makes one kind of document).

    The framework derives from it who may make and link such documents, the
    smart-button count (and value) of the ticket, the action that opens the
    documents, the chatter notes and the rows of the ticket's portal page.
    The smart button's label is the string of ``count_field``.

    :param count_field: Integer field of ``helpdesk.ticket`` computed by
        ``_compute_aftersales_counts`` (declared by the bridge); ``None`` for
        documents that are linked but not counted (no smart button)
    :param model: the document model (it inherits
        ``helpdesk.aftersales.document.mixin``)
    :param toggle: the team option under which tickets make and link such
        documents
    :param groups: comma-separated xmlids of the groups that Odoo itself asks
        for the document (all of them are needed, besides the agent group),
        e.g. ``"account.group_account_invoice"``
    :param domain: which documents of ``model`` are of this kind: only those
        can be linked to a ticket under this option
    :param active_domain: which of them count (smart button, portal): not the
        cancelled ones
    :param action: xmlid of the window action whose views and context open them
    :param sudo: count them as superuser; for documents that a helpdesk user may
        read only through the ticket (see ``helpdesk_ticket_read_domain``)
    :param value_field: Monetary field of ``helpdesk.ticket`` (in the company's
        currency) computed with the count: the sum of ``value_source``
    :param value_source: field of the document summed into ``value_field``
    :param created_note: whole sentence posted on the ticket when such a
        document is created from it; ``%(document)s`` is a link to it
    :param linked_note: the same when an existing document is linked to it
    :param portal_label: what the document is, for customers (a column of
        the ticket's portal page)
    :param portal_domain: ``None`` keeps them off the portal; otherwise the
        documents a customer may see (never drafts)
    :param portal_date_field: date shown on the portal
    :param portal_state_field: selection field whose label is shown on the portal
    """

    count_field: str | None
    model: str
    toggle: str
    groups: str = ""
    domain: list = field(default_factory=list)
    active_domain: list = field(default_factory=list)
    action: str | None = None
    sudo: bool = False
    value_field: str | None = None
    value_source: str | None = None
    created_note: str | None = None
    linked_note: str | None = None
    portal_label: str | None = None
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
