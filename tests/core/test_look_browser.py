"""How pages look in real Chromium, where a stylesheet rule is the only thing that can be
wrong: people's free text (made into paragraphs with no class) is in the body font, not the
browser's serif default."""

import pytest

from tests.browser import launch_browser, page_served_by_test_client
from tests.site_checks import client_as
from tests.site_rules.projects import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_free_text_paragraphs_use_the_body_font(people):
    project = make_project(people.staff, easy_read_summary="We want breaks to be easy.\n\n"
                                                           "You can help.",
                           outcome_summary="")
    playwright, browser = launch_browser()
    try:
        page = page_served_by_test_client(browser, client_as(None))
        page.goto(f"/projects/{project.pk}/")
        fonts = page.evaluate("""() => [...document.querySelectorAll('main p:not([class])')]
            .map(p => getComputedStyle(p).fontFamily)""")
        assert len(fonts) >= 2, fonts
        assert all(font.lower().startswith("arial") for font in fonts), fonts
    finally:
        browser.close()
        playwright.stop()


def test_error_pages_pass_axe(people):
    from tests.browser import axe_violations, describe

    playwright, browser = launch_browser()
    try:
        for user, path, status in [(None, "/no-such-page/", 404),
                                   (people.member, "/staff/", 403)]:
            page = page_served_by_test_client(browser, client_as(user))
            assert page.goto(path).status == status
            assert not (found := axe_violations(page)), describe(found)
            page.context.close()
    finally:
        browser.close()
        playwright.stop()


WORDS_SPLIT_ACROSS_LINES = """(selector) => {
    const split = [];
    for (const box of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.textContent.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (lines.size > 1) split.push(match[0]);
            }
        }
    }
    return split;
}"""


def test_tax_year_totals_keep_their_words_whole_at_200_percent_text(people):
    playwright, browser = launch_browser()
    try:
        page = page_served_by_test_client(browser, client_as(people.member))
        page.set_viewport_size({"width": 1024, "height": 800})
        page.goto("/payments/claims/")
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        assert page.locator(".portal-totals").count() == 1
        assert page.evaluate(WORDS_SPLIT_ACROSS_LINES, ".portal-totals") == []
    finally:
        browser.close()
        playwright.stop()
