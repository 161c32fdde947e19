"""What every scenario script shares: the network's nodes and keys, signed
transactions and queries through the `cbec` CLI, USCC check characters.
Standard library only."""
import argparse
import datetime
import json
import os
import subprocess
import urllib.request

# Block time is UTC wall-clock time of the proposer: dates are UTC dates.
TODAY = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(first17):
    """The 18-character code with its GB 32100-2015 check character."""
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return first17 + CHARSET[(31 - total % 31) % 31]


class Net:
    def __init__(self, network, binary):
        self.dir = network
        self.bin = binary

    def api(self, org):
        # Organisations without a validator (the enterprise) use the platform's node.
        if not os.path.exists(os.path.join(self.dir, org, "config.toml")):
            org = "platform"
        with open(os.path.join(self.dir, org, "config.toml")) as f:
            section = None
            for line in f:
                line = line.strip()
                if line.startswith("["):
                    section = line
                elif section == "[api]" and line.startswith("listen"):
                    return line.split("=", 1)[1].strip().strip('"')
        raise SystemExit("no [api] listen address for %s" % org)

    def key(self, org):
        return ["--key", os.path.join(self.dir, org, "admin.key.json"),
                "--passphrase-file", os.path.join(self.dir, org, "passphrase")]

    def cbec(self, node_org):
        """The `cbec` CLI (docs/cli.md) against `node_org`'s node, trusting the genesis."""
        return [self.bin, "--json", "--timeout", "30", "--node", self.api(node_org),
                "--genesis", os.path.join(self.dir, "genesis.json")]

    def tx(self, org, contract, method, args, key=None, check=True):
        """`cbec tx` as `org`'s admin (or `key`); the receipt, exit 1 if it failed."""
        cmd = self.cbec(org) + (key or self.key(org)) + [
            "tx", contract, method,
            "--args", args if isinstance(args, str) else json.dumps(args)]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out = json.loads(p.stdout) if p.stdout.strip() else {}
        if check and p.returncode != 0:
            raise SystemExit("%s.%s by %s failed: %s %s" % (contract, method, org, p.stdout,
                                                            p.stderr.strip()))
        return out

    def query(self, org, contract, query, args, key=None, via=None):
        """Runs a signed query as `org` (through the node of `via`, default its own)."""
        cmd = self.cbec(via or org) + (key or self.key(org)) + [
            "query", contract, query, "--args", json.dumps(args)]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        return p.returncode, (json.loads(p.stdout) if p.stdout.strip() else {})

    def get(self, org, path):
        try:
            with urllib.request.urlopen("http://%s%s" % (self.api(org), path), timeout=5) as r:
                return r.status, json.load(r)
        except urllib.error.HTTPError as e:
            return e.code, json.load(e)


def in_days(days):
    return (datetime.date.fromisoformat(TODAY) + datetime.timedelta(days=days)).isoformat()


def vote_in_org(net, org_id, kind, name, key_file, roles):
    """Customs proposes a new member organisation, tax and FX agree (3 of 4
    departments); its first admin (key in key_file) then gives itself `roles`.
    Returns the `--key ...` arguments of that admin."""
    if os.path.exists(key_file):
        os.remove(key_file)  # left by a run that stopped half-way
    passphrase = os.path.join(net.dir, "customs", "passphrase")
    p = subprocess.run([net.bin, "--json", "keys", "new", "--out", key_file,
                        "--passphrase-file", passphrase],
                       check=True, stdout=subprocess.PIPE, text=True)
    public_key = json.loads(p.stdout)["public_key"]
    action = {"contract": "governance", "method": "add_org",
              "args": {"id": org_id, "kind": kind, "name": name, "admin_keys": [public_key]}}
    r = net.tx("customs", "governance", "propose",
               {"title": "Admit %s as a member" % name, "action": action,
                "expires": in_days(7)})
    pid = int(r["result"], 16)
    for org in ("tax", "fx"):
        net.tx(org, "governance", "vote", {"proposal": pid, "approve": True})
    _, prop = net.get("customs", "/v1/proposals/%d" % pid)
    print("    proposal %d '%s': %s with %d of %d departments (threshold %d)"
          % (pid, prop["title"], prop["status"], prop["yes"], prop["voters"], prop["threshold"]))
    key = member_key(net, key_file)
    if roles:
        account = json.loads(p.stdout)["account_id"]
        net.tx(org_id, "governance", "set_roles",
               {"account": account, "roles": sorted(set(["admin"] + roles))}, key=key)
    return key


def member_key(net, key_file):
    """`--key ...` arguments for a key made by vote_in_org."""
    return ["--key", key_file, "--passphrase-file", os.path.join(net.dir, "customs", "passphrase")]


def result_text(receipt):
    return bytes.fromhex(receipt.get("result", "")).decode()


def run_scenario(marker, steps, show):
    """The command line of a scenario script (--network DIR --bin cbec, the CLI):
    runs steps(net) once per network (the file `marker` under DIR/scenario
    records that it ran), then show(net). Returns the exit code."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--network", required=True)
    ap.add_argument("--bin", required=True)
    a = ap.parse_args()
    net = Net(a.network, a.bin)
    scen = os.path.join(a.network, "scenario")
    os.makedirs(scen, exist_ok=True)
    done = os.path.join(scen, marker)
    if not os.path.exists(done):
        steps(net)
        open(done, "w").close()
    else:
        print("==> the scenario ran before on this network; showing what it recorded")
    show(net)
    return 0
