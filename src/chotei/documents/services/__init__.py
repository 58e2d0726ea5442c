"""Issuing, opening and governing written notices (書面) — the only code that writes documents.

A notice is built from the records (facts.py), checked for every required item (check_notice) and
for glyphs the font lacks before anything is stored; the PDF, its SHA-256, the ledger line and the
audit event are written in one transaction (DP-05..DP-21, PN-01..PN-07, CP-05).

One module per family: ``common`` (numbering, rendering, storing), ``case_notices`` (the body's
dispute notices), ``claims`` (payment notices of insurers and co-ops), ``opening``, ``consent``
(electronic delivery) and ``templates`` (model texts). The entry points the API, desk, tasks and
CLI call are re-exported here so that they keep calling ``services.<name>``.
"""

from chotei.documents.services.case_notices import (
    case_notice_preview,
    case_notices_failure_record,
    case_notices_issue,
)
from chotei.documents.services.claims import claim_notice_issue, claim_register
from chotei.documents.services.consent import (
    CONSENT_ARTICLE,
    CONSENT_FORMAT,
    CONSENT_METHOD,
    consent_offer_text,
    consent_record,
    consented,
)
from chotei.documents.services.opening import document_content, document_open, is_addressee
from chotei.documents.services.templates import (
    GUIDELINE_REVIEW,
    TEMPLATE_ROLES,
    effective_template,
    template_approve,
    template_propose,
)

__all__ = [
    "CONSENT_ARTICLE",
    "CONSENT_FORMAT",
    "CONSENT_METHOD",
    "GUIDELINE_REVIEW",
    "TEMPLATE_ROLES",
    "case_notice_preview",
    "case_notices_failure_record",
    "case_notices_issue",
    "claim_notice_issue",
    "claim_register",
    "consent_offer_text",
    "consent_record",
    "consented",
    "document_content",
    "document_open",
    "effective_template",
    "is_addressee",
    "template_approve",
    "template_propose",
]
