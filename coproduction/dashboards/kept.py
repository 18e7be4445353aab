"""The dashboards' figures, kept (issue 13).

At national size a dashboard's figures take a second or more to work out (they count eighteen
months of attendance, feedback and claims) and they are the same for everyone who may see
them. So each dashboard and filter set is kept, with the data versions it was made from
(coproduction.public_cache), for at most DASHBOARD_CACHE_SECONDS:

- figures made from the current data are shown at once;
- after projects, events or feedback change, the kept figures are still shown (the page says
  when they were worked out, and they are never older than DASHBOARD_CACHE_SECONDS) while a
  worker makes fresh ones (asked for at most once a minute, however many look);
- only when nothing is kept does the viewer wait while the figures are made.

Beat keeps the default view of every dashboard made (`keep_default_views`), so the usual view
never waits either.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from coproduction import public_cache
from coproduction.dashboards import selectors
from coproduction.dashboards.filters import Filters, filters_from

AREAS = ("projects", "events", "listening")
# However many look meanwhile, one worker job is asked for in this time.
REMAKE_ASKED_SECONDS = 60


def _key(slug: str, filters: Filters) -> str:
    query = "&".join(f"{name}={value}" for name, value in sorted(filters.query().items()))
    return f"dashboard:{slug}:{hashlib.sha256(query.encode()).hexdigest()[:32]}"


def make(slug: str, filters: Filters) -> selectors.Page:
    """Works the figures out now, and keeps them."""
    # Read first: a change made while the figures are worked out makes them out of date.
    versions = public_cache.versions(AREAS)
    page = selectors.PAGES[slug](filters)
    page.made_at = timezone.now()
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if seconds:
        cache.set(_key(slug, filters), (versions, page), seconds)
        cache.delete(_key(slug, filters) + ":remaking")
    return page


def figures(slug: str, filters: Filters) -> selectors.Page:
    """The dashboard's figures for these filters: kept ones when there are any (and, when the
    data changed since, fresh ones made by a worker for the next viewer)."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    kept = cache.get(_key(slug, filters)) if seconds else None
    if kept is None:
        return make(slug, filters)
    versions, page = kept
    if versions != public_cache.versions(AREAS) and cache.add(
            _key(slug, filters) + ":remaking", True, REMAKE_ASKED_SECONDS):
        from coproduction.tasks import dashboard_remake

        # robust: with the queue down the kept figures still show (Django logs the error),
        # and a viewer after REMAKE_ASKED_SECONDS asks again.
        transaction.on_commit(lambda: dashboard_remake.delay(slug, filters.query()), robust=True)
    return page


def remake(slug: str, query: dict) -> None:
    _form, filters = filters_from(query)
    make(slug, filters)


def keep_default_views() -> list[str]:
    """Makes each dashboard's default view (the last eighteen months, everyone) when it is
    missing, out of date or past half its time; returns the ones made."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if not seconds:
        return []
    _form, filters = filters_from({})
    made = []
    for slug in selectors.PAGES:
        kept = cache.get(_key(slug, filters))
        if (kept is None or kept[0] != public_cache.versions(AREAS)
                or (timezone.now() - kept[1].made_at).total_seconds() > seconds / 2):
            make(slug, filters)
            made.append(slug)
    return made
