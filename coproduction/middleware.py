"""Staff, finance and admin work with a second factor: in every session, not just on the account.

allauth records each step a session has passed (password, code from the authenticator app) in
the session itself. A session counts as signed in with a second factor only when it holds an
"mfa" record, so a password given anywhere else (Django admin's old sign-in page, a session
that began before the role was granted) opens nothing until the code is given too.
"""

import logging
import time

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import OperationalError
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

logger = logging.getLogger(__name__)

# Pages any session may open: signing out and the public information pages (no personal data).
_ALWAYS_OPEN = {"account_logout", "accessibility", "privacy", "cookies", "contact"}
# A person who has an authenticator but whose session has given only a password: the code page.
_OPEN_UNTIL_CODE_GIVEN = _ALWAYS_OPEN | {"mfa_reauthenticate"}
# A person whose role needs a second factor and who has none yet: checking their email address,
# confirming their password again, then (once the email check is done) setting up the app.
_OPEN_UNTIL_SET_UP = _ALWAYS_OPEN | {
    "people:second_factor_setup", "people:second_factor_setup_code", "account_reauthenticate",
    "mfa_activate_totp",
}

# The session key the email check writes (people.services.second_factor_email_confirm) and how
# long it lasts: long enough to set up an app, short enough that a stolen session goes stale.
SETUP_EMAIL_CHECKED_KEY = "second_factor_setup_email_checked"
SETUP_EMAIL_CHECK_SECONDS = 30 * 60


def session_gave_second_factor(request, user) -> bool:
    return any(record.get("method") == "mfa"
               for record in get_authentication_records(request, user))


def setup_email_checked(request, user) -> bool:
    checked = request.session.get(SETUP_EMAIL_CHECKED_KEY) or {}
    return (checked.get("user") == user.pk
            and time.time() - checked.get("at", 0) < SETUP_EMAIL_CHECK_SECONDS)


def _url_name(request):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.view_name


def require_second_factor(get_response):
    """Staff, finance and admin reach nothing but the pages above until this session has given
    the code from their authenticator app (and set one up first, after an email check)."""

    def middleware(request):
        user = request.user
        if (
            not settings.REQUIRE_STAFF_SECOND_FACTOR
            or not user.is_authenticated
            or not user.needs_second_factor
            or request.path_info.startswith(settings.STATIC_URL)
        ):
            return get_response(request)

        name = _url_name(request)
        has_app = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if has_app:
            if session_gave_second_factor(request, user) or name in _OPEN_UNTIL_CODE_GIVEN:
                return get_response(request)
            messages.info(request, "Enter the code from your authenticator app to carry on.")
            code_page = reverse("mfa_reauthenticate")
            return redirect(f"{code_page}?{urlencode({'next': request.get_full_path()})}")

        if name == "mfa_activate_totp" and not setup_email_checked(request, user):
            return redirect("people:second_factor_setup")
        if name in _OPEN_UNTIL_SET_UP:
            return get_response(request)
        messages.info(
            request,
            "Your role needs a second step when you sign in. "
            "Set up an authenticator app to carry on.",
        )
        return redirect("people:second_factor_setup")

    return middleware


# Browser features the portal never uses, switched off for every page (and for anything that
# might be injected into one).
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
    "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment",
    "publickey-credentials-get", "serial", "usb", "xr-spatial-tracking"))


def permissions_policy(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


# When this session was last used; written at most once a minute, so most requests write
# nothing to the session store.
LAST_SEEN_KEY = "portal_last_seen"
LAST_SEEN_EVERY_SECONDS = 60


def session_limits(user) -> tuple[int, int]:
    """(idle, absolute) seconds a signed-in session lasts: short for the roles that see people's
    details and money, longer for members (see the README's security section)."""
    if user.needs_second_factor:
        return settings.SESSION_IDLE_SECONDS_STAFF, settings.SESSION_ABSOLUTE_SECONDS_STAFF
    return settings.SESSION_IDLE_SECONDS_MEMBER, settings.SESSION_ABSOLUTE_SECONDS_MEMBER


def end_stale_sessions(get_response):
    """Signs a session out after too long unused, or too long since the person signed in."""

    def middleware(request):
        user = request.user
        if user.is_authenticated:
            now = time.time()
            records = get_authentication_records(request, user)
            signed_in_at = records[0]["at"] if records else None
            last_seen = request.session.get(LAST_SEEN_KEY, signed_in_at)
            idle, absolute = session_limits(user)
            if (last_seen and now - last_seen > idle) or (
                    signed_in_at and now - signed_in_at > absolute):
                logout(request)
                messages.info(request, "You were signed out to keep your account safe. "
                                       "Sign in again to carry on.")
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen > LAST_SEEN_EVERY_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return get_response(request)

    return middleware


def too_many_tries_status(get_response):
    """allauth refuses a sign-in (or code) after too many tries with a form error on an ordinary
    200 page; say so with HTTP 429 too, so that scripts and monitoring see a refusal."""

    def middleware(request):
        response = get_response(request)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if (response.status_code == 200 and form is not None and form.is_bound
                and form.has_error("__all__", code="too_many_login_attempts")):
            response.status_code = 429
        return response

    return middleware


QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement cancelled by its timeout


def is_query_cancelled(exception) -> bool:
    return (isinstance(exception, OperationalError)
            and getattr(exception.__cause__, "sqlstate", None) == QUERY_CANCELED)


def query_took_too_long(get_response):
    """A query that ran past settings.DATABASE_STATEMENT_TIMEOUT_MS was cancelled by
    PostgreSQL: the person gets "this is taking too long" (HTTP 503, try again or narrow the
    search) instead of the general error page, and the log says which page, not who."""

    def middleware(request):
        return get_response(request)

    def process_exception(request, exception):
        if not is_query_cancelled(exception):
            return None
        logger.warning("A query took too long and was cancelled on %s", _url_name(request))
        from coproduction.views import taking_too_long

        return taking_too_long(request)

    middleware.process_exception = process_exception
    return middleware
