"""Production works as tested: the build step the Dockerfile runs (collectstatic with DEBUG off,
into manifest storage) succeeds, and gunicorn, started as docker-compose.yml starts it, serves
the pages and every static file they reference."""

import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.servers import gunicorn_started

ROOT = Path(__file__).resolve().parent.parent

MAKE_A_PROJECT = """
from datetime import date, timedelta
from people.models import User
from projects.models import Level, Project, Status
staff = User.objects.create_user(email="lead@example.org", name="Lead", is_council_staff=True)
project = Project.objects.create(
    title="Better short breaks for carers", summary="Making short breaks easier to book.",
    problem="Booking is hard.", aims="A simpler way.", in_scope="Booking.", out_of_scope="Budget.",
    who_for="Carers.", what_is_involved="Six meetings.", level=Level.CO_PRODUCTION,
    status=Status.RECRUITING, assurance="assured", starts_on=date.today(),
    ends_on=date.today() + timedelta(days=90), places=8, staff_co_chair=staff)
print(project.pk)
"""


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    var = tmp_path_factory.mktemp("production")
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "false",
        "SECRET_KEY": "a-long-random-production-secret-key-only-for-this-test-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "false",  # TLS is the proxy's job in front of gunicorn
        "VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'portal.sqlite3'}",
    }

    def manage(*args):
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
        return result.stdout

    manage("collectstatic", "--no-input")
    manage("migrate", "--no-input")
    project_pk = manage("shell", "-c", MAKE_A_PROJECT).strip().splitlines()[-1]
    server, base = gunicorn_started(env, workers=2)
    try:
        yield base, project_pk
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_gunicorn_serves_pages_and_every_static_file_they_use(production):
    base, project_pk = production
    for path in ["/", "/projects/", f"/projects/{project_pk}/", "/accounts/login/"]:
        status, content_type, body = _get(base + path)
        assert status == 200, f"{path} gave {status}"
        assert content_type.startswith("text/html")
        html = body.decode()
        static = set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html))
        assert any(url.endswith(".css") for url in static), path
        assert any(url.endswith(".js") for url in static), path
        for url in static:
            # Manifest storage: names carry a hash of the content, so caches never go stale.
            assert re.search(r"\.[0-9a-f]{12}\.", url), url
            status, content_type, _ = _get(base + url)
            assert status == 200, f"{url} (on {path}) gave {status}"
    assert "Better short breaks for carers" in _get(f"{base}/projects/{project_pk}/")[2].decode()


def test_the_css_references_no_missing_file_and_no_crest(production):
    base, _ = production
    html = _get(base + "/")[2].decode()
    css_url = re.search(r'href="(/static/build/portal\.[0-9a-f]+\.css)"', html).group(1)
    css = _get(base + css_url)[2].decode()
    assert "crest" not in css
    for url in re.findall(r"url\(\"?(/static/[^\")]+)", css):
        assert _get(base + url)[0] == 200, url


def test_a_page_that_does_not_exist_is_a_404_not_a_500(production):
    base, _ = production
    assert _get(base + "/no-such-page/")[0] == 404
