"""Generated bad input to every form (hypothesis): for each form in the URL × role table's
FORM_CHECKS, at least 200 posts with each field varied (empty, huge, unicode and control
characters, numbers negative, huge and decimal, impossible dates, lists, HTML and script).
Never a 500; every answer is the form again with a GOV.UK error summary, a redirect (valid
input saved) or the document asked for; money saved on a claim is never negative or over the
policy's limits. Each post is undone before the next, so every one meets the same world.

Marked `fuzz`: it runs in the SQLite pass of .ci/run only (the PostgreSQL pass already runs
tests/test_site_forms.py over the same forms). Examples are derandomised so CI is repeatable;
`HYPOTHESIS_PROFILE=explore` draws fresh ones each run."""

import os
from decimal import Decimal, InvalidOperation

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.site_checks import error_summary_links, url_for
from tests.site_rules import ALL_FORM_CHECKS

pytestmark = pytest.mark.fuzz

EXAMPLES = 200
settings.register_profile(
    "site-fuzz", max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large])
settings.register_profile(
    "explore", max_examples=EXAMPLES, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large])
FUZZ = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "site-fuzz"))

HOSTILE = [
    "<script>alert(1)</script>", '"><svg onload=alert(1)>', "javascript:alert(1)",
    "=HYPERLINK(\"http://x.example\")", "+1+1", "@SUM(A1)", "{{ 7|add:7 }}", "{% csrf_token %}",
    "'; DROP TABLE people_memberprofile; --", "../../etc/passwd", "%00", "\x00", "\u202e",
    "\ufeff", "🙂" * 3, "ﷺ", "Ω≈ç√", "\r\n\r\n", "\t", " ", "null", "None", "true", "[]", "{}",
]
NUMBERS = st.one_of(
    st.integers(min_value=-10**40, max_value=10**40).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
    st.sampled_from(["-0", "0.001", "1e400", "-1e-400", "1,000", "£12", "12.345", "0x10",
                     "٣", "１２", "1_000", "2.5.1", "9" * 30, "-9999.99", "10000", "24.01"]),
)
DATE_PARTS = st.sampled_from(["0", "32", "13", "-1", "00", "29", "2023", "10000", "99999",
                              "1899", "9999", "2026-02-31", "31/04/2026", "02/29/2023"])
TEXT = st.text(max_size=60)  # any code point but surrogates: control characters included
HUGE = st.tuples(st.sampled_from(["x", "é", "🙂", "<b>", "\x07"]),
                 st.integers(min_value=2_001, max_value=20_000)).map(lambda t: t[0] * t[1])
ONE = st.one_of(st.just(""), TEXT, HUGE, NUMBERS, DATE_PARTS, st.sampled_from(HOSTILE))


def values_for(original):
    """What a field may be posted as: what the table posts, one bad value, or a list."""
    kept = st.just(original)
    return st.one_of(kept, kept, ONE, ONE, st.lists(ONE, max_size=3))


def form_inputs(check):
    return st.fixed_dictionaries({key: values_for(value) for key, value in check.data.items()})


def _files(check):
    """Fresh copies of the check's files for one post (a posted file is read to its end)."""
    copies = {}
    for key, upload in check.files.items():
        upload.seek(0)
        copies[key] = SimpleUploadedFile(upload.name, upload.read(), upload.content_type)
    return copies


# Forms whose valid input gives a page (200) rather than a redirect.
SHOWS_A_PAGE = {
    "listening:event_what_we_heard": "the message to check before it is sent",
    "listening:commitment_update": "news for those who asked, to check before it is sent",
    "listening:theme_list": "a post with no action it knows shows the list again",
}

MOST = {"hours": Decimal("24"), "miles": Decimal("1000"), "amount": Decimal("9999")}


def _money_within_policy():
    """Every claim's saved numbers, and every claim line, within the payments policy."""
    from payments.models import Claim, ClaimLine, ExpenseRate

    for claim in Claim.objects.all():
        for key, value in (claim.answers or {}).items():
            part = key.rsplit("_", 1)[-1]
            if part not in MOST or value in (None, ""):
                continue
            try:
                number = Decimal(str(value))
            except InvalidOperation:
                pytest.fail(f"claim answer {key}={value!r} saved, not a number")
            assert number.is_finite() and Decimal("0") <= number <= MOST[part], \
                f"claim answer {key}={value!r} is outside the policy's limits"
    caps = {rate.expense_type_id: rate.cap for rate in ExpenseRate.objects.exclude(cap=None)}
    for line in ClaimLine.objects.all():
        assert line.amount >= 0, f"a negative claim line: {line}"
        cap = caps.get(line.expense_type_id)
        assert cap is None or line.amount <= cap, f"a claim line over its cap: {line}"


def _label(check):
    return f"{check.url}-as-{check.role}"


@pytest.mark.parametrize("check", ALL_FORM_CHECKS, ids=_label)
def test_generated_input_never_breaks_a_form(check, site_world, role_clients):
    url = url_for(check.url, check, site_world)
    client = role_clients.reauthenticated[check.role]
    client.raise_request_exception = False  # a 500 is counted below, with its input
    cookie = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
    cookie = cookie.value if cookie else None
    money = check.url.startswith("payments:")

    @FUZZ
    @given(data=form_inputs(check))
    def post(data):
        if cookie:  # each post starts from the role's own session
            client.cookies[django_settings.SESSION_COOKIE_NAME] = cookie
        with transaction.atomic():
            # A browser always sends the CSRF token (the test client does not check it), so a
            # form with every field left out still posts something, as it would for real.
            response = client.post(url, {"csrfmiddlewaretoken": "x", **data, **_files(check)})
            try:
                assert response.status_code != 500, f"500 for {data!r}"
                if response.status_code in (301, 302, 303):
                    pass  # valid input, saved (or sent on to the next step)
                elif response.status_code == 200 and "html" in response.get("Content-Type", ""):
                    html = response.content.decode()
                    assert error_summary_links(html) or check.url in SHOWS_A_PAGE, \
                        f"200 with no error summary for {data!r}"
                else:
                    assert response.status_code == 200, \
                        f"{response.status_code} for {data!r}"  # a document: PDF, CSV, ZIP
                if money:
                    _money_within_policy()
            finally:
                transaction.set_rollback(True)

    post()
