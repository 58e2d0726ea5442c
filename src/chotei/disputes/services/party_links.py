"""当事者と登録組織の紐付け: an insurer or co-op party is always its registered organisation.

A typed-in insurer with no link hid its employees on the committee from the conflict check (DP-11,
CM-05, 法第23条の7第2項, 規程第12条) and the case from the insurer's own users (IM-01).
"""

from __future__ import annotations

import dataclasses

from chotei.parties.models import Organization, Party
from chotei.parties.services import organizations_named, registered
from chotei.rules import organizations
from chotei.rules.application import AGENT_SIDES, PartyRole
from chotei.rules.errors import RuleViolation


@dataclasses.dataclass
class PartyInput:
    name: str
    address: str
    # Empty: not stated — an organisation when linked to one, else a person.
    kind: str = ""
    postcode: str = ""
    organization_id: int | None = None
    party_id: int | None = None  # an already registered party (e.g. an insurer)
    # The desk shows a name match for the clerk to confirm; the API takes the match as stated.
    accept_name_match: bool = True
    # The desk may register an unknown insurer or co-op in the same step, after a confirmation.
    register_organization: bool = False


class NameMatchToConfirm(RuleViolation):
    """DP-02: the typed name matches a registered organisation the clerk has not confirmed yet."""

    def __init__(self, side: str, organization: Organization) -> None:
        self.organization = organization
        super().__init__(
            f"{AGENT_SIDES[side]}を登録済みの「{organization.name}」と照合しました。"
            "この組織でよければ、そのまま受け付けてください",
            organizations.PARTY_NAME_ARTICLE,
            f"{side}_organization",
        )


@dataclasses.dataclass
class Linked:
    """The party as it will be written; ``new_kind`` set when its organisation is to be registered."""

    data: PartyInput
    new_kind: str = ""
    # The registered party named by ``party_id``, as read for the link (the intake writes with it).
    party: Party | None = None


def _given(side: str, data: PartyInput) -> tuple[Organization | None, str, Party | None]:
    """The organisation the input names by id (its own, or its registered party's), the kind, and
    the registered party itself when named."""
    if data.party_id is not None:
        party = Party.objects.select_related("organization").filter(pk=data.party_id).first()
        if party is not None:
            return party.organization, party.kind, party
    if data.organization_id is None:
        return None, data.kind, None
    organization = Organization.objects.filter(pk=data.organization_id).first()
    if organization is None:
        raise RuleViolation(
            f"組織 {data.organization_id} は登録されていません",
            organizations.PARTY_NAME_ARTICLE,
            f"{side}_organization",
        )
    return organization, data.kind, None


def _matched(side: str, role: str, data: PartyInput) -> Organization | None:
    """The registered organisation the typed name stands for; refuses an unknown or ambiguous name."""
    matches = organizations_named(data.name)
    if len(matches) > 1:
        raise organizations.ambiguous(side, data.name, [o.name for o in matches])
    if matches:
        # Only a different spelling needs the clerk's eye; the registered name itself is unambiguous.
        if not data.accept_name_match and matches[0].name != data.name:
            raise NameMatchToConfirm(side, matches[0])
        return matches[0]
    if data.register_organization:
        return None
    raise organizations.unregistered(side, role, data.name)


def link(side: str, role: str, data: PartyInput) -> Linked:
    """DP-02/DP-04: the party of ``side`` in ``role``, linked to its registered organisation.

    An insurer or co-op takes the registered name, and the registered address when none is given,
    so notices and the conflict check speak of one organisation however the clerk wrote it. A blank
    name or an unknown role (an agent has none) is left to the DP-02/DP-04 checks, which name the
    item; only the organisation it names by id must exist."""
    organization, kind, party = _given(side, data)
    linked = _linked_to(side, role, data, organization, kind)
    linked.party = party
    return linked


def _linked_to(
    side: str, role: str, data: PartyInput, organization: Organization | None, kind: str
) -> Linked:
    if role not in {r.value for r in PartyRole}:
        return Linked(data)
    wanted = organizations.ROLE_KINDS.get(role)
    if wanted is not None and organization is None:
        if data.party_id is not None:
            raise organizations.unregistered(side, role, data.name)
        if not data.name:
            return Linked(data)
        organization = _matched(side, role, data)
    organizations.check_party_role(
        side, role, kind, registered(organization) if organization is not None else None
    )
    if wanted is None:
        return Linked(data)
    if organization is None:
        return Linked(dataclasses.replace(data, kind=Party.Kind.ORGANIZATION), new_kind=wanted)
    return Linked(
        dataclasses.replace(
            data,
            kind=Party.Kind.ORGANIZATION,
            organization_id=organization.pk,
            name=organization.name,
            address=data.address or organization.address,
            postcode=data.postcode or organization.postcode,
        )
    )
