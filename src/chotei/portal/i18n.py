"""Words the portal takes from the rules (labels, choices, questions, citations) in the chosen
language (OD-03). The rules stay Japanese, the text of record; their words are gettext msgids like
the templates' own, so one catalog per language holds every translation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils.translation import get_language, gettext, gettext_lazy

from chotei.rules.articles import ACT, CHARTER, ORDINANCE, RULES, Article
from chotei.rules.errors import RuleViolation

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def term(text: str) -> StrPromise:
    """A word of the rules, translated when shown (the form is built at import, shown per request)."""
    return gettext_lazy(text)


def choices(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, StrPromise]]:
    return [(value, term(label)) for value, label in pairs]


_SOURCES_EN = {
    ACT: "Automobile Liability Security Act",
    ORDINANCE: "Ordinance",
    RULES: "Dispute Processing Rules",
    CHARTER: "Articles of Incorporation",
}
_REF = re.compile(r"第(\d+)条(?:の(\d+))?(?:第(\d+)項)?(?:第(\d+)号)?")


def cite(article: Article) -> str:
    """The citation in English on English pages (Art. 5(1)(viii) style); Japanese otherwise, since
    the official reference is what the やさしい日本語 pages keep too."""
    found = _REF.fullmatch(article.ref)
    if not (get_language() or "").startswith("en") or article.source not in _SOURCES_EN or not found:
        return str(article)
    number, sub, paragraph, item = found.groups()
    text = f"{_SOURCES_EN[article.source]}, Art. {number}" + (f"-{sub}" if sub else "")
    text += f", para. {paragraph}" if paragraph else ""
    text += f", item {item}" if item else ""
    return text


def refusal(exc: Exception, label: str = "") -> str:
    """A rule's refusal as the party reads it, in the chosen language with its article. A message
    that carries the party's own values has no translation; the other languages then name the
    field to check instead of showing Japanese. Any other refusal (access, a stale version) says
    its own words."""
    if not isinstance(exc, RuleViolation):
        return str(exc)
    language = get_language() or "ja"
    message = gettext(exc.message)
    article = cite(exc.article)
    if language == "ja":
        return str(exc)
    if message != exc.message or language != "en":
        return gettext("%(message)s（%(article)s）") % {"message": message, "article": article}
    if label:
        return gettext("「%(label)s」の内容を確認してください（%(article)s）") % {
            "label": label,
            "article": article,
        }
    return gettext("入力内容を確認してください（%(article)s）") % {"article": article}


def required(label: object) -> str:
    """The portal's own forms' "field: fill this in" in the chosen language (OD-03), read when the
    form is built for the request."""
    return gettext("%(label)s: 入力してください。") % {"label": label}
