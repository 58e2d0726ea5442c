from django.urls import path

from chotei.portal.views import cases, public

app_name = "portal"
urlpatterns = [
    path("", public.home, name="home"),
    path("about/scope/", public.scope, name="scope"),
    path("about/procedure/", public.procedure, name="procedure"),
    path("about/contact/", public.contact, name="contact"),
    path("portal/", cases.my_cases, name="my_cases"),
]
