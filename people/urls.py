from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("admin-area/roles/", views.role_list, name="role_list"),
    path("admin-area/roles/changes/", views.role_changes, name="role_changes"),
    path("admin-area/roles/<int:pk>/", views.role_edit, name="role_edit"),
]
