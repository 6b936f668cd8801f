"""A throwaway PostgreSQL server for the tests: a fresh cluster in a temporary folder, never a mock.

`STORYLENS_TEST_POSTGRES_URL` points the tests at an existing server instead
(each test still gets a database of its own). Otherwise the Debian
`postgresql` package's binaries (`/usr/lib/postgresql/<version>/bin`, which
`.ci/run` installs) start a cluster on a free local port with trust
authentication. PostgreSQL refuses to run as root, so as root the cluster
runs as the `postgres` system user the package creates (`runuser`).

When no server can be had, the tests that need one are skipped with the
reason, except when `STORYLENS_REQUIRE_POSTGRES=1` (set by `.ci/run`): then
they fail, so CI can never pass without having run them.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, newest version first."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def unavailable(reason: str) -> None:
    """Skip (or, when PostgreSQL is required, fail) a test that needs a server."""
    if os.environ.get("STORYLENS_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required (STORYLENS_REQUIRE_POSTGRES=1) but {reason}")
    pytest.skip(f"no PostgreSQL server for the tests: {reason}")


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Start a cluster; yield the URL of its `postgres` database; stop and delete it afterwards."""
    binaries = _binaries()
    if binaries is None:
        unavailable("initdb/pg_ctl not found (apt-get install postgresql)")
    assert binaries is not None
    as_root = os.geteuid() == 0
    if as_root and shutil.which("runuser") is None:
        unavailable("running as root without runuser to start PostgreSQL as the postgres user")
    folder = Path(tempfile.mkdtemp(prefix="storylens-pg-"))
    data = folder / "data"
    user = "postgres" if as_root else os.environ.get("USER", "postgres")
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(folder, user="postgres")
    port = _free_port()
    try:
        subprocess.run(
            [*prefix, str(binaries / "initdb"), "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8", "--no-sync"],
            check=True,
            capture_output=True,
            text=True,
        )
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
        subprocess.run(
            [
                *prefix,
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "log"),
                "-w",
                "start",
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    except (subprocess.CalledProcessError, OSError) as error:
        shutil.rmtree(folder, ignore_errors=True)
        details = getattr(error, "stderr", "") or str(error)
        unavailable(f"could not start a throwaway cluster: {details.strip()[:500]}")
    try:
        yield f"postgresql://{user}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True
        )
        shutil.rmtree(folder, ignore_errors=True)


def fresh_database(server_url: str) -> str:
    """Create an empty database on the server; its URL."""
    import psycopg

    name = f"storylens_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    return server_url.rsplit("/", 1)[0] + f"/{name}"
