from chotei.disputes.models.case import Case, CaseNumberSequence, CaseParty, LedgerLine
from chotei.disputes.models.proceedings import (
    Amendment,
    Attendance,
    InsurerRequest,
    Meeting,
    Observer,
    Panel,
    PanelSeat,
    SpecialProcedure,
    Submission,
)

__all__ = [
    "Amendment",
    "Attendance",
    "Case",
    "CaseNumberSequence",
    "CaseParty",
    "InsurerRequest",
    "LedgerLine",
    "Meeting",
    "Observer",
    "Panel",
    "PanelSeat",
    "SpecialProcedure",
    "Submission",
]
