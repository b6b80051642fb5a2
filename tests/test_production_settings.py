"""Production settings pass Django's deploy checks and refuse to start without their secrets."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env_changes: str | None) -> subprocess.CompletedProcess:
    """Run manage.py under production settings with the environment changed (None removes)."""
    env = os.environ.copy()
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    env["SECRET_KEY"] = secrets.token_urlsafe(48)  # 64 characters
    env["ALLOWED_HOSTS"] = "example.org"
    env.pop("SECURE_SSL_REDIRECT", None)  # test the settings' own default, not this shell's
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_with_no_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNING" not in output


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", SECRET_KEY=None)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _manage("check", SECRET_KEY="too-short")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _manage("check", ALLOWED_HOSTS=None)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_a_wildcard_allowed_host():
    for hosts in ("*", "*.example.org", "example.org,*"):
        result = _manage("check", ALLOWED_HOSTS=hosts)
        assert result.returncode != 0, hosts
        assert "not '*' or a wildcard" in result.stderr


def test_demo_data_is_never_loaded_under_production_settings():
    result = _manage("seed_demo")
    assert result.returncode != 0
    assert "Demo data is never loaded under production settings" in result.stderr
    assert "create_operator" in result.stderr
