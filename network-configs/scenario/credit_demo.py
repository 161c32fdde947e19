#!/usr/bin/env python3
"""The pilot zone's credit system on a local network, end to end.

Run by `./scripts/localnet up` after the validators start (or by hand:
  python3 network-configs/scenario/credit_demo.py --network network-configs/local/net
      --bin build/bin/cbec).
Every write is a signed transaction through `cbec-node tx`; every private read
is a signed request through `cbec-node query`. The departments:

  1. vote a new enterprise organisation in (customs proposes, tax and fx agree:
     3 of 4 departments);
  2. market supervision registers three enterprises by their Unified Social
     Credit Codes (check characters computed per GB 32100-2015);
  3. customs, tax, FX and market supervision each rate every enterprise on its
     own scale;
  4. customs black-lists one enterprise (general severity, 6 months) with joint
     measures; tax and FX record the measures they applied; tax red-lists another;
  5. the black-listed enterprise applies for credit repair with its evidence,
     and customs accepts;
  6. each enterprise's composite record is printed, and an enterprise is shown
     to be refused another enterprise's record.

It is idempotent: on a network where it already ran it only prints the records.
Standard library only.
"""
import hashlib
import os
import sys

from scenario_net import TODAY, Net, member_key, result_text, run_scenario, uscc, vote_in_org  # noqa: F401

ENTERPRISES = [
    # (code, name, legal representative, linked organisation)
    (uscc("91440300MA5F00001"), "Qianhai Bright Export Co., Ltd.", "Li Ming", ""),
    (uscc("91440300MA5F00002"), "Nanshan Harbour Logistics Co., Ltd.", "Wang Fang", ""),
    (uscc("91440300MA5F00003"), "Shenzhen Qianhai Trading Co., Ltd.", "Zhang Wei", "sz-trading"),
]
RATINGS = {  # department -> (rule set, level per enterprise)
    "customs": ("GACC-282", ["advanced_certified", "routine", "dishonest"]),
    "tax": ("STA-A-D", ["A", "B", "C"]),
    "fx": ("SAFE-ABC", ["A", "B", "B"]),
    "market": ("SAMR-ABNORMAL", ["normal", "normal", "abnormal_operation"]),
}


def vote_in_enterprise_org(net, key_file):
    return vote_in_org(net, "sz-trading", "enterprise", "Shenzhen Qianhai Trading Co., Ltd.",
                       key_file, ["declarant", "right_holder", "tracer"])


def rate_and_list(net, enterprise_key):
    for code, name, rep, org in ENTERPRISES:
        net.tx("market", "enterprise", "register",
               {"uscc": code, "name": name, "status": "existing",
                "registered_address": "Qianhai, Shenzhen", "legal_representative": rep,
                "organisation": org})
        print("    registered %s %s" % (code, name))
    for dept, (rule_set, levels) in RATINGS.items():
        for (code, _, _, _), level in zip(ENTERPRISES, levels):
            net.tx(dept, "credit", "rate",
                   {"uscc": code, "rule_set_id": rule_set, "level": level,
                    "reason": "annual assessment", "legal_basis": rule_set})
        print("    %-8s rated: %s" % (dept, ", ".join(levels)))
    bad = ENTERPRISES[2][0]
    r = net.tx("customs", "lists", "issue",
               {"subject": bad, "kind": "black", "severity": "general",
                "reason": "false declaration of goods value", "legal_basis": "NDRC Order 36",
                "measures": ["customs.higher_inspection_rate", "tax.no_refund_fast_track",
                             "fx.enhanced_review"],
                "effective_date": TODAY, "period_months": 6})
    entry = result_text(r)
    print("    customs black-listed %s: entry %s (general, 6 months)" % (bad, entry))
    for dept, measure in (("tax", "tax.no_refund_fast_track"), ("fx", "fx.enhanced_review")):
        net.tx(dept, "lists", "apply_measure",
               {"entry_id": entry, "measure": measure, "date": TODAY, "note": "applied"})
        print("    %s applied %s" % (dept, measure))
    r = net.tx("tax", "lists", "issue",
               {"subject": ENTERPRISES[0][0], "kind": "red", "severity": "none",
                "reason": "A-level taxpayer three years running", "legal_basis": "STA notice",
                "measures": ["tax.refund_fast_track"], "effective_date": TODAY,
                "period_months": 12})
    print("    tax red-listed %s: entry %s" % (ENTERPRISES[0][0], result_text(r)))
    evidence = hashlib.sha256(b"rectification report and paid penalty").hexdigest()
    r = net.tx("sz-trading", "credit", "apply_repair",
               {"uscc": bad, "entry_id": entry, "evidence_digest": evidence,
                "statement": "declarations corrected, penalty paid"}, key=enterprise_key)
    app = result_text(r)
    print("    %s applied for credit repair: %s" % (bad, app))
    net.tx("customs", "credit", "decide_repair",
           {"application_id": app, "decision": "accept", "reason": "rectified"})
    print("    customs accepted %s" % app)


def print_records(net, enterprise_key):
    print("==> each enterprise's composite record (read by market supervision, signed)")
    for code, name, _, _ in ENTERPRISES:
        rc, rec = net.query("market", "credit", "record", {"uscc": code})
        if rc != 0:
            print("    %s: %s" % (code, rec))
            continue
        comp = rec.get("composite", {})
        ratings = ", ".join("%s %s" % (d, r["level"] if r else "-") for d, r in
                            sorted(rec.get("ratings", {}).items()))
        matched = comp.get("matched")
        clause = matched.get("clause") if isinstance(matched, dict) else matched
        print("    %s %-38s composite %s %s (%s), rule clause %s"
              % (code, name, comp.get("class"), comp.get("class_name_en", ""),
                 comp.get("class_name_zh", ""), clause))
        print("        ratings: %s" % ratings)
        _, lst = net.get("market", "/v1/lists/subjects/%s" % code)
        active = [e.get("id") for e in lst.get("entries", [])]
        print("        list entries in force: %s" % (", ".join(active) or "none"))
    rc, refused = net.query("sz-trading", "credit", "record", {"uscc": ENTERPRISES[0][0]},
                            key=enterprise_key)
    print("    %s reading another enterprise's record: %s"
          % (ENTERPRISES[2][0], refused.get("error", {}).get("slug", "allowed?!")))


def enterprise_key_file(net):
    return os.path.join(net.dir, "scenario", "sz-trading.key.json")


def steps(net):
    print("==> governance: the departments vote a new enterprise organisation in")
    vote_in_enterprise_org(net, enterprise_key_file(net))
    print("==> enterprises, ratings, lists and a credit repair")
    rate_and_list(net, member_key(net, enterprise_key_file(net)))


def show(net):
    print_records(net, member_key(net, enterprise_key_file(net)))


if __name__ == "__main__":
    sys.exit(run_scenario("done", steps, show))
