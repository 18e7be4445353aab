"""Public pages that are the same for every visitor (the project and event lists, "You said, we
did"), kept in Django's cache for each set of filters (issue 13).

Only visitors who are not signed in get a kept page (a signed-in person's header, and staff's
extra figures, differ), and only when no message is waiting for them. Each page belongs to one
or more *areas* ("projects", "events", "listening"); every area has a version number in the
cache, which is part of the page's key. The services that change an area's data call
`bump(area)` (after their transaction commits), so the next visitor gets a fresh page; old
pages simply expire. `PUBLIC_PAGE_CACHE_SECONDS` (0 switches it off) caps how long a page may
be kept, for changes made outside the services (Django admin, a data fix).

One machine or many: with REDIS_URL set the cache, and so the versions, are shared by every
web process.
"""

import hashlib
from functools import partial, wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

PREFIX = "public-page"


def _version_key(area):
    return f"{PREFIX}:version:{area}"


def _bump_now(area):
    try:
        cache.incr(_version_key(area))
    except ValueError:  # not there yet (or evicted): any new number does
        cache.set(_version_key(area), 2, None)


def bump(*areas):
    """The data of these areas changed: pages kept for them are out of date (after the
    commit, so that nobody keeps a page made from the old data in between)."""
    for area in areas:
        transaction.on_commit(partial(_bump_now, area))


def version(area) -> int:
    value = cache.get(_version_key(area))
    if value is None:
        cache.add(_version_key(area), 1, None)
        value = cache.get(_version_key(area), 1)
    return value


def versions(areas) -> str:
    """The current versions of these areas, as one string (part of a kept thing's key)."""
    return ".".join(f"{area}{version(area)}" for area in areas)


def page_key(request, areas) -> str:
    query = urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()[:32]
    return f"{PREFIX}:{versions(areas)}:{digest}"


def for_visitors(*areas):
    """Keeps the view's page for visitors who are not signed in, per query string."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
            if (not seconds or request.method not in ("GET", "HEAD")
                    or request.user.is_authenticated or len(get_messages(request))):
                return view(request, *args, **kwargs)
            key = page_key(request, areas)
            kept = cache.get(key)
            if kept is not None:
                content, content_type = kept
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming \
                    and not response.cookies:
                cache.set(key, (response.content, response["Content-Type"]), seconds)
            return response

        return wrapped

    return decorator


def remember(name: str, parts: str, areas, compute, seconds: int):
    """compute(), kept for `seconds` under `name` and `parts` (e.g. a dashboard and its filter
    set) and the current versions of `areas`; computed afresh when `seconds` is 0."""
    if not seconds:
        return compute()
    digest = hashlib.sha256(parts.encode()).hexdigest()[:32]
    key = f"{PREFIX}:{name}:{versions(areas)}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
