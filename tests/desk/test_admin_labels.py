"""The Django admin speaks Japanese: every model and field it shows has a Japanese name, and a
notice's kind shows its title, not its code (issue 9 item 5)."""

from __future__ import annotations

import pytest
from django.contrib import admin

APPS = {"accounts", "audit", "parties", "committee", "disputes", "documents"}
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


def test_admin_lists_notices_by_their_titles_not_their_codes(make_case) -> None:
    from django.contrib.auth.models import User
    from django.test import Client

    from chotei.rules.states import CaseState

    make_case(CaseState.ACCEPTED)
    client = Client()
    client.force_login(User.objects.create_superuser("root", password="x"))
    response = client.get("/admin/documents/issueddocument/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "紛争処理申請受理通知書（申請人宛）" in html and "発出文書" in html
    assert ">acceptance_applicant<" not in html and ">receipt<" not in html
