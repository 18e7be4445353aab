from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("admin-area/roles/", views.role_list, name="role_list"),
    path("admin-area/roles/changes/", views.role_changes, name="role_changes"),
    path("admin-area/roles/<int:pk>/", views.role_edit, name="role_edit"),
    path("admin-area/people-access/", views.access_log, name="access_log"),
    path("account/second-factor/", views.second_factor_setup, name="second_factor_setup"),
    path("account/second-factor/code/", views.second_factor_setup_code,
         name="second_factor_setup_code"),
    path("profile/", views.profile, name="profile"),
    path("profile/consent/", views.consent, name="consent"),
    path("profile/consent/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("profile/equality/", views.equality, name="equality"),
    path("profile/equality/remove/", views.equality_remove, name="equality_remove"),
    path("profile/training/add/", views.training_add, name="training_add"),
    path("profile/<slug:step>/", views.profile_step, name="profile_step"),
    path("invitations/<int:pk>/", views.invitation, name="invitation"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/pdf/<int:pk>/", views.data_export_status, name="data_export"),
    path("my-data/pdf/<int:pk>/download/", views.data_export_download,
         name="data_export_download"),
    path("my-data/pdf/<int:pk>/try-again/", views.data_export_try_again,
         name="data_export_try_again"),
    path("my-data/delete/", views.delete_account, name="delete_account"),
    path("my-data/stay/", views.stay, name="stay"),
    path("people-bank/equality-totals/", views.equality_totals, name="equality_totals"),
    path("people-bank/", views.bank_search, name="bank_search"),
    path("people-bank/new/", views.bank_create, name="bank_create"),
    path("people-bank/<int:pk>/", views.bank_person, name="bank_person"),
    path("people-bank/<int:pk>/consent/", views.bank_person_consent,
         name="bank_person_consent"),
    path("people-bank/<int:pk>/stay/", views.bank_person_stay, name="bank_person_stay"),
    path("people-bank/<int:pk>/invitations/<int:invitation_pk>/",
         views.bank_person_invitation, name="bank_person_invitation"),
    path("people-bank/<int:pk>/profile/<slug:step>/", views.bank_person_step,
         name="bank_person_step"),
]
