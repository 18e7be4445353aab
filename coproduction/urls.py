from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from coproduction import views

# Django admin's own sign-in page would take a password alone: send it through allauth's, with
# the second factor and rate limits every other sign-in has.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("our-voice/", views.our_voice, name="our_voice"),
    path("staff/", views.staff_home, name="staff_home"),
    path("finance/", views.finance_home, name="finance_home"),
    path("admin-area/", views.admin_home, name="admin_home"),
    path("admin-area/status/", views.system_status, name="system_status"),
    path("accessibility/", views.information_page("pages/accessibility.html"),
         name="accessibility"),
    path("privacy/", views.information_page("pages/privacy.html"), name="privacy"),
    path("cookies/", views.information_page("pages/cookies.html"), name="cookies"),
    path("contact/", views.information_page("pages/contact.html"), name="contact"),
    path("dashboards/", include("coproduction.dashboards.urls")),
    path("accounts/", include("allauth.urls")),
    path("django-admin/", admin.site.urls),
    path("", include("people.urls")),
    path("", include("projects.urls")),
    path("", include("listening.urls")),
    path("", include("payments.urls")),
]
