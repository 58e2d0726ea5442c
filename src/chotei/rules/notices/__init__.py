"""What each written notice must say, generated from the case — never typed by hand.

Dispute notices of the body (規程): receipt DP-05, acceptance/refusal DP-07/DP-08, amendment DP-09,
request for the respondent's statement DP-16, result and explanation DP-17, termination DP-18,
withdrawal DP-19. Payment notices of insurers and co-ops (令): claim-time documents PN-01, payment
PN-02, non-payment PN-03, detailed explanation PN-06, with the co-op wording of 令10条 (PN-07).

One module per family: ``kinds`` (what each kind must state), ``texts`` (model texts, CP-05),
``placeholders``, ``checks`` (refusal of a notice lacking an item), ``wording`` (how values read),
``coop`` (令10条), ``data`` and ``compose``.
"""
