#!/usr/bin/env python3
"""The SDK's Client against a real five-validator network.

Starts a fresh network of cbec-node processes (tests/e2e/cbec_net.py), runs
the sdk-live GoogleTest binary against it (tests/sdk/sdk_live_test.cc: every
contract through the typed builders, plain, signed and verified reads,
Watch, fail-over past a dead address, and nodes that lie: a byte-flipping
proxy, a stale and a forked checkpoint), then stops the network.
Standard library only.
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import cbec_net  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--node-bin", required=True)
    ap.add_argument("--live", required=True, help="the sdk-live binary")
    ap.add_argument("--keep", action="store_true", help="keep the network folder")
    a = ap.parse_args()
    net = cbec_net.Network(a.node_bin, cbec_net.ORGS5)
    ok = False
    try:
        net.start_all()
        net.wait_height(1)
        nodes = ",".join(net.api(i) for i in range(len(net.orgs)))
        p = subprocess.run([a.live, "--network", net.dir, "--nodes", nodes], timeout=300)
        ok = p.returncode == 0
        if not ok:
            for i in range(len(net.orgs)):
                print("---- %s log (tail) ----\n%s" % (net.orgs[i], net.log(i)[-1500:]))
    finally:
        net.cleanup(keep=a.keep or not ok)
        if not ok:
            print("network kept in %s" % net.root)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
