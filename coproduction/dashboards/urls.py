from django.urls import path

from coproduction.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    *[path(f"{slug}/", views.page_view(slug), name=slug) for slug in views.PAGE_SLUGS],
    path("<slug:slug>/print/", views.print_version, name="print"),
    path("<slug:slug>/<slug:table>.csv", views.table_csv, name="csv"),
]
