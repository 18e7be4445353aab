from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("visitor", "member", "our_voice", "staff", "finance", "admin", "partner")

OK = 200
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405
LOGIN = "sign-in"  # a redirect to the sign-in page
REDIRECT = "redirect"  # a redirect anywhere else
# The partner role's column: a partner organisation's staff member has an account like any
# member, so unless a rule says otherwise they get what a member gets, except on a member's
# own records (see Rule.expected).
AS_MEMBER = "as member"


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
    partner: object = AS_MEMBER

    def expected(self, role):
        outcome = getattr(self, role)
        if outcome != AS_MEMBER:
            return outcome
        # The world's member owns records (claims, memberships, a draft story); the partner
        # owns none. Our Voice is the other member with no records of their own and a role
        # that only ever opens more: where they get 404 and the member does not, the page
        # is the member's own, and the partner gets 404 too.
        if self.our_voice == NOT_FOUND and self.member != NOT_FOUND:
            return NOT_FOUND
        return self.member

    def url_kwargs(self, world):
        return self.kwargs(world) if self.kwargs else {}


def everyone(status=OK, **extra):
    return Rule(status, status, status, status, status, status, partner=status, **extra)


def signed_in(status=OK, *, visitor=LOGIN, **extra):
    return Rule(visitor, status, status, status, status, status, partner=status, **extra)


def only(*roles, status=OK, others=FORBIDDEN, **extra):
    """Open to `roles` (status), visitors go to sign in, everyone else gets `others`."""
    outcome = {role: (status if role in roles else others) for role in ROLES}
    outcome["visitor"] = status if "visitor" in roles else LOGIN
    # A partner's staff member is a member too.
    outcome["partner"] = status if {"partner", "member"} & set(roles) else others
    outcome.update(extra)
    return Rule(**outcome)


def visitors_only(signed_in_outcome=REDIRECT, **extra):
    """allauth's pages for signing in and up: signed-in people are sent on."""
    return Rule(OK, *[signed_in_outcome] * 5, partner=signed_in_outcome, **extra)


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
