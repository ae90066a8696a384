#!/usr/bin/env bash
# Builds the libFuzzer targets into build-fuzz/ (or $FUZZ_BUILD_DIR) with clang++ and
# -fsanitize=fuzzer,address,undefined. Installs clang / the clang runtime from apt if missing.
# Prints the names of the targets built.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}

missing=()
command -v clang++ >/dev/null 2>&1 || missing+=(clang)
# libFuzzer and the sanitizer runtimes of Debian 12's clang 14 live in libclang-rt-14-dev.
if command -v dpkg-query >/dev/null 2>&1; then
  ver=$( (clang++ --version 2>/dev/null || echo "version 14.") | sed -nE 's/.*version ([0-9]+)\..*/\1/p' | head -1)
  rt=libclang-rt-${ver:-14}-dev
  dpkg-query -W -f='${Status}' "$rt" 2>/dev/null | grep -q "install ok installed" || missing+=("$rt")
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g"
cmake -S . -B "$FUZZ_BUILD_DIR" -DDONDOC_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="$flags" \
  | grep -E 'fuzz_|Error' || true
targets=$(cmake --build "$FUZZ_BUILD_DIR" --target help | sed -nE 's/^\.\.\. (fuzz_[a-z_]+).*/\1/p')
for t in $targets; do
  cmake --build "$FUZZ_BUILD_DIR" -j"${JOBS:-1}" --target "$t" >/dev/null ||
    { echo "fuzz/build.sh: $t failed to build" >&2; exit 1; }
  echo "$t"
done
