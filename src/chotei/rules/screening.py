"""Acceptance screening (受理審査) and the deadlines that run from the acceptance notice.

DP-06 (規程第5条第1項, 令第15条): the grounds for refusing an application.
DP-07 (規程第5条第2項): on ground 9, point the applicant to a suitable route.
DP-09 (規程第5条の2): the applicant may amend the matters sought until a deadline.
DP-16 (規程第15条第7項): the respondent is told a deadline for its statement and evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from chotei.rules.articles import Article, ordinance, rules
from chotei.rules.calendar import add_business_days
from chotei.rules.errors import RuleViolation


@dataclass(frozen=True, slots=True)
class Ground:
    code: str
    number: int
    label: str
    article: Article
    needs_guidance: bool


def _r5(number: int, label: str) -> Ground:
    return Ground(f"R5-1-{number}", number, label, rules(f"第5条第1項第{number}号", "DP-06"), number == 9)


def _o15(number: int, label: str) -> Ground:
    return Ground(f"O15-{number}", number, label, ordinance("第15条", "DP-06"), False)


# DP-06: the nine grounds of 規程第5条第1項 and the two of 令第15条, worded after the seed texts.
GROUNDS: tuple[Ground, ...] = (
    _r5(1, "当事者間の紛争が解決している"),
    _r5(2, "他の機関への斡旋等の中断・中止の連絡がない"),
    _r5(3, "不当な目的による申請"),
    _r5(4, "申請者が権利又は権限を有しない"),
    _r5(5, "弁護士法第72条違反の疑い"),
    _r5(6, "責任保険・責任共済からの支払金額に影響がない"),
    _r5(7, "本機構において紛争処理済み"),
    _r5(8, "責任保険・責任共済の請求が行われていない"),
    _r5(9, "本機構が紛争処理を行うに適当でない"),
    _o15(1, "紛争がその性質上調停をするのに適当でない"),
    _o15(2, "不当な目的でみだりに調停を申請した"),
)

_BY_CODE: dict[str, Ground] = {g.code: g for g in GROUNDS}
GROUND_CODES: frozenset[str] = frozenset(_BY_CODE)


def _choice_label(g: Ground) -> str:
    return f"第{g.number}号 {g.label}" if g.code.startswith("R5-") else f"{g.article} {g.label}"


GROUND_CHOICES: list[tuple[str, str]] = [(g.code, _choice_label(g)) for g in GROUNDS]


def ground(code: str) -> Ground:
    """DP-06: the ground for ``code``; a refusal must rest on one of the listed grounds."""
    found = _BY_CODE.get(code)
    if found is None:
        raise RuleViolation(
            f"不受理の理由「{code}」は定められた事由ではありません", rules("第5条第1項", "DP-06"), "ground"
        )
    return found


def refusal_message(g: Ground) -> str:
    """DP-06/DP-08: the sentence of the refusal notice, naming the provision."""
    return f"{g.article}（{g.label}）により受理できません"


GUIDANCE_ARTICLE: Article = rules("第5条第2項", "DP-07")

# DP-07: the routes the seed names (異議申立て to the insurer/co-op) and the usual others.
_GUIDANCE = (
    f"{GUIDANCE_ARTICLE}に基づき、次の方法による解決をご検討ください。"
    "①保険会社又は共済組合に対する異議申立て（再請求）"
    "②保険会社又は共済組合を通じた損害保険料率算出機構への異議申立て（再審査）"
    "③裁判所における訴訟又は民事調停"
    "④その他の裁判外紛争解決機関（ADR）の利用"
)


ONE_APPLICATION: Article = rules("第5条第1項第7号", "DP-06")
ONE_APPLICATION_TEXT = f"同一の紛争について本機構が紛争処理を行うのは一回限りであり、改めて申請することはできません（{ONE_APPLICATION}）。"
# Grounds the applicant can cure: how, and that a new application is then possible (issue 7).
_CURES: dict[str, str] = {
    "R5-1-8": (
        "保険会社又は共済組合に自賠責保険・共済の請求を行い、その支払に関する判断の通知を受けた後、"
        "改めて紛争処理の申請をすることができます。"
    ),
    "R5-1-2": (
        "他の機関における斡旋、調停等を中断又は中止し、その旨を本機構に連絡いただいた後、"
        "改めて紛争処理の申請をすることができます。"
    ),
    "R5-1-7": ONE_APPLICATION_TEXT,
}


def cure_for(g: Ground) -> str | None:
    """How a curable refusal is cured and that a new application is then possible; for ground 7,
    that there is no second application (規程第5条第1項第7号)."""
    return _CURES.get(g.code)


def guidance_for(g: Ground) -> str | None:
    """DP-07: the suitable route to tell the applicant, for grounds that call for it (ground 9)."""
    return _GUIDANCE if g.needs_guidance else None


# DP-09: 規程第5条の2第2項 leaves the period to the body (「指定する期限」); the body's own
# setting is 10 business days from the dispatch date of the acceptance notice.
AMENDMENT_BUSINESS_DAYS: int = 10
AMENDMENT_ARTICLE: Article = rules("第5条の2第2項", "DP-09")
AMENDABLE_FIELD = "matters_sought"


def amendment_deadline(dispatch: date) -> date:
    """DP-09: the last day an amendment of the matters sought may be filed."""
    return add_business_days(dispatch, AMENDMENT_BUSINESS_DAYS)


def _ymd(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def check_amendment(dispatch: date | None, today: date) -> None:
    """DP-09: an amendment needs a dispatched acceptance notice and must arrive by the deadline."""
    if dispatch is None:
        raise RuleViolation(
            "受理通知の発信前のため、紛争処理を求める事項は変更できません", AMENDMENT_ARTICLE, AMENDABLE_FIELD
        )
    deadline = amendment_deadline(dispatch)
    if today > deadline:
        raise RuleViolation(
            f"変更の期限（{_ymd(deadline)}）を過ぎているため、紛争処理を求める事項は変更できません",
            AMENDMENT_ARTICLE,
            AMENDABLE_FIELD,
        )


def check_amendment_fields(fields: Iterable[str]) -> None:
    """DP-09 (規程第5条の2第1項): of the application's items only the matters sought may change."""
    others = sorted(set(fields) - {AMENDABLE_FIELD})
    if others:
        raise RuleViolation(
            f"変更できるのは紛争処理を求める事項のみです（変更不可: {'、'.join(others)}）",
            rules("第5条の2第1項", "DP-09"),
            others[0],
        )


# DP-16: 規程第15条第7項 also leaves the period to the body; 20 business days from dispatch.
RESPONDENT_STATEMENT_BUSINESS_DAYS: int = 20
RESPONDENT_STATEMENT_ARTICLE: Article = rules("第15条第7項", "DP-16")


def respondent_statement_deadline(dispatch: date) -> date:
    """DP-16: the deadline for the respondent's statement and evidence, stated in its notice."""
    return add_business_days(dispatch, RESPONDENT_STATEMENT_BUSINESS_DAYS)


def check_statement_deadline(due: date | None, today: date) -> None:
    """DP-16: the respondent files its statement and evidence itself until the deadline it was
    told; after it, only on the body's further request (through the secretariat)."""
    if due is not None and today > due:
        raise RuleViolation(
            f"主張書面・証拠の提出期限（{_ymd(due)}）を過ぎています。事務局にご相談ください",
            RESPONDENT_STATEMENT_ARTICLE,
            "file",
        )


# DP-16: further statements and evidence the body asks of a party (規程15条9項); the period is the
# body's to set, 10 business days from the request unless the secretariat states another date.
FURTHER_REQUEST_BUSINESS_DAYS: int = 10
FURTHER_REQUEST_ARTICLE: Article = rules("第15条第9項", "DP-16")


def further_request_deadline(asked: date, due: date | None) -> date:
    """DP-16: the deadline a further request states: the date given, which must fall after the day
    of asking, or 10 business days from it."""
    if due is None:
        return add_business_days(asked, FURTHER_REQUEST_BUSINESS_DAYS)
    if due <= asked:
        raise RuleViolation(
            f"提出期限は求める日（{_ymd(asked)}）より後の日を指定してください",
            FURTHER_REQUEST_ARTICLE,
            "due_on",
        )
    return due


@dataclass(frozen=True, slots=True)
class ScreeningQuestion:
    """A yes/no question the online application asks so screening rests on recorded facts (DP-06).

    The answer ``warns_when`` points to ground ``ground_number`` of 規程5条1項: the applicant is told
    at once, without being stopped, and the secretariat sees the answer beside that ground.
    """

    key: str
    question: str
    ground_number: int
    warns_when: bool
    warning: str

    @property
    def ground(self) -> Ground:
        return ground(f"R5-1-{self.ground_number}")


SCREENING_QUESTIONS: tuple[ScreeningQuestion, ...] = (
    ScreeningQuestion(
        "claimed_to_insurer",
        "保険会社又は共済組合に、自賠責保険金・共済金を請求しましたか",
        8,
        False,
        "保険会社・共済組合にまだ請求していない場合は、紛争処理の対象となりません。先に請求してください。",
    ),
    ScreeningQuestion(
        "other_mediation_pending",
        "同じ件で、ほかの機関（弁護士会、交通事故紛争処理センターなど）のあっせん・調停が続いていますか",
        2,
        True,
        "ほかの機関の手続が続いている場合は、その手続を中断・中止したことをその機関に連絡する必要があります。",
    ),
    ScreeningQuestion(
        "already_settled",
        "相手方（保険会社等や加害者）との間で、すでに示談が成立していますか",
        1,
        True,
        "すでに示談が成立している紛争は、受理できないことがあります。",
    ),
    ScreeningQuestion(
        "decided_before",
        "同じ件を、以前にこの機関に申請して結果が出ていますか",
        7,
        True,
        "この機関で紛争処理を終えた件は、原則として受理できません。",
    ),
    ScreeningQuestion(
        "paid_non_lawyer_agent",
        "弁護士でない人に報酬を払って、この申請の手続を頼んでいますか",
        5,
        True,
        "弁護士でない人が報酬を得て代理することは、弁護士法第72条で禁じられています。受理できないことがあります。",
    ),
)
SCREENING_QUESTION_KEYS: frozenset[str] = frozenset(q.key for q in SCREENING_QUESTIONS)


def screening_warnings(answers: dict[str, bool]) -> list[ScreeningQuestion]:
    """DP-06: the questions whose recorded answer points to a refusal ground (unanswered: none)."""
    return [q for q in SCREENING_QUESTIONS if q.key in answers and answers[q.key] is q.warns_when]


def check_screening_answers(answers: Mapping[str, object]) -> dict[str, bool]:
    """Only the listed questions, each answered yes or no, may be recorded with an application."""
    unknown = sorted(set(answers) - SCREENING_QUESTION_KEYS)
    if unknown:
        raise RuleViolation(
            f"受理審査の質問「{unknown[0]}」は定められていません", rules("第5条第1項", "DP-06"), unknown[0]
        )
    for key, value in answers.items():
        if not isinstance(value, bool):
            raise RuleViolation(
                "受理審査の質問には「はい」か「いいえ」で答えてください", rules("第5条第1項", "DP-06"), key
            )
    return {key: bool(value) for key, value in answers.items()}
