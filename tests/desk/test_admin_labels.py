"""The Django admin speaks Japanese: every model and field it shows has a Japanese name (issue 9
item 5). The documents app's models follow with its own rework (issue 9 item 10)."""

from __future__ import annotations

import pytest
from django.contrib import admin

APPS = {"accounts", "audit", "parties", "committee", "disputes"}
# Technical names that are the same in Japanese usage.
AS_IS = {"SHA-256"}


@pytest.mark.parametrize(
    "model", [m for m in admin.site._registry if m._meta.app_label in APPS], ids=lambda m: m.__name__
)
def test_admin_models_and_fields_have_japanese_names(model) -> None:
    assert not str(model._meta.verbose_name).isascii()
    english = [
        f.name
        for f in model._meta.get_fields()
        if hasattr(f, "verbose_name")
        and f.name != "id"
        and str(f.verbose_name).isascii()
        and str(f.verbose_name) not in AS_IS
    ]
    assert english == []
