# Sourced by the bench, fault and fuzz scripts: installs from Debian whatever they need and the
# machine lacks, so each runs from a clean clone on a fresh Debian 12 (as root, or with sudo).
#   apt_need CMD:PACKAGE ...   a command, and the package that brings it
#   apt_need_pkg PACKAGE ...   packages with no command of their own (checked with dpkg-query)

apt_install() {
  [ $# -gt 0 ] || return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

apt_need() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  apt_install "${missing[@]}"
}

apt_need_pkg() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$pkg")
  done
  apt_install "${missing[@]}"
}
