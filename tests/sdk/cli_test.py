#!/usr/bin/env python3
"""The `cbec` CLI against a real five-validator network, then offline.

Everything goes through `cbec` (no curl, no cbec-node tx):
  - usage errors exit 2, with an {"error": ...} document under --json;
  - every method command not run live builds its call from its options
    (--dry-run: the SDK's encoder accepts the arguments), --args merges;
  - keys: a new keystore, its public key and account; an existing file is
    refused (6), a wrong passphrase is a key problem (6);
  - governance: customs proposes a new enterprise organisation (gov propose
    add-org), tax and FX vote, the proposal executes;
  - market registers the enterprise, linked to it; the enterprise's admin
    gives itself its roles (gov set-roles);
  - ipr: the enterprise files a trademark (ipr file with --goods/--licensee
    options), customs approves it (ipr review); filing it again commits but
    fails (exit 1, ipr.already_filed);
  - lists: customs black-lists the enterprise (lists issue);
  - credit: customs rates it (credit rate); market reads the record with a
    signed read; an unsigned read is refused (exit 1, auth.reader_required);
  - trace: the enterprise captures an EPCIS event (trace capture --document);
  - watch streams commits as JSON lines; status verifies the checkpoint;
  - bundles of the filing and of the list subject as text + QR PNG; a live
    verify of an unfiled right is a proven absence (exit 3);
  - with every node stopped: both QR codes verify offline from the genesis
    alone (zbarimg reads them); any flipped character of the text form is
    refused (exit 4); reads and status exit 5.
"""
import argparse
import datetime
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
sys.path.insert(0, os.path.join(HERE, "..", "..", "network-configs", "scenario"))
import cbec_net  # noqa: E402
import domain2_demo  # noqa: E402  (its customs documents)

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(first17):
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return first17 + CHARSET[(31 - total % 31) % 31]


EXPORTER = uscc("91440300MA5F00001")
TODAY = datetime.datetime.now(datetime.timezone.utc).date()
MARK = ["--ip-type", "trademark", "--reg-no", "56781234"]


class Cli:
    def __init__(self, binary, net, work):
        self.bin = binary
        self.net = net
        self.work = work
        self.genesis = os.path.join(net.dir, "genesis.json")

    def key(self, org):
        return ["--key", os.path.join(self.net.dir, org, "admin.key.json"),
                "--passphrase-file", self.passphrase(org)]

    def passphrase(self, org="customs"):
        return os.path.join(self.net.dir, org, "passphrase")

    def run(self, args, node=0, key=None, json_out=True, expect=0, stdin=None):
        """Runs cbec; checks the exit code; returns (stdout parsed or text, stderr)."""
        cmd = [self.bin, "--genesis", self.genesis, "--node", self.net.api(node)]
        cmd += (key or []) + (["--json"] if json_out else []) + args
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=120, input=stdin)
        if expect is not None and p.returncode != expect:
            raise AssertionError("%s: exit %d, expected %d\nstdout: %s\nstderr: %s"
                                 % (" ".join(args), p.returncode, expect, p.stdout, p.stderr))
        out = p.stdout
        if json_out and out.strip():
            out = json.loads(out)  # --json: exactly one document
        return out, p.stderr

    def tx(self, org, args, key=None, expect=0):
        out, _ = self.run(args, key=key or self.key(org), expect=expect)
        if expect == 0:
            assert out["status"] == "committed" and out["code"] == 0, out
        return out


def check_usage(cli):
    _, err = cli.run(["ipr", "file", "--ip-type", "trademark"], json_out=False, expect=2)
    assert "error: cli.usage (4090): --reg-no is required" in err, err
    out, _ = cli.run(["ipr", "file", "--ip-type", "trademark"], expect=2)
    assert out["error"]["slug"] == "cli.usage" and out["exit_code"] == 2, out
    cli.run(["no-such-command"], json_out=False, expect=2)
    cli.run(["ipr", "file", "--ip-type", "sideways", "--reg-no", "1"], json_out=False, expect=2)
    cli.run(["tx", "ipr", "file", "--args", "{not json"], json_out=False, expect=2)
    for cmd in ([], ["ipr"], ["ipr", "file"], ["gov", "propose"], ["verify"], ["bundle"]):
        out, _ = cli.run(cmd + ["--help"], json_out=False)
        assert "Usage:" in out, cmd
    out, _ = cli.run(["--help"], json_out=False)
    assert "Exit codes:" in out and "CBEC_GENESIS" in out
    # Every method of every contract has a command.
    out, _ = cli.run(["tx", "--list"])
    missing = [m for m in out["methods"] if not m["command"]]
    assert len(out["methods"]) > 40 and not missing, missing
    print("usage: exit 2 with a JSON error under --json; --help everywhere; %d methods "
          "each with a command" % len(out["methods"]))


def dry(cli, args, **expect_args):
    out, _ = cli.run(args + ["--dry-run"])
    assert out["dry_run"] and out["args_hex"], out
    for k, v in expect_args.items():
        assert out["args"][k] == v, (args, k, out["args"])
    return out


def check_dry_runs(cli):
    """Each command's options reach its builder and encode (nothing is sent)."""
    acct = ["--account", "ab" * 20]
    key = "cd" * 32
    right = ["--ip-type", "patent", "--reg-no", "ZL201510123456.7"]
    prop = ["--title", "t", "--expires", (TODAY + datetime.timedelta(days=3)).isoformat()]
    calls = [
        (["gov", "create-account", "--organisation", "customs", "--keys", key, "--roles",
          "rater,officer"], {"roles": ["officer", "rater"]}),
        (["gov", "add-key"] + acct + ["--key", key], {"key": key}),
        (["gov", "revoke-key"] + acct + ["--key", key], {}),
        (["gov", "suspend-account"] + acct, {}),
        (["gov", "reactivate-account"] + acct, {}),
        (["gov", "vote", "--proposal", "4", "--reject"], {"approve": False}),
        (["enterprise", "update", "--uscc", EXPORTER, "--name", "n", "--status", "revoked",
          "--registered-address", "a", "--legal-representative", "r"], {"status": "revoked"}),
        (["enterprise", "link-organisation", "--uscc", EXPORTER, "--organisation", ""], {}),
        (["credit", "apply-repair", "--uscc", EXPORTER, "--department", "tax",
          "--evidence-digest", key, "--statement", "paid"], {"department": "tax"}),
        (["credit", "decide-repair", "--application-id", EXPORTER + "-1", "--decision",
          "accept", "--reason", "ok", "--new-level", "B"], {"new_level": "B"}),
        (["lists", "revoke", "--entry-id", "BL-customs-000001", "--reason", "wrong"], {}),
        (["lists", "apply-measure", "--entry-id", "BL-customs-000001", "--measure",
          "tax.no_refund_fast_track", "--date", "2026-05-05"], {"date": "2026-05-05"}),
        (["ipr", "review-renewal"] + right + ["--decision", "reject", "--reason", "late"], {}),
        (["ipr", "review-amendment"] + right + ["--decision", "approve", "--reason", "ok"], {}),
        (["ipr", "renew"] + right + ["--right-valid-until", "2041-03-13"], {}),
        (["ipr", "amend"] + right + ["--licensee", EXPORTER + "/all/2030-12-31"],
         {"licensees": [{"uscc": EXPORTER, "goods": "all", "valid_until": "2030-12-31"}]}),
        (["ipr", "withdraw"] + right + ["--reason", "sold"], {"ip_type": "patent"}),
        (["ipr", "revoke"] + right + ["--reason", "invalidated"], {}),
        (["ipr", "authorise-agent", "--holder", EXPORTER, "--agent-org", "ip-agency"], {}),
        (["ipr", "revoke-agent", "--holder", EXPORTER, "--agent-org", "ip-agency"], {}),
        (["ipr", "record-seizure"] + right + ["--exporter", EXPORTER, "--goods-description",
          "g", "--quantity", "240", "--unit", "pairs", "--port", "p", "--trace-event-ids",
          "urn:uuid:1,urn:uuid:2", "--reason", "r"], {"quantity": 240}),
        (["ipr", "decide-seizure", "--id", "SZ-2026-000001", "--outcome", "released",
          "--reason", "r"], {}),
        (["trace", "select-for-inspection", "--epcs", "urn:epc:id:sscc:6901234.0000000001",
          "--reason", "risk"], {}),
        (["clearance", "register-party", "--code", "4403980001", "--uscc", EXPORTER, "--name",
          "Mall", "--kinds", "ebp,ebc"], {"kinds": ["ebp", "ebc"]}),
        (["clearance", "update-party", "--code", "4403980001", "--uscc", EXPORTER, "--name",
          "Mall", "--kinds", "ebp", "--reason", "renamed"], {}),
        (["clearance", "suspend-party", "--code", "4403980001", "--reason", "r"], {}),
        (["clearance", "reinstate-party", "--code", "4403980001", "--reason", "r"], {}),
        (["gov", "propose"] + prop + ["set-org-status", "--id", "tax", "--status", "suspended"],
         {"title": "t"}),
        (["gov", "propose"] + prop + ["add-validator", "--name", "carrier", "--public-key", key],
         {}),
        (["gov", "propose"] + prop + ["remove-validator", "--name", "platform"], {}),
        (["gov", "propose"] + prop + ["set-kind-roles", "--kind", "logistics", "--roles",
                                      "operator,admin"], {}),
        (["gov", "propose"] + prop + ["set-proposal-threshold", "--threshold", "3"], {}),
        (["gov", "propose"] + prop + ["set-scale", "--department", "customs", "--rule-set-id",
                                      "GACC-300", "--effective-from", "2027-01-01", "--level",
                                      "aeo:AEO:认证企业", "--level", "routine:Routine:一般"], {}),
        (["gov", "propose"] + prop + ["set-limits", "--single-limit", "5000.00",
                                      "--annual-limit", "26000.00", "--tolerance", "0.00",
                                      "--legal-basis", "b", "--reason", "r"], {}),
    ]
    order, payment, waybill, lst = domain2_demo.import_documents(b"salt", "IMP-1", "223.20",
                                                                 "buyer")
    for method, doc in (("submit-order", order), ("submit-payment", payment),
                        ("submit-waybill", waybill), ("submit-list", lst)):
        path = os.path.join(cli.work, method + ".json")
        with open(path, "w") as f:
            json.dump(doc, f)
        calls.append((["clearance", method, "--direction", "import", "--document", path],
                      {"direction": "import"}))
    for args, expect in calls:
        dry(cli, args, **expect)
    # A governed action names its proposal; --args is merged with the options.
    out = dry(cli, ["gov", "propose"] + prop + ["remove-validator", "--name", "fx"])
    assert out["args"]["action"] == {"contract": "governance", "method": "remove_validator",
                                     "args": {"name": "fx"}}, out
    out = dry(cli, ["ipr", "review", "--args", json.dumps(
        {"ip_type": "trademark", "reg_no": "1", "decision": "approve", "reason": "a"}),
        "--reason", "b"], reason="b", reg_no="1")
    cli.run(["ipr", "review", "--args", "{}", "--dry-run"], expect=2)  # the encoder refuses
    cli.run(["gov", "set-roles", "--account", "xyz", "--roles", "admin", "--dry-run"], expect=2)
    print("dry runs: %d method commands build and encode their calls" % (len(calls) + 2))


def check_keys(cli):
    path = os.path.join(cli.work, "exporter.key.json")
    made, _ = cli.run(["keys", "new", "--out", path, "--passphrase-file", cli.passphrase(),
                       "--insecure-fast"])
    shown, _ = cli.run(["keys", "show", path])
    assert shown["public_key"] == made["public_key"], (shown, made)
    acct, _ = cli.run(["keys", "account", path], json_out=False)
    assert acct.strip() == made["account_id"], acct
    cli.run(["keys", "new", "--out", path, "--passphrase-file", cli.passphrase(),
             "--insecure-fast"], expect=6)
    wrong = os.path.join(cli.work, "wrong-passphrase")
    with open(wrong, "w") as f:
        f.write("not the passphrase\n")
    out, _ = cli.run(["gov", "vote", "--proposal", "1"],
                     key=["--key", path, "--passphrase-file", wrong], expect=6)
    assert out["error"]["slug"] == "crypto.keystore.wrong_passphrase", out
    print("keys: new/show/account agree (%s); existing file and wrong passphrase exit 6"
          % made["account_id"])
    return path, made


def admit_exporter(cli, key_path, key_info):
    expires = (TODAY + datetime.timedelta(days=7)).isoformat()
    r = cli.tx("customs", ["gov", "propose", "add-org", "--title", "Admit Bright Export",
                           "--expires", expires, "--id", "bright-export", "--kind", "enterprise",
                           "--name", "Qianhai Bright Export Co., Ltd.",
                           "--admin-keys", key_path])
    pid = r["proposal_id"]
    assert cli.tx("tax", ["gov", "vote", "--proposal", str(pid)])["proposal_status"] == "open"
    assert cli.tx("fx", ["gov", "vote", "--proposal", str(pid)])["proposal_status"] == "executed"
    prop, _ = cli.run(["gov", "proposal", str(pid)])
    assert prop["status"] == "executed" and prop["yes"] == 3, prop
    cli.tx("market", ["enterprise", "register", "--uscc", EXPORTER,
                      "--name", "Qianhai Bright Export Co., Ltd.",
                      "--registered-address", "Qianhai, Shenzhen",
                      "--legal-representative", "Li Ming", "--organisation", "bright-export"])
    me = ["--key", key_path, "--passphrase-file", cli.passphrase()]
    cli.tx(None, ["gov", "set-roles", "--account", key_info["account_id"],
                  "--roles", "admin,declarant,right_holder,tracer"], key=me)
    ent, _ = cli.run(["enterprise", "show", EXPORTER])
    assert ent["organisation"] == "bright-export", ent
    print("governance: proposal %d executed with 3 votes; %s registered and linked" %
          (pid, EXPORTER))
    return me


def check_ipr(cli, me):
    evidence = os.path.join(cli.work, "certificate.txt")
    with open(evidence, "w") as f:
        f.write("BRIGHTSTEP registration certificate\n")
    file_args = ["ipr", "file"] + MARK + [
        "--issuing-office", "CNIPA", "--title", "BRIGHTSTEP 明步", "--holder", EXPORTER,
        "--goods", "nice:25:Footwear", "--goods", "hs:640419:Sports footwear",
        "--evidence-digest", "file:" + evidence,
        "--right-valid-from", "2021-03-14", "--right-valid-until", "2031-03-13"]
    r = cli.tx(None, file_args, key=me)
    assert r["result_text"] == "trademark:56781234", r
    r = cli.tx("customs", ["ipr", "review"] + MARK + ["--decision", "approve",
                                                      "--reason", "documents complete"])
    recordation = r["result_text"]
    again, err = cli.run(file_args, key=me, expect=1)
    assert again["slug"] == "ipr.already_filed" and again["status"] == "committed", again
    assert "ipr.already_filed" in err, err
    filing, _ = cli.run(["ipr", "filing"] + MARK)
    digest = hashlib.sha256(open(evidence, "rb").read()).hexdigest()
    assert filing["active"] and filing["recordation_no"] == recordation, filing
    assert filing["evidence_digest"] == digest, filing
    human, _ = cli.run(["ipr", "filing"] + MARK, json_out=False)
    assert "recordation_no:" in human and "CST)" in human, human
    cli.run(["ipr", "filing", "--ip-type", "trademark", "--reg-no", "99999999"], expect=3)
    print("ipr: filed and approved as %s; a second filing commits but fails (exit 1)"
          % recordation)


def check_lists_credit(cli):
    r = cli.tx("customs", ["lists", "issue", "--subject", EXPORTER, "--kind", "black",
                           "--severity", "general", "--reason", "false declaration",
                           "--legal-basis", "NDRC Order 36", "--measures",
                           "customs.higher_inspection_rate", "--period-months", "6"])
    entry = r["result_text"]
    cli.tx("customs", ["credit", "rate", "--uscc", EXPORTER, "--rule-set-id", "GACC-282",
                       "--level", "certified", "--reason", "annual assessment",
                       "--legal-basis", "GACC Order 282"])
    rec, _ = cli.run(["credit", "record", EXPORTER], key=cli.key("market"))
    assert rec["ratings"]["customs"]["level"] == "certified", rec
    out, _ = cli.run(["credit", "record", EXPORTER], expect=1)
    assert out["error"]["slug"] == "auth.reader_required", out
    subject, _ = cli.run(["lists", "subject", EXPORTER])
    assert subject["on_black_list"], subject
    print("lists: %s issued; credit: rated, signed read OK, unsigned read refused" % entry)


def check_trace(cli, me):
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8)))
    doc = {"type": "EPCISDocument", "schemaVersion": "2.0",
           "creationDate": now.strftime("%Y-%m-%dT%H:%M:%S.000+08:00"),
           "epcisBody": {"eventList": [{
               "type": "ObjectEvent", "action": "ADD", "bizStep": "commissioning",
               "eventTime": now.strftime("%Y-%m-%dT%H:%M:%S.000+08:00"),
               "eventTimeZoneOffset": "+08:00",
               "epcList": ["urn:epc:id:sgtin:6901234.100001.1"],
               "readPoint": {"id": "urn:epc:id:sgln:6901234.00001.0"}}]}}
    path = os.path.join(cli.work, "made.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    r = cli.tx(None, ["trace", "capture", "--document", path], key=me)
    event_id = r["result_text"].splitlines()[0]
    ev, _ = cli.run(["trace", "event", event_id], key=me)
    assert ev["id"] == event_id and ev["biz_step"] == "commissioning", ev
    print("trace: captured %s" % event_id)


def check_watch_status(cli):
    p = subprocess.run([cli.bin, "--node", cli.net.api(1), "--json", "watch", "--from", "1",
                        "--count", "3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    lines = [json.loads(line) for line in p.stdout.splitlines()]
    assert [e["height"] for e in lines] == [1, 2, 3], lines
    nodes = ["--node", cli.net.api(2), "--node", cli.net.api(3)]
    p = subprocess.run([cli.bin, "--genesis", cli.genesis, "--json"] + nodes + ["status"],
                       stdout=subprocess.PIPE, text=True, timeout=60)
    st = json.loads(p.stdout)
    assert p.returncode == 0 and st["checkpoint"]["verified"], st
    assert len(st["nodes"]) == 2 and all(n["reachable"] for n in st["nodes"]), st
    print("watch: 3 JSON lines from height 1; status: checkpoint %d verified"
          % st["checkpoint"]["height"])


def make_bundles(cli):
    out = {}
    for name, subject in (("filing", ["ipr-filing", "trademark", "56781234"]),
                          ("subject", ["list-subject", EXPORTER])):
        prefix = os.path.join(cli.work, name)
        b, _ = cli.run(["bundle"] + subject + ["--out", prefix], node=2)
        assert b["present"] and os.path.getsize(prefix + ".png") == b["png_bytes"], b
        assert b["binary_bytes"] <= 2900, b
        out[name] = (prefix, b)
    live, _ = cli.run(["verify", "filing"] + MARK)
    assert live["valid"] and live["present"] and live["verdict"]["active"], live
    absent, _ = cli.run(["verify", "filing", "--ip-type", "trademark", "--reg-no", "99999999"],
                        expect=3)
    assert absent["valid"] and not absent["present"], absent
    print("bundles: filing %d bytes (%d chars), subject %d bytes; live verify: present 0, "
          "unfiled 3" % (out["filing"][1]["binary_bytes"], out["filing"][1]["text_chars"],
                         out["subject"][1]["binary_bytes"]))
    return out


def check_offline(cli, bundles):
    for name, (prefix, _) in bundles.items():
        v, _ = cli.run(["verify", "--qr", prefix + ".png"])
        assert v["valid"] and v["present"] and v["source"] == "qr", v
        if name == "filing":
            assert v["record"]["reg_no"] == "56781234" and v["verdict"]["active"], v
        else:
            assert v["verdict"]["on_black_list"], v
        human, _ = cli.run(["verify", "--bundle", prefix + ".txt"], json_out=False)
        assert "VALID: on record" in human, human
    text = open(bundles["filing"][0] + ".txt").read().strip()
    body = len("CB1:")
    positions = sorted({body, body + 1, len(text) // 3, len(text) // 2, len(text) - 2,
                        len(text) - 1})
    for i in positions:
        c = text[i]
        flipped = "0" if c != "0" else "1"
        altered = text[:i] + flipped + text[i + 1:]
        out, _ = cli.run(["verify", "--bundle", altered], expect=4)
        assert "error" in out and out["exit_code"] == 4, out
    cli.run(["ipr", "filing"] + MARK, expect=5)
    cli.run(["status"], expect=5)
    cli.run(["verify", "filing"] + MARK, expect=5)
    print("offline: both QR codes verify with the node stopped; %d altered texts exit 4; "
          "reads, status and live verify exit 5" % len(positions))


def check_example(cli, example, key_path):
    """docs/sdk.md's program, built against the installed SDK (sdk.install):
    it files a second trademark as the exporter, customs approves it, and it
    verifies the filing from a proof bundle offline; exit 0 = active."""
    out = os.path.join(cli.work, "example")
    p = subprocess.run([example, cli.net.api(1), cli.genesis, key_path, cli.passphrase(),
                        os.path.join(cli.net.dir, "customs", "admin.key.json"),
                        cli.passphrase("customs"), EXPORTER, "56780001", out],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    assert p.returncode == 0, (p.returncode, p.stdout, p.stderr)
    record = json.loads(p.stdout.splitlines()[0])
    assert record["present"] and record["verdict"]["active"], record
    assert record["record"]["holder"] == EXPORTER, record
    assert os.path.getsize(out + ".png") > 0
    print("docs/sdk.md example: filed, approved and verified offline at height %d"
          % record["height"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cbec", required=True)
    ap.add_argument("--node-bin", required=True)
    ap.add_argument("--example", help="docs/sdk.md's program, built by sdk.install")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    net = cbec_net.Network(a.node_bin, cbec_net.ORGS5)
    work = tempfile.mkdtemp(prefix="cbec-cli-", dir=net.root)
    cli = Cli(a.cbec, net, work)
    ok = False
    try:
        net.start_all()
        net.wait_height(2)
        check_usage(cli)
        check_dry_runs(cli)
        key_path, key_info = check_keys(cli)
        me = admit_exporter(cli, key_path, key_info)
        check_ipr(cli, me)
        if a.example:
            check_example(cli, a.example, key_path)
        check_lists_credit(cli)
        check_trace(cli, me)
        check_watch_status(cli)
        bundles = make_bundles(cli)
        net.stop()
        check_offline(cli, bundles)
        ok = True
    finally:
        net.cleanup(keep=a.keep or not ok)
        if not ok:
            print("network kept in %s" % net.root)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
