#!/usr/bin/env python3
"""epoch_change: a governance vote removes a validator and consensus follows.

Five validators. The customs admin proposes governance.remove_validator
{"name": "platform"} (its organisation votes yes by proposing); the tax and fx
admins vote yes, which reaches the default threshold (3 of the 4 departments)
and runs the call: the block of the passing vote ends epoch 0. Then:
1. every remaining validator reports epoch 1 with 4 validators, and the
   removed one reports that it no longer votes (/health);
2. a remaining validator SIGKILLed right after the change restarts in epoch 1
   and catches up;
3. with the removed validator killed, the chain keeps committing (height
   grows by >= 5) and a new transaction commits (cbec-node keygen + tx);
4. checkpoints: the change block's is signed by the old set, a later one
   names the new set's hash (as /v1/status shows it) and has >= 3
   signatures, all from the new set;
5. every remaining node has the same blocks;
6. GET /v1/epochs/1 proves the new set to a client that trusts only the
   genesis: its checkpoint (signed by the old set) and the state proof of
   the validator-set record pass proof-check, and an altered record fails.
All transactions go through `cbec-node tx`.
"""
import argparse
import datetime
import json
import os
import signal
import subprocess
import sys
import time

import cbec_net

REMOVED = "platform"


class Tx:
    """`cbec-node tx` as an organisation's admin."""

    def __init__(self, net):
        self.net = net

    def run(self, org, node, contract, method, args, expect_ok=True):
        d = os.path.join(self.net.dir, org)
        cmd = [self.net.binary, "tx", "--key", os.path.join(d, "admin.key.json"),
               "--passphrase-file", os.path.join(d, "passphrase"), "--node", self.net.api(node),
               "--contract", contract, "--method", method, "--args", json.dumps(args),
               "--wait-ms", "30000"]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        out = p.stdout.decode().strip()
        if expect_ok:
            assert p.returncode == 0, "%s %s.%s: exit %d %s %s" % (
                org, contract, method, p.returncode, out, p.stderr.decode())
        receipt = json.loads(out) if out else None
        print("tx %s %s.%s -> %s" % (org, contract, method, out))
        return p.returncode, receipt


def status(net, i):
    return cbec_net.get(net.api(i), "/v1/status")


def wait_for(what, pred, timeout=60):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            last = pred()
            if last:
                return last
        except (OSError, AssertionError, ValueError) as e:
            last = repr(e)
        time.sleep(0.2)
    raise AssertionError("timed out waiting for %s (last: %r)" % (what, last))


def in_epoch_1(net, i):
    s = status(net, i)
    names = [v["name"] for v in s["validators"]]
    return s["epoch"] == 1 and len(names) == 4 and REMOVED not in names and s


def certified(net, i, height):
    code, body = cbec_net.request(net.api(i), "/v1/checkpoints/%d" % height)
    return json.loads(body) if code == 200 else None


def remove_platform(net, tx):
    expires = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    action = {"contract": "governance", "method": "remove_validator",
              "args": {"name": REMOVED}}
    _, r = tx.run("customs", 0, "governance", "propose",
                  {"action": action, "title": "retire the platform validator",
                   "expires": expires})
    proposal = int(r["result"], 16)
    _, first = tx.run("tax", 1, "governance", "vote", {"proposal": proposal, "approve": True})
    _, last = tx.run("fx", 2, "governance", "vote", {"proposal": proposal, "approve": True})
    # The passing vote runs the call: its block is the last of epoch 0.
    return r["height"], last["height"]


def check_epoch_boundary(net, nodes, root):
    for i in nodes:
        before = cbec_net.get(net.api(i), "/v1/blocks/%d" % root)
        after = wait_for("block %d on %s" % (root + 1, net.orgs[i]),
                         lambda: block_at(net, i, root + 1))
        assert before["epoch"] == 0 and after["epoch"] == 1, (before["epoch"], after["epoch"])


def block_at(net, i, h):
    code, body = cbec_net.request(net.api(i), "/v1/blocks/%d" % h)
    return json.loads(body) if code == 200 else None


def check_old_checkpoints(net, i, propose_height, root):
    """Epoch 0's checkpoints, up to its last block, name the genesis set."""
    first = wait_for("checkpoint %d" % propose_height, lambda: certified(net, i, propose_height))
    last = wait_for("checkpoint %d" % root, lambda: certified(net, i, root))
    genesis_hash = first["checkpoint"]["validator_set_hash"]
    assert last["checkpoint"]["validator_set_hash"] == genesis_hash, (first, last)
    assert len(last["signatures"]) >= 4, last  # quorum of 5
    return genesis_hash


def restart_in_epoch_1(net, victim, nodes):
    net.kill(victim)  # SIGKILL right after the change
    net.start(victim)
    s = wait_for("%s back in epoch 1" % net.orgs[victim], lambda: in_epoch_1(net, victim))
    assert s["voting"] is True, s
    target = max(net.height(i) for i in nodes if i != victim)
    net.wait_height(target, nodes=[victim], timeout=60)
    print("phase 2 ok: %s restarted in epoch 1 and caught up to %d" % (net.orgs[victim], target))


def check_removed_node(net, removed):
    s = wait_for("the removed node switching", lambda: status(net, removed)["epoch"] == 1 and
                 status(net, removed))
    assert s["voting"] is False, s
    health = cbec_net.get(net.api(removed), "/health")
    print("removed node health:", json.dumps(health))
    assert "not a validator of epoch 1" in json.dumps(health), health


def check_new_checkpoints(net, nodes, later, new_hash):
    for i in nodes:
        cp = wait_for("checkpoint %d on %s" % (later, net.orgs[i]),
                      lambda: certified(net, i, later))
        assert cp["checkpoint"]["validator_set_hash"] == new_hash, (cp, new_hash)
        sigs = cp["signatures"]
        assert len(sigs) >= 3, cp
        assert all(0 <= s["index"] < 4 for s in sigs), cp  # indices into the new set
    print("phase 4 ok: checkpoint %d names the new set (%s...), signed by it" %
          (later, new_hash[:16]))


def check_tx_tool_failures(net, tx):
    """Exit 1 for a failed receipt, 2 (slug on stderr) for a usage error."""
    rc, r = tx.run("market", 0, "governance", "remove_validator", {"name": "fx"},
                   expect_ok=False)
    assert rc == 1 and r["code"] != 0 and r["slug"] == "auth.forbidden", (rc, r)
    p = subprocess.run([net.binary, "tx", "--key", "/nonexistent", "--passphrase-file",
                        "/nonexistent", "--node", net.api(0), "--contract", "governance",
                        "--method", "vote", "--args", "{}"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    assert p.returncode == 2 and b"node.tool.usage" in p.stderr, (p.returncode, p.stderr)


def check_same_chain(net, nodes):
    up_to = min(net.height(i) for i in nodes)
    for h in range(0, up_to + 1):
        ids = {i: cbec_net.get(net.api(i), "/v1/blocks/%d" % h)["id"] for i in nodes}
        assert len(set(ids.values())) == 1, "height %d differs: %s" % (h, ids)
    return up_to


# governance / validator_set (docs/spec/contracts.md, "State keys").
VALIDATOR_SET_KEY = (b"governance\x00validator_set\x00").hex()


def check_epoch_start(net, proof_check, i, root, new_set_names):
    start = cbec_net.get(net.api(i), "/v1/epochs/1")
    assert start["epoch"] == 1 and start["changed_height"] == root, start
    assert [v["name"] for v in start["validators"]["validators"]] == new_set_names, start
    code, _ = cbec_net.request(net.api(i), "/v1/epochs/2")
    assert code == 404, code
    as_state = {"key": VALIDATOR_SET_KEY, "value": start["record"], "proof": start["proof"],
                "height": root, "checkpoint": start["checkpoint"]}
    genesis = os.path.join(net.dir, "genesis.json")

    def check(answer):
        return subprocess.run([proof_check, "--genesis", genesis, "--kind", "state"],
                              input=json.dumps(answer).encode(), capture_output=True)
    r = check(as_state)
    assert r.returncode == 0, r.stdout + r.stderr
    record = bytearray(bytes.fromhex(start["record"]))
    record[-1] ^= 1  # changed_height
    r = check(dict(as_state, value=record.hex()))
    assert r.returncode != 0, "an altered validator-set record passed"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--proof-check", required=True)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    orgs = cbec_net.ORGS5
    net = cbec_net.Network(args.bin, orgs)
    ok = False
    removed = orgs.index(REMOVED)
    remaining = [i for i in range(len(orgs)) if i != removed]
    try:
        net.start_all()
        net.wait_height(2)
        tx = Tx(net)
        propose_height, root = remove_platform(net, tx)
        print("proposal at height %d; epoch 0 ends at height %d" % (propose_height, root))

        # 1. The remaining validators in epoch 1; the removed one stops voting.
        for i in remaining:
            wait_for("%s in epoch 1" % orgs[i], lambda: in_epoch_1(net, i))
        check_epoch_boundary(net, remaining, root)
        new_hash = status(net, remaining[0])["validator_set_hash"]
        assert all(status(net, i)["validator_set_hash"] == new_hash for i in remaining)
        metrics = cbec_net.request(net.api(remaining[0]), "/metrics")[1].decode()
        assert "cbec_epoch 1" in metrics, [l for l in metrics.splitlines() if "epoch" in l]
        check_removed_node(net, removed)
        genesis_hash = check_old_checkpoints(net, remaining[0], propose_height, root)
        assert genesis_hash != new_hash
        print("phase 1 ok: 4 validators in epoch 1 from height %d; checkpoint %d by the old set" %
              (root + 1, root))

        # 2. A remaining validator SIGKILLed right after the change.
        restart_in_epoch_1(net, remaining[-1], remaining)

        # 3. The removed validator killed: the chain goes on, a tx commits.
        net.kill(removed)
        h0 = max(net.height(i) for i in remaining)
        net.wait_height(h0 + 5, nodes=remaining, timeout=60)
        keyfile = os.path.join(net.root, "new.key.json")
        out = cbec_net.run([args.bin, "keygen", "--out", keyfile, "--insecure-fast",
                            "--passphrase-file", os.path.join(net.dir, "customs", "passphrase")])
        new_key = json.loads(out)["public_key"]
        _, r = tx.run("customs", 1, "governance", "create_account",
                      {"organisation": "customs", "keys": [new_key], "roles": []})
        assert r["code"] == 0, r
        check_tx_tool_failures(net, tx)
        print("phase 3 ok: height %d -> %d without %s; tx at %d" %
              (h0, max(net.height(i) for i in remaining), REMOVED, r["height"]))

        # 4. Checkpoints on each side of the boundary.
        check_new_checkpoints(net, remaining, r["height"], new_hash)

        # 5. One chain.
        up_to = check_same_chain(net, remaining)
        print("phase 5 ok: %d nodes agree up to height %d" % (len(remaining), up_to))

        # 6. The start of epoch 1, proven to a client that trusts the genesis.
        check_epoch_start(net, args.proof_check, remaining[0], root,
                          [orgs[i] for i in remaining])
        print("phase 6 ok: /v1/epochs/1 proves the new set from the genesis")
        ok = True
    finally:
        if not ok:
            for i in range(len(orgs)):
                try:
                    print("--- log of %s ---\n%s" % (orgs[i], net.log(i)), file=sys.stderr)
                except OSError:
                    pass
        net.cleanup(keep=args.keep or not ok)
        if not ok:
            print("network kept in", net.root, file=sys.stderr)


if __name__ == "__main__":
    main()
