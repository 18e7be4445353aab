from django.urls import path

from stories import views

app_name = "stories"

urlpatterns = [
    path("stories/", views.story_list, name="story_list"),
    path("stories/new/", views.story_create, name="story_create"),
    path("stories/mine/", views.my_stories, name="my_stories"),
    path("stories/to-check/", views.stories_to_check, name="stories_to_check"),
    path("stories/<int:pk>/", views.story_detail, name="story_detail"),
    path("stories/<int:pk>/edit/", views.story_edit, name="story_edit"),
    path("stories/<int:pk>/quotes/add/", views.quote_add, name="quote_add"),
    path("stories/<int:pk>/pictures/add/", views.picture_add, name="picture_add"),
    path("stories/<int:pk>/remove/", views.story_remove_part, name="story_remove_part"),
    path("stories/<int:pk>/move/", views.story_move, name="story_move"),
    path("stories/pictures/<int:pk>/", views.story_picture, name="story_picture"),
]
