"""Issue #6 item 3: the admin only shows the roster; every change goes through the desk's services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from chotei.audit.models import AuditEvent
from chotei.committee import services
from chotei.committee.models import Appointment, BoardMeeting, CommitteeMember, InterestDeclaration
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(world: Any) -> Client:
    user = world.users["admin"]
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    assert client.login(username="admin", password=PASSWORD)
    services.appointment_request(
        actor=world.users["chair"],
        kind="appoint",
        name="石井 大輔",
        office="tokyo",
        qualification="lawyer",
        career="弁護士",
        effective_on=dt.date(2026, 7, 1),
        reason="急病",
        emergency=True,
    )
    services.board_meeting_record(
        actor=world.staff, held_on=dt.date(2026, 7, 20), name="臨時理事会", kind="extraordinary"
    )
    return client


@pytest.mark.parametrize("model", [CommitteeMember, Appointment, InterestDeclaration, BoardMeeting])
def test_cm01_cm05_roster_admin_refuses_add_change_and_delete(superuser: Client, model: Any) -> None:
    meta = model._meta
    name = f"admin:{meta.app_label}_{meta.model_name}"
    obj = model.objects.first()
    before = {f.name: getattr(obj, f.attname) for f in meta.concrete_fields}
    events = AuditEvent.objects.count()
    assert superuser.get(reverse(f"{name}_changelist")).status_code == 200
    assert superuser.post(reverse(f"{name}_add"), {"name": "x"}).status_code == 403
    change = superuser.post(reverse(f"{name}_change", args=[obj.pk]), {"name": "改ざん", "active": ""})
    assert change.status_code == 403
    assert superuser.post(reverse(f"{name}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
    obj.refresh_from_db()
    assert {f.name: getattr(obj, f.attname) for f in meta.concrete_fields} == before
    assert model.objects.count() >= 1 and AuditEvent.objects.count() == events
