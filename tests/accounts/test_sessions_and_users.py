"""The session and the session's user read by fixed statements (chotei.web.sessions.SessionStore,
accounts.backends.user_with_profile): the same answers as Django's own store and select_related —
the role profile with its user, none for a user without one, no session once expired or unknown,
no user once deactivated (IM-01)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.utils import timezone

from chotei.accounts.backends import StaffBackend, user_with_profile
from chotei.accounts.models import Role, StaffProfile
from chotei.web.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_im01_user_comes_with_its_role_profile_in_one_query(django_assert_num_queries) -> None:
    user = User.objects.create_user("clerk-a", first_name="花子", last_name="鈴木")
    StaffProfile.objects.create(user=user, role=Role.SECRETARIAT)
    with django_assert_num_queries(1):
        read = user_with_profile(user.pk)
        assert (read.username, read.last_name, read.profile.role) == ("clerk-a", "鈴木", Role.SECRETARIAT)
        assert read.profile.user is read and read.profile.member_id is None
    # Its columns as the ORM converts them (a date and a flag, on SQLite as on PostgreSQL).
    assert isinstance(read.date_joined, dt.datetime) and timezone.is_aware(read.date_joined)
    assert read.is_active is True and read.is_staff is False


def test_im01_user_without_profile_and_inactive_or_unknown_user() -> None:
    party = User.objects.create_user("party@example.jp")
    read = user_with_profile(party.pk)
    with pytest.raises(User.profile.RelatedObjectDoesNotExist):
        read.profile  # noqa: B018 - as select_related answers a missing profile
    party.is_active = False
    party.save()
    assert StaffBackend().get_user(party.pk) is None
    assert user_with_profile(party.pk + 1000) is None


def test_im01_session_read_until_it_expires() -> None:
    store = SessionStore()
    store["seen"] = 1
    store.create()
    key = store.session_key
    assert SessionStore(key).load() == {"seen": 1}
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    expired = SessionStore(key)
    assert expired.load() == {} and expired.session_key is None
    assert SessionStore("no-such-session-key-000000000000").load() == {}
