from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from coproduction import views
from coproduction.roles import Role

# Django admin's own sign-in page would take a password alone: send it through allauth's, with
# the second factor and rate limits every other sign-in has.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.role_home(Role.MEMBER, template_name="coproduction/dashboard.html",
                                       panels="member"), name="dashboard"),
    path("our-voice/", views.role_home(Role.OUR_VOICE, template_name="coproduction/our_voice.html",
                                       panels="our_voice"), name="our_voice"),
    path("staff/", views.role_home(Role.STAFF, template_name="coproduction/staff_home.html",
                                   panels="staff"), name="staff_home"),
    path("finance/", views.role_home(Role.FINANCE, template_name="coproduction/finance_home.html",
                                     panels="finance"), name="finance_home"),
    path("admin-area/", views.role_home(Role.ADMIN, template_name="coproduction/admin_home.html",
                                        panels="admin"), name="admin_home"),
    path("admin-area/status/", views.system_status, name="system_status"),
    path("accessibility/", views.information_page("pages/accessibility.html"),
         name="accessibility"),
    path("privacy/", views.information_page("pages/privacy.html"), name="privacy"),
    path("cookies/", views.information_page("pages/cookies.html"), name="cookies"),
    path("contact/", views.information_page("pages/contact.html"), name="contact"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("dashboards/", include("coproduction.dashboards.urls")),
    path("accounts/", include("allauth.urls")),
    path("django-admin/", admin.site.urls),
    path("", include("people.urls")),
    path("", include("projects.urls")),
    path("", include("listening.urls")),
    path("", include("payments.urls")),
    path("", include("messaging.urls")),
    path("", include("learning.urls")),
    path("", include("stories.urls")),
]

handler403 = "coproduction.views.permission_denied"
handler404 = "coproduction.views.page_not_found"
handler429 = "coproduction.views.too_many_tries"  # allauth's rate limits
handler500 = "coproduction.views.server_error"
