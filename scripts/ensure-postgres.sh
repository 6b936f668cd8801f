#!/usr/bin/env bash
# Make sure Debian's PostgreSQL server binaries are there for the PostgreSQL store tests
# (the tests start a throwaway cluster with them: tests/postgres_server.py). Installs the
# `postgresql` package with apt when we can (root on Debian); otherwise says why those tests
# will be skipped. CI sets STORYLENS_REQUIRE_POSTGRES=1, which turns a missing server into a
# failure instead of a skip.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian postgresql for the PostgreSQL store tests..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq postgresql >/dev/null
    exit 0
fi
if [ "${STORYLENS_REQUIRE_POSTGRES:-}" = "1" ]; then
    echo "PostgreSQL is missing and cannot be installed here (need root and apt-get)" >&2
    exit 1
fi
echo "note: PostgreSQL not found and not installable here; PostgreSQL store tests will be skipped" >&2
