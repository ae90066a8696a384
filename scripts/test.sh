#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a passing test suite: installs what is missing
# (including the npm fake Telegram server), builds with warnings as errors, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
BUILD_DIR=${BUILD_DIR:-build} scripts/build.sh -DDONDOC_WERROR=ON "$@"
cd "${BUILD_DIR:-build}"
ctest --output-on-failure -j"$(nproc)"
