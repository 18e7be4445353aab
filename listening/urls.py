from django.urls import path

from listening import views

app_name = "listening"

urlpatterns = [
    path("events/", views.event_list, name="event_list"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/calendar.ics", views.event_calendar, name="event_calendar"),
    path("events/<int:pk>/register/", views.event_register, name="event_register"),
    path("events/<int:pk>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("events/<int:pk>/feedback/", views.event_feedback, name="event_feedback"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/attendance/", views.event_attendance, name="event_attendance"),
    path("events/<int:pk>/walk-in/", views.event_walk_in, name="event_walk_in"),
    path("events/<int:pk>/sign-in-sheet/", views.event_sign_in_sheet,
         name="event_sign_in_sheet"),
    path("events/<int:pk>/what-we-heard/", views.event_what_we_heard,
         name="event_what_we_heard"),
    path("events/<int:pk>/to-contact/", views.event_contact_list, name="event_contact_list"),
    path("feedback/", views.feedback_give, name="feedback_give"),
    path("my-events-and-feedback/", views.my_listening, name="my_listening"),
    path("you-said-we-did/", views.you_said_we_did, name="you_said_we_did"),
    path("you-said-we-did/events/<int:pk>/", views.event_report, name="event_report"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment_detail"),
    path("listening/feedback/", views.feedback_list, name="feedback_list"),
    path("listening/feedback/add/", views.feedback_add, name="feedback_add"),
    path("listening/feedback/import/", views.feedback_import, name="feedback_import"),
    path("listening/feedback/import/confirm/", views.feedback_import_confirm,
         name="feedback_import_confirm"),
    path("listening/themes/", views.theme_list, name="theme_list"),
    path("listening/commitments/", views.commitment_list, name="commitment_list"),
    path("listening/commitments/new/", views.commitment_create, name="commitment_create"),
    path("commitments/<int:pk>/update/", views.commitment_update, name="commitment_update"),
]
