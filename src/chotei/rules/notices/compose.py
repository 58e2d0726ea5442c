"""Composing a notice from its model text and the case facts, refusing it when an item is missing."""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date

from chotei.rules.notices.checks import check_notice, with_defaults
from chotei.rules.notices.coop import coop_wording
from chotei.rules.notices.data import TABLE_HEADER, ComposedNotice, NoticeData
from chotei.rules.notices.kinds import SPECS, NoticeKind
from chotei.rules.notices.placeholders import check_template, placeholders
from chotei.rules.notices.texts import DEFAULT_TEMPLATES
from chotei.rules.notices.wording import (
    applicant_honorific,
    as_text,
    basis_text,
    grade_text,
    ratio_text,
    yen,
    you_word,
)
from chotei.rules.screening import ground
from chotei.rules.termination import ground_statement, termination_ground
from chotei.rules.wareki import to_wareki

_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _table_rows(items: object) -> list[tuple[str, str, str]]:
    """Items summed to 合計; a part's subtotal row is shown, not summed again; amounts already paid
    follow the total and lead to the amount paid now (令3条2号)."""
    if not isinstance(items, list | tuple) or not items:
        return []
    rows: list[tuple[str, str, str]] = []
    deductions: list[tuple[str, int, str]] = []
    total = 0
    for item in items:
        if not isinstance(item, dict):
            continue
        amount = item.get("amount")
        value = amount if isinstance(amount, int) else 0
        if item.get("row") == "deduction":
            deductions.append((as_text(item.get("label")), value, as_text(item.get("formula"))))
            continue
        if item.get("row") != "subtotal":
            total += value
        rows.append((as_text(item.get("label")), yen(value), as_text(item.get("formula"))))
    rows.append(("合計", yen(total), ""))
    if deductions:
        rows.extend((label, yen(value), formula) for label, value, formula in deductions)
        rows.append(("今回のお支払額", yen(total + sum(v for _, v, _ in deductions)), ""))
    return rows


def _values(kind: NoticeKind, data: NoticeData, fields: Mapping[str, object]) -> dict[str, str]:
    values = {name: as_text(value) for name, value in fields.items() if isinstance(value, str | int | date)}
    values.update(
        case_number=data.case_number,
        addressee_name=data.addressee_name,
        sender_name=data.sender_name,
        issued_on=to_wareki(data.issued_on),
        you=data.you or you_word(data.honorific, name=data.addressee_name),
        applicant_honorific=applicant_honorific(fields.get("applicant_honorific")),
    )
    code = fields.get("ground")
    if kind is NoticeKind.REFUSAL and isinstance(code, str):
        refused = ground(code)
        values["ground_article"] = basis_text(refused.article)
        values["ground_label"] = refused.label
    if kind is NoticeKind.TERMINATION and isinstance(code, str) and code:
        # DP-18: the notice states the ground with its provision, not only the chief's own words.
        values["ground_statement"] = ground_statement(termination_ground(code))
    grade = fields.get("grade")
    if isinstance(grade, dict) and grade:
        values["grade_text"] = grade_text(grade)
        # 非該当 is explained as why no grade applies, not why one does (令3条3号).
        reason_key = "no_grade_reason" if grade.get("not_applicable") else "grade_reason"
        values[reason_key] = as_text(grade.get("reason"))
    reduction = fields.get("reduction")
    if isinstance(reduction, dict) and reduction:
        values["reduction_ratio"] = ratio_text(reduction.get("ratio"))
        values["reduction_reason"] = as_text(reduction.get("reason"))
    return values


class _Blank(dict[str, str]):
    """An optional item the case lacks reads as empty instead of failing the whole notice."""

    def __missing__(self, key: str) -> str:
        return ""


def _fill(template: str, values: Mapping[str, str], has_table: bool) -> tuple[list[str], int]:
    """Format line by line, dropping lines whose placeholders are empty; return paragraphs and table slot."""
    paragraphs: list[str] = []
    table_at = -1
    number = 0
    for line in template.splitlines():
        names = [n for _, n, _, _ in string.Formatter().parse(line) if n]
        filled = [n for n in names if n not in ("no", "table")]
        if filled and all(not values.get(n) for n in filled):
            continue
        if "table" in names and not has_table:
            continue
        if "no" in names:
            number += 1
        text = line.format_map(_Blank(values, no=str(number).translate(_FULLWIDTH_DIGITS), table=""))
        paragraphs.extend(text.split("\n"))
        if "table" in names:
            table_at = len(paragraphs)
    return paragraphs, table_at


def compose(kind: NoticeKind, data: NoticeData, template: str | None = None) -> ComposedNotice:
    """The notice of ``kind`` for ``data``; refuses (MissingItems) when a required item is absent.

    ``template`` is a reviewed model text (CP-05) replacing ``DEFAULT_TEMPLATES[kind]``. A co-op's
    notice of a co-op or of a case against one (``data.coop``) is reworded per 令10条 (PN-07).
    """
    check_notice(kind, data)
    text = DEFAULT_TEMPLATES[kind] if template is None else template
    check_template(kind, text)
    spec = SPECS[kind]
    fields = with_defaults(kind, data.fields)
    rows = _table_rows(fields.get("items")) if "items" in placeholders(kind) else []
    paragraphs, table_at = _fill(text, _values(kind, data, fields), bool(rows))
    if rows and table_at < 0:
        table_at = len(paragraphs)
    notice = ComposedNotice(
        kind=kind,
        title=spec.title,
        subject=spec.subject,
        paragraphs=paragraphs,
        table=rows,
        table_header=TABLE_HEADER,
        table_at=table_at,
        basis=basis_text(spec.article, data.coop and spec.is_payment),
        article=spec.article,
    )
    # A co-op's own notices (令10条) and the body's notices in a case against a co-op read in co-op terms.
    return _coop(notice) if data.coop else notice


def _coop(notice: ComposedNotice) -> ComposedNotice:
    return ComposedNotice(
        kind=notice.kind,
        title=coop_wording(notice.title),
        subject=coop_wording(notice.subject),
        paragraphs=[coop_wording(p) for p in notice.paragraphs],
        table=[(coop_wording(a), b, coop_wording(c)) for a, b, c in notice.table],
        table_header=notice.table_header,
        table_at=notice.table_at,
        basis=notice.basis,
        article=notice.article,
    )
