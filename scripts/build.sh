#!/usr/bin/env bash
# Configures and builds dondoc into build/ (or $BUILD_DIR). Extra arguments go to cmake.
# TARGETS="a b" builds only those targets (scripts/run.sh: the service alone, not the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
# ccache: paths relative to the checkout, so a clone in another folder reuses the cache.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
cmake -S . -B "$BUILD_DIR" "$@" >/dev/null
# shellcheck disable=SC2086  # TARGETS is a list of words
cmake --build "$BUILD_DIR" -j"$(nproc)" ${TARGETS:+--target $TARGETS}
