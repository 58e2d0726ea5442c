"""The check that an English page has no Japanese left in its own words (OD-03).

Japanese is allowed only inside an element marked lang="ja" (the case's own data, the body's
official name, the notices' titles) and in the official names given; everything else a reader sees
or a screen reader says (text, title, alt, aria-label, placeholder, a button's caption) is checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

from django.conf import settings
from django.utils import translation

JAPANESE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u4e00-\u9fff\uff01-\uff60]+")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SPOKEN = ("title", "alt", "aria-label", "placeholder")


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, inside lang="ja" or a script/style)
        self.seen: list[str] = []

    def _skipped(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        skipped = self._skipped() or values.get("lang") == "ja" or tag in ("script", "style")
        if not skipped:
            self.seen.extend(v for k, v in attrs if k in _SPOKEN and v)
            # A text box's value is what the party typed (case data); a button's is its caption.
            if tag == "input" and values.get("type") in ("submit", "button", "reset"):
                self.seen.append(values.get("value") or "")
        if tag not in _VOID:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._skipped():
            self.seen.append(data)


def stray_japanese(html: str, official: Iterable[str] = ()) -> list[str]:
    """The Japanese runs the page shows outside lang="ja" and the official names (empty: none)."""
    reader = _Reader()
    reader.feed(html)
    text = "\n".join(reader.seen)
    for name in sorted(official, key=len, reverse=True):
        text = text.replace(name, "")
    return JAPANESE.findall(text)


def say(lang: str, msgid: str) -> str:
    """What a page in the portal language ``lang`` (ja, easy, en) shows for ``msgid``."""
    from chotei.portal import languages

    with translation.override(languages.GETTEXT[lang]):
        return translation.gettext(msgid)


def official_names() -> list[str]:
    """The names and data an English page shows as they are: the body's official name, the insurers',
    the case numbers and the titles a party gave its documents (all marked lang="ja" or listed)."""
    from chotei.disputes.models import Case, Submission
    from chotei.parties.models import Organization

    body = settings.CHOTEI_BODY
    names = [f"{body['name']}（{body['designation']}）", body["name"], body["designation"]]
    names += list(Organization.objects.values_list("name", flat=True))
    names += list(Case.objects.values_list("number", flat=True))
    return names + list(Submission.objects.values_list("title", flat=True))
