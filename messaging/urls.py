from django.urls import path

from messaging import views

app_name = "messaging"

urlpatterns = [
    path("messages/", views.outbox, name="outbox"),
    path("messages/<int:pk>/", views.delivery, name="delivery"),
    path("messages/<int:pk>/letter.pdf", views.letter_pdf, name="letter_pdf"),
    path("messages/to-phone/", views.phone_list, name="phone_list"),
    path("messages/to-phone/<int:pk>/", views.call, name="call"),
    path("messages/notify-callback/", views.notify_callback, name="notify_callback"),
]
