"""`make run` (config.settings.local) shows the service's own error pages: debug is off unless
DEBUG=true, and static files are still served under runserver."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent

CHECK = """
import django
from django.conf import settings
django.setup()
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
missing = client.get("/no-such-page/")
css = client.get("/static/build/app.css")
print(settings.DEBUG, missing.status_code, "govuk-template" in missing.content.decode(),
      css.status_code)
"""


def _local(tmp_path, **env_changes) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "REDIS_URL"}}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'local.sqlite3'}"
    env.update(env_changes)
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_local_settings_show_the_services_own_404_page_and_serve_static_files(tmp_path):
    debug, status, own_page, css = _local(tmp_path)
    assert (debug, status, own_page, css) == ("False", "404", "True", "200")


def test_debug_is_on_only_when_asked_for(tmp_path):
    debug, status, own_page, css = _local(tmp_path, DEBUG="true")
    assert (debug, status, own_page, css) == ("True", "404", "False", "200")
