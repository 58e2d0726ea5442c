"""The basic income (基礎収入) and working years of 逸失利益 (支払基準第3・第4の2; stated on the payment
notice and the explanation, PN-02, PN-06), and the standard's tables they may come from:
年齢別平均給与額, 全年齢平均給与額 (homemakers, students) and 就労可能年数.

The tables are not in the seeds and are never invented here (docs/decisions.md): they are dated data
the operator installs as ``income_tables_<version>.json`` (the version of ``standards.STANDARDS``) in
``rules/data`` or in the folder named by ``CHOTEI_STANDARD_DATA_DIR``. A choice that needs a table
not installed is refused naming the table, as is a claim that states no income basis at all.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from chotei.rules.errors import MissingItems, RuleViolation
from chotei.rules.payment import standards as std
from chotei.rules.payment.section import Proven, Section

DATA_DIR_ENV = "CHOTEI_STANDARD_DATA_DIR"
BASIS_LABEL = "基礎収入"
# The choices of 基礎収入 and what each is called on the explanation.
BASES: dict[str, str] = {
    "actual": "実収入",
    "age_average": "年齢別平均給与額",
    "all_age_average": "全年齢平均給与額",
    "proven": "立証額",
}
SEXES: dict[str, str] = {"male": "男子", "female": "女子"}
TABLE_LABELS: dict[str, str] = {
    "age_average": "年齢別平均給与額表",
    "all_age_average": "全年齢平均給与額",
    "working_years": "就労可能年数表",
}
# The income fields of the death and after-effect sections (the 実収入 amount keeps its own name).
INCOME_FIELDS: dict[str, str] = {
    "income_basis": BASIS_LABEL,
    "age": "年齢（死亡時又は症状固定時）",
    "sex": "性別（平均給与額表の区分: male / female）",
    "proven_income": "基礎収入の立証額（年額）",
}


@dataclass(frozen=True, slots=True)
class Tables:
    """One version's installed tables; a table left out of the file is not installed. Amounts are
    monthly as the standard tabulates them; the annual basis is 12 times the month."""

    source: str
    file_name: str
    age_average: dict[str, dict[int, int]] | None
    all_age_average: dict[str, int] | None
    working_years: dict[int, int] | None


def file_name(version: str) -> str:
    return f"income_tables_{version}.json"


def _by_age(raw: object, path: str) -> dict[int, int]:
    if not isinstance(raw, dict) or not raw:
        raise ValueError(f"{path} は年齢をキーとするオブジェクトにしてください")
    out = {int(age): value for age, value in raw.items()}
    if any(isinstance(v, bool) or not isinstance(v, int) or v < 0 for v in out.values()):
        raise ValueError(f"{path} の値は0以上の整数にしてください")
    return out


def _parse(raw: dict[str, Any], name: str) -> Tables:
    source = str(raw.get("source") or "").strip()
    if not source:
        raise ValueError("source（出典）がありません")
    age = raw.get("age_average_monthly")
    overall = raw.get("all_age_average_monthly")
    years = raw.get("working_years")
    return Tables(
        source=source,
        file_name=name,
        age_average=None
        if age is None
        else {sex: _by_age(age.get(sex), f"age_average_monthly.{sex}") for sex in SEXES},
        all_age_average=None if overall is None else {sex: int(overall[sex]) for sex in SEXES},
        working_years=None if years is None else _by_age(years, "working_years"),
    )


def tables_for(standard: std.Standard) -> Tables | None:
    """The tables installed for ``standard``'s version, or None. Read on each use: they are needed
    only by claims that choose them, and an operator may install them without a restart."""
    name = file_name(standard.version)
    folder = os.environ.get(DATA_DIR_ENV)
    path = Path(folder) / name if folder else None
    packaged = resources.files("chotei.rules").joinpath(f"data/{name}")
    try:
        if path is not None and path.is_file():
            text = path.read_text("utf-8")
        elif packaged.is_file():
            text = packaged.read_text("utf-8")
        else:
            return None
        return _parse(json.loads(text), name)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RuleViolation(
            f"支払基準の表のデータ {name} を読めません（{exc}）", std.GENERAL, field="income_basis"
        ) from exc


@dataclass(frozen=True, slots=True)
class Income:
    """An annual basic income and what it rests on, as the explanation states it (令7条)."""

    amount: int
    basis: str
    note: str


def _table(s: Section, standard: std.Standard, name: str) -> tuple[Tables, Any]:
    tables = tables_for(standard)
    table = None if tables is None else getattr(tables, name)
    if tables is None or table is None:
        raise s.refuse(
            "income_basis",
            f"{TABLE_LABELS[name]}（{file_name(standard.version)}）が導入されていないため"
            f"「{BASES.get(name, TABLE_LABELS[name])}」は選択できません。実収入又は立証額を指定してください",
        )
    return tables, table


def _sex(s: Section) -> str:
    s.require(("sex",))
    sex = s.data["sex"]
    if sex not in SEXES:
        raise s.refuse("sex", "male又はfemaleで指定してください")
    return str(sex)


def read_income(s: Section, actual_key: str, standard: std.Standard) -> Income | None:
    """The 基礎収入 the section states: its 実収入 (``actual_key``), an average wage of the
    standard's tables, or a proven amount with its source; None when it states none."""
    choice = s.data.get("income_basis")
    proven = Proven.read(s, "proven_income")
    if choice is None:
        choice = "proven" if proven is not None else "actual" if s.data.get(actual_key) is not None else None
    if choice is None:
        return None
    if choice not in BASES:
        raise s.refuse("income_basis", f"{'、'.join(BASES)}のいずれかで指定してください")
    if choice != "actual" and s.data.get(actual_key) is not None:
        raise s.refuse(actual_key, f"基礎収入に「{BASES[choice]}」を選択した場合は指定できません")
    if choice != "proven" and proven is not None:
        raise s.refuse("proven_income", f"基礎収入に「{BASES[choice]}」を選択した場合は指定できません")
    if choice == "actual":
        s.require((actual_key,))
        amount = s.integer(actual_key)
        if not amount:
            # No earnings is the income-less claim the standard bases on an average wage (支払基準第3・第4).
            raise s.refuse(
                "income_basis",
                "実収入がない場合は、年齢別平均給与額、全年齢平均給与額又は立証額から選択してください",
            )
        return Income(amount, BASES[choice], "実収入")
    if choice == "proven":
        if proven is None:
            raise MissingItems([(s.field("proven_income"), INCOME_FIELDS["proven_income"], s.article)])
        return Income(proven.amount, BASES[choice], f"立証額（立証資料: {proven.basis}）")
    sex = _sex(s)
    if choice == "all_age_average":
        tables, table = _table(s, standard, "all_age_average")
        monthly = table[sex]
        note = f"全年齢平均給与額（{SEXES[sex]}）月額{monthly:,}円 × 12月"
    else:
        tables, table = _table(s, standard, "age_average")
        s.require(("age",))
        age = s.integer("age")
        if age not in table[sex]:
            raise s.refuse("age", f"{TABLE_LABELS['age_average']}にない年齢です")
        monthly = table[sex][age]
        note = f"年齢別平均給与額（{age}歳・{SEXES[sex]}）月額{monthly:,}円 × 12月"
    return Income(monthly * 12, BASES[choice], f"{note}、出典: {tables.source}")


def read_years(s: Section, key: str, standard: std.Standard) -> tuple[int, str]:
    """The years of 逸失利益 as stated, else from the working-years table by age when installed;
    refused naming ``key`` when neither."""
    if s.data.get(key) is not None:
        return s.integer(key), ""
    tables = tables_for(standard)
    if tables is None or tables.working_years is None or s.data.get("age") is None:
        why = (
            "年齢"
            if tables is not None and tables.working_years is not None
            else TABLE_LABELS["working_years"]
        )
        label = f"{s.fields[key]}（{why}がないため算出できません）"
        raise MissingItems([(s.field(key), label, s.article)])
    age = s.integer("age")
    if age not in tables.working_years:
        raise s.refuse("age", f"{TABLE_LABELS['working_years']}にない年齢です")
    return tables.working_years[
        age
    ], f"{TABLE_LABELS['working_years']}（{age}歳）による、出典: {tables.source}"
