from django.urls import path

from chotei.documents import views

app_name = "documents"
urlpatterns = [
    path("<int:pk>/pdf/", views.document_pdf, name="pdf"),
    path("consent/<int:party_id>/", views.consent, name="consent"),
    path("templates/", views.template_list, name="templates"),
    path("templates/<int:pk>/approve/", views.template_approve, name="template_approve"),
    path("cases/<int:case_id>/preview/<str:kind>/<str:side>/", views.case_preview, name="preview"),
]
