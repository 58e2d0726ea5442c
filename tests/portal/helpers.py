"""Walking the guided application as a party would, step by step."""

from __future__ import annotations

from typing import Any

from django.test import Client

ANSWERS: dict[str, dict[str, Any]] = {
    "applicant": {
        "applicant_role": "victim",
        "applicant_name": "山田 太郎",
        "applicant_postcode": "156-0054",
        "applicant_address": "東京都世田谷区桜丘二丁目1番3号",
        "applicant_phone": "03-1234-5678",
        "office": "tokyo",
    },
    "agent": {"filed_by": "self", "agent_kind": "none", "paid_non_lawyer_agent": "no"},
    "respondent": {},  # the registered insurer, filled in by the test
    "claim": {"claimed_to_insurer": "yes", "decision_notified_on": "2026-10-01", "category": "after_effect"},
    "dispute": {
        "matters_sought": "後遺障害等級14級9号の認定",
        "issues": "頚部痛の残存が非該当とされた点",
        "claim": "神経症状は医学的に説明可能である",
        "negotiation_history": "2026年10月に異議申立てをしたが結果は変わらなかった",
    },
    "accident": {"accident_date": "2026-03-01", "accident_summary": "交差点で信号待ち中に後方から追突された"},
    "others": {
        "other_bodies": "なし",
        "other_mediation_pending": "no",
        "already_settled": "no",
        "decided_before": "no",
    },
}


def start(client: Client) -> int:
    response = client.post("/portal/apply/")
    assert response.status_code == 302, response
    return int(response["Location"].split("/")[3])


def fill(client: Client, draft: int, step: str, data: dict[str, Any]) -> Any:
    return client.post(f"/portal/apply/{draft}/{step}/", data)


def apply(client: Client, insurer_id: int, **changes: dict[str, Any]) -> int:
    """Fill every step (with per-step changes) and return the draft's id, ready for review."""
    draft = start(client)
    for step, data in ANSWERS.items():
        data = {**data, **changes.get(step, {})}
        if step == "respondent":
            data = {"respondent_organization": str(insurer_id), **data}
        response = fill(client, draft, step, data)
        assert response.status_code == 302, response.content.decode()
    return draft
