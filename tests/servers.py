"""Real servers the tests start on 127.0.0.1: a free port, and gunicorn serving the portal as
docker-compose.yml does (the production shape and several-machines tests)."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_started(env: dict, *, workers: int) -> tuple[subprocess.Popen, str]:
    """gunicorn on a free port with `env`, once it takes connections: (process, base URL).
    The caller stops it (terminate, wait)."""
    port = free_port()
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "coproduction.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "60"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return server, f"http://127.0.0.1:{port}"
        except OSError:
            if server.poll() is not None:
                pytest.fail("gunicorn stopped:\n" + server.stdout.read()[-3000:])
            time.sleep(0.2)
    server.terminate()
    pytest.fail("gunicorn took no connections in a minute")
