#!/usr/bin/env bash
# ./scripts/bench load [--rates R1,R2,...] [--seconds S] [--validators 4|5]: a fresh local
# network of real cbec-node processes (temporary folder, free ports), then for each offered
# rate an open-loop load of signed transactions from 40 accounts sent to every node for
# S seconds. Prints one JSON document: per rate, committed tx/s and submit-to-commit
# latency p50/p90/p99 as the load generator measured them.
# Usage: run_load.sh BUILD_DIR [options]
set -euo pipefail
build=$1; shift
rates=100,200,400,800; seconds=10; validators=4
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rates) rates=$2; shift 2 ;;
    --rate) rates=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
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
runs=()
for rate in ${rates//,/ }; do
  count=$(python3 -c "print(max(1, int($rate * $seconds)))")
  echo "bench load: $count txs at $rate tx/s on $validators validators" >&2
  "$node" loadgen --network "$tmp/net" --count "$count" --rate "$rate" --senders 8 \
    >"$tmp/run_$rate.json"
  runs+=("$tmp/run_$rate.json")
done
python3 - "$validators" "$(nproc)" "${runs[@]}" <<'PY'
import json, sys
validators, cores = int(sys.argv[1]), int(sys.argv[2])
runs = [json.load(open(path)) for path in sys.argv[3:]]
out = {"validators": validators, "cores": cores, "runs": []}
for r in runs:
    r.pop("tx_hashes", None)
    out["runs"].append({k: r[k] for k in ("target_rate", "submitted", "accepted", "rejected",
                                         "committed", "committed_tps", "latency_ms",
                                         "reject_slugs")})
print(json.dumps(out, indent=2))
PY
