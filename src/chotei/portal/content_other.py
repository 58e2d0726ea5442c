"""The public pages in やさしい日本語 and English (OD-03): the same facts as content.py, whose
numbers (durations, offices, articles) they take rather than repeat."""

from __future__ import annotations

from types import SimpleNamespace

from chotei.portal import content

_EASY_GROUNDS = {
    1: "もう 相手と 話し合いが ついている（示談が できている）とき",
    2: "ほかの ところで 話し合いの 手続を している とき",
    3: "よくない 目的で 申請した とき",
    4: "申請できる 人では ない とき",
    5: "弁護士では ない 人が お金を もらって 手続を している とき",
    6: "自賠責保険から はらう お金が かわらない とき",
    7: "前に ここで 手続が 終わっている とき",
    8: "まだ 保険会社に 請求して いない とき",
    9: "そのほか ここで 手続を するのが よくない とき",
}
_EN_GROUNDS = {
    1: "The dispute has already been settled between the parties",
    2: "Mediation at another body is under way and it has not been told to suspend or stop",
    3: "The application is made for an improper purpose",
    4: "The applicant has no right or authority to apply",
    5: "Someone who is not a lawyer represents you for a fee (Attorney Act, Art. 72)",
    6: "The amount paid by compulsory auto liability insurance would not change",
    7: "The body has already dealt with the same dispute",
    8: "No claim has been made to the insurer or co-op yet",
    9: "The dispute is otherwise unsuitable for the body",
}


def _grounds(texts: dict[int, str]) -> tuple[content.PlainGround, ...]:
    return tuple(content.PlainGround(texts[i + 1], g.article) for i, g in enumerate(content.CANNOT_BRING))


def _steps(titles: list[tuple[str, str]]) -> tuple[content.ProcedureStep, ...]:
    return tuple(
        content.ProcedureStep(title, text, s.business_days)
        for (title, text), s in zip(titles, content.PROCEDURE, strict=True)
    )


EASY = SimpleNamespace(
    CAN_BRING=(
        "自賠責保険（自賠責共済）の お金の はらいかたに なっとく できない とき",
        "後遺障害の 等級などの 判断に なっとく できない とき",
    ),
    SCOPE_CONDITION="保険会社などから 判断の 知らせが 来てから 申請できます。",
    CANNOT_BRING=_grounds(_EASY_GROUNDS),
    FREE_OF_CHARGE="申請に お金は かかりません。",
    PROCEDURE=_steps(
        [
            ("申請", "申請書を 送ります。この サイトからも 申請できます。"),
            ("受理審査", "事務局が 申請を しらべて、結果を 手紙で 知らせます。"),
            ("相手の 意見", "相手（保険会社など）が 意見と 証拠を 出します。"),
            ("審理", "弁護士や 医者など 3人 以上の 委員が 書類を 見て 考えます。"),
            ("結果の 知らせ", "結果を 手紙で 知らせます。"),
        ]
    ),
    OTHER_ROUTES=(
        "保険会社・共済組合に もう一度 請求する",
        "裁判所に 相談する",
        "弁護士会などの 相談窓口を つかう",
    ),
    OTHER_ROUTES_ARTICLE=content.OTHER_ROUTES_ARTICLE,
    OFFICES=content.OFFICES,
    total_business_days=content.total_business_days,
)
EN = SimpleNamespace(
    CAN_BRING=(
        "You disagree with how the insurer or co-op decided to pay (or not pay) compulsory auto liability insurance money",
        "You disagree with the after-effect disability grade, a reduction for gross negligence, or the causation decided",
    ),
    SCOPE_CONDITION="You can apply once the insurer or co-op has told you its payment decision.",
    CANNOT_BRING=_grounds(_EN_GROUNDS),
    FREE_OF_CHARGE="Applying is free of charge. Only special procedures you ask for, such as an expert opinion, are charged.",
    PROCEDURE=_steps(
        [
            ("Application", "Send the application form by post, or apply on this site."),
            ("Screening", "The secretariat checks that the dispute can be handled and tells you in writing."),
            (
                "Respondent's statement",
                "The insurer or co-op submits its statement and evidence by a deadline.",
            ),
            ("Review", "A panel of at least three members (lawyers, doctors and others) reviews the papers."),
            ("Result", "Both parties are told the result in writing."),
        ]
    ),
    OTHER_ROUTES=(
        "An objection (re-claim) to the insurer or co-op",
        "A re-examination through the insurer or co-op by the General Insurance Rating Organization of Japan",
        "A lawsuit or civil conciliation at a court",
        "Other ADR bodies, bar association consultations, traffic accident counselling",
    ),
    OTHER_ROUTES_ARTICLE=content.OTHER_ROUTES_ARTICLE,
    OFFICES=content.OFFICES,
    total_business_days=content.total_business_days,
)


def for_language(code: str) -> object:
    return {"easy": EASY, "en": EN}.get(code, content)
