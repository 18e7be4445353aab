from django.conf import settings
from django.urls import reverse

from people.models import Role


def _navigation(user):
    items = [
        ("Projects", reverse("projects:list")),
        ("Events", reverse("listening:event_list")),
        ("You said, we did", reverse("listening:you_said_we_did")),
        ("Learning", reverse("learning:home")),
        ("Stories", reverse("stories:story_list")),
    ]
    if not user.is_authenticated:
        return items
    items.append(("My dashboard", reverse("dashboard")))
    if user.has_role(Role.OUR_VOICE):
        items.append(("Our Voice", reverse("our_voice")))
    if user.has_role(Role.STAFF):
        items.append(("Staff", reverse("staff_home")))
    if user.has_role(Role.FINANCE):
        items.append(("Finance", reverse("finance_home")))
    if user.has_role(Role.ADMIN):
        items.append(("Admin", reverse("admin_home")))
    if user.has_role(Role.PARTNER):
        items.append(("Your organisation", reverse("stories:partner_home")))
    return items


def branding() -> dict:
    """The council's name and contact details: for pages, emails and documents alike."""
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "council_contact_email": settings.COUNCIL_CONTACT_EMAIL,
        "council_phone": settings.COUNCIL_PHONE,
        "site_url": settings.SITE_URL,
    }


def site(request):
    return {
        **branding(),
        "council_logo": settings.COUNCIL_LOGO,
        "demo_mode": settings.DEMO_MODE,
        "navigation": _navigation(request.user),
    }
