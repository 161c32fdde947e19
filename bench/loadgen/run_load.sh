#!/usr/bin/env bash
# ./scripts/bench load [--rate R] [--count N] [--validators 4|5]: a fresh local network of real
# cbec-node processes (temporary folder, free ports), an open-loop load of signed transactions
# from 40 accounts sent to every node, and the load generator's JSON report on stdout:
# committed tx/s and submit-to-commit latency p50/p90/p99.
# Usage: run_load.sh BUILD_DIR [options]
set -euo pipefail
build=$1; shift
rate=500; count=5000; validators=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rate) rate=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --validators) validators=$2; shift 2 ;;
    *) echo "bench load: unknown option $1" >&2; exit 2 ;;
  esac
done
node="$build/bin/cbec-node"
orgs=$(echo customs,tax,fx,market,platform | cut -d, -f1-"$validators")
tmp=$(mktemp -d /tmp/cbec-bench-load.XXXXXX)
base=$((20000 + (RANDOM % 3000) * 10))
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
"$node" init-network --out "$tmp/net" --orgs "$orgs" --base-port "$base" --test-accounts 40 >&2
for org in ${orgs//,/ }; do
  "$node" run --config "$tmp/net/$org/config.toml" >"$tmp/net/$org/node.log" 2>&1 &
  pids+=($!)
done
sleep 3
"$node" loadgen --network "$tmp/net" --count "$count" --rate "$rate" --senders 8 |
  python3 -c 'import json,sys; r=json.load(sys.stdin); r.pop("tx_hashes"); print(json.dumps(r, indent=2))'
