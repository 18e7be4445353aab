"""Setting up the first authenticator app for a role that needs one (staff, finance, admin).

A password alone must not be enough to enrol an app, or whoever has the password could make the
account theirs. So before the set-up page opens, the session proves it can read the account's
verified email: we send a six-digit code there, and the person types it in. The code lives only
in the session, hashed, for 15 minutes and five tries.
"""

import secrets
import time

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.utils.crypto import constant_time_compare, salted_hmac

from coproduction.middleware import SETUP_EMAIL_CHECKED_KEY

_CODE_KEY = "second_factor_setup_code"
CODE_SECONDS = 15 * 60
CODE_TRIES = 5
RESEND_AFTER_SECONDS = 60


def _hash(user, code: str) -> str:
    return salted_hmac("people.second_factor", f"{user.pk}:{code}").hexdigest()


def setup_email_address(user) -> str | None:
    """Where the code goes: the account's verified primary address, never an unverified one."""
    address = EmailAddress.objects.filter(user=user, verified=True, primary=True).first()
    return address.email if address else None


def code_pending(session, user) -> bool:
    pending = session.get(_CODE_KEY) or {}
    return pending.get("user") == user.pk and time.time() < pending.get("expires", 0)


def setup_code_send(*, request, user) -> bool:
    """Emails a new code unless one went out less than a minute ago. True when sent."""
    email = setup_email_address(user)
    pending = request.session.get(_CODE_KEY) or {}
    if email is None:
        return False
    just_sent = time.time() - pending.get("sent", 0) < RESEND_AFTER_SECONDS
    if pending.get("user") == user.pk and just_sent:
        return False
    code = f"{secrets.randbelow(10**6):06d}"
    now = time.time()
    request.session[_CODE_KEY] = {"user": user.pk, "hash": _hash(user, code), "sent": now,
                                  "expires": now + CODE_SECONDS, "tries": 0}
    get_adapter(request).send_mail("people/email/second_factor_code", email,
                                   {"user": user, "code": code,
                                    "minutes": CODE_SECONDS // 60})
    return True


def setup_code_check(*, request, user, code: str) -> str:
    """'ok' (and the session may now set up an app), 'wrong', or 'expired' (send a new one)."""
    pending = request.session.get(_CODE_KEY) or {}
    if not code_pending(request.session, user) or pending.get("tries", 0) >= CODE_TRIES:
        request.session.pop(_CODE_KEY, None)
        return "expired"
    if not constant_time_compare(pending["hash"], _hash(user, code.strip())):
        request.session[_CODE_KEY] = {**pending, "tries": pending.get("tries", 0) + 1}
        return "wrong"
    request.session.pop(_CODE_KEY, None)
    request.session[SETUP_EMAIL_CHECKED_KEY] = {"user": user.pk, "at": time.time()}
    return "ok"
