"""Linking parties typed in before DP-02 required it to their registered organisations.

Used by the data migration, so it takes the model classes it works on (the migration's historical
ones) and reads nothing else of the app.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from chotei.rules.organizations import ROLE_KINDS, name_key


def link_parties_by_name(party_model: Any, organization_model: Any) -> list[str]:
    """Link every unlinked party in an insurer's or co-op's role to the one organisation of that kind
    its name matches; return, in Japanese, each party it could not link and why."""
    by_key: dict[str, list[Any]] = defaultdict(list)
    for organization in organization_model.objects.order_by("pk"):
        by_key[name_key(organization.name)].append(organization)
    parties = (
        party_model.objects.filter(organization__isnull=True, case_roles__role__in=list(ROLE_KINDS))
        .distinct()
        .order_by("pk")
    )
    unlinked: list[str] = []
    for party in parties:
        kinds = set(party.case_roles.values_list("role", flat=True)) & set(ROLE_KINDS)
        wanted = {ROLE_KINDS[role] for role in kinds}
        matches = [o for o in by_key.get(name_key(party.name), []) if o.kind in wanted]
        if len(matches) == 1:
            party_model.objects.filter(pk=party.pk).update(organization=matches[0], kind="organization")
            continue
        reason = "該当する登録組織がありません" if not matches else "該当する登録組織が複数あります"
        unlinked.append(f"当事者 {party.pk}「{party.name}」: {reason}")
    return unlinked
