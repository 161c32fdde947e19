#!/usr/bin/env python3
"""Customs' contracts (ipr, trace, clearance) on a real five-validator network.

Runs the README's scenario (network-configs/scenario/credit_demo.py, then
domain2_demo.py: members voted in, a trademark filed and approved, goods traced
from a factory to an overseas warehouse with customs' inspection, a seizure,
two import orders cleared), then checks from outside:
  - ipr: every node reports the filing active with the same recordation
    number; the licensee is authorised and the counterfeiter is not; the
    filing's presence and an unfiled right's absence are proven by state proofs
    that proof-check verifies from the genesis alone;
  - trace: exact backward and forward traces, the same on every node; shipping
    a held item is refused with trace.inspection_required on every node;
    every GS1 EPCIS 2.0 example document is accepted on this one chain;
  - clearance: one order matched, the other a mismatch naming exactly the
    rules broken; the e-commerce enterprise reads its order and its risk
    record, another enterprise is refused; a document with a clear personal
    field never becomes a transaction;
  - determinism: the same state root at the same heights on every node.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cbec_net  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCENARIOS = os.path.join(ROOT, "network-configs", "scenario")
SHARED_EPCIS = os.path.join(ROOT, "..", "shared", "testdata", "epcis")
sys.path.insert(0, SCENARIOS)
import domain2_demo as demo  # noqa: E402


def run_scenarios(net, binary):
    for script in ("credit_demo.py", "domain2_demo.py"):
        out = subprocess.run([sys.executable, os.path.join(SCENARIOS, script), "--network",
                              net.dir, "--bin", binary], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, timeout=900)
        print(out.stdout)
        assert out.returncode == 0, "%s failed" % script


def check_ipr(net, d, check_proof):
    recordations = set()
    for i in range(len(net.orgs)):
        f = cbec_net.get(net.api(i), "/v1/ipr/filing?ip_type=trademark&reg_no=" +
                         demo.MARK["reg_no"])
        assert f["active"] and f["status_at"] == "approved" and f["holder"] == demo.EXPORTER, f
        recordations.add(f["recordation_no"])
    assert len(recordations) == 1, recordations
    ok = cbec_net.get(net.api(1), "/v1/ipr/check?scheme=nice&code=25&exporter=" + demo.TRADER)
    assert ok["authorised"] and ok["auth"][0]["role"] == "licensee", ok
    no = cbec_net.get(net.api(2), "/v1/ipr/check?scheme=nice&code=25&exporter=" +
                      demo.COUNTERFEITER)
    assert not no["authorised"] and no["protected"] and not no["auth"], no
    present = cbec_net.get(net.api(3), "/v1/state/proof?key=" + f["state_key"])
    assert present["value"] is not None
    check_proof(present)
    unfiled = cbec_net.get(net.api(3), "/v1/ipr/filing?ip_type=trademark&reg_no=99999999")
    assert not unfiled["on_record"], unfiled
    absent = cbec_net.get(net.api(4), "/v1/state/proof?key=" + unfiled["state_key"])
    assert absent["value"] is None
    check_proof(absent)
    for key in (no["state_key"],):
        proof = cbec_net.get(net.api(0), "/v1/state/proof?key=" + key)
        assert proof["value"] is None, "the counterfeiter has an authorisation record"
        check_proof(proof)
    seizures = cbec_net.get(net.api(0), "/v1/ipr/exporters/%s/seizures" % demo.COUNTERFEITER)
    assert len(seizures["seizures"]) == 1 and seizures["seizures"][0]["trace_event_ids"], seizures
    print("ipr: filing active on every node (%s), licensee authorised, counterfeiter not; "
          "presence and absence proven" % recordations.pop())


def check_trace(net, d, keys):
    answers = set()
    for org in net.orgs:
        rc, back = d.query("customs", "trace", "backward", {"epc": demo.SHOES[0]}, via=org)
        assert rc == 0 and set(back["origins"]) == {demo.LEATHER, demo.RUBBER}, back
        rc, fwd = d.query("customs", "trace", "forward", {"epc": demo.LEATHER}, via=org)
        assert rc == 0, fwd
        assert set(fwd["items"]) >= set(demo.SHOES) and demo.CASE in fwd["containers"], fwd
        assert demo.WAREHOUSE in {x["id"] for x in fwd["destinations"]}, fwd
        for answer in (back, fwd):
            answer.pop("_height")  # the height each node read at
        answers.add(json.dumps([back, fwd], sort_keys=True))
    assert len(answers) == 1, "nodes trace differently"
    # A new item is held; shipping it is refused on every node alike.
    item = "urn:epc:id:sgtin:%s.100001.99" % demo.PREFIX
    made = demo.event("ObjectEvent", 4, action="ADD", epcList=[item], bizStep="commissioning",
                      readPoint={"id": demo.FACTORY})
    demo.capture(d, "bright-export", demo.epcis(made), key=keys["bright-export"])
    d.tx("customs", "trace", "select_for_inspection", {"epcs": [item], "reason": "e2e"})
    ship = demo.event("ObjectEvent", 3, action="OBSERVE", epcList=[item], bizStep="shipping",
                      readPoint={"id": demo.PORT})
    r = demo.capture(d, "bright-export", demo.epcis(ship), key=keys["bright-export"], check=False)
    assert r["slug"] == "trace.inspection_required", r
    for i in range(len(net.orgs)):
        t = cbec_net.get(net.api(i), "/v1/tx/%s" % r["hash"])
        assert t["receipt"]["slug"] == "trace.inspection_required", t
    # The GS1 examples, all on this one chain, in sorted order.
    files = sorted(glob.glob(os.path.join(SHARED_EPCIS, "*.jsonld")))
    assert files, "no GS1 examples in %s" % SHARED_EPCIS
    for path in files:
        with open(path) as f:
            doc = json.load(f)
        r = demo.capture(d, "bright-export", doc, key=keys["bright-export"], check=False)
        assert r.get("code") == 0, "%s refused: %s" % (os.path.basename(path), r)
        for event_id in demo.result_lines(r):
            rc, e = d.query("customs", "trace", "event", {"id": event_id}, via=net.orgs[4])
            assert rc == 0 and e["id"] == event_id, e
    print("trace: exact traces on every node, held shipping refused everywhere, "
          "%d GS1 example documents accepted" % len(files))
    return r["height"]


def check_clearance(net, d, keys):
    results = {}
    for order_no, _, _ in demo.ORDERS:
        rc, o = d.query("customs", "clearance", "order",
                        {"direction": "import", "ebpCode": demo.CODES["ebp"], "orderNo": order_no})
        assert rc == 0, o
        results[order_no] = o["result"]
    first, second = (results[o[0]] for o in demo.ORDERS)
    assert first["status"] == "matched" and not first["failures"], first
    assert second["status"] == "mismatch", second
    assert {f["rule"] for f in second["failures"]} == {"amount.paid", "payer.is_buyer"}, second
    args = {"direction": "import", "ebpCode": demo.CODES["ebp"], "orderNo": demo.ORDERS[0][0]}
    rc, own = d.query("sz-trading", "clearance", "order", args, key=keys["sz-trading"])
    assert rc == 0 and own["result"]["status"] == "matched", own
    rc, other = d.query("qianhai-pay", "clearance", "risk", {"uscc": demo.TRADER},
                        key=keys["qianhai-pay"])
    assert rc == 1 and other["error"]["slug"] == "auth.forbidden", other
    rc, risk = d.query("sz-trading", "clearance", "risk", {"uscc": demo.TRADER},
                       key=keys["sz-trading"])
    assert rc == 0, risk
    assert sum(m["matched"] for m in risk["months"]) == 1, risk
    assert sum(m["mismatch"] for m in risk["months"]) == 1, risk
    order, _, _, _ = demo.import_documents(b"salt", "IMP-CLEAR-1", "223.20", "buyer")
    order["buyerName"] = "Lin Xiaohong"
    r = d.tx("platform", "clearance", "submit_order", {"direction": "import", "document": order},
             check=False)
    assert "hash" not in r, "a clear personal field reached the ledger: %s" % r
    print("clearance: matched and mismatch (amount.paid, payer.is_buyer); the enterprise reads "
          "its own order and risk record, others are refused; clear personal data never signed")


def check_state_roots(net, height):
    deadline = time.time() + 60
    while time.time() < deadline and any(
            cbec_net.get(net.api(i), "/v1/status")["certified_height"] < height
            for i in range(len(net.orgs))):
        time.sleep(0.2)
    roots = {cbec_net.get(net.api(i), "/v1/checkpoints/%d" % height)["checkpoint"]["state_root"]
             for i in range(len(net.orgs))}
    assert len(roots) == 1, "height %d: state roots differ: %s" % (height, roots)
    for i in range(len(net.orgs)):
        assert not cbec_net.get(net.api(i), "/v1/status")["halted"], net.orgs[i]
    print("state roots agree at height %d; no node halted" % height)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--cbec", required=True, help="the cbec CLI, which the scenario uses")
    ap.add_argument("--proof-check", required=True)
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    net = cbec_net.Network(a.bin, cbec_net.ORGS5)
    genesis = os.path.join(net.dir, "genesis.json")

    def check_proof(answer):
        p = subprocess.run([a.proof_check, "--genesis", genesis, "--kind", "state"],
                           input=json.dumps(answer).encode(), capture_output=True, timeout=60)
        assert p.returncode == 0, "state proof refused: %s" % p.stdout.decode()

    ok = False
    try:
        net.start_all()
        net.wait_height(2)
        run_scenarios(net, a.cbec)
        d = demo.Net(net.dir, a.cbec)
        keys = demo.keys_of(d)
        check_ipr(net, d, check_proof)
        height = check_trace(net, d, keys)
        check_clearance(net, d, keys)
        check_state_roots(net, height)
        ok = True
    finally:
        net.cleanup(keep=a.keep or not ok)
        if not ok:
            print("network kept in %s" % net.root)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
