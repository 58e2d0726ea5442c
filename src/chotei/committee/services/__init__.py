"""The roster of committee members (紛争処理委員): board meetings, appointments, dismissals and
interests (CM-01..CM-05). The only code that writes the roster.

Every change is written with its audit event (AuditEvent.Type.ROSTER, with a Japanese description)
in one transaction. A change that would take the roster below the minimums of 令第17条 is not saved
until the caller confirms it (``RosterConfirmationNeeded``).
"""

from chotei.committee.services.appointments import (
    appointment_approve,
    appointment_ratify,
    appointment_reject,
    appointment_request,
    unratified_appointments,
)
from chotei.committee.services.board import board_meeting_record
from chotei.committee.services.interests import interest_declare, interest_withdraw
from chotei.committee.services.roster import (
    AppointmentOutcome,
    RosterConfirmationNeeded,
    RosterNotFound,
    UnratifiedAppointment,
    roster_counts,
    roster_problems,
)

__all__ = [
    "AppointmentOutcome",
    "RosterConfirmationNeeded",
    "RosterNotFound",
    "UnratifiedAppointment",
    "appointment_approve",
    "appointment_ratify",
    "appointment_reject",
    "appointment_request",
    "board_meeting_record",
    "interest_declare",
    "interest_withdraw",
    "roster_counts",
    "roster_problems",
    "unratified_appointments",
]
