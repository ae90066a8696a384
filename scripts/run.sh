#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running dondoc: installs what is missing, builds,
# creates dondoc.db from the demo plan and an administrator account (first run only: its random
# password is printed once) and starts the service; its log ends with the dashboard's address.
# Arguments are passed to `dondoc serve` (e.g. --config examples/serve.json).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
TARGETS=dondoc scripts/build.sh -DCMAKE_BUILD_TYPE=RelWithDebInfo
DB=${DONDOC_DB:-dondoc.db}
D=(./build/dondoc --db "$DB")
if [ ! -s "$DB" ]; then
  "${D[@]}" init --demo
fi
if "${D[@]}" user list --json | grep -q '"users":\[\]'; then
  # The first administrator: a random password, shown here once and stored only as its hash.
  password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 20)
  printf '%s\n' "$password" | "${D[@]}" user add admin --role admin --password-stdin
  echo "run.sh: đăng nhập bảng điều khiển bằng tài khoản: admin, mật khẩu: $password"
  echo "run.sh: (mật khẩu chỉ in một lần; đổi bằng: ${D[*]} user passwd admin)"
fi
exec "${D[@]}" serve "$@"
