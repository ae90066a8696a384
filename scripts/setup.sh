#!/usr/bin/env bash
# Installs what dondoc needs from Debian 12's apt, only when something is missing.
#   scripts/setup.sh          build and run dependencies
#   scripts/setup.sh --test   also what the test suite needs (Node.js for the fake Telegram server,
#                             chromium and playwright-core for the browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake make pkg-config ccache libboost-dev libsqlitecpp-dev libsqlite3-dev
          nlohmann-json3-dev catch2 libutf8proc-dev libssl-dev libical-dev libsodium-dev
          libkainjow-mustache-dev libqrencode-dev libxlsxwriter-dev libzip-dev zlib1g-dev libpq-dev
          ca-certificates)
if [ "${1:-}" = "--test" ]; then
  packages+=(clang-format)
  # The dashboard's browser tests (tests/web) drive Debian's chromium with playwright-core.
  packages+=(chromium)
  # Real readers of the files dondoc writes (reports: XLSX, DOCX, PDF text; calendar feeds).
  packages+=(python3-openpyxl python3-docx python3-icalendar poppler-utils)
  # A throwaway PostgreSQL server for the storage contract tests (tests/support/pg_server.h).
  packages+=(postgresql-15)
  # The image may already ship Node.js with npm bundled; Debian's npm conflicts with it.
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
  fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

if [ "${1:-}" = "--test" ] && [ -f tests/node/package-lock.json ]; then
  # The fake Telegram server (telegram-test-api) for end-to-end bot tests, pinned by the lock file.
  if [ ! -d tests/node/node_modules ] || [ tests/node/package-lock.json -nt tests/node/node_modules ]; then
    (cd tests/node && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
