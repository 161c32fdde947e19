#!/usr/bin/env python3
"""consensus_network: N real cbec-node processes commit signed transactions.

1. 1,000 (--txs) signed governance transactions from many accounts are
   committed on every node, with identical blocks, receipts and state.
2. A follower is SIGKILLed, the others keep committing, it restarts and
   catches up.
3. The current leader is SIGKILLed and the rest keep committing.
An idle network makes a few empty blocks a second, not hundreds.
Nothing committed is ever lost.
"""
import argparse
import http.client
import json
import signal
import sys
import time

import cbec_net


class Api:
    """Keep-alive JSON GETs against one node."""

    def __init__(self, addr):
        host, port = addr.split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=10)

    def get(self, path):
        self.conn.request("GET", path)
        r = self.conn.getresponse()
        body = r.read()
        if r.status != 200:
            raise AssertionError("GET %s: %d %s" % (path, r.status, body[:200]))
        return json.loads(body)


def check_same_chain(net, nodes, up_to):
    apis = {i: Api(net.api(i)) for i in nodes}
    for h in range(0, up_to + 1):
        ids = {i: apis[i].get("/v1/blocks/%d" % h)["id"] for i in nodes}
        assert len(set(ids.values())) == 1, "height %d differs: %s" % (h, ids)


def check_txs(net, nodes, hashes):
    """Every tx committed everywhere with the same location and receipt."""
    apis = {i: Api(net.api(i)) for i in nodes}
    signers, created = set(), []
    for h in hashes:
        seen = {}
        for i in nodes:
            t = apis[i].get("/v1/tx/" + h)
            assert t["status"] == "committed", "%s on %s: %s" % (h, net.orgs[i], t)
            seen[i] = (t["height"], t["index"], json.dumps(t["receipt"], sort_keys=True))
            signers.add(t["tx"]["tx"]["signer"])
        if t["receipt"]["code"] == 0:
            created.append(t["receipt"]["result"])
        assert len(set(seen.values())) == 1, "tx %s differs: %s" % (h, seen)
    return signers, created


def check_state(net, nodes, accounts):
    apis = {i: Api(net.api(i)) for i in nodes}
    for a in accounts:
        views = {i: json.dumps(apis[i].get("/v1/accounts/" + a), sort_keys=True) for i in nodes}
        assert len(set(views.values())) == 1, "account %s differs: %s" % (a, views)
    orgs = {i: json.dumps(apis[i].get("/v1/orgs"), sort_keys=True) for i in nodes}
    assert len(set(orgs.values())) == 1


def leader_index(net):
    i = net.alive()[0]
    name = cbec_net.get(net.api(i), "/v1/status")["leader"]
    return net.orgs.index(name)


def load(net, count, rate, nodes=None):
    r = net.loadgen(count, rate, nodes=nodes)
    print("load:", json.dumps({k: v for k, v in r.items() if k != "tx_hashes"}))
    assert r["rejected"] == 0, r["reject_slugs"]
    assert r["committed"] == count, "committed %d of %d" % (r["committed"], count)
    assert r["failed_receipts"] == 0
    return r["tx_hashes"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--validators", type=int, default=5)
    ap.add_argument("--txs", type=int, default=1000)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    orgs = cbec_net.ORGS5[: args.validators] if args.validators <= 5 else None
    net = cbec_net.Network(args.bin, orgs, test_accounts=40)
    ok = False
    try:
        net.start_all()
        net.wait_height(2)
        all_nodes = list(range(len(orgs)))

        # 1. Load, then every node agrees on blocks, receipts and state.
        hashes = load(net, args.txs, 400)
        h = min(net.height(i) for i in all_nodes)
        check_same_chain(net, all_nodes, h)
        signers, created = check_txs(net, all_nodes, hashes)
        assert len(signers) == 40, len(signers)
        assert len(created) == args.txs, (len(created), created[:3])
        check_state(net, all_nodes, sorted(signers) + [c for c in created if len(c) == 40][:50])
        print("phase 1 ok: %d txs at height %d on %d nodes" % (len(hashes), h, len(all_nodes)))

        # 1b. Idle: leaders wait empty_block_delay_ms (125 ms at this round
        # timeout) before an empty block, so the chain grows by a few blocks a
        # second, not at the speed of the network, yet it still grows.
        start = net.height(0)
        time.sleep(3)
        grown = net.height(0) - start
        assert 1 <= grown <= 3 * 1000 // 125 + 5, "idle chain grew %d blocks in 3 s" % grown
        print("phase 1b ok: idle chain grew %d blocks in 3 s" % grown)

        # 2. A follower is SIGKILLed; the rest commit; it restarts and catches up.
        leader = leader_index(net)
        follower = next(i for i in all_nodes if i != leader)
        net.kill(follower)
        more = load(net, 200, 200, nodes=net.alive())
        net.start(follower)
        target = max(net.height(i) for i in net.alive())
        net.wait_height(target, nodes=[follower], timeout=60)
        check_txs(net, all_nodes, hashes[:50] + more)
        print("phase 2 ok: %s restarted and caught up to %d" % (orgs[follower], target))

        # 3. The current leader is SIGKILLed; the rest keep committing.
        leader = leader_index(net)
        net.kill(leader)
        before = max(net.height(i) for i in net.alive())
        last = load(net, 200, 200, nodes=net.alive())
        net.wait_height(before + 3)
        rest = net.alive()
        check_txs(net, rest, hashes + more + last)
        check_same_chain(net, rest, min(net.height(i) for i in rest))
        print("phase 3 ok: leader %s killed, committed on to %d" %
              (orgs[leader], min(net.height(i) for i in rest)))
        ok = True
    finally:
        if not ok:
            for i in net.alive():
                print("--- log of %s ---\n%s" % (net.orgs[i], net.log(i)), file=sys.stderr)
        net.cleanup(keep=args.keep or not ok)
        if not ok:
            print("network kept in", net.root, file=sys.stderr)


if __name__ == "__main__":
    main()
