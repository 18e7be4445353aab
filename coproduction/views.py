from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from coproduction.models import WorkerHeartbeat
from coproduction.panels import panels_for
from coproduction.roles import Role, role_required
from coproduction.selectors import home_page

# The worker is called healthy when beat's heartbeat was recorded this recently.
HEARTBEAT_STALE_AFTER = timezone.timedelta(minutes=5)


@require_safe
def home(request):
    return render(request, "coproduction/home.html", home_page())


def role_home(role: Role, *, template_name: str, panels: str):
    """Each role's home page: the panels every room registers for that role (see panels.py)."""

    @require_safe
    @role_required(role)
    def view(request):
        return render(request, template_name, {"panels": panels_for(panels, request.user)})

    return view


@require_safe
@role_required(Role.ADMIN)
def system_status(request):
    heartbeat = WorkerHeartbeat.objects.filter(
        source=WorkerHeartbeat.Source.BEAT_AND_WORKER
    ).first()
    healthy = bool(heartbeat and timezone.now() - heartbeat.last_seen < HEARTBEAT_STALE_AFTER)
    return render(request, "coproduction/system_status.html", {
        "heartbeat": heartbeat,
        "healthy": healthy,
        "broker": settings.CELERY_BROKER_URL.split("://")[0],
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
    })


def information_page(template_name):
    """The plain-English pages linked from every footer."""

    @require_safe
    def view(request):
        return render(request, template_name)

    return view


@require_safe
def security_txt(request):
    """How to tell us about a security problem, where researchers look for it (RFC 9116).
    Expires is always a few months ahead, so the file never goes stale while the site runs."""
    expires = (timezone.now() + timezone.timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en",
        f"Canonical: {settings.SITE_URL}{reverse('security_txt')}",
        f"Policy: {settings.SITE_URL}{reverse('privacy')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# --- Error pages: the portal's look, plain words, a way back. -------------------------------


def _error_page(request, template_name, title, status):
    return render(request, template_name, {"error_title": title}, status=status)


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", "Page not found", 404)


def permission_denied(request, exception=None):
    return _error_page(request, "403.html", "You cannot open this page", 403)


def csrf_failure(request, reason=""):
    return _error_page(request, "403_csrf.html", "This form has expired", 403)


def too_many_tries(request, exception=None):
    return _error_page(request, "429.html", "Too many tries", 429)


def taking_too_long(request):
    """A query ran past its time limit and the database stopped it (coproduction.middleware)."""
    return _error_page(request, "503.html", "This is taking too long", 503)


def server_error(request):
    """Renders with the branding settings only: no database, no session, no context
    processors that could fail again (the error may be the database itself)."""
    from django.http import HttpResponseServerError
    from django.template import loader

    from coproduction.context_processors import branding

    html = loader.get_template("500.html").render(
        {**branding(), "error_title": "Sorry, there is a problem with the service",
         "council_logo": settings.COUNCIL_LOGO, "navigation": []})
    return HttpResponseServerError(html)
