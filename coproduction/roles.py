"""The one place that answers "may this user do this?" for whole pages. Views guard themselves
with `role_required`; object-level rules live in each app's `rules.py`."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from people.models import Role

__all__ = ["Role", "has_role", "role_required"]


def has_role(user, role: Role) -> bool:
    return user.is_authenticated and user.has_role(role)


def role_required(*roles: Role):
    """Visitors are sent to sign in; signed-in people without any of `roles` get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(request.user.has_role(role) for role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
