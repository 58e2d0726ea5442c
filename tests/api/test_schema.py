"""Property test of the whole API against its own OpenAPI schema: no generated input — valid or not,
for a real or an arbitrary record — may end in a server error (issue #2: "never 500 for bad input").

Requests go through the real WSGI application, which closes its database connection after each
request; hence a transactional database rather than the usual per-test transaction.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from chotei.accounts.models import ApiToken
from chotei.disputes.services import panels, proceedings
from chotei.disputes.services.intake import PartyInput
from chotei.documents import services as documents_services
from chotei.rules.states import CaseState
from tests.disputes.conftest import submission
from tests.documents.test_payment_notices import NONPAYMENT
from tests.factories import World

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def records(transactional_db: Any) -> dict[str, Any]:
    """A staff token and one real record of each kind the paths name."""
    world = World.build()
    case = world.make_case(CaseState.UNDER_REVIEW)
    meeting = panels.meeting_schedule(
        actor=world.staff, case_id=case.pk, scheduled_for=timezone.now(), place="本部"
    )
    request = proceedings.insurer_request_create(actor=world.staff, case_id=case.pk, request="資料")
    procedure = proceedings.special_procedure_request(
        actor=world.staff, case_id=case.pk, kind="鑑定", requested_by="applicant", reason="読影"
    )
    evidence = submission(world, case, file_name="診断書.pdf")
    claim = documents_services.claim_register(
        actor=world.users["admin"],
        insurer_id=world.insurer.pk,
        reference="S-1",
        data=NONPAYMENT,
        claimant=PartyInput(name="佐々木 花子", address="横浜市"),
    )
    notice = documents_services.claim_notice_issue(
        actor=world.users["admin"], claim_id=claim.pk, kind="nonpayment"
    )
    _, raw = ApiToken.issue(world.staff, "schemathesis")
    ids = {
        "submission_id": evidence.pk,
        "claim_id": claim.pk,
        "document_id": notice.pk,
        "case_id": case.pk,
        "meeting_id": meeting.pk,
        "request_id": request.pk,
        "procedure_id": procedure.pk,
    }
    return {"token": raw, "ids": ids}


@schema.parametrize()
@schema.given(real_ids=st.booleans())
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_causes_a_server_error(case: Any, real_ids: bool, records: dict[str, Any]) -> None:
    if real_ids and case.path_parameters:
        # Half the examples reach an existing record, so the services behind the 404 are exercised.
        case.path_parameters.update({k: v for k, v in records["ids"].items() if k in case.path_parameters})
    case.call_and_validate(
        headers={"Authorization": f"Bearer {records['token']}"}, checks=[not_a_server_error]
    )


def test_api_office_choices_are_the_rules_offices() -> None:
    from typing import get_args

    from chotei.api.types import Office
    from chotei.rules import offices

    assert set(get_args(Office)) == set(offices.OFFICE_LABELS)
