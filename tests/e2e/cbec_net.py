"""A local cbec-node network of real processes for the end-to-end tests.

Standard library only. Each test creates a network in a fresh temporary folder
with `cbec-node init-network`, starts the validators as child processes
(logs in <dir>/<org>/node.log) and talks to them over their HTTP API.
"""
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

ORGS5 = ["customs", "tax", "fx", "market", "platform"]


def free_base_port(count):
    """A base port with count*10 free ports above it (best effort)."""
    rng = random.Random(os.getpid() ^ int(time.time() * 1000))
    for _ in range(200):
        base = rng.randrange(20000, 60000 - count * 10, 10)
        ok = True
        for i in range(count):
            for off in (0, 1):
                s = socket.socket()
                try:
                    s.bind(("127.0.0.1", base + 10 * i + off))
                except OSError:
                    ok = False
                finally:
                    s.close()
        if ok:
            return base
    raise RuntimeError("no free ports")


class Network:
    def __init__(self, binary, orgs, test_accounts=0, timeout_ms=500):
        self.binary = binary
        self.orgs = orgs
        self.root = tempfile.mkdtemp(prefix="cbec-e2e-")
        self.dir = os.path.join(self.root, "net")
        self.base = free_base_port(len(orgs))
        self.procs = {}
        run([binary, "init-network", "--out", self.dir, "--orgs", ",".join(orgs),
             "--base-port", str(self.base), "--test-accounts", str(test_accounts),
             "--base-timeout-ms", str(timeout_ms)])

    def api(self, i):
        return "127.0.0.1:%d" % (self.base + 10 * i + 1)

    def p2p_port(self, i):
        return self.base + 10 * i

    def config(self, i):
        return os.path.join(self.dir, self.orgs[i], "config.toml")

    def start(self, i, wait=True):
        log = open(os.path.join(self.dir, self.orgs[i], "node.log"), "ab")
        self.procs[i] = subprocess.Popen([self.binary, "run", "--config", self.config(i)],
                                         stdout=log, stderr=log)
        if wait:
            self.wait_api(i)

    def start_all(self):
        for i in range(len(self.orgs)):
            self.start(i, wait=False)
        for i in range(len(self.orgs)):
            self.wait_api(i)

    def wait_api(self, i, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.procs[i].poll() is not None:
                raise AssertionError("node %s exited with %s; log:\n%s" %
                                     (self.orgs[i], self.procs[i].returncode, self.log(i)))
            try:
                get(self.api(i), "/health")
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.1)
        raise AssertionError("node %s API did not come up" % self.orgs[i])

    def kill(self, i, sig=signal.SIGKILL):
        p = self.procs.pop(i)
        p.send_signal(sig)
        return p.wait(timeout=30)

    def alive(self):
        return sorted(self.procs)

    def height(self, i):
        return get(self.api(i), "/v1/status")["height"]

    def wait_height(self, h, nodes=None, timeout=60):
        nodes = self.alive() if nodes is None else nodes
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if all(self.height(i) >= h for i in nodes):
                    return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.1)
        heights = {}
        for i in nodes:
            try:
                heights[self.orgs[i]] = self.height(i)
            except Exception as e:  # noqa: BLE001 - report whatever happened
                heights[self.orgs[i]] = repr(e)
        raise AssertionError("height %d not reached in %ds: %s" % (h, timeout, heights))

    def log(self, i):
        path = os.path.join(self.dir, self.orgs[i], "node.log")
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")[-4000:]

    def loadgen(self, count, rate, accounts=0, nodes=None, timeout_ms=60000):
        cmd = [self.binary, "loadgen", "--network", self.dir, "--count", str(count),
               "--rate", str(rate), "--timeout-ms", str(timeout_ms)]
        if accounts:
            cmd += ["--accounts", str(accounts)]
        if nodes is not None:
            cmd += ["--nodes", ",".join(self.api(i) for i in nodes)]
        out = run(cmd)
        return json.loads(out)

    def stop(self):
        for i in list(self.procs):
            try:
                self.kill(i, signal.SIGTERM)
            except Exception:  # noqa: BLE001 - best effort at teardown
                pass

    def cleanup(self, keep=False):
        self.stop()
        if not keep:
            shutil.rmtree(self.root, ignore_errors=True)


def run(cmd, check=True):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    if check and p.returncode != 0:
        raise AssertionError("%s failed (%d): %s" % (cmd, p.returncode, p.stderr.decode()))
    return p.stdout.decode()


def request(addr, path, method="GET", body=None, headers=None, timeout=10):
    req = urllib.request.Request("http://%s%s" % (addr, path), data=body, method=method,
                                 headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def get(addr, path):
    status, body = request(addr, path)
    if status != 200:
        raise AssertionError("GET %s%s: %d %s" % (addr, path, status, body[:300]))
    return json.loads(body)
