#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running dondoc: installs what is missing, builds,
# creates dondoc.db from the demo plan (first run only) and starts the service.
# Arguments are passed to `dondoc serve` (e.g. --config examples/serve.json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh -DCMAKE_BUILD_TYPE=RelWithDebInfo
DB=${DONDOC_DB:-dondoc.db}
if [ ! -s "$DB" ]; then
  ./build/dondoc --db "$DB" init --demo
fi
exec ./build/dondoc --db "$DB" serve "$@"
