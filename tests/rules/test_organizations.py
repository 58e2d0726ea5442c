"""DP-02/DP-04: how clerks' spellings of an insurer meet the register, and which roles it may take."""

from __future__ import annotations

import pytest

from chotei.rules.errors import RuleViolation
from chotei.rules.organizations import Registered, check_party_role, name_key, unregistered

INSURER = Registered("あおば損害保険株式会社", "insurer", "保険会社")
COOP = Registered("みなと共済協同組合", "coop", "共済組合")


@pytest.mark.parametrize(
    "spelling",
    ["あおば損害保険株式会社", "株式会社あおば損害保険", "あおば損害保険（株）", "あおば　損害保険㈱"],
)
def test_dp02_spellings_of_one_company_share_a_key(spelling):
    assert name_key(spelling) == "あおば損害保険"


def test_dp02_half_width_kana_and_latin_case_fold():
    assert name_key("ｱｵﾊﾞ損害保険(株)") == name_key("アオバ損害保険株式会社")
    assert name_key("ＡＢＣ損害保険株式会社") == name_key("abc損害保険")


def test_dp02_different_names_keep_different_keys():
    assert name_key("あおば損害保険株式会社") != name_key("あおば生命保険株式会社")
    assert name_key("  ") == ""


def test_dp04_role_must_match_the_registered_kind():
    check_party_role("respondent", "insurer", "", INSURER)
    check_party_role("respondent", "coop", "organization", COOP)
    with pytest.raises(RuleViolation) as exc:
        check_party_role("respondent", "coop", "", INSURER)
    assert str(exc.value) == (
        "令第14条により相手方「あおば損害保険株式会社」は保険会社として登録されているため、共済組合の立場にはなれません"
    )
    assert exc.value.field == "respondent_role" and exc.value.obligation == "DP-04"


def test_dp04_an_insurer_takes_no_persons_role_and_a_person_no_insurers():
    with pytest.raises(RuleViolation, match="被害者の立場にはなれません") as exc:
        check_party_role("applicant", "victim", "organization", INSURER)
    assert exc.value.field == "applicant_role"
    with pytest.raises(RuleViolation, match="申請人が個人の場合、共済組合の立場にはなれません") as exc:
        check_party_role("applicant", "coop", "person", None)
    assert exc.value.field == "applicant_kind"
    # A company that owns the car (被保険者) is not an insurer.
    check_party_role(
        "applicant", "insured", "organization", Registered("丸の内運送株式会社", "other", "その他")
    )


def test_dp02_unknown_insurer_names_the_field_and_says_what_to_do():
    error = unregistered("respondent", "insurer", "ひかり損害保険株式会社")
    assert error.field == "respondent_name" and error.obligation == "DP-02"
    assert str(error) == (
        "令第13条第1号により相手方「ひかり損害保険株式会社」は保険会社として登録されていません。"
        "先に組織の登録で保険会社を登録してから受け付けてください"
    )
