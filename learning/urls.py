from django.urls import path

from learning import views

app_name = "learning"

urlpatterns = [
    path("learning/", views.home, name="home"),
    # The training offer
    path("learning/courses/", views.course_list, name="course_list"),
    path("learning/courses/new/", views.course_create, name="course_create"),
    path("learning/courses/<int:pk>/", views.course_detail, name="course"),
    path("learning/courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("learning/courses/<int:pk>/dates/new/", views.session_create, name="session_create"),
    path("learning/sessions/<int:pk>/", views.session_detail, name="session"),
    path("learning/sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("learning/sessions/<int:pk>/book/", views.book, name="book"),
    path("learning/sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("learning/sessions/<int:pk>/trainers/add/", views.trainer_add, name="trainer_add"),
    path("learning/trainers/<int:pk>/remove/", views.trainer_remove, name="trainer_remove"),
    path("learning/bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("people-bank/<int:person_pk>/book-course/", views.book_for_person,
         name="book_for_person"),
    path("learning/mine/", views.my_learning, name="mine"),
    path("learning/certificates/<int:pk>.pdf", views.certificate, name="certificate"),
    path("learning/record/", views.record_paper, name="record_paper"),
    path("learning/trained/", views.trained, name="trained"),
    # The toolkit
    path("learning/toolkit/", views.toolkit, name="toolkit"),
    path("learning/toolkit/glossary/", views.glossary, name="glossary"),
    path("learning/toolkit/templates/<slug:slug>.<str:file_format>", views.template_download,
         name="template_download"),
    path("learning/toolkit/<slug:slug>/", views.toolkit_page, name="toolkit_page"),
    path("learning/projects/<int:pk>/checklist/", views.checklist, name="checklist"),
    # The forum
    path("learning/forum/", views.forum, name="forum"),
    path("learning/forum/new/", views.topic_create, name="topic_create"),
    path("learning/forum/reports/", views.reports, name="reports"),
    path("learning/forum/reports/<int:pk>/close/", views.report_dismiss, name="report_dismiss"),
    path("learning/forum/<int:pk>/", views.topic_detail, name="topic"),
    path("learning/forum/<int:pk>/reply/", views.reply, name="reply"),
    path("learning/forum/<int:pk>/follow/", views.follow, name="follow"),
    path("learning/forum/posts/<int:pk>/helpful/", views.helpful, name="helpful"),
    path("learning/forum/posts/<int:pk>/report/", views.report, name="report"),
    path("learning/forum/posts/<int:pk>/hide/", views.hide, name="hide"),
    path("learning/forum/posts/<int:pk>/show/", views.unhide, name="unhide"),
]
