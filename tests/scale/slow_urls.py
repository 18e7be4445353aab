"""The portal's URLs plus one page whose query runs past its time limit (for the timeout test)."""

from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import include, path


def slow_page(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 50")
        cursor.execute("SELECT pg_sleep(2)")
    return HttpResponse("finished")


urlpatterns = [
    path("slow-page-for-tests/", slow_page, name="slow_page_for_tests"),
    path("", include("coproduction.urls")),
]
