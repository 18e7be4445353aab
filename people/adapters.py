from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal.httpkit import get_client_ip
from django.contrib.sites.shortcuts import get_current_site
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from coproduction.context_processors import branding


def _came_for(request) -> str:
    """The page a visitor was on their way to when they signed up ("?next=…"), if it is ours."""
    if request is None:
        return ""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure())
    return wanted if safe and wanted.startswith("/") else ""


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """allauth's emails carry the council's name and contact details like every other
        email (they are rendered without a request, so the site context processor never runs
        for them), and can be sent from a job or after a commit, where there is no request."""
        request = allauth_context.request
        ctx = {**branding(), "email": email, "request": request,
               "current_site": get_current_site(request) if request is not None else None,
               **context}
        self.render_mail(template_prefix, email, ctx).send()

    def get_email_confirmation_url(self, request, emailconfirmation):
        """The link carries the page the person signed up on the way to, so they get back
        there even when the email opens in another browser (a phone's mail app, say)."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        came_for = _came_for(request)
        return f"{url}?{urlencode({'next': came_for})}" if came_for else url

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Wrong passwords are counted per account *and* address, so someone guessing at an
        account locks out only their own address, never the owner (who can also always sign
        in with a code sent to their email). allauth also limits each address overall."""
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:" \
               f"{get_client_ip(request) or ''}"

    def logout(self, request):
        """Signing out ends every session of the account, on every device: someone who signs
        out on a shared computer after forgetting a library one is safe on both."""
        from people.services import sessions_end

        user = request.user
        super().logout(request)
        if user.is_authenticated:
            sessions_end(person=user)
