# Sourced by the fault scripts (from the repository's root): the tools they need, and the dondoc
# binary to run (DONDOC=path, else build/dondoc, built when missing), as an absolute path.
. scripts/lib/apt_need.sh

faults_dondoc() {
  DONDOC=${DONDOC:-build/dondoc}
  if [ ! -x "$DONDOC" ]; then
    cmake -S . -B build >/dev/null && cmake --build build -j"$(nproc)" --target dondoc
    DONDOC=build/dondoc
  fi
  DONDOC=$(realpath "$DONDOC")
}
