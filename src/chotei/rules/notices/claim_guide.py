"""The claim-time document (令2条, PN-01): a real summary of the standards in force — limits, day
rates and flat amounts, the serious-fault table —, the procedure with the 3-year limitation period
and how to object, and the designated dispute body with its offices' addresses and phones.

``REQUIRED_CONTENT`` is what each item must say; ``checks`` refuses a guide that leaves any out, so a
reviewed model text (CP-05) cannot shrink it to a formula.
"""

from __future__ import annotations

from collections.abc import Sequence

from chotei.rules import grades
from chotei.rules.payment.standards import Standard

# The words whose absence shows an item lost its substance (令2条1-3号).
REQUIRED_CONTENT: dict[str, tuple[str, ...]] = {
    "standards_summary": ("傷害", "後遺障害", "死亡", "慰謝料", "重大な過失", "限度額"),
    "procedure_summary": ("3年", "異議申立て"),
    "dispute_body_summary": ("指定紛争処理機関", "電話"),
}


def _man(amount: int) -> str:
    """1,200,000 → 120万円; amounts below 10,000円 are written in full."""
    return f"{amount // 10_000:,}万円" if amount % 10_000 == 0 else f"{amount:,}円"


def _fault_table(s: Standard) -> str:
    bands = s.fault_bands_after_effect_death
    injury = {b.from_percent: b.reduction_percent for b in s.fault_bands_injury}
    rows = []
    for i, band in enumerate(bands):
        upper = bands[i + 1].from_percent if i + 1 < len(bands) else 100
        hurt = max((r for f, r in injury.items() if f <= band.from_percent), default=0)
        rows.append(
            f"{band.from_percent // 10}割以上{upper // 10}割未満は後遺障害・死亡{band.reduction_percent // 10}割、"
            f"傷害{hurt // 10}割"
        )
    return "、".join(rows)


def standards_summary(s: Standard) -> str:
    """The standard ``s`` in a paragraph: the claimant can check every flat amount against it."""
    top, bottom = grades.grade("1", 1).amount, grades.grade("2", 14).amount
    counts = ("1名", "2名", "3名以上")
    bereaved = "・".join(f"{n}{_man(a)}" for n, a in zip(counts, s.bereaved_consolation, strict=True))
    return (
        f"保険金等は、{s.title}に従い、傷害、後遺障害及び死亡の別に算定してお支払いします。"
        f"【限度額】傷害{_man(s.injury_limit)}、死亡{_man(s.death_limit)}、後遺障害は等級に応じ"
        f"{_man(bottom)}から{_man(top)}まで。"
        f"【傷害】治療関係費は必要かつ妥当な実費（入院中の諸雑費 1日{s.hospital_misc_daily:,}円、"
        f"看護料 入院1日{s.nursing_hospital_daily:,}円・自宅又は通院1日{s.nursing_home_daily:,}円"
        "（立証資料によりこれを超えることが明らかな場合は必要かつ妥当な実費）、"
        f"眼鏡 {_man(s.glasses_max)}まで）。休業損害 1日{s.lost_income_daily:,}円（立証により1日"
        f"{s.lost_income_daily_max:,}円まで）。慰謝料 1日{s.consolation_daily:,}円（治療期間と実治療日数の"
        "2倍のいずれか少ない日数）。"
        "【後遺障害】等級の限度額の範囲で、逸失利益（基礎収入額×労働能力喪失率×ライプニッツ係数）及び"
        "等級に応じた慰謝料。"
        f"【死亡】葬儀費{_man(s.funeral)}、逸失利益（年間収入額から生活費を控除し、就労可能年数の"
        f"ライプニッツ係数（年{s.leibniz_rate_percent}%）を乗じた額）、慰謝料 本人{_man(s.deceased_consolation)}、"
        f"遺族{bereaved}（被扶養者がいる場合は{_man(s.dependants_addition)}を加算）。"
        f"【重大な過失による減額】被害者の過失割合が{_fault_table(s)}。傷害の損害額が"
        f"{_man(s.injury_reduction_floor)}未満の場合は減額せず、減額後{_man(s.injury_reduction_floor)}を下回る"
        f"場合は{_man(s.injury_reduction_floor)}とします。受傷と死亡又は後遺障害との因果関係の判断が困難な"
        f"場合は{s.causation_reduction_percent // 10}割を減額します。"
    )


PROCEDURE_SUMMARY = (
    "請求書に交通事故証明書、診断書、診療報酬明細書等の必要書類を添えて保険会社にご提出ください。"
    "保険会社は、損害の調査の結果に基づいてお支払の可否及び金額を決定し、その内容を書面でお知らせします。"
    "お支払の内容について詳細な説明を書面で求めることができます。"
    "被害者からの請求は、事故の日（後遺障害は症状固定日、死亡は死亡日）の翌日から3年を経過すると時効により"
    "できなくなります（自動車損害賠償保障法第19条）。"
    "お支払の判断に不服がある場合は、保険会社に書面で異議申立てをすることができ、改めて審査が行われます。"
)


def dispute_body_summary(body_name: str, contacts: Sequence[str]) -> str:
    """The designated body, what it does, and where to reach each of its offices."""
    return (
        "保険金等の支払に関する判断に不服がある場合は、自動車損害賠償保障法に基づき指定された指定紛争処理機関"
        f"（{body_name}）に紛争処理（調停）を申請することができます。"
        "紛争処理に要する費用は、鑑定等特別な手続を除き、同機構が負担します。"
        f"連絡先：{'、'.join(contacts)}"
    )
