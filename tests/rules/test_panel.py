"""DP-11, CM-05: panel composition, proposals and quorum."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chotei.rules.errors import RuleViolation
from chotei.rules.offices import BRANCH, MAIN
from chotei.rules.panel import (
    ACADEMIC,
    DOCTOR,
    LAWYER,
    OTHER,
    QUALIFICATION_LABELS,
    MemberInfo,
    PanelViolation,
    check_panel,
    check_quorum,
    quorum,
    suggest_panels,
)

SATO = MemberInfo(1, "佐藤 一郎", LAWYER, MAIN, interests=frozenset({"みなと共済"}))
SUZUKI = MemberInfo(2, "鈴木 花子", DOCTOR, MAIN)
TANAKA = MemberInfo(3, "田中 次郎", ACADEMIC, MAIN)
ITO = MemberInfo(4, "伊藤 三郎", LAWYER, BRANCH)
WATANABE = MemberInfo(5, "渡辺 四郎", OTHER, MAIN, active=False)


def test_cm05_qualification_labels() -> None:
    assert QUALIFICATION_LABELS == {LAWYER: "弁護士", DOCTOR: "医師", ACADEMIC: "学識経験者", OTHER: "その他"}


def test_dp11_valid_panel_passes() -> None:
    check_panel([SATO, SUZUKI, TANAKA], chief_id=1, party_keys={"あおば損保", "山田 太郎"})


def test_dp11_panel_without_lawyer_refused_naming_rule() -> None:
    with pytest.raises(PanelViolation) as excinfo:
        check_panel([SUZUKI, TANAKA, MemberInfo(6, "高橋 五郎", ACADEMIC, MAIN)], chief_id=2, party_keys=[])
    assert str(excinfo.value).startswith("法第23条の7第2項・第3項及び規程第12条により")
    assert excinfo.value.problems == ["弁護士である担当委員がいません（法第23条の7第3項）"]
    assert excinfo.value.obligation == "DP-11"


def test_dp11_cm05_conflicted_member_refused_naming_member_and_party() -> None:
    with pytest.raises(PanelViolation) as excinfo:
        check_panel([SATO, SUZUKI, TANAKA, ITO], chief_id=4, party_keys=["みなと共済", "山田 太郎"])
    assert excinfo.value.problems == ["佐藤 一郎: 当事者（みなと共済）との利害関係の申告あり"]


def test_dp11_all_problems_collected_in_one_exception() -> None:
    with pytest.raises(PanelViolation) as excinfo:
        check_panel([SATO, SATO, WATANABE], chief_id=99, party_keys=["みなと共済"])
    problems = excinfo.value.problems
    assert problems == [
        "佐藤 一郎: 当事者（みなと共済）との利害関係の申告あり",
        "佐藤 一郎: 重複して指名されています",
        "渡辺 四郎: 委嘱中の紛争処理委員ではありません",
        "担当委員が2名です（3名以上が必要）",
        "主任委員（委員ID 99）が担当委員に含まれていません（規程第12条第2項）",
    ]
    for problem in problems:
        assert problem in str(excinfo.value)
    assert isinstance(excinfo.value, RuleViolation)


def test_dp11_panel_needs_a_chief() -> None:
    with pytest.raises(PanelViolation) as excinfo:
        check_panel([SATO, SUZUKI, TANAKA], chief_id=None, party_keys=[])
    assert excinfo.value.problems == ["主任委員が指名されていません（規程第12条第2項）"]


def test_dp11_fewer_than_three_refused() -> None:
    with pytest.raises(PanelViolation, match="担当委員が2名です"):
        check_panel([SATO, SUZUKI], chief_id=1, party_keys=[])


def test_dp11_quorum_is_a_majority() -> None:
    assert [quorum(n) for n in (3, 4, 5, 6)] == [2, 3, 3, 4]
    check_quorum(2, 3)
    check_quorum(3, 4)
    with pytest.raises(
        RuleViolation, match=r"^規程第12条第3項により出席委員2名は担当委員4名の過半数（3名）"
    ) as excinfo:
        check_quorum(2, 4)
    assert excinfo.value.obligation == "DP-11"


def _pool() -> list[MemberInfo]:
    quals = [LAWYER, DOCTOR, ACADEMIC, LAWYER, OTHER]
    return [
        MemberInfo(
            i,
            f"委員{i}",
            quals[i % len(quals)],
            MAIN if i % 3 else BRANCH,
            interests=frozenset({"みなと共済"}) if i % 7 == 0 else frozenset(),
            open_cases=(i * 7) % 11,
        )
        for i in range(1, 51)
    ]


def test_dp11_suggestions_prefer_case_office_low_caseload_lawyer_chief_and_doctor() -> None:
    pool = _pool()
    proposals = suggest_panels(pool, ["みなと共済"], office=MAIN)
    assert len(proposals) == 3
    best = proposals[0]
    assert best.chief.qualification == LAWYER
    assert any(m.qualification == DOCTOR for m in best.members)
    assert all(m.office == MAIN for m in best.members)
    local_lawyers = [m for m in pool if m.qualification == LAWYER and m.office == MAIN and m.id % 7]
    assert best.chief.open_cases == min(m.open_cases for m in local_lawyers)
    for p in proposals:
        check_panel(p.members, p.chief.id, ["みなと共済"])
    # The alternatives use other members where the pool allows.
    ids = [frozenset(m.id for m in p.members) for p in proposals]
    assert ids[0].isdisjoint(ids[1]) and ids[1].isdisjoint(ids[2])


def test_dp11_suggestions_are_deterministic_and_fast() -> None:
    pool = _pool()
    start = time.perf_counter()
    first = suggest_panels(pool, ["みなと共済"], office=BRANCH, size=5, limit=5)
    assert time.perf_counter() - start < 0.1
    assert first == suggest_panels(list(reversed(pool)), ["みなと共済"], office=BRANCH, size=5, limit=5)
    assert all(len(p.members) == 5 for p in first)


def test_dp11_no_suggestion_without_an_eligible_lawyer() -> None:
    assert suggest_panels([SATO, SUZUKI, TANAKA], ["みなと共済"], office=MAIN) == []
    assert suggest_panels([SATO, SUZUKI], [], office=MAIN) == []


def test_suggest_panels_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        suggest_panels([SATO, SATO, SUZUKI, TANAKA], [], office=MAIN)
    with pytest.raises(ValueError):
        suggest_panels([SATO, SUZUKI, TANAKA], [], office=MAIN, size=2)


def test_dp11_doctor_left_out_when_not_wanted() -> None:
    lawyers = [MemberInfo(i, f"弁護士{i}", LAWYER, MAIN, open_cases=0) for i in range(1, 4)]
    doctor = MemberInfo(9, "医師", DOCTOR, MAIN, open_cases=5)
    (best, *_) = suggest_panels([*lawyers, doctor], [], office=MAIN, want_doctor=False)
    assert doctor not in best.members
    (best, *_) = suggest_panels([*lawyers, doctor], [], office=MAIN)
    assert doctor in best.members


MEMBERS = st.builds(
    MemberInfo,
    id=st.integers(1, 40),
    name=st.text(min_size=1, max_size=4),
    qualification=st.sampled_from([LAWYER, DOCTOR, ACADEMIC, OTHER]),
    office=st.sampled_from([MAIN, BRANCH]),
    interests=st.frozensets(st.sampled_from(["A", "B", "C", "D"]), max_size=2),
    open_cases=st.integers(0, 20),
    active=st.booleans(),
)


@given(
    st.lists(MEMBERS, max_size=40, unique_by=lambda m: m.id),
    st.frozensets(st.sampled_from(["A", "B", "C", "D"]), max_size=3),
    st.sampled_from([MAIN, BRANCH]),
    st.integers(3, 5),
    st.booleans(),
    st.integers(1, 4),
)
def test_dp11_every_suggested_panel_passes_check_panel(
    pool: list[MemberInfo], parties: frozenset[str], office: str, size: int, want_doctor: bool, limit: int
) -> None:
    proposals = suggest_panels(pool, parties, office, size=size, want_doctor=want_doctor, limit=limit)
    assert len(proposals) <= limit
    assert len({frozenset(m.id for m in p.members) for p in proposals}) == len(proposals)
    for p in proposals:
        check_panel(p.members, p.chief.id, parties)
        assert p.chief.qualification == LAWYER
        assert len(p.members) == size
        eligible_doctor = any(
            m.qualification == DOCTOR and m.active and not (m.interests & parties) for m in pool
        )
        if want_doctor and eligible_doctor:
            assert any(m.qualification == DOCTOR for m in p.members)
