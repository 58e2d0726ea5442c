"""Refusing a notice that lacks an item the regime requires, naming each with its article."""

from __future__ import annotations

import re
from collections.abc import Mapping

from chotei.rules.articles import ordinance
from chotei.rules.errors import MissingItems
from chotei.rules.notices.claim_guide import REQUIRED_CONTENT
from chotei.rules.notices.data import NoticeData
from chotei.rules.notices.kinds import (
    NONPAYMENT_REASONS,
    SPECS,
    NoticeKind,
    NoticeSpec,
    Required,
)
from chotei.rules.notices.texts import DEFAULT_FIELDS
from chotei.rules.notices.wording import you_word
from chotei.rules.screening import GROUND_CODES, GUIDANCE_ARTICLE, cure_for, ground, guidance_for
from chotei.rules.termination import TERMINATION_GROUND_CODES, pending_procedure_guidance, termination_ground

_DIGIT = re.compile(r"[0-9０-９]")
_GRADE_REASON = ordinance("第3条第3号", "PN-02")
_REDUCTION_REASON = ordinance("第3条第4号", "PN-02")


def _absent(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | tuple | dict) and not value


def with_defaults(kind: NoticeKind, fields: Mapping[str, object]) -> dict[str, object]:
    merged: dict[str, object] = {**DEFAULT_FIELDS.get(kind, {}), **fields}
    # DP-07: a refusal for ground 9 tells the applicant a suitable route unless staff wrote one.
    code = merged.get("ground")
    if (
        kind is NoticeKind.REFUSAL
        and isinstance(code, str)
        and code in GROUND_CODES
        and "guidance" not in fields
    ):
        guidance = guidance_for(ground(code))
        if guidance:
            merged["guidance"] = guidance
    if kind is NoticeKind.REFUSAL and isinstance(code, str) and code in GROUND_CODES and "cure" not in fields:
        cure = cure_for(ground(code))
        if cure:
            merged["cure"] = cure
    # DP-18: with a lawsuit or another body's procedure pending, the notice does not advise a lawsuit.
    if (
        kind is NoticeKind.TERMINATION
        and isinstance(code, str)
        and code in TERMINATION_GROUND_CODES
        and "guidance" not in fields
    ):
        pending = pending_procedure_guidance(termination_ground(code))
        if pending:
            merged["guidance"] = pending
    return merged


def _base_problems(spec: NoticeSpec, data: NoticeData) -> list[Required]:
    article = spec.article
    problems: list[Required] = []
    base = (
        ("document_number", "文書番号", data.document_number),
        ("addressee_name", "宛名", data.addressee_name),
        ("addressee_address", "送付先住所", data.addressee_address),
        ("sender_name", "差出人", data.sender_name),
    )
    problems.extend((name, label, article) for name, label, value in base if _absent(value))
    if data.honorific not in ("様", "御中"):
        problems.append(("honorific", "敬称（様又は御中）", article))
    elif not data.you and not you_word(data.honorific, name=data.addressee_name):
        problems.append(
            (
                "you",
                "宛先を指す語（組織の種別が登録されていないため貴社・貴組合・貴会等を定められません）",
                article,
            )
        )
    if not spec.is_payment and _absent(data.case_number):
        problems.append(("case_number", "事案番号", article))
    return problems


def _item_problems(kind: NoticeKind, items: object) -> list[Required]:
    """PN-02 / PN-06: every damage item has a label and an amount; an explanation also its calculation."""
    amounts = ordinance("第3条第2号", "PN-02")
    formulas = ordinance("第7条第2号", "PN-06")
    if not isinstance(items, list | tuple):
        return [("items", "損害ごとの支払金額", amounts)]
    problems: list[Required] = []
    for i, item in enumerate(items):
        entry = item if isinstance(item, dict) else {}
        if _absent(entry.get("label")):
            problems.append((f"items[{i}].label", f"損害の区分（{i + 1}行目）", amounts))
        if not isinstance(entry.get("amount"), int) or isinstance(entry.get("amount"), bool):
            problems.append((f"items[{i}].amount", f"支払金額（{i + 1}行目）", amounts))
        # 令7条2号: the calculation itself — days, unit prices, ratios —, not a word in its place.
        formula = entry.get("formula")
        if kind is NoticeKind.PAYMENT_EXPLANATION and (_absent(formula) or not _DIGIT.search(str(formula))):
            problems.append(
                (f"items[{i}].formula", f"積算の詳細（{i + 1}行目、数量・単価・割合等）", formulas)
            )
    return problems


def _grade_problems(kind: NoticeKind, grade: object, reduction: object) -> list[Required]:
    """PN-02 / PN-06: a grade states why; a reduction states its ratio and why."""
    explain = kind is NoticeKind.PAYMENT_EXPLANATION
    grade_art = ordinance("第7条第3号", "PN-06") if explain else _GRADE_REASON
    reduction_art = ordinance("第7条第4号", "PN-06") if explain else _REDUCTION_REASON
    problems: list[Required] = []
    if not _absent(grade):
        entry = grade if isinstance(grade, dict) else {}
        if _absent(entry.get("grade")):
            problems.append(("grade.grade", "後遺障害等級", grade_art))
        if _absent(entry.get("reason")):
            problems.append(("grade.reason", "後遺障害等級に該当すると判断した理由", grade_art))
    if not _absent(reduction):
        entry = reduction if isinstance(reduction, dict) else {}
        if _absent(entry.get("ratio")):
            problems.append(("reduction.ratio", "減額の割合", reduction_art))
        if _absent(entry.get("reason")):
            problems.append(("reduction.reason", "減額を行うことと判断した理由", reduction_art))
    return problems


def _guide_problems(fields: Mapping[str, object]) -> list[Required]:
    """PN-01: each summary says what 令2条 requires, not merely something (claim_guide.REQUIRED_CONTENT)."""
    problems: list[Required] = []
    for name, label, article in SPECS[NoticeKind.CLAIM_GUIDE].required:
        text = fields.get(name)
        if _absent(text):
            continue
        missing = [word for word in REQUIRED_CONTENT[name] if word not in str(text)]
        if missing:
            problems.append((name, f"{label}（{'・'.join(missing)}の記載）", article))
    return problems


def _kind_problems(kind: NoticeKind, fields: Mapping[str, object]) -> list[Required]:
    problems: list[Required] = []
    code = fields.get("ground")
    # DP-06: only a listed ground; ground() refuses any other code naming 規程第5条第1項.
    needs_guidance = kind is NoticeKind.REFUSAL and not _absent(code) and ground(str(code)).needs_guidance
    if needs_guidance and _absent(fields.get("guidance")):
        problems.append(("guidance", "解決のために適当と思われる方法の教示", GUIDANCE_ARTICLE))
    if kind is NoticeKind.PAYMENT and not _absent(fields.get("items")):
        problems.extend(_item_problems(kind, fields["items"]))
    if kind is NoticeKind.PAYMENT_EXPLANATION:
        # A non-payment explanation has no items; otherwise each item needs its calculation (令7条2号).
        denied = any(not _absent(fields.get(r)) for r in NONPAYMENT_REASONS)
        if _absent(fields.get("items")) and not denied:
            problems.append(("items", "損害の細目及び積算の詳細", ordinance("第7条第2号", "PN-06")))
        elif not _absent(fields.get("items")):
            problems.extend(_item_problems(kind, fields["items"]))
    if kind in (NoticeKind.PAYMENT, NoticeKind.PAYMENT_EXPLANATION):
        problems.extend(_grade_problems(kind, fields.get("grade"), fields.get("reduction")))
    if kind is NoticeKind.CLAIM_GUIDE:
        problems.extend(_guide_problems(fields))
    if kind is NoticeKind.NONPAYMENT and all(_absent(fields.get(r)) for r in NONPAYMENT_REASONS):
        problems.append(
            (
                "reasons",
                "支払わない理由（責任がない理由、損害が発生していない理由又は法第14条による免責の理由）",
                ordinance("第4条第2号から第4号まで", "PN-03"),
            )
        )
    return problems


def check_notice(kind: NoticeKind, data: NoticeData) -> None:
    """Refuse a notice with missing items, naming every one with its article (MissingItems)."""
    spec = SPECS[kind]
    fields = with_defaults(kind, data.fields)
    problems = _base_problems(spec, data)
    problems.extend(req for req in spec.required if _absent(fields.get(req[0])))
    problems.extend(_kind_problems(kind, fields))
    if problems:
        raise MissingItems(problems)
