"""Template filters for the portal's languages (OD-03)."""

from __future__ import annotations

from django import template

from chotei.portal import i18n
from chotei.rules.articles import Article

register = template.Library()


@register.filter
def cite(article: Article) -> str:
    return i18n.cite(article)
