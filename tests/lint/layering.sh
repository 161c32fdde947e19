#!/usr/bin/env bash
# Checks the dependency rules of DESIGN.md section 1 over the source tree:
# each module includes only the modules and third-party libraries it may use,
# and contracts/ and consensus/ stay free of clocks, randomness and I/O.
# CMake already refuses most breaches at compile time (a module sees only the
# include directories of what it links); this catches the rest, e.g. a system
# header such as <thread> or <random> in a deterministic module.
set -uo pipefail
cd "${1:-$(dirname "$0")/../..}"
fail=0
check() { # dir, regex, why
  [[ -d "$1" ]] || return 0
  local hits
  hits=$(grep -rnE --include='*.h' --include='*.cc' "$2" "$1" 2>/dev/null)
  if [[ -n "$hits" ]]; then
    printf 'layering: %s %s:\n%s\n' "$1" "$3" "$hits"
    fail=1
  fi
}
check base '#include *[<"]cbec/(crypto|ledger|consensus|contracts|node|sdk)/' "depends on nothing of ours"
check base '#include *<(sodium|cryptopp|rocksdb|boost|nlohmann)' "uses the standard library only"
check crypto '#include *[<"]cbec/(ledger|consensus|contracts|node|sdk)/' "depends only on base/"
check ledger '#include *[<"]cbec/(consensus|contracts|node|sdk)/' "depends only on crypto/ and base/"
check consensus '#include *[<"]cbec/(contracts|node|sdk)/' "must not include contracts/, node/ or the SDK"
check consensus/src '#include *<(boost/asio|rocksdb|thread|random)|std::rand|system_clock|steady_clock' "does no I/O and reads no clock"
check consensus/include '#include *<(boost/asio|rocksdb|thread|random)|std::rand|system_clock|steady_clock' "does no I/O and reads no clock"
check contracts '#include *[<"]cbec/(consensus|node|sdk)/' "must not include consensus/, node/ or the SDK"
for dir in contracts/include contracts/src; do
  check $dir '#include *<(boost|rocksdb|random|thread|chrono|unordered_map|unordered_set|filesystem|fstream)|system_clock|steady_clock|std::rand|\bfloat\b|\bdouble\b' "must stay deterministic (no I/O, clock, randomness, unordered iteration, floating point)"
done
# Tests may read their fixtures from disk (the GS1 examples in ../shared), but
# stay as deterministic as the code they test.
check contracts/tests '#include *<(boost|rocksdb|random|thread|chrono)|system_clock|steady_clock|std::rand' "must stay deterministic (no clock or randomness)"
check client-sdk '#include *[<"]cbec/(node|consensus|contracts)/' "must not include node/, consensus/ or contracts/"
if [[ $fail -eq 0 ]]; then echo "layering: all module rules hold"; fi
exit $fail
