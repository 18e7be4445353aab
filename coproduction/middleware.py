from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect

# Pages a staff member without a second factor may still open: setting one up, signing out,
# and the public information pages.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/accessibility/", "/privacy/", "/cookies/",
                  "/contact/")


def require_second_factor(get_response):
    """Staff, finance and admin must set up an authenticator app before anything else opens."""

    def middleware(request):
        user = request.user
        if (
            settings.REQUIRE_STAFF_SECOND_FACTOR
            and user.is_authenticated
            and user.needs_second_factor
            and request.path != "/"
            and not request.path.startswith(_OPEN_PREFIXES)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.info(
                request,
                "Your role needs a second step when you sign in. "
                "Set up an authenticator app to carry on.",
            )
            return redirect("mfa_activate_totp")
        return get_response(request)

    return middleware
