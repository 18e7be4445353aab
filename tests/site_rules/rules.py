from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("visitor", "member", "our_voice", "staff", "finance", "admin")

OK = 200
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405
LOGIN = "sign-in"  # a redirect to the sign-in page
REDIRECT = "redirect"  # a redirect anywhere else


@dataclass(frozen=True)
class Rule:
    """What a GET of one URL gives each role."""

    visitor: object
    member: object
    our_voice: object
    staff: object
    finance: object
    admin: object
    kwargs: Callable | None = None  # world -> URL kwargs
    query: str = ""  # appended after "?"

    def expected(self, role):
        return getattr(self, role)

    def url_kwargs(self, world):
        return self.kwargs(world) if self.kwargs else {}


def everyone(status=OK, **extra):
    return Rule(status, status, status, status, status, status, **extra)


def signed_in(status=OK, *, visitor=LOGIN, **extra):
    return Rule(visitor, status, status, status, status, status, **extra)


def only(*roles, status=OK, others=FORBIDDEN, **extra):
    """Open to `roles` (status), visitors go to sign in, everyone else gets `others`."""
    outcome = {role: (status if role in roles else others) for role in ROLES}
    outcome["visitor"] = status if "visitor" in roles else LOGIN
    return Rule(**outcome, **extra)


def visitors_only(signed_in_outcome=REDIRECT, **extra):
    """allauth's pages for signing in and up: signed-in people are sent on."""
    return Rule(OK, *[signed_in_outcome] * 5, **extra)


@dataclass(frozen=True)
class FormCheck:
    """Posting `data` to the form at `url` as `role` must fail validation: an error summary
    linking to fields, what was typed kept, and no new rows in `unchanged` models."""

    url: str
    role: str
    data: dict
    kwargs: Callable | None = None
    unchanged: tuple = ()  # models whose row counts must not change
    kept: tuple | None = None  # values that must be shown again (default: every text value)
    errors: tuple = ()  # messages that must appear
    files: dict = field(default_factory=dict)
