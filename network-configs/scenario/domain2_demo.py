#!/usr/bin/env python3
"""Customs' domain on a local network: IP filings, goods traceability, clearance.

Run by `./scripts/localnet up` after credit_demo.py (it uses that scenario's
enterprises), or by hand:
  python3 network-configs/scenario/domain2_demo.py --network network-configs/local/net
      --bin build/bin/cbec
Every write is a signed transaction through `cbec-node tx`. The steps:

  1. three more members are voted in (an exporter, a logistics company, a
     payment institution) and linked to their enterprise records; customs
     registers the cross-border e-commerce parties by their customs codes;
  2. the exporter files its trademark with customs, and customs approves it;
     an officer checks the filing and an exporter's authorisation;
  3. goods are traced from the factory to an overseas warehouse in EPCIS 2.0
     events: manufacture, packing, customs' selection for inspection (shipping
     is refused until customs records a conformant inspection), shipping,
     receiving and unpacking; then traced backward and forward;
  4. an import order is matched from its four documents (order, payment,
     waybill, declaration list), and another is reported as a mismatch.

It is idempotent: on a network where it already ran it only prints the results.
Standard library only.
"""
import datetime
import hashlib
import json
import os
import sys

from credit_demo import ENTERPRISES
from scenario_net import Net, member_key, run_scenario, uscc, vote_in_org  # noqa: F401

EXPORTER = ENTERPRISES[0][0]   # Qianhai Bright Export Co., Ltd.
LOGISTICS = ENTERPRISES[1][0]  # Nanshan Harbour Logistics Co., Ltd.
TRADER = ENTERPRISES[2][0]     # Shenzhen Qianhai Trading Co., Ltd. (organisation sz-trading)
PAYMENT = uscc("91440300MA5F00004")
COUNTERFEITER = uscc("91440300MA5F00009")  # not a registered enterprise
CST = datetime.timezone(datetime.timedelta(hours=8))
PLATFORM = uscc("91440300MA5F00005")
NEW_ENTERPRISES = [  # (code, name, legal representative, organisation)
    (PAYMENT, "Qianhai Pay Co., Ltd.", "Chen Jing", "qianhai-pay"),
    (PLATFORM, "Qianhai Cross-border Mall Co., Ltd.", "Zhao Lei", "platform"),
]
MEMBERS = [  # (organisation, kind, name, enterprise, roles)
    ("bright-export", "enterprise", "Qianhai Bright Export Co., Ltd.", EXPORTER,
     ["declarant", "right_holder", "tracer"]),
    ("nanshan-logistics", "logistics", "Nanshan Harbour Logistics Co., Ltd.", LOGISTICS,
     ["declarant", "operator", "tracer"]),
    ("qianhai-pay", "payment", "Qianhai Pay Co., Ltd.", PAYMENT, ["declarant", "operator"]),
]


def keys_of(net):
    """`--key ...` arguments of every organisation the scenario acts for."""
    keys = {org: None for org in ("customs", "tax", "fx", "market", "platform")}
    scen = os.path.join(net.dir, "scenario")
    for org in [m[0] for m in MEMBERS] + ["sz-trading"]:
        keys[org] = member_key(net, os.path.join(scen, "%s.key.json" % org))
    return keys


def admit_members(net):
    scen = os.path.join(net.dir, "scenario")
    for org, kind, name, _, roles in MEMBERS:
        vote_in_org(net, org, kind, name, os.path.join(scen, "%s.key.json" % org), roles)
    for code, name, rep, org in NEW_ENTERPRISES:
        net.tx("market", "enterprise", "register",
               {"uscc": code, "name": name, "status": "existing",
                "registered_address": "Qianhai, Shenzhen", "legal_representative": rep,
                "organisation": org})
        print("    registered %s %s (organisation %s)" % (code, name, org))
    for org, _, _, code, _ in MEMBERS:
        if code != PAYMENT:
            net.tx("market", "enterprise", "link_organisation",
                   {"uscc": code, "organisation": org})
            print("    linked %s to organisation %s" % (code, org))


# ---- IP filing ----

MARK = {"ip_type": "trademark", "reg_no": "56781234"}


def file_trademark(net, keys):
    args = dict(MARK, issuing_office="CNIPA", title="BRIGHTSTEP 明步", holder=EXPORTER,
                goods=[{"scheme": "nice", "code": "25", "description": "Footwear"},
                       {"scheme": "hs", "code": "640419", "description": "Sports footwear"}],
                licensees=[{"uscc": TRADER, "goods": ["nice:25"]}],
                evidence_digest=hashlib.sha256(b"BRIGHTSTEP mark image").hexdigest(),
                right_valid_from="2021-03-14", right_valid_until="2031-03-13")
    net.tx("bright-export", "ipr", "file", args, key=keys["bright-export"])
    print("    %s filed trademark %s (Nice class 25, HS 640419), licensee %s"
          % (EXPORTER, MARK["reg_no"], TRADER))
    net.tx("customs", "ipr", "review", dict(MARK, decision="approve",
                                            reason="documents complete"))


# ---- traceability (EPCIS 2.0) ----

PREFIX = "6901234"
LEATHER = "urn:epc:class:lgtin:%s.000001.LOT2026A" % PREFIX
RUBBER = "urn:epc:class:lgtin:%s.000002.LOT2026B" % PREFIX
SHOES = ["urn:epc:id:sgtin:%s.100001.%d" % (PREFIX, i) for i in (1, 2, 3)]
CASE = "urn:epc:id:sscc:%s.0000000001" % PREFIX
FACTORY = "urn:epc:id:sgln:%s.00001.0" % PREFIX
PORT = "urn:epc:id:sgln:6900000.00001.0"
WAREHOUSE = "urn:epc:id:sgln:4012345.00001.0"  # the overseas warehouse (Rotterdam)
DECLARATION = "urn:cbec:declaration:EXP-2026-000123"
FAKES = ["urn:epc:id:sgtin:6909999.100001.%d" % i for i in (1, 2)]


def event_time(hours_ago):
    t = datetime.datetime.now(CST) - datetime.timedelta(hours=hours_ago)
    return t.strftime("%Y-%m-%dT%H:%M:%S.000+08:00")


def cst(ms):
    if ms is None:
        return "now"
    return datetime.datetime.fromtimestamp(ms / 1000, CST).strftime("%Y-%m-%d %H:%M CST")


def event(kind, hours_ago, **fields):
    e = {"type": kind, "eventTime": event_time(hours_ago), "eventTimeZoneOffset": "+08:00"}
    e.update(fields)
    return e


def epcis(*events):
    return {"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],
            "type": "EPCISDocument", "schemaVersion": "2.0",
            "creationDate": event_time(0), "epcisBody": {"eventList": list(events)}}


def capture(net, org, doc, key=None, check=True):
    path = os.path.join(net.dir, "scenario", "epcis.json")
    with open(path, "w") as f:
        json.dump({"document": doc}, f)
    return net.tx(org, "trace", "capture", "@" + path, key=key, check=check)


def shipping(hours_ago):
    return event("ObjectEvent", hours_ago, action="OBSERVE", epcList=[CASE], bizStep="shipping",
                 disposition="in_transit", readPoint={"id": PORT},
                 bizTransactionList=[{"type": "desadv", "bizTransaction": DECLARATION}],
                 destinationList=[{"type": "location", "destination": WAREHOUSE}])


def trace_goods(net, keys):
    made = event("TransformationEvent", 30,
                 inputQuantityList=[{"epcClass": LEATHER, "quantity": 4.5, "uom": "KGM"},
                                    {"epcClass": RUBBER, "quantity": 1.2, "uom": "KGM"}],
                 outputEPCList=SHOES, bizStep="commissioning", disposition="active",
                 readPoint={"id": FACTORY}, bizLocation={"id": FACTORY})
    packed = event("AggregationEvent", 29, action="ADD", parentID=CASE, childEPCs=SHOES,
                   bizStep="packing", disposition="in_progress", readPoint={"id": FACTORY})
    capture(net, "bright-export", epcis(made, packed), key=keys["bright-export"])
    print("    factory: 3 pairs made from leather and rubber lots, packed into %s" % CASE)
    net.tx("customs", "trace", "select_for_inspection",
           {"epcs": [CASE], "biz_transaction": DECLARATION, "reason": "risk profile: footwear"})
    print("    customs selected %s for inspection (declaration %s)" % (CASE, DECLARATION))
    r = capture(net, "bright-export", epcis(shipping(26)), key=keys["bright-export"], check=False)
    print("    shipping before inspection: %s" % receipt_error(r))
    inspected = event("ObjectEvent", 27, action="OBSERVE", epcList=[CASE], bizStep="inspecting",
                      disposition="conformant", readPoint={"id": PORT})
    capture(net, "customs", epcis(inspected))
    print("    customs recorded a conformant inspection")
    capture(net, "bright-export", epcis(shipping(26)), key=keys["bright-export"])
    print("    shipped to %s" % WAREHOUSE)
    received = event("ObjectEvent", 2, action="OBSERVE", epcList=[CASE], bizStep="receiving",
                     disposition="in_progress", readPoint={"id": WAREHOUSE},
                     bizLocation={"id": WAREHOUSE})
    unpacked = event("AggregationEvent", 1, action="DELETE", parentID=CASE, childEPCs=SHOES,
                     bizStep="unpacking", readPoint={"id": WAREHOUSE},
                     bizLocation={"id": WAREHOUSE})
    capture(net, "nanshan-logistics", epcis(received, unpacked), key=keys["nanshan-logistics"])
    print("    the overseas warehouse received and unpacked the case")


def receipt_error(r):
    return "refused, %s" % (r.get("slug") or "code %s" % r.get("code")) if r.get("code") else "accepted?!"


def seize_fakes(net, keys):
    seen = event("ObjectEvent", 3, action="OBSERVE", epcList=FAKES, bizStep="inspecting",
                 disposition="non_conformant", readPoint={"id": PORT})
    r = capture(net, "customs", epcis(seen))
    ids = result_lines(r)
    r = net.tx("customs", "ipr", "record_seizure",
               dict(MARK, exporter=COUNTERFEITER, declaration_no="EXP-2026-000777",
                    goods_description="sports shoes bearing BRIGHTSTEP", quantity=2,
                    unit="pairs", port="Shenzhen Shekou", trace_event_ids=ids,
                    reason="suspected trademark infringement"))
    print("    customs seized 2 pairs from %s: %s (trace event %s)"
          % (COUNTERFEITER, result_lines(r)[0], ids[0][:40] + "..."))


def result_lines(receipt):
    text = bytes.fromhex(receipt.get("result", "")).decode()
    return [line for line in text.split("\n") if line]


# ---- clearance: the three-order match ----

CODES = {"ebp": "4403980001", "ebc": "4403960002", "pay": "4403990003",
         "logistics": "4403970004"}
PARTIES = [  # (code, enterprise, name, kinds)
    (CODES["ebp"], PLATFORM, "Qianhai Cross-border Mall", ["ebp"]),
    (CODES["ebc"], TRADER, "Shenzhen Qianhai Trading", ["ebc"]),
    (CODES["pay"], PAYMENT, "Qianhai Pay", ["pay"]),
    (CODES["logistics"], LOGISTICS, "Nanshan Harbour Logistics", ["logistics", "agent"]),
]
BUYERS = {"buyer": ("Lin Xiaohong", "1", "440305199001011234"),
          "other": ("Huang Da", "1", "440305198502022345")}


def personal(salt, person):
    name, id_type, id_number = BUYERS[person]
    return {field: hashlib.sha256(b"cbec/personal/v1\0" + salt + b"\0" + field.encode() +
                                  b"\0" + value.encode()).hexdigest()
            for field, value in (("name", name), ("id_type", id_type),
                                 ("id_number", id_number))}


def digests(prefix, d):
    return {prefix + "NameDigest": d["name"], prefix + "IdTypeDigest": d["id_type"],
            prefix + "IdNumberDigest": d["id_number"]}


def import_documents(salt, order_no, paid, payer):
    buyer = personal(salt, "buyer")
    items = [{"gnum": 1, "itemNo": "MILK-900", "itemName": "Infant milk powder 900g",
              "qty": "2", "unit": "122", "price": "100.00", "totalPrice": "200.00"}]
    order = dict(orderNo=order_no, ebpCode=CODES["ebp"], ebcCode=CODES["ebc"],
                 goodsValue="200.00", freight="10.00", discount="5.00", taxTotal="18.20",
                 acturalPaid="223.20", currency="142", buyerRegNo="mall-user-0042",
                 payCode=CODES["pay"], payTransactionId="PT" + order_no, items=items,
                 **digests("buyer", buyer))
    payment = dict(payCode=CODES["pay"], payTransactionId="PT" + order_no, orderNo=order_no,
                   ebpCode=CODES["ebp"], amountPaid=paid, currency="142",
                   payTime=event_time(5)[:19].replace("-", "").replace("T", "").replace(":", ""),
                   **digests("payer", personal(salt, payer)))
    waybill = dict(logisticsCode=CODES["logistics"], logisticsNo="SF" + order_no,
                   freight="10.00", insuredFee="0.00", weight="2.1", packNo=1)
    lst = dict(orderNo=order_no, ebpCode=CODES["ebp"], ebcCode=CODES["ebc"],
               logisticsCode=CODES["logistics"], logisticsNo="SF" + order_no,
               copNo="COP" + order_no, agentCode=CODES["logistics"], customsCode="5349",
               portCode="5349", freight="10.00", insuredFee="0.00", currency="142",
               items=[dict(i, gcode="0402290000") for i in items], **digests("buyer", buyer))
    return order, payment, waybill, lst


ORDERS = [("IMP-2026-0001", "223.20", "buyer"), ("IMP-2026-0002", "213.20", "other")]


def clear_orders(net, keys, salt):
    for code, uscc_, name, kinds in PARTIES:
        net.tx("customs", "clearance", "register_party",
               {"code": code, "uscc": uscc_, "name": name, "kinds": kinds})
    print("    customs registered the parties: %s" % ", ".join(
        "%s %s" % (c, "/".join(k)) for c, _, _, k in PARTIES))
    for order_no, paid, payer in ORDERS:
        order, payment, waybill, lst = import_documents(salt, order_no, paid, payer)
        # Each party submits its own document; the list arrives before the waybill.
        net.tx("platform", "clearance", "submit_order", {"direction": "import", "document": order})
        net.tx("qianhai-pay", "clearance", "submit_payment",
               {"direction": "import", "document": payment}, key=keys["qianhai-pay"])
        net.tx("nanshan-logistics", "clearance", "submit_list",
               {"direction": "import", "document": lst}, key=keys["nanshan-logistics"])
        net.tx("nanshan-logistics", "clearance", "submit_waybill",
               {"direction": "import", "document": waybill}, key=keys["nanshan-logistics"])
        print("    %s: order (platform), payment (Qianhai Pay), list and waybill (Nanshan)"
              % order_no)


def personal_salt(net):
    """The pilot zone's secret salt for personal data: made once per network
    and shared with the parties off-ledger (here: a file beside the keys)."""
    path = os.path.join(net.dir, "scenario", "personal.salt")
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(os.urandom(32))
    with open(path, "rb") as f:
        return f.read()


# ---- what the scenario shows ----

def show(net, keys):
    print("==> an officer's view of the IP filing and of exporters (public reads)")
    _, f = net.get("customs", "/v1/ipr/filing?ip_type=trademark&reg_no=" + MARK["reg_no"])
    print("    trademark %s '%s': %s, recordation %s, valid through %s, holder %s"
          % (f["reg_no"], f["title"], f["status_at"], f["recordation_no"], f["valid_through"],
             f["holder"]))
    for exporter in (TRADER, COUNTERFEITER):
        _, c = net.get("customs", "/v1/ipr/check?scheme=nice&code=25&exporter=" + exporter)
        roles = ", ".join("%s %s" % (x["role"], x["reg_no"]) for x in c["auth"]) or "none"
        print("    exporter %s, Nice class 25: authorised %s (%s); proof key %s..."
              % (exporter, c["authorised"], roles, c["state_key"][:24]))
    _, g = net.get("customs", "/v1/ipr/filing?ip_type=trademark&reg_no=99999999")
    print("    trademark 99999999: on record %s (absence provable at key %s...)"
          % (g["on_record"], g["state_key"][:24]))
    _, sz = net.get("customs", "/v1/ipr/exporters/%s/seizures" % COUNTERFEITER)
    for s in sz.get("seizures", []):
        print("    seizure %s: %d %s, %s, outcome %s"
              % (s["id"], s["quantity"], s["unit"], s["goods_description"], s["outcome"]))
    print("==> the goods' trace (signed member reads)")
    _, back = net.query("customs", "trace", "backward", {"epc": SHOES[0]})
    print("    backward from %s: origins %s" % (SHOES[0], ", ".join(back["origins"])))
    _, fwd = net.query("customs", "trace", "forward", {"epc": LEATHER})
    print("    forward from the leather lot (a recall): %d items, containers %s, "
          "destinations %s" % (len(fwd["items"]), ", ".join(fwd["containers"]),
                               ", ".join(d["id"] for d in fwd["destinations"])))
    _, hist = net.query("customs", "trace", "history", {"epc": SHOES[0]})
    for iv in hist["intervals"]:
        print("    %s was inside %s from %s to %s"
              % (SHOES[0], iv["parent"], cst(iv["from"]["event_time_ms"]),
                 cst((iv["to"] or {}).get("event_time_ms"))))
    for epc in (SHOES[0], CASE):
        _, hist = net.query("customs", "trace", "history", {"epc": epc})
        print("    %s: %s" % (epc, " -> ".join(e["biz_step"] for e in hist["events"])))
    print("==> the three-order match (read by customs, signed)")
    for order_no, _, _ in ORDERS:
        _, o = net.query("customs", "clearance", "order",
                         {"direction": "import", "ebpCode": CODES["ebp"], "orderNo": order_no})
        res = o.get("result", {})
        failed = ", ".join(x["rule"] for x in res.get("failures", [])) or "-"
        print("    %s: %s; failed rules: %s" % (order_no, res.get("status"), failed))
    rc, risk = net.query("sz-trading", "clearance", "risk", {"uscc": TRADER}, key=keys["sz-trading"])
    months = risk.get("months", []) if rc == 0 else []
    for m in months:
        print("    %s's own risk record, %s: %d matched, %d mismatch"
              % (TRADER, m.get("month"), m.get("matched", 0), m.get("mismatch", 0)))


def steps(net):
    keys = keys_of(net)
    print("==> members: an exporter, a logistics company and a payment institution")
    admit_members(net)
    print("==> an IP filing: the right holder files, customs approves")
    file_trademark(net, keys)
    print("==> goods traced from the factory to an overseas warehouse (EPCIS 2.0)")
    trace_goods(net, keys)
    seize_fakes(net, keys)
    print("==> cross-border orders: parties registered, documents from each party")
    clear_orders(net, keys, personal_salt(net))


if __name__ == "__main__":
    sys.exit(run_scenario("domain2.done", steps, lambda net: show(net, keys_of(net))))
