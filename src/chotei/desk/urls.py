from django.urls import path

from chotei.desk.views import (
    auth,
    cases,
    intake,
    mailing,
    meetings,
    messages,
    operations,
    records,
    roster,
    second_factor,
    submissions,
    tokens,
)

app_name = "desk"
urlpatterns = [
    path("desk/login/", auth.LoginView.as_view(), name="login"),
    path("desk/login/second-factor/", second_factor.second_factor_step, name="second_factor"),
    path("desk/logout/", auth.LogoutView.as_view(), name="logout"),
    path("desk/", cases.case_list, name="case_list"),
    path("desk/cases/new/", intake.case_new, name="case_new"),
    path("desk/cases/<int:case_id>/", cases.case_detail, name="case_detail"),
    path("desk/cases/<int:case_id>/panel-suggestions/", cases.panel_suggestions, name="panel_suggestions"),
    path("desk/cases/<int:case_id>/actions/<slug:name>/", operations.case_action, name="case_action"),
    path(
        "desk/cases/<int:case_id>/submissions/<int:submission_id>/file/",
        submissions.submission_download,
        name="submission_file",
    ),
    path("desk/cases/<int:case_id>/messages/", messages.case_messages, name="case_messages"),
    path(
        "desk/cases/<int:case_id>/messages/files/<int:attachment_id>/",
        messages.message_attachment,
        name="message_attachment",
    ),
    # Under documents/ beside the previews; the section is the case page's, so the desk serves it.
    path("desk/documents/cases/<int:case_id>/", cases.case_documents, name="case_documents"),
    path("desk/meetings/", meetings.meeting_list, name="meetings"),
    path("desk/mailing/", mailing.batch, name="mailing"),
    path("desk/mailing/labels.pdf", mailing.labels, name="mailing_labels"),
    path("desk/mailing/book.pdf", mailing.book, name="mailing_book"),
    path("desk/ledger/", records.ledger, name="ledger"),
    path("desk/ledger/download/", records.ledger_download, name="ledger_download"),
    path("desk/audit/", records.audit_log, name="audit"),
    path("desk/audit/download/", records.audit_download, name="audit_download"),
    path("desk/access-review/", records.access_review, name="access_review"),
    path("desk/tokens/", tokens.token_list, name="tokens"),
    path("desk/tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("desk/roster/", roster.roster, name="roster"),
    path("desk/roster/members/<int:member_id>/", roster.roster_member, name="roster_member"),
    path("desk/roster/actions/<slug:name>/", roster.roster_action, name="roster_action"),
]
