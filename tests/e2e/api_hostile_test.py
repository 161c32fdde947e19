#!/usr/bin/env python3
"""api_hostile: garbage on the P2P port and malformed HTTP requests.

The nodes answer every malformed request with a 4xx JSON error carrying a
stable slug (or drop the connection), and keep committing throughout.
A peer with a valid handshake but a key outside the validator set
(p2p-intruder, since Python's standard library has no X25519/Ed25519) is
refused and counted in /metrics.
"""
import argparse
import json
import os
import random
import socket
import struct
import subprocess
import sys

import cbec_net


def raw(addr, data, read=True):
    host, port = addr.split(":") if isinstance(addr, str) else addr
    s = socket.create_connection((host, int(port)), timeout=5)
    try:
        s.sendall(data)
        if not read:
            return b""
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            out += chunk
            if b"\r\n\r\n" in out and len(out) > 200:
                break
        return out
    except (ConnectionResetError, BrokenPipeError):
        return b""
    finally:
        s.close()


def expect_error(addr, method, path, status, slug, body=None, headers=None):
    code, data = cbec_net.request(addr, path, method=method, body=body, headers=headers)
    assert code == status, "%s %s: %d %s" % (method, path, code, data[:200])
    err = json.loads(data)["error"]
    assert err["slug"] == slug, "%s %s: slug %s, want %s" % (method, path, err["slug"], slug)


def hostile_p2p(net, i):
    port = net.p2p_port(i)
    for n in (1, 7, 64, 5000):
        raw(("127.0.0.1", port), os.urandom(n), read=False)
    raw(("127.0.0.1", port), struct.pack(">I", 0xFFFFFFFF) + b"x" * 100, read=False)
    raw(("127.0.0.1", port), struct.pack(">I", 0), read=False)
    raw(("127.0.0.1", port), struct.pack(">I", 500) + b"\x01CBP2" + os.urandom(40), read=False)
    # Truncated: a length promising more than is sent, then close.
    raw(("127.0.0.1", port), struct.pack(">I", 200) + b"\x01\x43", read=False)


def intruder(net, binary, i):
    genesis = json.load(open(os.path.join(net.dir, "genesis.json")))
    v = next(v for v in genesis["validators"] if v["name"] == net.orgs[i])
    r = subprocess.run([binary, "--chain-id", genesis["chain_id"], "--name", v["name"],
                        "--key", v["public_key"], "--address", "127.0.0.1:%d" % net.p2p_port(i),
                        "--seconds", "1"], capture_output=True, timeout=60)
    assert r.returncode == 0, "an unknown key was accepted: %s %s" % (r.stdout, r.stderr)
    metrics = cbec_net.request(net.api(i), "/metrics")[1].decode()
    line = 'cbec_p2p_handshake_failures_total{reason="unknown_key"} '
    counted = [l for l in metrics.splitlines() if l.startswith(line)]
    assert counted and float(counted[0][len(line):]) >= 1, counted


def hostile_http(net, i):
    a = net.api(i)
    expect_error(a, "GET", "/v1/nope", 404, "http.not_found")
    expect_error(a, "DELETE", "/v1/tx", 405, "http.method_not_allowed")
    expect_error(a, "POST", "/v1/tx", 400, "http.bad_json", body=b"{not json",
                 headers={"Content-Type": "application/json"})
    expect_error(a, "POST", "/v1/tx", 400, "api.bad_signed_tx", body=b'{"signed_tx": 5}',
                 headers={"Content-Type": "application/json"})
    expect_error(a, "POST", "/v1/tx", 400, "api.bad_signed_tx",
                 body=b'{"signed_tx": "zz"}', headers={"Content-Type": "application/json"})
    # Random binary bodies: whichever check fails first (codec, ids, ...), the
    # answer is a 400 with a stable slug. Seeded, so a failure reproduces.
    rng = random.Random(i)
    for _ in range(10):
        body = bytes(rng.getrandbits(8) for _ in range(rng.randrange(1, 600)))
        code, data = cbec_net.request(a, "/v1/tx", method="POST", body=body,
                                      headers={"Content-Type": "application/octet-stream"})
        err = json.loads(data)["error"]
        assert code == 400 and err["slug"] and err["code"] > 0, (body.hex(), data)
    try:
        code, data = cbec_net.request(a, "/v1/tx", method="POST", body=b"x" * (3 << 20),
                                      headers={"Content-Type": "application/octet-stream"})
    except OSError:  # the server may answer 413 and close while we still send
        code = 413
    assert code == 413, code
    expect_error(a, "POST", "/v1/tx", 415, "http.unsupported_media_type", body=b"abc",
                 headers={"Content-Type": "text/plain"})
    expect_error(a, "GET", "/v1/tx/1234", 400, "api.bad_tx_hash")
    expect_error(a, "GET", "/v1/blocks/01", 400, "http.bad_param")
    expect_error(a, "GET", "/v1/blocks/99999999999", 404, "api.block.not_found")
    expect_error(a, "GET", "/v1/accounts/xyz", 400, "api.bad_account_id")
    expect_error(a, "GET", "/v1/accounts/" + "0" * 40, 404, "api.account.not_found")
    # Not HTTP at all, and a header far over the limit.
    raw(a, b"GARBAGE\r\n\r\n")
    raw(a, b"GET / HTTP/1.1\r\nX: " + b"a" * 100000 + b"\r\n\r\n")
    raw(a, os.urandom(2000))
    code, _ = cbec_net.request(a, "/v1/status")
    assert code == 200


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--intruder", required=True)
    args = ap.parse_args()
    net = cbec_net.Network(args.bin, cbec_net.ORGS5[:4])
    ok = False
    try:
        net.start_all()
        net.wait_height(2)
        for round_ in range(3):
            before = min(net.height(i) for i in net.alive())
            for i in net.alive():
                hostile_p2p(net, i)
                if round_ == 0:
                    intruder(net, args.intruder, i)
                hostile_http(net, i)
            net.wait_height(before + 2, timeout=30)
        for i in net.alive():
            assert net.procs[i].poll() is None, "node %s died" % net.orgs[i]
            assert cbec_net.get(net.api(i), "/health")["status"] == "ok"
        metrics = cbec_net.request(net.api(0), "/metrics")[1].decode()
        assert "cbec_commits_total" in metrics and "cbec_height" in metrics
        print("api_hostile ok: every node kept committing")
        ok = True
    finally:
        if not ok:
            for i in net.alive():
                print("--- log of %s ---\n%s" % (net.orgs[i], net.log(i)), file=sys.stderr)
        net.cleanup(keep=not ok)


if __name__ == "__main__":
    main()
