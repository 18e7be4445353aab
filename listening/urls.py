from django.urls import path

from listening import views

app_name = "listening"

urlpatterns = [
    path("events/", views.event_list, name="event_list"),
    path("you-said-we-did/", views.you_said_we_did, name="you_said_we_did"),
]
