"""Helpers shared by the whole-site checks."""

import re

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.test import Client, RequestFactory
from django.urls import reverse

from people.models import AuditQuerySet
from tests.site_rules.rules import LOGIN, REDIRECT


def client_as(user, *, reauthenticated=False):
    """A client signed in as `user`, recorded as a real password sign-in would be (and as
    having just confirmed their password again, with `reauthenticated`); None is a visitor."""
    client = Client()
    if user is not None:
        sign_in(client, user, reauthenticated=reauthenticated)
    return client


def sign_in(client, user, *, reauthenticated=False, code=True):
    """Signs `client` in as `user` the way allauth records a real sign-in: the password, then
    (for a person with an authenticator app, unless `code` is False) the code from the app."""
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session, request.user = client.session, user
    # allauth keeps a row per signed-in browser (what sessions_end ends, and the "signed-in
    # browsers" page lists); force_login is Django's, so it is recorded here.
    UserSession.objects.create_from_request(request)
    record_authentication(request, user, method="password", email=user.email,
                          reauthenticated=True if reauthenticated else None)
    app = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if code and app is not None:
        record_authentication(request, user, method="mfa", type=app.type, id=app.pk)
    request.session.save()
    return client


def outcome(response):
    """What a response amounts to in the table's terms."""
    if response.status_code in (301, 302):
        location = response.headers["Location"]
        return LOGIN if location.startswith(reverse("account_login")) else REDIRECT
    return response.status_code


def url_for(name, rule_or_check, world):
    kwargs = rule_or_check.kwargs(world) if rule_or_check.kwargs else {}
    url = reverse(name, kwargs=kwargs)
    query = getattr(rule_or_check, "query", "")
    return f"{url}?{query}" if query else url


def error_summary_links(html):
    """The fragment ids the GOV.UK error summary links to."""
    match = re.search(r'class="govuk-error-summary".*?</ul>', html, re.S)
    if not match:
        return None
    return re.findall(r'href="#([^"]+)"', match.group(0))


def write_over(rows, values) -> None:
    """The `rows` (a queryset) take `values`. Audit rows never change (AuditQuerySet refuses,
    and on PostgreSQL a trigger too), so those are copied with the values instead."""
    model = rows.model
    if not isinstance(model.objects.all(), AuditQuerySet):
        rows.update(**values)
        return
    copies = list(model._base_manager.filter(pk__in=rows.values("pk")))
    for row in copies:
        row.pk, row._state.adding = None, True
        for name, value in values.items():
            setattr(row, name, value)
    model._base_manager.bulk_create(copies)
