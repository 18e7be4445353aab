"""What every response of the whole-site run (tests/test_site_urls.py) must carry, and what it
must not show: the security headers (issue 17 item 1), and the canaries that
tests/site_rules/canaries.py seeds into the world's member's most private data (items 6 and 11),
which may appear only to the roles allowed to see them (DESIGN.md "Private by design")."""

import functools
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from tests.pdf_checks import pdf_text

ROOT = Path(__file__).resolve().parent.parent
FORUM = ("our_voice", "staff", "admin", "partner")

# kind -> (value, the roles that may see it). Equality answers: only the person (staff see
# suppressed counts, never one person's answer). Access needs: the person and the staff who
# arrange meetings (and, on the pages for running it, the partner's staff running an event their
# organisation co-hosts: RUNNING_AN_EVENT). The payee reference: the person and
# finance. Claim notes: the person, the staff who decide the claim and finance who pay it (not
# admins). Forum posts: the forum.
CANARIES = {
    "equality answer": ("CANARY-EQ-7f3a", {"member"}),
    "access needs": ("CANARY-ACCESS-5c1e", {"member", "staff"}),
    "payee reference": ("CANARY-PAYEE-9d2b", {"member", "finance"}),
    "claim notes": ("CANARY-NOTE-3e8c", {"member", "staff", "finance"}),
    "forum post": ("CANARY-FORUM-b41d", set(FORUM)),
}


def response_text(response) -> str:
    """Everything a response shows: the page, CSV or JSON as text, a PDF's words."""
    if getattr(response, "streaming", False):
        # Not closed here: closing sends request_finished, which closes the test's database.
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    if body.startswith(b"%PDF-") and len(body) > 100:
        return pdf_text(body)
    return body.decode("utf-8", "replace")


# The pages for running an event, open to the partner whose organisation co-hosts it (the
# world's partner co-hosts the member's past event: tests/site_rules/listening.py).
RUNNING_AN_EVENT = {"listening:event_attendance", "listening:event_walk_in",
                    "listening:event_sign_in_sheet", "listening:event_what_we_heard",
                    "listening:event_contact_list"}


def canaries_shown(role, text, url_name=None) -> list[str]:
    also = {"access needs"} if role == "partner" and url_name in RUNNING_AN_EVENT else set()
    return [kind for kind, (value, allowed) in CANARIES.items()
            if role not in allowed and kind not in also and value in text]


@functools.cache
def production_hsts() -> dict:
    """The HSTS settings as production has them (HTTPS=true; the suite runs over plain HTTP, so
    its own settings send none). Read from a fresh process with the production environment."""
    code = ("import django, json; django.setup(); from django.conf import settings as s; "
            "print(json.dumps({k: getattr(s, k) for k in ('SECURE_HSTS_SECONDS', "
            "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD')}))")
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "coproduction.settings",
           "DEBUG": "false", "HTTPS": "true", "SECRET_KEY": "x" * 60,
           "ALLOWED_HOSTS": "involvement.example.gov.uk",
           "VAR_DIR": os.environ.get("VAR_DIR", "/tmp")}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True, timeout=60)
    return json.loads(result.stdout.strip().splitlines()[-1])


def header_problems(response) -> list[str]:
    """What a response (of a secure request) lacks of the headers every response carries."""
    headers, problems = response.headers, []
    csp = headers.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    if not csp:
        problems.append("no enforced Content-Security-Policy")
    if "'unsafe-inline'" in csp or "'unsafe-eval'" in csp:
        problems.append("CSP allows unsafe-inline or unsafe-eval")
    for directive, value in (("object-src", ["'none'"]), ("frame-ancestors", ["'none'"]),
                             ("form-action", ["'self'"])):
        if directives.get(directive) != value:
            problems.append(f"CSP {directive} is {directives.get(directive)}, not {value}")
    if "default-src" not in directives:
        problems.append("CSP has no default-src")
    expected = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
                "Cross-Origin-Opener-Policy": "same-origin"}
    problems += [f"{name} is {headers.get(name)!r}" for name, value in expected.items()
                 if headers.get(name) != value]
    if "camera=()" not in headers.get("Permissions-Policy", ""):
        problems.append("no Permissions-Policy turning off what the portal doesn't use")
    hsts = dict(part.strip().partition("=")[::2]
                for part in headers.get("Strict-Transport-Security", "").split(";"))
    if int(hsts.get("max-age") or 0) < 31_536_000:
        problems.append(f"HSTS is {headers.get('Strict-Transport-Security')!r}, not a year")
    return problems


def log_lines(records) -> list[str]:
    """Every captured log record as it would be written, with its traceback."""
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return [formatter.format(record) for record in records]


def logs_showing(values, records) -> list[str]:
    return [line[:300] for line in log_lines(records) if any(v in line for v in values)]


def mail_problems(outbox, world) -> list[str]:
    """Emails carrying a canary to someone who may not see it."""
    roles_by_email = {getattr(world.people, role).email: role for role in CANARY_ROLES
                      if getattr(world.people, role, None) is not None}
    problems = []
    for message in outbox:
        text = message.subject + message.body + "".join(
            str(content) for content, _ in getattr(message, "alternatives", []))
        for address in message.to + message.cc + message.bcc:
            role = roles_by_email.get(address, "someone else")
            problems += [f"email to {role}: {kind}" for kind in canaries_shown(role, text)]
    return problems


CANARY_ROLES = ("member", "our_voice", "staff", "finance", "admin", "partner")


def privacy_problems(role, response, url_name=None) -> list[str]:
    """Missing headers and canaries shown to `role` that `role` may not see (at the URL named
    `url_name`)."""
    shown = canaries_shown(role, response_text(response), url_name)
    return [f"{role}: {problem}" for problem in
            header_problems(response) + [f"shows the member's {kind}" for kind in shown]]
