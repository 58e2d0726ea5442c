"""OD-03: the catalogs hold every word the portal takes from the rules, and the committed .mo files
say what their .po files say (nothing compiles them at build or run time)."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest
from django.utils import translation

from chotei.disputes.models import Case, Submission
from chotei.disputes.models.case import STATE_LABELS
from chotei.disputes.services import uploads
from chotei.portal import application as portal_application
from chotei.portal import content
from chotei.rules import application, offices, screening

LOCALE = Path(portal_application.__file__).resolve().parent / "locale"
CATALOGS = ("en", "ja_Easy")


def _po(path: Path) -> dict[object, str]:
    """msgid (``context\x04msgid`` with a context; (msgid, 0) for a plural) → msgstr, read from the
    .po as msgfmt reads it."""
    entries: dict[object, str] = {}
    current: dict[str, str] = {}
    key = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if current.get("msgid"):
                # A context is stored before its msgid with EOT between, as msgfmt writes it.
                msgid = "\x04".join(filter(None, (current.get("msgctxt"), current["msgid"])))
                plural = "msgid_plural" in current
                entries[(msgid, 0) if plural else msgid] = current["msgstr[0]" if plural else "msgstr"]
            current = {}
            continue
        if line.startswith('"'):
            current[key] += ast.literal_eval(line)
            continue
        key, _, value = line.partition(" ")
        current[key] = ast.literal_eval(value)
    return entries


def _rule_words() -> list[str]:
    """Every word of the rules and models the application, the review and my case show."""
    items = [*application.APPLICATION_ITEMS, application.ROLE_ITEM]
    items += [item for side in application.AGENT_SIDES for item in application.agent_items(side)]
    words = [label for _, label, _ in items]
    words += [text for q in screening.SCREENING_QUESTIONS for text in (q.question, q.warning)]
    words += [label for _, label in portal_application.APPLICANT_ROLES]
    words += [label for _, label in offices.OFFICE_CHOICES]
    for choices in (Case.Category.choices, Case.Channel.choices, Submission.Kind.choices):
        words += [label for _, label in choices]
    words += [*STATE_LABELS.values(), *content.STATE_PLAIN.values(), uploads.TYPES_LABEL]
    return [str(w) for w in words]


@pytest.mark.parametrize("catalog", CATALOGS)
def test_od03_the_committed_mo_is_the_po_compiled(catalog: str) -> None:
    folder = LOCALE / catalog / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    written = _po(folder / "django.po")
    assert {k: v for k, v in compiled.items() if k != ""} == written
    assert len(written) > 200


def test_od03_every_rule_word_the_portal_shows_is_in_both_catalogs() -> None:
    words = _rule_words()
    with translation.override("en"):
        assert [w for w in words if translation.gettext(w) == w] == []
    easy = _po(LOCALE / "ja_Easy" / "LC_MESSAGES" / "django.po")
    assert [w for w in words if w not in easy] == []


@pytest.mark.parametrize(
    ("msgid", "term"),
    [
        ("紛争処理の申請：内容の確認", "紛争処理"),
        ("紛争処理を求める事項", "紛争処理を求める事項"),
        ("このまま申請することはできます。事務局が受理審査で確認します。", "受理審査"),
        ("委任状の提出", "委任状"),
        (
            "通知書をこのサイトで読むには、電子交付の承諾が必要です（承諾しない場合は郵送します）。",
            "電子交付",
        ),
        ("主張書面・証拠の提出", "主張書面"),
        ("相手方（保険会社等や加害者）との間で、すでに示談が成立していますか", "示談"),
        ("後遺障害", "後遺障害"),
        ("申請人", "申請人"),
        ("相手方（被申請人）", "相手方"),
        ("申請の取下げ", "取下げ"),
    ],
)
def test_od03_easy_japanese_keeps_the_official_term_with_a_plain_explanation(msgid: str, term: str) -> None:
    """The official term stays, its reading or meaning right after it in brackets: a party meets
    the term itself on the notices."""
    with translation.override("ja-easy"):
        said = translation.gettext(msgid)
    assert f"{term}（" in said, said
    assert said != msgid
