"""What the public pages say, in plain words, built from the rules so the two never disagree.

DP-01 and DP-06 (規程2条・5条1項) become "what can / cannot be brought"; DP-07 (規程5条2項) "where
else to go"; STEP_TARGET_BUSINESS_DAYS the usual durations of each step; GV-07 the body's name.
Each paragraph is a gettext msgid, said in the portal's chosen language where shown (OD-03).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chotei.rules import offices, screening
from chotei.rules.articles import Article
from chotei.rules.states import STEP_TARGET_BUSINESS_DAYS, CaseState

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# DP-01: the disputes the body takes, in the words a victim would use.
CAN_BRING: tuple[StrPromise, ...] = (
    _("自賠責保険（自賠責共済）の保険金・共済金の支払について、保険会社や共済組合の判断に納得できないとき"),
    _(
        "後遺障害の等級の認定、過失による減額（重過失減額）、事故と傷害との因果関係の判断などに納得できないとき"
    ),
    _("支払われなかった（有無責の判断）ことに納得できないとき"),
)
SCOPE_CONDITION = _(
    "申請できるのは、保険会社又は共済組合から支払に関する判断の結果が通知された後です"
    "（加害者側から交渉を任された人が保険会社等の承諾を得て通知した場合を含みます）。"
)


@dataclass(frozen=True, slots=True)
class PlainGround:
    text: StrPromise
    article: Article


# DP-06: each ground of 規程5条1項 said plainly; the article comes from the rule itself.
_PLAIN: dict[int, StrPromise] = {
    1: _("当事者の間で、すでに話し合いがついている（示談が成立している）もの"),
    2: _("ほかの機関であっせん・調停などを進めていて、その手続を中断・中止したという連絡がないもの"),
    3: _("不当な目的で申請されたもの"),
    4: _("申請した人に、申請する権利や権限がないもの"),
    5: _("弁護士でない人が報酬を得る目的で代理しているおそれがあるもの（弁護士法第72条）"),
    6: _("自賠責保険・共済から支払われる金額に影響しないもの（例：任意保険だけの争い）"),
    7: _("この機関でいちど紛争処理を終えたもの"),
    8: _("まだ保険会社・共済組合に保険金・共済金を請求していないもの"),
    9: _("その他、この機関で紛争処理を行うのが適当でないもの"),
}
CANNOT_BRING: tuple[PlainGround, ...] = tuple(
    PlainGround(_PLAIN[g.number], g.article) for g in screening.GROUNDS if g.code.startswith("R5-")
)

FREE_OF_CHARGE = _(
    "申請の費用はかかりません。鑑定などの特別な手続を当事者が希望した場合に限り、その費用をご負担いただきます"
    "（規程第19条）。郵送料・電話代（フリーダイヤルは無料）はご本人の負担です。"
)


@dataclass(frozen=True, slots=True)
class ProcedureStep:
    title: StrPromise
    text: StrPromise
    business_days: int | None


def _days(state: CaseState) -> int | None:
    return STEP_TARGET_BUSINESS_DAYS.get(state)


# The procedure step by step; durations are the body's own targets per step (DP-10).
PROCEDURE: tuple[ProcedureStep, ...] = (
    ProcedureStep(
        _("申請"),
        _(
            "申請書を郵送するか、このサイトから電子申請します。相手方（保険会社など）にも申請があったことを知らせます。"
        ),
        _days(CaseState.RECEIVED),
    ),
    ProcedureStep(
        _("受理審査"),
        _("事務局が、紛争処理の対象となるかどうかを確認し、受理・不受理を書面でお知らせします。"),
        _days(CaseState.SCREENING),
    ),
    ProcedureStep(
        _("相手方の主張・証拠の提出"),
        format_lazy(
            _(
                "受理後、相手方は{respondent}営業日以内に主張と証拠を出します。"
                "申請人は受理通知から{amendment}営業日以内なら、求める事項を変更できます。"
            ),
            respondent=screening.RESPONDENT_STATEMENT_BUSINESS_DAYS,
            amendment=screening.AMENDMENT_BUSINESS_DAYS,
        ),
        _days(CaseState.ACCEPTED),
    ),
    ProcedureStep(
        # The step's name, not the case state 「審理」 ("Under review") the same word names elsewhere.
        pgettext_lazy("procedure step", "審理"),
        _("弁護士・医師などの紛争処理委員（3人以上）が書面で審理します。審理は非公開です。"),
        _days(CaseState.UNDER_REVIEW),
    ),
    ProcedureStep(
        _("結果の通知"),
        _("審理の結果を、申請人と相手方の双方に書面でお知らせします。希望すれば理由を書面で説明します。"),
        _days(CaseState.RESULT_NOTIFIED),
    ),
)


def total_business_days() -> int:
    return sum(s.business_days or 0 for s in PROCEDURE)


# DP-07: the other routes the refusal guidance names, as a list for the public.
OTHER_ROUTES: tuple[StrPromise, ...] = (
    _("保険会社又は共済組合への異議申立て（再請求）"),
    _("保険会社又は共済組合を通じた損害保険料率算出機構への異議申立て（再審査）"),
    _("裁判所での訴訟又は民事調停"),
    _("その他の裁判外紛争解決機関（ADR）、弁護士会の法律相談、交通事故相談所"),
)
OTHER_ROUTES_ARTICLE: Article = screening.GUIDANCE_ARTICLE

OFFICES = offices.OFFICE_CONTACTS

# My case (OD-03): each state said the way a party would, with what happens next.
STATE_PLAIN: dict[CaseState, str] = {
    CaseState.RECEIVED: "申請を受け付けました。相手方にも申請があったことを知らせています。",
    CaseState.SCREENING: "事務局が、紛争処理の対象となるかどうかを確認しています（受理審査）。",
    CaseState.ACCEPTED: "申請が受理されました。相手方が主張と証拠を出すのを待っています。",
    CaseState.REFUSED: "申請は受理されませんでした。理由は通知書に書かれています。",
    CaseState.UNDER_REVIEW: "紛争処理委員が審理をしています。",
    CaseState.RESULT_NOTIFIED: "審理の結果をお知らせしました。通知書をご覧ください。",
    CaseState.CLOSED: "手続は終わりました。",
    CaseState.TERMINATED: "手続は打ち切られました。理由は通知書に書かれています。",
    CaseState.WITHDRAWN: "申請は取り下げられ、手続は終わりました。",
}
