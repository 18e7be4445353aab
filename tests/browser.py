"""Real Chromium (Debian's) driven by Playwright, and axe-core from the npm package."""

from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.site_checks import client_as

CHROMIUM = "/usr/bin/chromium"
AXE_SOURCE = (Path(__file__).resolve().parent.parent / "node_modules/axe-core/axe.min.js")
# WCAG 2.2 A and AA, and the earlier versions' rules they include.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def launch_browser():
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    return playwright, browser


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
