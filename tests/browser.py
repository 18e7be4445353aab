"""Real Chromium (Debian's) driven by Playwright, and axe-core from the npm package."""

import threading
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connections
from playwright.sync_api import sync_playwright

from tests.site_checks import client_as

CHROMIUM = "/usr/bin/chromium"
AXE_SOURCE = (Path(__file__).resolve().parent.parent / "node_modules/axe-core/axe.min.js")
# WCAG 2.2 A and AA, and the earlier versions' rules they include.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def _connections_per_thread():
    """Django keeps database connections per asyncio context; Playwright's sync API runs
    the test, and the handlers it calls back, in greenlets that each have their own context,
    where Django would open further connections outside the test's transaction (committing
    what they write, and left open at the end). Keep them per thread, as Django used to: every
    greenlet of the test's thread then shares the test's connections; other threads (the live
    server's) still get their own."""
    if isinstance(connections._connections, threading.local):
        return
    per_thread = threading.local()
    for alias in connections:
        setattr(per_thread, alias, connections[alias])
    connections._connections = per_thread


def launch_browser():
    _connections_per_thread()
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    return playwright, browser


TEST_ORIGIN = "http://testserver"


def page_served_by_test_client(browser, client, *, javascript=True):
    """A Chromium page whose every request is answered by Django's test client, inside the
    test's own transaction: no live server, and what the test made is what the page shows.
    Static files come from the finders, as the development server would serve them."""
    context = browser.new_context(base_url=TEST_ORIGIN, bypass_csp=True,
                                  java_script_enabled=javascript)
    page = context.new_page()

    def answer(route, request):
        url = urlsplit(request.url)
        if url.path.startswith(settings.STATIC_URL):
            found = finders.find(url.path[len(settings.STATIC_URL):])
            if found:
                route.fulfill(path=found)
            else:
                route.fulfill(status=404, body="")
            return
        path = url.path + (f"?{url.query}" if url.query else "")
        response = client.generic(request.method, path, data=request.post_data_buffer or b"",
                                  content_type=request.headers.get("content-type", ""))
        headers = {key: value for key, value in response.headers.items()}
        route.fulfill(status=response.status_code, headers=headers, body=response.content)

    page.route(f"{TEST_ORIGIN}/**", answer)
    return page


def new_page(browser, base_url, user=None, *, reauthenticated=False, javascript=True):
    # bypass_csp lets the test inject axe; the site's own pages never need inline script.
    context = browser.new_context(base_url=base_url, bypass_csp=True,
                                  java_script_enabled=javascript)
    if user is not None:
        session = client_as(user, reauthenticated=reauthenticated).cookies["sessionid"].value
        context.add_cookies([{"name": "sessionid", "value": session, "url": base_url}])
    return context.new_page()


def axe_violations(page):
    page.add_script_tag(path=str(AXE_SOURCE))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
            }));
        }""",
        AXE_TAGS,
    )


def describe(violations):
    return "\n".join(f"  {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
                     for v in violations)
