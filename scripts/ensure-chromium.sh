#!/usr/bin/env bash
# Make sure Debian's headless Chromium is there for the browser tests.
# Installs it with apt when we can (root on Debian); otherwise says why the
# browser tests will be skipped. CI sets STORYLENS_REQUIRE_BROWSER=1, which
# turns a missing browser into a failure instead of a skip.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian chromium for the browser tests..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium >/dev/null
    exit 0
fi
if [ "${STORYLENS_REQUIRE_BROWSER:-}" = "1" ]; then
    echo "chromium is missing and cannot be installed here (need root and apt-get)" >&2
    exit 1
fi
echo "note: chromium not found and not installable here; browser tests will be skipped" >&2
