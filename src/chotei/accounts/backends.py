"""The staff login's backend (IM-01)."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ImproperlyConfigured

from chotei.accounts.models import StaffProfile

# Columns the profile may have: read beside the user's through ``raw``, they get none of the
# database converters the user's own columns get, so they must come back as Python takes them.
_PLAIN = {"AutoField", "BigAutoField", "CharField", "ForeignKey", "IntegerField", "OneToOneField"}


@functools.cache
def _profile_fields() -> list[str]:
    fields = StaffProfile._meta.concrete_fields
    odd = [f.name for f in fields if f.get_internal_type() not in _PLAIN]
    if odd:
        raise ImproperlyConfigured(
            f"StaffProfile fields {odd} need converters; read the profile with select_related"
        )
    return [f.attname for f in fields]


@functools.cache
def _user_sql() -> str:
    users = get_user_model()._meta.db_table
    columns = ", ".join(
        f'p."{f.column}" AS "_profile_{f.attname}"' for f in StaffProfile._meta.concrete_fields
    )
    # Table and column names come from the models; the id is a parameter.
    profiles = StaffProfile._meta.db_table
    link = StaffProfile._meta.get_field("user").column
    pk = get_user_model()._meta.pk.column
    sql = f'SELECT u.*, {columns} FROM "{users}" u LEFT JOIN "{profiles}" p ON p."{link}" = u."{pk}" WHERE u."{pk}" = %s'  # noqa: S608
    return sql


def user_with_profile(user_id: Any) -> Any:
    """The user and its role profile (``user.profile``, or none) in one query written once: every
    desk page reads the session's user and its role, and building the ORM's select_related query
    each time cost twice the query itself (bench/desk.py on PostgreSQL)."""
    names = _profile_fields()
    for user in get_user_model()._default_manager.raw(_user_sql(), [user_id]):
        values = [user.__dict__.pop(f"_profile_{name}") for name in names]
        profile = None
        if values[names.index("id")] is not None:
            profile = StaffProfile.from_db(user._state.db, names, values)
            profile._state.fields_cache["user"] = user
        user._state.fields_cache["profile"] = profile
        return user
    return None


class StaffBackend(ModelBackend):
    """Django's user-name login; the session's user comes with its role profile in the same query,
    since every desk page reads the role (a query a page less: bench/desk.py)."""

    def get_user(self, user_id: Any) -> Any:
        user = user_with_profile(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
