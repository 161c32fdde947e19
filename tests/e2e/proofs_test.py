#!/usr/bin/env python3
"""proofs: every proof a live network serves verifies against quorum-signed
checkpoints, with nothing but the genesis (proof-check), and nothing else does.

1. Transactions, state records (present and absent) and log consistency:
   proofs from every node verify; a proof with one altered byte does not.
2. A validator SIGKILLed and restarted serves the same checkpoint and proofs
   that verify.
3. A validator whose state was altered on disk while it was down computes
   another state root; the quorum's checkpoint exposes it and it halts
   (node.state_diverged in /health), while the others keep committing.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import cbec_net


def account_key(account_id_hex):
    # contracts/keys.h: "governance" 00 "account" 00 <20-byte id>
    return (b"governance\x00account\x00").hex() + account_id_hex


class Checker:
    def __init__(self, binary, genesis):
        self.binary, self.genesis = binary, genesis

    def run(self, kind, answer):
        p = subprocess.run([self.binary, "--genesis", self.genesis, "--kind", kind],
                           input=json.dumps(answer).encode(), capture_output=True, timeout=60)
        return p.returncode, p.stdout.decode().strip()

    def ok(self, kind, answer):
        code, out = self.run(kind, answer)
        assert code == 0, "%s proof refused: %s\n%s" % (kind, out, json.dumps(answer)[:600])

    def refused(self, kind, answer):
        code, out = self.run(kind, answer)
        assert code == 1, "an altered %s proof passed (%d %s)" % (kind, code, out)


def flip(hex_string, at=0):
    c = hex_string[at]
    return hex_string[:at] + ("0" if c != "0" else "1") + hex_string[at + 1:]


def wait_proof(net, i, tx_hash, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        code, body = cbec_net.request(net.api(i), "/v1/tx/%s/proof" % tx_hash)
        if code == 200:
            return json.loads(body)
        assert code == 409, (code, body)
        time.sleep(0.2)
    raise AssertionError("no certified proof for %s in %ds" % (tx_hash, timeout))


def check_tx_and_state(net, check, nodes, hashes, signer):
    for i in nodes:
        for h in hashes:
            p = wait_proof(net, i, h)
            check.ok("tx", p)
            bad = json.loads(json.dumps(p))
            if bad["inclusion"]["audit_path"]:
                bad["inclusion"]["audit_path"][0] = flip(bad["inclusion"]["audit_path"][0])
            else:
                bad["inclusion"]["leaf_index"] += 1
            check.refused("tx", bad)
            forged = json.loads(json.dumps(p))
            forged["checkpoint"]["checkpoint"]["state_root"] = flip(
                forged["checkpoint"]["checkpoint"]["state_root"])
            check.refused("tx", forged)  # the signatures no longer match
        present = cbec_net.get(net.api(i), "/v1/state/proof?key=" + account_key(signer))
        assert present["value"] is not None
        check.ok("state", present)
        altered = json.loads(json.dumps(present))
        altered["value"] = flip(altered["value"], len(altered["value"]) - 1)
        check.refused("state", altered)
        absent = cbec_net.get(net.api(i), "/v1/state/proof?key=" + account_key("ab" * 20))
        assert absent["value"] is None
        check.ok("state", absent)
        claimed = json.loads(json.dumps(absent))
        claimed["value"] = "00"
        check.refused("state", claimed)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--proof-check", required=True)
    ap.add_argument("--tamper", required=True)
    args = ap.parse_args()
    net = cbec_net.Network(args.bin, cbec_net.ORGS5[:4], test_accounts=4)
    check = Checker(args.proof_check, os.path.join(net.dir, "genesis.json"))
    ok = False
    try:
        net.start_all()
        net.wait_height(2)
        nodes = list(range(4))

        # 1. Proofs of every kind, from every node.
        r = net.loadgen(20, 50, accounts=1)
        hashes = r["tx_hashes"]
        first = cbec_net.get(net.api(0), "/v1/tx/" + hashes[0])
        signer = first["tx"]["tx"]["signer"]
        check_tx_and_state(net, check, nodes, hashes[:3] + hashes[-2:], signer)
        last = wait_proof(net, 0, hashes[-1])
        h1, h2 = first["height"], last["checkpoint"]["checkpoint"]["height"]
        if h1 < h2:
            c = cbec_net.get(net.api(1), "/v1/log/consistency?from=%d&to=%d" % (h1, h2))
            check.ok("consistency", c)
            if c["proof"]:
                c["proof"][0] = flip(c["proof"][0])
                check.refused("consistency", c)
        print("phase 1 ok: tx, state and consistency proofs verify on %d nodes" % len(nodes))

        # 2. SIGKILL and restart: the same certified checkpoint, proofs still verify.
        cp = cbec_net.get(net.api(2), "/v1/checkpoints/latest")
        height = cp["checkpoint"]["height"]
        net.kill(2)
        net.start(2)
        again = cbec_net.get(net.api(2), "/v1/checkpoints/%d" % height)
        assert again["checkpoint"] == cp["checkpoint"], (again, cp)
        check_tx_and_state(net, check, [2], hashes[:2], signer)
        print("phase 2 ok: checkpoint %d and proofs survive a SIGKILL" % height)

        # 3. State altered on disk while down: the checkpoint comparison halts it.
        net.kill(3, sig=15)
        data = os.path.join(net.dir, net.orgs[3], "data")
        out = subprocess.run([args.tamper, "--data", data, "--delete-key", account_key(signer)],
                             capture_output=True, timeout=60)
        assert out.returncode == 0, out.stdout
        net.start(3)
        net.loadgen(5, 20, accounts=1, nodes=[0, 1, 2])
        deadline = time.time() + 60
        while time.time() < deadline:
            code, body = cbec_net.request(net.api(3), "/health")
            if code == 503:
                break
            time.sleep(0.3)
        health = json.loads(body)
        assert code == 503 and "state_diverged" in health.get("halt_reason", ""), (code, health)
        code, body = cbec_net.request(net.api(3), "/v1/accounts/" + signer)
        assert code == 503 and json.loads(body)["error"]["slug"] == "api.node_halted", body
        before = min(net.height(i) for i in range(3))
        net.wait_height(before + 2, nodes=[0, 1, 2])
        print("phase 3 ok: the tampered node halted: %s" % health["halt_reason"][:160])
        ok = True
    finally:
        if not ok:
            for i in net.alive():
                print("--- log of %s ---\n%s" % (net.orgs[i], net.log(i)[-4000:]), file=sys.stderr)
        net.cleanup(keep=not ok)


if __name__ == "__main__":
    main()
