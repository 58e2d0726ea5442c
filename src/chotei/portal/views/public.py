"""The public pages (no login): who the body is, what it takes, how, at what cost, where to call.
Each is one template whose words gettext says in the chosen language (OD-03)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from chotei.portal import content


def _page(request: HttpRequest, template: str, **extra: object) -> HttpResponse:
    return render(request, f"portal/public/{template}.html", {"c": content, **extra})


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return _page(request, "home")


@require_safe
def scope(request: HttpRequest) -> HttpResponse:
    return _page(request, "scope")


@require_safe
def procedure(request: HttpRequest) -> HttpResponse:
    return _page(request, "procedure", total=content.total_business_days())


@require_safe
def contact(request: HttpRequest) -> HttpResponse:
    return _page(request, "contact")
