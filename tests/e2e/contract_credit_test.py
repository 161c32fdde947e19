#!/usr/bin/env python3
"""The credit system's contracts on a real five-validator network.

Runs the demo scenario (network-configs/scenario/credit_demo.py: a governance
vote admits an enterprise organisation, market supervision registers three
enterprises, every department rates them, customs black-lists one, tax and FX
feed back measures, the enterprise applies for repair and customs accepts),
then checks from outside:
  - determinism: every validator reports the same state root at the same
    heights, and answers the same signed query with the same record;
  - the scenario's effects: the proposal executed, the black-list entry was
    repaired and is no longer in force, the ratings are on record;
  - privacy of credit records: unsigned -> 401, another enterprise -> 403,
    the enterprise itself and a department -> 200;
  - refusals: a transaction from the wrong role fails with auth.forbidden and
    a corrupted USCC with ent.bad_uscc_check, on every node alike.
"""
import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cbec_net  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCENARIO = os.path.join(ROOT, "network-configs", "scenario", "credit_demo.py")
sys.path.insert(0, os.path.dirname(SCENARIO))
import credit_demo  # noqa: E402


def stable_part(record):
    """What a committed record says, without what depends on the height read
    (the composite is re-evaluated at the time of the block each node read)."""
    comp = record["composite"]
    return {"ratings": record["ratings"], "open_repairs": record["open_repairs"],
            "class": comp["class"], "stored": comp["stored"]}


def check_state_roots(net, heights):
    for h in heights:
        roots = set()
        for i in range(len(net.orgs)):
            cp = cbec_net.get(net.api(i), "/v1/checkpoints/%d" % h)
            roots.add(cp["checkpoint"]["state_root"])
        assert len(roots) == 1, "height %d: state roots differ: %s" % (h, roots)
    print("state roots agree at heights %s" % heights)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--cbec", required=True, help="the cbec CLI, which the scenario uses")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    net = cbec_net.Network(a.bin, cbec_net.ORGS5)
    ok = False
    try:
        net.start_all()
        net.wait_height(2)
        out = subprocess.run([sys.executable, SCENARIO, "--network", net.dir, "--bin", a.cbec],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             timeout=600)
        print(out.stdout)
        assert out.returncode == 0, "the scenario failed"
        demo = credit_demo.Net(net.dir, a.cbec)
        bad, good = credit_demo.ENTERPRISES[2][0], credit_demo.ENTERPRISES[0][0]
        ent_key = ["--key", os.path.join(net.dir, "scenario", "sz-trading.key.json"),
                   "--passphrase-file", os.path.join(net.dir, "customs", "passphrase")]

        # The scenario's effects, as any node reports them.
        p = cbec_net.get(net.api(1), "/v1/proposals/1")
        assert p["status"] == "executed" and p["yes"] == 3, p
        subject = cbec_net.get(net.api(2), "/v1/lists/subjects/%s" % bad)
        assert not subject["on_black_list"], subject
        rc, hist = demo.query("customs", "lists", "history", {"uscc": bad})
        assert rc == 0 and any(e.get("status") == "repaired" for e in hist["entries"]), hist

        # Privacy of credit records.
        status, body = cbec_net.request(net.api(0), "/v1/credit/%s" % bad)
        assert status == 401 and b"auth.reader_required" in body, (status, body)
        rc, refused = demo.query("sz-trading", "credit", "record", {"uscc": good}, key=ent_key)
        assert rc == 1 and refused["error"]["slug"] == "auth.forbidden", refused
        rc, own = demo.query("sz-trading", "credit", "record", {"uscc": bad}, key=ent_key)
        assert rc == 0 and own["uscc"] == bad, own
        print("credit record: unsigned 401, other enterprise 403, own record 200")

        # Refusals are receipts, the same on every node.
        wrong_role = demo.tx("platform", "credit", "rate",
                             {"uscc": good, "rule_set_id": "GACC-282", "level": "routine",
                              "reason": "x", "legal_basis": "x"}, check=False)
        assert wrong_role["slug"] == "auth.forbidden", wrong_role
        corrupted = bad[:-1] + ("0" if bad[-1] != "0" else "1")
        bad_code = demo.tx("market", "enterprise", "register",
                           {"uscc": corrupted, "name": "X", "status": "existing",
                            "registered_address": "x", "legal_representative": "x"},
                           check=False)
        assert bad_code["slug"] == "ent.bad_uscc_check", bad_code
        for i in range(len(net.orgs)):
            t = cbec_net.get(net.api(i), "/v1/tx/%s" % bad_code["hash"])
            assert t["receipt"]["slug"] == "ent.bad_uscc_check", t
        print("refusals: auth.forbidden and ent.bad_uscc_check on every node")

        # Determinism: the same state root at the same heights on every node,
        # and the same answer to the same signed query.
        # (Every block with transactions has a checkpoint; a node keeps a
        # certificate only if the quorum's state root is its own, else it halts.)
        heights = sorted({p["decided_height"], wrong_role["height"], bad_code["height"]})
        deadline = time.time() + 60
        while time.time() < deadline and any(
                cbec_net.get(net.api(i), "/v1/status")["certified_height"] < heights[-1]
                for i in range(len(net.orgs))):
            time.sleep(0.2)
        check_state_roots(net, heights)
        for i in range(len(net.orgs)):
            assert not cbec_net.get(net.api(i), "/v1/status")["halted"], net.orgs[i]
        answers = set()
        for org in net.orgs:
            rc, rec = demo.query("customs", "credit", "record", {"uscc": bad}, via=org)
            assert rc == 0, rec
            answers.add(json.dumps(stable_part(rec), sort_keys=True))
        assert len(answers) == 1, "nodes answer differently:\n%s" % "\n".join(answers)
        print("every node answers the signed credit query identically")
        ok = True
    finally:
        net.cleanup(keep=a.keep or not ok)
        if not ok:
            print("network kept in %s" % net.root)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
