// `cbec trace ...` (EPCIS 2.0 capture, inspection holds) and `cbec clearance
// ...` (parties and the documents of the three-order match); the import
// limits as `cbec gov propose set-limits`.
#include "cbec/sdk/builders.h"
#include "method_command.h"

namespace cbec::cli {
namespace {

namespace sc = sdk::clearance;

void AddTrace(CLI::App& app, Context& ctx) {
  auto* g = Group(app, "trace", "goods traceability: EPCIS 2.0 events and inspection holds",
                  "  cbec trace capture --document events.jsonld\n"
                  "  cbec --key me.key.json trace backward urn:epc:id:sgtin:6901234.100001.1");
  {
    auto doc = std::make_shared<std::string>();
    auto& m = NewMethod(g, ctx, "trace", "capture",
                        "record EPCIS 2.0 events (a document, a query document, one event or "
                        "an array)");
    m.Field("document", *doc, "the EPCIS JSON, or @FILE (a bare FILE name works too)", true)
        ->type_name("JSON|@FILE");
    m.Examples("  cbec trace capture --document shipping.jsonld");
    m.Build([doc]() -> Result<sdk::Call> {
      std::string text = *doc;
      // A file name is the common case: accept it without the '@'.
      if (!text.empty() && text.front() != '@' && text.front() != '{' && text.front() != '[') {
        text = "@" + text;
      }
      CBEC_ASSIGN_OR_RETURN(Json document, ParseJsonArg("--document", text));
      return sdk::trace::Capture{std::move(document)}.ToCall();
    });
  }
  auto b = std::make_shared<sdk::trace::SelectForInspection>();
  auto& m = NewMethod(g, ctx, "trace", "select_for_inspection",
                      "customs holds goods until an inspecting event (inspect first, then ship)");
  m.List("epcs", b->epcs, "the EPCs held, e.g. urn:epc:id:sscc:6901234.0000000001", true);
  m.Field("biz_transaction", b->biz_transaction, "e.g. urn:cbec:declaration:EXP-2026-000123");
  m.Field("reason", b->reason, "why", true);
  m.Examples(
      "  cbec trace select-for-inspection --epcs urn:epc:id:sscc:6901234.0000000001 "
      "--reason 'risk profile'");
  m.Build([b]() -> Result<sdk::Call> { return b->ToCall(); });
}

void AddClearanceParties(CLI::App* g, Context& ctx) {
  for (const char* method : {"register_party", "update_party"}) {
    auto b = std::make_shared<sc::UpdateParty>();
    const bool reg = std::string(method) == "register_party";
    auto& m = NewMethod(g, ctx, "clearance", method,
                        reg ? "customs registers a party of the match" : "customs updates a party");
    m.Field("code", b->code, "its customs registration code (10 of [0-9A-Z])", true);
    m.Field("uscc", b->uscc, "its enterprise's USCC", true);
    m.Field("name", b->name, "its name", true);
    m.List("kinds", b->kinds, "ebp, ebc, pay, logistics, agent", true);
    m.Field("reason", b->reason, reg ? "optional" : "why", !reg);
    m.Examples(std::string("  cbec clearance ") + Dashed(method) +
               " --code 4403980001 --uscc 91440300MA5F00005C --name 'Qianhai Mall' --kinds ebp");
    m.Build([b, reg]() -> Result<sdk::Call> {
      if (!reg) return b->ToCall();
      return sc::RegisterParty{b->code, b->uscc, b->name, b->kinds}.ToCall();
    });
  }
  for (const char* method : {"suspend_party", "reinstate_party"}) {
    auto b = std::make_shared<sc::SuspendParty>();
    const bool suspend = std::string(method) == "suspend_party";
    auto& m = NewMethod(g, ctx, "clearance", method,
                        suspend ? "customs suspends a party" : "customs reinstates a party");
    m.Field("code", b->code, "the party's code", true);
    m.Field("reason", b->reason, "why", true);
    m.Examples(std::string("  cbec clearance ") + Dashed(method) +
               " --code 4403990003 --reason 'licence withdrawn'");
    m.Build([b, suspend]() -> Result<sdk::Call> {
      if (suspend) return b->ToCall();
      sc::ReinstateParty r;
      static_cast<sc::SuspendParty&>(r) = *b;
      return r.ToCall();
    });
  }
}

struct DocumentOptions {
  std::string direction = "import";
  std::string document;
};

void AddClearanceDocuments(CLI::App* g, Context& ctx) {
  static const struct {
    const char* method;
    const char* help;
    const char* messages;
  } kDocs[] = {
      {"submit_order", "the platform or e-commerce enterprise submits an order",
       "CEB311 (import) / CEB303 (export)"},
      {"submit_payment", "the payment institution submits a payment",
       "CEB411 (import) / CEB403 (export)"},
      {"submit_waybill", "the logistics company submits a waybill",
       "CEB511 (import) / CEB505 (export)"},
      {"submit_list", "the declaring agent (or customs) submits the declaration list",
       "CEB621 (import) / CEB603 (export)"},
  };
  for (const auto& d : kDocs) {
    auto o = std::make_shared<DocumentOptions>();
    auto& m = NewMethod(g, ctx, "clearance", d.method, d.help);
    m.Field("direction", o->direction, "import or export (default import)")
        ->check(CLI::IsMember({"import", "export"}));
    m.Field("document", o->document,
            std::string("the ") + d.messages +
                " document as JSON, or @FILE (a bare FILE works too); "
                "personal fields only as *Digest",
            true)
        ->type_name("JSON|@FILE");
    m.Examples(std::string("  cbec clearance ") + Dashed(d.method) +
               " --direction import --document doc.json");
    const std::string method = d.method;
    m.Build([o, method]() -> Result<sdk::Call> {
      std::string text = o->document;
      if (!text.empty() && text.front() != '@' && text.front() != '{') text = "@" + text;
      Json document = Json::object();
      if (!text.empty()) {
        CBEC_ASSIGN_OR_RETURN(document, ParseJsonArg("--document", text));
      }
      return sdk::MakeCall("clearance", method,
                           Json{{"direction", o->direction}, {"document", std::move(document)}});
    });
  }
}

}  // namespace

void RegisterGovernedCustoms(CLI::App* propose, Context& ctx, const WrapFn& wrap,
                             const std::shared_ptr<const SubmitFlags>& parent) {
  auto b = std::make_shared<sc::SetLimits>();
  auto& m = NewMethod(propose, ctx, "clearance", "set_limits",
                      "the cross-border retail import limits (yuan)");
  m.Field("single_limit", b->single_limit, "per order, e.g. 5000.00", true);
  m.Field("annual_limit", b->annual_limit, "per buyer and year, e.g. 26000.00", true);
  m.Field("tolerance", b->tolerance, "amount tolerance of the match, e.g. 0.00", true);
  m.Field("legal_basis", b->legal_basis, "e.g. 'MOF/GACC/STA 2018 No. 49'", true);
  m.Field("reason", b->reason, "why", true);
  m.Examples(
      "  cbec gov propose set-limits --title 'Limits 2027' --expires 2026-12-04 \\\n"
      "       --single-limit 5000.00 --annual-limit 26000.00 --tolerance 0.00 \\\n"
      "       --legal-basis 'MOF/GACC/STA 2018 No. 49' --reason 'annual review'");
  m.Build([b]() -> Result<sdk::Call> { return b->ToCall(); }, wrap);
  m.InheritFlags(parent);
}

void RegisterCustomsCommands(CLI::App& app, Context& ctx) {
  AddTrace(app, ctx);
  auto* g = Group(app, "clearance", "the three-order match: parties and customs documents",
                  "  cbec clearance submit-order --direction import --document order.json\n"
                  "  cbec --key me.key.json clearance order --direction import "
                  "--ebp-code 4403980001 --order-no IMP-2026-0001");
  AddClearanceParties(g, ctx);
  AddClearanceDocuments(g, ctx);
}

}  // namespace cbec::cli
