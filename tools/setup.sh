#!/usr/bin/env bash
# Installs c2w's dependencies (Debian 12 packages) when they are missing and builds
# c2w into build/. Safe to run again: it only does what is not done yet.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake ninja-build g++ ccache llvm-14-dev libclang-14-dev clang-14 libz3-dev libeigen3-dev
          libboost-graph-dev catch2 libcli11-dev nlohmann-json3-dev libfmt-dev gcc-multilib qemu-user python3
          gnuplot-nox csmith libyaml-cpp-dev chromium graphviz fonts-dejavu-core pngquant python3-numpy
          python3-dev pybind11-dev python3-torch clang-format libclang-rt-14-dev
          # `c2w export --format=onnx`: the ONNX C++ library (protobuf underneath)
          libonnx-dev libprotobuf-dev
          # c2w-run's function order: lld links it (CMakeLists.txt), tools/order_c2w_run.sh
          # writes it with valgrind and perf
          lld valgrind linux-perf
          # bench/peers/ (transformer-vm side by side; no test needs them): its wasm32 build, its
          # weight builder and MILP schedule, and GNU time for each run's peak RSS
          lld-14 python3-yaml python3-pulp coinor-cbc time)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm install onnxruntime-node for the ONNX cross-check (tests/onnx/); a machine
# that has them already (another distribution of Node.js) keeps its own.
command -v node > /dev/null && command -v npm > /dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "c2w setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build --parallel 2
