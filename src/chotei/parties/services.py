"""The organisation register (保険会社・共済組合 …): finding one by how a clerk wrote its name, and
registering a new one (DP-02)."""

from __future__ import annotations

from chotei.parties.models import Organization
from chotei.rules import organizations


def organizations_named(name: str) -> list[Organization]:
    """Registered organisations whose name is ``name`` up to spaces, width and 株式会社/(株).

    The register is a few hundred rows at most, so comparing in Python beats keeping a second,
    derived name column in step with every edit in the admin."""
    key = organizations.name_key(name)
    if not key:
        return []
    return [o for o in Organization.objects.order_by("pk") if organizations.name_key(o.name) == key]


def registered(organization: Organization) -> organizations.Registered:
    return organizations.Registered(
        name=organization.name, kind=organization.kind, kind_label=organization.get_kind_display()
    )


def organization_register(*, name: str, kind: str, address: str, postcode: str = "") -> Organization:
    """Called inside the intake's transaction, so a refused application leaves no organisation behind."""
    return Organization.objects.create(name=name, kind=kind, address=address, postcode=postcode)
