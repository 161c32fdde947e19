#!/usr/bin/env bash
# sdk.install: `cmake --install` the SDK into a temporary prefix, then build
# docs/sdk.md's example program as an outside project would (find_package
# (cbec) + cbec::sdk), so the package config, the installed headers and the
# documented program stay true. The built program is left at OUT/file_and_verify
# for e2e.sdk_cli, which runs it against a live network.
#
#   install_test.sh SOURCE_DIR BUILD_DIR OUT
set -euo pipefail
src=$1 build=$2 out=$3
rm -rf "$out" && mkdir -p "$out/app"
prefix="$out/prefix"

cmake --install "$build" --prefix "$prefix" >"$out/install.log"
for f in bin/cbec include/cbec/sdk/client.h include/cbec/ledger/checkpoint.h \
         lib/cmake/cbec/cbecConfig.cmake; do
  [[ -e "$prefix/$f" ]] || { echo "install_test: $f was not installed" >&2; exit 1; }
done
"$prefix/bin/cbec" --help >/dev/null

# The example, exactly as docs/sdk.md shows it.
awk '/<!-- sdk-example:begin -->/{on=1; next} /<!-- sdk-example:end -->/{on=0} on' \
    "$src/docs/sdk.md" | sed '1d;$d' >"$out/app/file_and_verify.cc"
grep -q "int main" "$out/app/file_and_verify.cc" || {
  echo "install_test: no example program between the markers of docs/sdk.md" >&2; exit 1; }
cat >"$out/app/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(file_and_verify LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 20)
find_package(cbec 0.1 REQUIRED)
add_executable(file_and_verify file_and_verify.cc)
target_link_libraries(file_and_verify PRIVATE cbec::sdk)
CMAKE
# Without ccache: its compiler launcher is the main project's choice, not the app's.
cmake -S "$out/app" -B "$out/app/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_BUILD_TYPE=Release >"$out/configure.log"
cmake --build "$out/app/build" -j2 >"$out/build.log" || { cat "$out/build.log" >&2; exit 1; }
cp "$out/app/build/file_and_verify" "$out/file_and_verify"
# Usage errors are exit 2 with a usage line: the program runs.
set +e
"$out/file_and_verify" >/dev/null 2>"$out/usage.txt"; rc=$?
set -e
[[ $rc -eq 2 ]] && grep -q usage "$out/usage.txt" || {
  echo "install_test: the example did not start (exit $rc)" >&2; exit 1; }
echo "install_test: installed into $prefix and built the docs/sdk.md example"
