from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/mine/", views.my_projects, name="mine"),
    path("projects/new/", views.project_create, name="create"),
    path("projects/review/", views.review_queue, name="review_queue"),
    path("projects/calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("projects/calendar/new-address/", views.calendar_feed_renew,
         name="calendar_feed_renew"),
    path("projects/<int:pk>/", views.project_detail, name="detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="edit"),
    path("projects/<int:pk>/status/", views.project_status, name="status"),
    path("projects/<int:pk>/terms/", views.terms_document, name="terms_document"),
    path("projects/<int:pk>/assurance/", views.assurance, name="assurance"),
    path("projects/<int:pk>/assurance/score/", views.assurance_score, name="assurance_score"),
    path("projects/<int:pk>/assurance/comment/", views.assurance_comment,
         name="assurance_comment"),
    path("projects/<int:pk>/assurance/decision/", views.assurance_decision,
         name="assurance_decision"),
    path("projects/assurance/comments/<int:pk>/reply/", views.assurance_reply,
         name="assurance_reply"),
    path("projects/<int:pk>/interest/", views.express_interest, name="interest"),
    path("projects/<int:pk>/interest/review/", views.interest_review, name="interest_review"),
    path("projects/interest/<int:pk>/decide/", views.interest_decide, name="interest_decide"),
    path("projects/members/<int:pk>/leave/", views.membership_end, name="membership_end"),
    path("projects/<int:pk>/meetings/new/", views.session_create, name="session_create"),
    path("projects/meetings/<int:pk>/", views.session_detail, name="session"),
    path("projects/meetings/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("projects/meetings/<int:pk>/arranged/", views.session_arranged,
         name="session_arranged"),
    path("projects/meetings/<int:pk>/calendar.ics", views.session_ics, name="session_ics"),
    path("projects/meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("projects/<int:pk>/updates/new/", views.update_create, name="update_create"),
    path("projects/updates/<int:pk>/send/", views.update_send, name="update_send"),
    path("projects/<int:pk>/feedback/", views.evaluation, name="evaluation"),
    path("projects/<int:pk>/reflection/", views.reflection, name="reflection"),
    path("projects/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
]
