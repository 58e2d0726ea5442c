from django.contrib import admin
from django.urls import include, path

from chotei.api.urls import api
from chotei.operations.health import healthz, readyz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("desk/documents/", include("chotei.documents.urls")),
    path("portal/accounts/", include("allauth.urls")),
    path("", include("chotei.portal.urls")),
    path("", include("chotei.desk.urls")),
]

handler403 = "chotei.web.errors.permission_denied"
handler404 = "chotei.web.errors.page_not_found"
handler500 = "chotei.web.errors.server_error"
