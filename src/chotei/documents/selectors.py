"""Reads of insurers' and co-ops' payment claims, scoped to what the user may see (IM-01)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from chotei.accounts.models import Role
from chotei.accounts.permissions import SEE_ALL, role_of
from chotei.disputes.services.core import NotFound
from chotei.documents.models import PaymentClaim


def claims_visible_to(user: Any) -> QuerySet[PaymentClaim]:
    """The body's staff see every claim; an insurer or co-op user only its own organization's."""
    role = role_of(user)
    if role in SEE_ALL:
        return PaymentClaim.objects.all()
    if role == Role.INSURER and user.profile.organization_id:
        return PaymentClaim.objects.filter(insurer_id=user.profile.organization_id)
    return PaymentClaim.objects.none()


def claim_get(user: Any, claim_id: int) -> PaymentClaim:
    """The claim if the user may see it; another organization's answers NotFound, as if absent."""
    claim = claims_visible_to(user).select_related("insurer", "claimant").filter(pk=claim_id).first()
    if claim is None:
        raise NotFound(f"請求 {claim_id} は見つかりません")
    return claim
