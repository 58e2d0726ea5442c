"""The panel (紛争処理委員会) of one case: its composition, proposals for it, and its quorum.

DP-11 (法第23条の7第2項・第3項, 規程第12条): at least 3 members named per case, at least one a
lawyer, none with an interest in a party; one chief member (主任委員); a meeting needs a majority.
CM-05 (法第23条の7第2項): the members' declared interests are what the conflict check reads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from chotei.rules.articles import Article, act, rules
from chotei.rules.errors import RuleViolation

LAWYER = "lawyer"
DOCTOR = "doctor"
ACADEMIC = "academic"
OTHER = "other"
QUALIFICATION_LABELS: dict[str, str] = {
    LAWYER: "弁護士",
    DOCTOR: "医師",
    ACADEMIC: "学識経験者",
    OTHER: "その他",
}
QUALIFICATION_CHOICES: list[tuple[str, str]] = list(QUALIFICATION_LABELS.items())

MIN_MEMBERS = 3
PANEL_ARTICLE: Article = act("第23条の7第2項", "DP-11")
QUORUM_ARTICLE: Article = rules("第12条第3項", "DP-11")


@dataclass(frozen=True, slots=True)
class MemberInfo:
    id: int
    name: str
    qualification: str
    office: str
    # CM-05: opaque keys of the parties (insurers, co-ops, persons) the member declared an interest in.
    interests: frozenset[str] = frozenset()
    open_cases: int = 0
    active: bool = True


class PanelViolation(RuleViolation):
    """DP-11: every problem of a proposed panel at once, each naming the member concerned."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__(
            f"{PANEL_ARTICLE}・第3項及び規程第12条により紛争処理委員会を構成できません: "
            + "；".join(self.problems),
            PANEL_ARTICLE,
            "members",
        )


def _conflicts(member: MemberInfo, party_keys: frozenset[str]) -> list[str]:
    return sorted(member.interests & party_keys)


def check_panel(members: Sequence[MemberInfo], chief_id: int | None, party_keys: Iterable[str]) -> None:
    """DP-11/CM-05: refuse an invalid panel, listing all its problems in one PanelViolation.

    ``party_keys`` may be a mapping from key to the party's registered name, so the refusal names
    the party rather than the key."""
    parties = frozenset(party_keys)
    names: Mapping[str, str] = party_keys if isinstance(party_keys, Mapping) else {}
    problems: list[str] = []
    seen: set[int] = set()
    for m in members:
        if m.id in seen:
            problems.append(f"{m.name}: 重複して指名されています")
            continue
        seen.add(m.id)
        if not m.active:
            problems.append(f"{m.name}: 委嘱中の紛争処理委員ではありません")
        problems.extend(
            f"{m.name}: 当事者（{names.get(key, key)}）との利害関係の申告あり"
            for key in _conflicts(m, parties)
        )
    if len(seen) < MIN_MEMBERS:
        problems.append(f"担当委員が{len(seen)}名です（{MIN_MEMBERS}名以上が必要）")
    if not any(m.qualification == LAWYER for m in members):
        problems.append("弁護士である担当委員がいません（法第23条の7第3項）")
    if chief_id is None:
        problems.append("主任委員が指名されていません（規程第12条第2項）")
    elif chief_id not in seen:
        problems.append(f"主任委員（委員ID {chief_id}）が担当委員に含まれていません（規程第12条第2項）")
    if problems:
        raise PanelViolation(problems)


@dataclass(frozen=True, slots=True)
class PanelProposal:
    members: tuple[MemberInfo, ...]
    chief: MemberInfo


def suggest_panels(
    pool: Sequence[MemberInfo],
    party_keys: Iterable[str],
    office: str,
    size: int = 3,
    want_doctor: bool = True,
    limit: int = 3,
) -> list[PanelProposal]:
    """DP-11: up to ``limit`` distinct valid panels, best first, with a lawyer as chief.

    Members of the case's office and those with fewer open cases come first; a doctor is included
    when wanted and available. Later proposals prefer members not used yet, so the desk gets real
    alternatives. Deterministic: ties are broken by member id.
    """
    if size < MIN_MEMBERS:
        raise ValueError(f"size must be at least {MIN_MEMBERS}, got {size}")
    parties = frozenset(party_keys)
    if len({m.id for m in pool}) != len(pool):
        raise ValueError("pool lists a member twice")
    eligible = [m for m in pool if m.active and not _conflicts(m, parties)]
    if len(eligible) < size or not any(m.qualification == LAWYER for m in eligible):
        return []
    used: Counter[int] = Counter()

    def rank(m: MemberInfo) -> tuple[int, bool, int, int]:
        return (used[m.id], m.office != office, m.open_cases, m.id)

    proposals: list[PanelProposal] = []
    seen: set[frozenset[int]] = set()
    # A round that repeats an earlier panel is skipped; the bound ends the search in a small pool.
    for _ in range(limit * 2):
        if len(proposals) == limit:
            break
        chief = min((m for m in eligible if m.qualification == LAWYER), key=rank)
        chosen = [chief]
        if want_doctor:
            doctors = [m for m in eligible if m.qualification == DOCTOR]
            if doctors:
                chosen.append(min(doctors, key=rank))
        rest = sorted((m for m in eligible if m not in chosen), key=rank)
        chosen.extend(rest[: size - len(chosen)])
        for m in chosen:
            used[m.id] += 1
        key = frozenset(m.id for m in chosen)
        if key not in seen:
            seen.add(key)
            proposals.append(PanelProposal(tuple(chosen), chief))
    return proposals


def quorum(n: int) -> int:
    """DP-11 (規程第12条第3項): a majority of the panel's members."""
    return n // 2 + 1


def check_quorum(present: int, n: int) -> None:
    """DP-11: a panel meeting cannot be held without a majority of its members present."""
    needed = quorum(n)
    if present < needed:
        raise RuleViolation(
            f"出席委員{present}名は担当委員{n}名の過半数（{needed}名）に達しないため、紛争処理委員会を開催できません",
            QUORUM_ARTICLE,
            "present",
        )
