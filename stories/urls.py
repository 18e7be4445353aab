from django.urls import path

from stories import views
from stories.feeds import NewsFeed

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
    path("case-studies/", views.case_study_list, name="case_study_list"),
    path("case-studies/schema.json", views.case_study_schema, name="case_study_schema"),
    path("case-studies/manage/", views.case_study_manage, name="case_study_manage"),
    path("case-studies/import/", views.case_study_import, name="case_study_import"),
    path("case-studies/start/<int:project_pk>/", views.case_study_start,
         name="case_study_start"),
    path("case-studies/<int:pk>/", views.case_study_detail, name="case_study_detail"),
    path("case-studies/<int:pk>/edit/", views.case_study_edit, name="case_study_edit"),
    path("case-studies/<int:pk>/publish/", views.case_study_move, name="case_study_move"),
    path("case-studies/<int:pk>/case-study.pdf", views.case_study_pdf, name="case_study_pdf"),
    path("case-studies/<int:pk>/case-study.json", views.case_study_json,
         name="case_study_json"),
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/new/", views.partner_edit, name="partner_create"),
    path("partners/<int:pk>/", views.partner_detail, name="partner_detail"),
    path("partners/<int:pk>/edit/", views.partner_edit, name="partner_edit"),
    path("partners/<int:pk>/accounts/", views.partner_accounts, name="partner_accounts"),
    path("partners/accounts/<int:pk>/remove/", views.partner_account_remove,
         name="partner_account_remove"),
    path("partners/mine/", views.partner_home, name="partner_home"),
    path("my-groups/", views.my_groups, name="my_groups"),
    path("news/", views.news_list, name="news_list"),
    path("news/feed/", NewsFeed(), name="news_feed"),
    path("news/new/", views.news_edit, name="news_create"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
    path("news/<int:pk>/edit/", views.news_edit, name="news_edit"),
    path("news/<int:pk>/publish/", views.news_move, name="news_move"),
]
