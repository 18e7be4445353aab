"""Settings come from the environment, fail loudly, and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured

from coproduction.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-key-that-is-only-for-this-test-0123456789",
    "ALLOWED_HOSTS": "involvement.example.gov.uk",
    "PATH": os.environ["PATH"],
    "VAR_DIR": "",
}


def run_manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_reports_no_issues(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        env={**PRODUCTION_ENV, "VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**PRODUCTION_ENV, "VAR_DIR": str(tmp_path)}
    del env["SECRET_KEY"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_bad_boolean_stops_start_up(tmp_path):
    result = run_manage("check", env={**PRODUCTION_ENV, "VAR_DIR": str(tmp_path),
                                      "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


@pytest.mark.parametrize("value,expected", [("true", True), ("On", True), ("0", False),
                                            ("no", False)])
def test_env_bool_reads_common_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("FLAG", value)
    assert env_bool("FLAG", not expected) is expected


def test_env_helpers_defaults_and_errors(monkeypatch):
    monkeypatch.delenv("MISSING", raising=False)
    assert env_str("MISSING", "fallback") == "fallback"
    with pytest.raises(ImproperlyConfigured):
        env_str("MISSING")
    monkeypatch.setenv("COUNT", "twelve")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("COUNT", 1)
    monkeypatch.setenv("HOSTS", " a.example , b.example,,")
    assert env_list("HOSTS") == ["a.example", "b.example"]


def test_no_gds_transport_font_and_no_crown_anywhere_we_serve():
    css = (ROOT / "static/build/portal.css").read_text()
    assert "GDS Transport" not in css
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert "govuk-header__logotype" not in text and "crown" not in text.lower(), template


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_production_shape():
    services = _compose()["services"]
    assert set(services) == {"db", "redis", "minio", "minio-bucket", "migrate", "web", "proxy",
                             "worker", "beat"}
    for name, service in services.items():
        if service.get("restart") != "no":  # one-off steps (make the bucket, migrate) end
            assert "healthcheck" in service, f"{name} has no health check"
    assert any(v.startswith("db-data:") for v in services["db"]["volumes"])


def test_compose_shows_the_scaled_shape_on_shared_services():
    """Several web and worker replicas, exactly one beat, one port in front of the web
    replicas, and nothing kept on one machine's disk that the others would need."""
    compose = _compose()
    services = compose["services"]
    assert services["web"]["deploy"]["replicas"] > 1
    assert services["worker"]["deploy"]["replicas"] > 1
    assert services["beat"]["deploy"]["replicas"] == 1
    # Replicas cannot share a host port: only the proxy publishes one, and it sends to "web".
    assert "ports" not in services["web"] and services["proxy"]["ports"] == ["8000:8000"]
    config = services["proxy"]["volumes"][0].split(":")[0]
    assert "server web:8000;" in (ROOT / config).read_text()
    for name in ("migrate", "web", "worker", "beat"):
        service = services[name]
        environment = service["environment"]
        assert environment["FILE_STORAGE"] == "s3" and environment["S3_BUCKET"]
        assert environment["REDIS_URL"].startswith("redis://redis:")
        assert not any("uploads" in volume for volume in service.get("volumes", [])), name
    assert "uploads" not in compose["volumes"]
    # Migrations run once, before any web replica starts.
    assert "migrate" not in " ".join(services["web"]["command"])
    assert services["web"]["depends_on"]["migrate"]["condition"] == \
        "service_completed_successfully"
    assert services["web"]["depends_on"]["minio-bucket"]["condition"] == \
        "service_completed_successfully"


def test_every_compose_command_names_something_that_exists():
    services = _compose()["services"]
    venv_bin = Path(sys.executable).parent
    for name in ("web", "worker", "beat"):
        command = " ".join(services[name]["command"])
        if "manage.py" in command:
            assert (ROOT / "manage.py").exists()
        if "gunicorn" in command:
            assert (venv_bin / "gunicorn").exists()
            module, attribute = command.split("gunicorn ")[1].split()[0].split(":")
            assert (ROOT / (module.replace(".", "/") + ".py")).exists(), module
            assert attribute == "application"
        if "celery" in command:
            assert (venv_bin / "celery").exists()
            app = command.split("-A ")[1].split()[0]
            assert (ROOT / app / "celery.py").exists(), app
        assert any(program in command for program in ("gunicorn", "celery")), name


def test_manage_py_in_a_checkout_works_without_settings_but_the_server_does_not(tmp_path):
    bare = {"PATH": os.environ["PATH"], "VAR_DIR": str(tmp_path)}
    assert run_manage("check", env=bare).returncode == 0
    server = subprocess.run([sys.executable, "-c", "import coproduction.wsgi"], cwd=ROOT,
                            env=bare, capture_output=True, text=True, timeout=120)
    assert server.returncode != 0
    assert "SECRET_KEY must be set" in server.stderr


def test_make_run_on_another_port_links_to_that_port():
    """Links in emails and calendar files follow `make run PORT=…` (SITE_URL from PORT)."""
    result = subprocess.run(["make", "-n", "run", "PORT=9000"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    commands = [line for line in result.stdout.splitlines() if "run-local.sh" in line
                or "seed_demo" in line]
    assert commands, result.stdout
    for line in commands:
        assert "SITE_URL=http://127.0.0.1:9000" in line, line
