from django.urls import path

from chotei.portal import languages
from chotei.portal.views import amend, apply, case_actions, cases, messages, public

app_name = "portal"
urlpatterns = [
    path("", public.home, name="home"),
    path("about/scope/", public.scope, name="scope"),
    path("about/procedure/", public.procedure, name="procedure"),
    path("about/contact/", public.contact, name="contact"),
    path("language/", languages.choose, name="language"),
    path("portal/", cases.my_cases, name="my_cases"),
    path("portal/apply/", apply.apply_start, name="apply_start"),
    path("portal/apply/<int:draft_id>/review/", apply.apply_review, name="apply_review"),
    path("portal/apply/<int:draft_id>/submit/", apply.apply_submit, name="apply_submit"),
    path("portal/apply/<int:draft_id>/<slug:key>/", apply.apply_step, name="apply_step"),
    path("portal/cases/<int:case_id>/", cases.case_page, name="case"),
    path("portal/cases/<int:case_id>/consent/", case_actions.consent, name="consent"),
    path("portal/cases/<int:case_id>/notices/<int:document_id>/", case_actions.notice_pdf, name="notice_pdf"),
    path("portal/cases/<int:case_id>/submit/", case_actions.submit, name="submit"),
    path("portal/cases/<int:case_id>/withdraw/", case_actions.withdraw, name="withdraw"),
    path("portal/cases/<int:case_id>/mandate/", case_actions.mandate, name="mandate"),
    path("portal/cases/<int:case_id>/amend/", amend.amend, name="amend"),
    path("portal/cases/<int:case_id>/messages/", messages.thread, name="messages"),
    path(
        "portal/cases/<int:case_id>/messages/files/<int:attachment_id>/",
        messages.attachment,
        name="message_attachment",
    ),
    path(
        "portal/cases/<int:case_id>/requests/<int:request_id>/answer/",
        case_actions.answer_request,
        name="answer_request",
    ),
]
