from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from coproduction.context_processors import branding


class AccountAdapter(DefaultAccountAdapter):
    """allauth's emails carry the council's name and contact details like every other email
    (they are rendered without a request, so the site context processor never runs for them),
    and can be sent from a job or after a commit, where there is no request at all."""

    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        ctx = {**branding(), "email": email, "request": request,
               "current_site": get_current_site(request) if request is not None else None,
               **context}
        self.render_mail(template_prefix, email, ctx).send()
