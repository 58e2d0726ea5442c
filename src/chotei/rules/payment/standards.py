"""The payment standards (支払基準, DP-23) as dated data: the accident date picks the version.

Source: 平成13年金融庁・国土交通省告示第1号「自動車損害賠償責任保険の保険金等及び自動車損害賠償責任共済の
共済金等の支払基準」. Figures of the version for accidents from 2020-04-01 are those of
/work/shared/spec/payment-standards.md. For the earlier version the spec gives 休業損害 5,700円 and
慰謝料 4,200円; public summaries of the 2020 revision add 看護料 4,100/2,050円, 葬儀費 60万円 (up to
100万円 where proven), the deceased's 慰謝料 350万円 and the Leibniz interest rate 5% (3% after the
revision, with the Civil Code's legal rate). The after-effect 慰謝料 split is kept as reference only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from chotei.rules.articles import Article
from chotei.rules.errors import RuleViolation

SOURCE = "支払基準"


def standard_article(ref: str) -> Article:
    return Article(SOURCE, ref, "DP-23")


GENERAL = standard_article("第1（総則）")
INJURY_COSTS = standard_article("第2の1（積極損害）")
INJURY_LOST_INCOME = standard_article("第2の2（休業損害）")
INJURY_CONSOLATION = standard_article("第2の3（慰謝料）")
AFTER_EFFECT = standard_article("第3（後遺障害による損害）")
DEATH_FUNERAL = standard_article("第4の1（葬儀費）")
DEATH_LOST_EARNINGS = standard_article("第4の2（逸失利益）")
DEATH_CONSOLATION = standard_article("第4の3（慰謝料）")
SERIOUS_FAULT = standard_article("第6の1（重大な過失による減額）")
DOUBTFUL_CAUSATION = standard_article("第6の2（因果関係の有無の判断が困難な場合の減額）")
LIMITS = Article("自賠法施行令", "第2条第1項", "DP-23")


@dataclass(frozen=True, slots=True)
class FaultBand:
    """From this victim's share of fault (percent, inclusive) on, the loss is reduced by this percent."""

    from_percent: int
    reduction_percent: int


# The serious-fault table did not change in 2020; both versions share it.
FAULT_BANDS_AFTER_EFFECT_DEATH: tuple[FaultBand, ...] = (
    FaultBand(70, 20),
    FaultBand(80, 30),
    FaultBand(90, 50),
)
FAULT_BANDS_INJURY: tuple[FaultBand, ...] = (FaultBand(70, 20),)


@dataclass(frozen=True, slots=True)
class Standard:
    """One version of the standards. Amounts in yen, per day where the name says daily."""

    version: str
    title: str
    effective_from: date
    injury_limit: int
    death_limit: int
    hospital_misc_daily: int
    nursing_hospital_daily: int
    nursing_home_daily: int
    glasses_max: int
    lost_income_daily: int
    lost_income_daily_max: int
    consolation_daily: int
    funeral: int
    funeral_max: int
    deceased_consolation: int
    bereaved_consolation: tuple[int, int, int]  # 1, 2, 3 or more claimants
    dependants_addition: int
    living_cost_percent_with_dependants: int
    living_cost_percent_without_dependants: int
    leibniz_rate_percent: int
    causation_reduction_percent: int
    injury_reduction_floor: int
    # Reference only (spec): the 慰謝料 part of each grade's amount, (別表第1, 別表第2), grades 1.. in order.
    after_effect_consolation: tuple[tuple[int, ...], tuple[int, ...]] | None
    fault_bands_after_effect_death: tuple[FaultBand, ...] = FAULT_BANDS_AFTER_EFFECT_DEATH
    fault_bands_injury: tuple[FaultBand, ...] = FAULT_BANDS_INJURY

    def leibniz(self, years: int) -> Decimal:
        """Present-value annuity factor for ``years`` at the version's rate, to 3 places as tabulated."""
        rate = Decimal(self.leibniz_rate_percent) / 100
        factor = (1 - (1 + rate) ** -years) / rate
        return factor.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)

    def bereaved(self, claimants: int) -> int:
        return 0 if claimants <= 0 else self.bereaved_consolation[min(claimants, 3) - 1]

    def consolation_reference(self, table: str, grade: int) -> int | None:
        if self.after_effect_consolation is None:
            return None
        return self.after_effect_consolation[int(table) - 1][grade - 1]


_MAN = 10_000

# 労働能力喪失率 by grade, in percent (支払基準 別表Ⅰ, the same in both versions): (別表第1, 別表第2),
# grades 1.. in order. Not in the seeds: taken from the public notice as published.
LOSS_RATIOS: tuple[tuple[int, ...], tuple[int, ...]] = (
    (100, 100),
    (100, 100, 100, 92, 79, 67, 56, 45, 35, 27, 20, 14, 9, 5),
)


def loss_ratio(table: str, grade: int) -> int:
    return LOSS_RATIOS[int(table) - 1][grade - 1]


STANDARDS: tuple[Standard, ...] = (
    Standard(
        version="2002-04-01",
        title="支払基準（平成13年金融庁・国土交通省告示第1号、令和2年3月31日以前の事故）",
        effective_from=date(2002, 4, 1),
        injury_limit=1_200_000,
        death_limit=30_000_000,
        hospital_misc_daily=1_100,
        nursing_hospital_daily=4_100,
        nursing_home_daily=2_050,
        glasses_max=50_000,
        lost_income_daily=5_700,
        lost_income_daily_max=19_000,
        consolation_daily=4_200,
        funeral=600_000,
        funeral_max=1_000_000,
        deceased_consolation=3_500_000,
        bereaved_consolation=(5_500_000, 6_500_000, 7_500_000),
        dependants_addition=2_000_000,
        living_cost_percent_with_dependants=35,
        living_cost_percent_without_dependants=50,
        leibniz_rate_percent=5,
        causation_reduction_percent=50,
        injury_reduction_floor=200_000,
        after_effect_consolation=None,
    ),
    Standard(
        version="2020-04-01",
        title="支払基準（平成13年金融庁・国土交通省告示第1号、令和2年4月1日以降の事故）",
        effective_from=date(2020, 4, 1),
        injury_limit=1_200_000,
        death_limit=30_000_000,
        hospital_misc_daily=1_100,
        nursing_hospital_daily=4_200,
        nursing_home_daily=2_100,
        glasses_max=50_000,
        lost_income_daily=6_100,
        lost_income_daily_max=19_000,
        consolation_daily=4_300,
        funeral=1_000_000,
        funeral_max=1_000_000,
        deceased_consolation=4_000_000,
        bereaved_consolation=(5_500_000, 6_500_000, 7_500_000),
        dependants_addition=2_000_000,
        living_cost_percent_with_dependants=35,
        living_cost_percent_without_dependants=50,
        leibniz_rate_percent=3,
        causation_reduction_percent=50,
        injury_reduction_floor=200_000,
        after_effect_consolation=(
            tuple(m * _MAN for m in (1_650, 1_203)),
            tuple(m * _MAN for m in (1_150, 998, 861, 737, 618, 512, 419, 331, 249, 190, 136, 94, 57, 32)),
        ),
    ),
)


def standard_for(accident_date: date) -> Standard:
    """The version in force for an accident on ``accident_date`` (DP-23)."""
    applicable = [s for s in STANDARDS if s.effective_from <= accident_date]
    if not applicable:
        raise RuleViolation(
            f"{accident_date.isoformat()}の事故に適用する支払基準のデータがありません"
            f"（{STANDARDS[0].effective_from.isoformat()}以降の事故に対応）",
            GENERAL,
            field="accident_date",
        )
    return max(applicable, key=lambda s: s.effective_from)


def fault_reduction_percent(bands: tuple[FaultBand, ...], fault_percent: float) -> int:
    """Reduction for the victim's serious fault: the band containing ``fault_percent``, else none."""
    applicable = [band.reduction_percent for band in bands if fault_percent >= band.from_percent]
    return max(applicable, default=0)
