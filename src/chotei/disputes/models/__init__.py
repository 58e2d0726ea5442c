from chotei.disputes.models.case import Case, CaseNumberSequence, CaseParty, LedgerLine
from chotei.disputes.models.proceedings import (
    Amendment,
    Attendance,
    FurtherRequest,
    InsurerRequest,
    Meeting,
    Observer,
    Panel,
    PanelSeat,
    SpecialProcedure,
    Submission,
)
from chotei.disputes.models.records import CaseNote, Correction

__all__ = [
    "Amendment",
    "Attendance",
    "Case",
    "CaseNumberSequence",
    "CaseNote",
    "CaseParty",
    "Correction",
    "FurtherRequest",
    "InsurerRequest",
    "LedgerLine",
    "Meeting",
    "Observer",
    "Panel",
    "PanelSeat",
    "SpecialProcedure",
    "Submission",
]
