"""The Japanese back-office admin: every model lists; ledger and audit log are view only (DP-21, DP-22)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from chotei.audit.models import AuditEvent
from chotei.disputes.models import LedgerLine
from chotei.rules.states import CaseState
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(world: Any, make_case: Any) -> Client:
    make_case(CaseState.UNDER_REVIEW)
    user = world.users["admin"]
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    assert client.login(username="admin", password=PASSWORD)
    return client


def test_every_admin_changelist_renders(superuser_client: Client) -> None:
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = superuser_client.get(url)
        assert response.status_code == 200, url
    assert "調停 管理サイト" in superuser_client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("model", [AuditEvent, LedgerLine])
def test_dp21_dp22_ledger_and_audit_are_view_only_in_admin(superuser_client: Client, model: Any) -> None:
    meta = model._meta
    assert superuser_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_add")).status_code == 403
    obj = model.objects.first()
    change = superuser_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    response = superuser_client.post(
        reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()
