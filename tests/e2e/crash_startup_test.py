#!/usr/bin/env python3
"""crash_startup: what a node refuses to start with, and a clean SIGTERM.

A corrupted or unknown-key config, a wrong passphrase, a port in use and a
genesis that does not match the data directory each give a clear message and
exit code 2; SIGTERM stops a running node with exit code 0 and it restarts
from its data directory.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess

import cbec_net


def refused(binary, config, slug, env=None):
    p = subprocess.run([binary, "run", "--config", config], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60, env=env)
    err = p.stderr.decode()
    assert p.returncode == 2, "exit %d, want 2: %s" % (p.returncode, err)
    assert slug in err, "want %s in: %s" % (slug, err)
    print("refused with", slug)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    args = ap.parse_args()
    net = cbec_net.Network(args.bin, cbec_net.ORGS5[:4])
    try:
        d = os.path.join(net.dir, "customs")
        cfg = net.config(0)
        text = open(cfg).read()

        def variant(name, content):
            path = os.path.join(d, name)
            with open(path, "w") as f:
                f.write(content)
            return path

        refused(args.bin, variant("garbage.toml", "[node\n\x00\x01 = = ="), "config.syntax")
        refused(args.bin, variant("unknown.toml", text + "\n[bogus]\nx = 1\n"),
                "config.unknown_key")
        refused(args.bin, os.path.join(d, "missing.toml"), "config.missing")
        with open(os.path.join(d, "wrong-pass"), "w") as f:
            f.write("not-the-passphrase\n")
        refused(args.bin, variant("wrongpass.toml",
                                  text.replace('"passphrase"', '"wrong-pass"')),
                "wrong_passphrase")

        # A port in use.
        s = socket.socket()
        s.bind(("127.0.0.1", net.p2p_port(0)))
        s.listen()
        refused(args.bin, cfg, "node.port_in_use")
        s.close()

        # Runs, commits nothing alone, and stops cleanly on SIGTERM.
        net.start(0)
        assert net.kill(0, signal.SIGTERM) == 0
        net.start(0)
        assert net.kill(0, signal.SIGTERM) == 0

        # Another genesis (same validators, another time) for the same data dir.
        gpath = os.path.join(net.dir, "genesis.json")
        g = json.load(open(gpath))
        g["genesis_time"] += 1
        other = os.path.join(d, "other-genesis.json")
        json.dump(g, open(other, "w"), indent=2)
        refused(args.bin, variant("othergenesis.toml",
                                  text.replace('"../genesis.json"', '"other-genesis.json"')),
                "storage.genesis_mismatch")
        print("crash_startup ok")
    finally:
        net.cleanup()


if __name__ == "__main__":
    main()
