// `cbec ipr ...`: customs IP-rights filings (file, review, renew, amend,
// withdraw, revoke), agents, and seizures (docs/spec/contracts-ipr.md).
#include "cbec/sdk/builders.h"
#include "method_command.h"

namespace cbec::cli {
namespace {

namespace si = sdk::ipr;

// The right every method names: --ip-type and --reg-no.
struct Right {
  std::string ip_type;
  std::string reg_no;

  void Bind(MethodCommand& m) {
    m.Field("ip_type", ip_type, "trademark, patent or copyright", true)
        ->check(CLI::IsMember({"trademark", "patent", "copyright"}));
    m.Field("reg_no", reg_no, "the registration number as issued, e.g. 56781234", true);
  }
  Result<si::IpType> Type() const {
    return ip_type.empty() ? si::IpType::kTrademark : si::ParseIpType(ip_type);
  }
};

// "nice:25:Footwear" -> {nice, 25, Footwear} (the description may hold ':').
Result<std::vector<si::Goods>> ParseGoods(const std::vector<std::string>& texts) {
  std::vector<si::Goods> out;
  for (const std::string& t : texts) {
    const size_t a = t.find(':');
    const size_t b = a == std::string::npos ? a : t.find(':', a + 1);
    if (b == std::string::npos || a == 0 || b == a + 1 || b + 1 == t.size()) {
      return Status(errors::kUsage, "--goods '" + t +
                                        "': SCHEME:CODE:DESCRIPTION, e.g. "
                                        "nice:25:Footwear or hs:640399:Shoes");
    }
    out.push_back({t.substr(0, a), t.substr(a + 1, b - a - 1), t.substr(b + 1)});
  }
  return out;
}

// "USCC", "USCC/all", "USCC/nice:25+hs:640399", "USCC/nice:25/2030-12-31".
Result<std::vector<si::Licence>> ParseLicensees(const std::vector<std::string>& texts) {
  std::vector<si::Licence> out;
  for (const std::string& t : texts) {
    std::vector<std::string> parts = SplitList(t, '/');
    if (parts.empty() || parts.size() > 3) {
      return Status(errors::kUsage, "--licensee '" + t + "': USCC[/GOODS+GOODS|all][/VALID_UNTIL]");
    }
    si::Licence l;
    l.uscc = parts[0];
    if (parts.size() >= 2) l.goods = SplitList(parts[1], '+');
    if (parts.size() == 3) l.valid_until = parts[2];
    out.push_back(std::move(l));
  }
  return out;
}

void AddFile(CLI::App* g, Context& ctx) {
  auto b = std::make_shared<si::File>();
  auto right = std::make_shared<Right>();
  auto goods = std::make_shared<std::vector<std::string>>();
  auto licensees = std::make_shared<std::vector<std::string>>();
  auto& m = NewMethod(g, ctx, "ipr", "file", "file an IP right for customs protection");
  right->Bind(m);
  m.Field("issuing_office", b->issuing_office, "e.g. CNIPA", true);
  m.Field("title", b->title, "the mark, invention or work", true);
  m.Field("holder", b->holder, "the right holder's USCC", true);
  m.Bind(m.app()->add_option("--goods", *goods,
                             "SCHEME:CODE:DESCRIPTION, e.g. nice:25:Footwear (repeat) [required]"),
         "goods", true);
  m.Bind(m.app()->add_option("--licensee", *licensees,
                             "USCC[/GOODS+GOODS|all][/VALID_UNTIL] (repeat)"),
         "licensees");
  m.Field("evidence_digest", b->evidence_digest,
          "the certificate or mark image: 64 hex digits or file:PATH", true);
  m.Field("right_valid_from", b->right_valid_from, "YYYY-MM-DD", true);
  m.Field("right_valid_until", b->right_valid_until, "YYYY-MM-DD, the right's last day", true);
  m.Field("agent", b->agent, "the agent organisation filing for the holder");
  m.Examples(
      "  cbec ipr file --ip-type trademark --reg-no 56781234 --issuing-office CNIPA \\\n"
      "       --title 'BRIGHTSTEP' --holder 91440300MA5F00001A --goods nice:25:Footwear \\\n"
      "       --licensee 91440300MA5F00003G/nice:25 --evidence-digest file:certificate.pdf \\\n"
      "       --right-valid-from 2021-03-14 --right-valid-until 2031-03-13");
  Context* c = &ctx;
  m.Build([b, right, goods, licensees, c]() -> Result<sdk::Call> {
    si::File f = *b;
    CBEC_ASSIGN_OR_RETURN(f.ip_type, right->Type());
    f.reg_no = right->reg_no;
    CBEC_ASSIGN_OR_RETURN(f.goods, ParseGoods(*goods));
    CBEC_ASSIGN_OR_RETURN(f.licensees, ParseLicensees(*licensees));
    if (!b->evidence_digest.empty()) {
      CBEC_ASSIGN_OR_RETURN(f.evidence_digest,
                            DigestArg(*c, "--evidence-digest", b->evidence_digest));
    }
    return f.ToCall();
  });
}

void AddReviews(CLI::App* g, Context& ctx) {
  for (const char* method : {"review", "review_renewal", "review_amendment"}) {
    auto b = std::make_shared<si::Review>();
    auto right = std::make_shared<Right>();
    const std::string name = method;
    auto& m = NewMethod(g, ctx, "ipr", method,
                        name == "review"           ? "customs decides a filing"
                        : name == "review_renewal" ? "customs decides a renewal"
                                                   : "customs decides an amendment");
    right->Bind(m);
    m.Field("decision", b->decision, "approve or reject", true)
        ->check(CLI::IsMember({"approve", "reject"}));
    m.Field("reason", b->reason, "why", true);
    m.Examples("  cbec ipr " + Dashed(method) +
               " --ip-type trademark --reg-no 56781234 --decision approve "
               "--reason 'documents complete'");
    m.Build([b, right, name]() -> Result<sdk::Call> {
      si::Review r = *b;
      CBEC_ASSIGN_OR_RETURN(r.ip_type, right->Type());
      r.reg_no = right->reg_no;
      if (name == "review_renewal") {
        si::ReviewRenewal rr;
        static_cast<si::Review&>(rr) = r;
        return rr.ToCall();
      }
      if (name == "review_amendment") {
        si::ReviewAmendment ra;
        static_cast<si::Review&>(ra) = r;
        return ra.ToCall();
      }
      return r.ToCall();
    });
  }
}

void AddRenewAmend(CLI::App* g, Context& ctx) {
  {
    auto b = std::make_shared<si::Renew>();
    auto right = std::make_shared<Right>();
    auto& m = NewMethod(g, ctx, "ipr", "renew", "the holder applies to renew a recordation");
    right->Bind(m);
    m.Field("right_valid_until", b->right_valid_until, "the right's new last day, if renewed");
    m.Examples(
        "  cbec ipr renew --ip-type trademark --reg-no 56781234 --right-valid-until 2041-03-13");
    m.Build([b, right]() -> Result<sdk::Call> {
      si::Renew r = *b;
      CBEC_ASSIGN_OR_RETURN(r.ip_type, right->Type());
      r.reg_no = right->reg_no;
      return r.ToCall();
    });
  }
  auto right = std::make_shared<Right>();
  auto goods = std::make_shared<std::vector<std::string>>();
  auto licensees = std::make_shared<std::vector<std::string>>();
  auto evidence = std::make_shared<std::string>();
  auto& m = NewMethod(g, ctx, "ipr", "amend",
                      "the holder applies to change licensees, goods or evidence");
  right->Bind(m);
  CLI::Option* go =
      m.Bind(m.app()->add_option("--goods", *goods, "SCHEME:CODE:DESCRIPTION"), "goods");
  CLI::Option* lo =
      m.Bind(m.app()->add_option("--licensee", *licensees, "USCC[/GOODS+GOODS|all][/VALID_UNTIL]"),
             "licensees");
  CLI::Option* eo = m.Field("evidence_digest", *evidence, "64 hex digits or file:PATH");
  auto no_licensees = std::make_shared<bool>(false);
  CLI::Option* nl = m.Bind(
      m.app()->add_flag("--no-licensees", *no_licensees, "remove every licensee"), "licensees");
  Context* c = &ctx;
  m.Examples(
      "  cbec ipr amend --ip-type trademark --reg-no 56781234 --licensee 91440300MA5F00003G/all\n"
      "  cbec ipr amend --ip-type trademark --reg-no 56781234 --no-licensees");
  m.Build([=]() -> Result<sdk::Call> {
    si::Amend a;
    CBEC_ASSIGN_OR_RETURN(a.ip_type, right->Type());
    a.reg_no = right->reg_no;
    if (go->count() > 0) {
      CBEC_ASSIGN_OR_RETURN(a.goods, ParseGoods(*goods));
    }
    if (lo->count() > 0) {
      CBEC_ASSIGN_OR_RETURN(a.licensees, ParseLicensees(*licensees));
    }
    if (nl->count() > 0) a.licensees = std::vector<si::Licence>{};
    if (eo->count() > 0) {
      CBEC_ASSIGN_OR_RETURN(a.evidence_digest, DigestArg(*c, "--evidence-digest", *evidence));
    }
    return a.ToCall();
  });
}

void AddEnd(CLI::App* g, Context& ctx) {
  for (const char* method : {"withdraw", "revoke"}) {
    auto b = std::make_shared<si::Withdraw>();
    auto right = std::make_shared<Right>();
    const bool withdraw = std::string(method) == "withdraw";
    auto& m = NewMethod(g, ctx, "ipr", method,
                        withdraw ? "the holder withdraws a filing" : "customs revokes a filing");
    right->Bind(m);
    m.Field("reason", b->reason, "why", true);
    m.Examples(std::string("  cbec ipr ") + method +
               " --ip-type trademark --reg-no 56781234 --reason 'right sold'");
    m.Build([b, right, withdraw]() -> Result<sdk::Call> {
      si::Withdraw w = *b;
      CBEC_ASSIGN_OR_RETURN(w.ip_type, right->Type());
      w.reg_no = right->reg_no;
      if (withdraw) return w.ToCall();
      si::RevokeFiling r;
      static_cast<si::Withdraw&>(r) = w;
      return r.ToCall();
    });
  }
  for (const char* method : {"authorise_agent", "revoke_agent"}) {
    auto b = std::make_shared<si::AuthoriseAgent>();
    const bool grant = std::string(method) == "authorise_agent";
    auto& m = NewMethod(g, ctx, "ipr", method,
                        grant ? "the holder authorises an agent organisation to file for it"
                              : "the holder revokes an agent");
    m.Field("holder", b->holder, "the holder's USCC", true);
    m.Field("agent_org", b->agent_org, "the agent organisation's id", true);
    m.Examples(std::string("  cbec ipr ") + Dashed(method) +
               " --holder 91440300MA5F00001A --agent-org ip-agency");
    m.Build([b, grant]() -> Result<sdk::Call> {
      if (grant) return b->ToCall();
      si::RevokeAgent r;
      static_cast<si::AuthoriseAgent&>(r) = *b;
      return r.ToCall();
    });
  }
}

void AddSeizures(CLI::App* g, Context& ctx) {
  {
    auto b = std::make_shared<si::RecordSeizure>();
    auto right = std::make_shared<Right>();
    auto& m = NewMethod(g, ctx, "ipr", "record_seizure",
                        "a customs officer records goods seized under a filing");
    right->Bind(m);
    m.Field("exporter", b->exporter, "the exporter's USCC", true);
    m.Field("declaration_no", b->declaration_no, "the customs declaration");
    m.Field("goods_description", b->goods_description, "what was seized", true);
    m.Field("quantity", b->quantity, "how many", true);
    m.Field("unit", b->unit, "e.g. pairs", true);
    m.Field("port", b->port, "where", true);
    m.List("trace_event_ids", b->trace_event_ids, "trace events of the goods");
    m.Field("reason", b->reason, "why", true);
    m.Examples(
        "  cbec ipr record-seizure --ip-type trademark --reg-no 56781234 "
        "--exporter 91440300MA5F00009X \\\n       --goods-description 'trainers' "
        "--quantity 240 --unit pairs --port 'Shenzhen Shekou' --reason suspected");
    m.Build([b, right]() -> Result<sdk::Call> {
      si::RecordSeizure r = *b;
      CBEC_ASSIGN_OR_RETURN(r.ip_type, right->Type());
      r.reg_no = right->reg_no;
      return r.ToCall();
    });
  }
  auto b = std::make_shared<si::DecideSeizure>();
  auto& m = NewMethod(g, ctx, "ipr", "decide_seizure", "a customs officer decides a seizure, once");
  m.Field("id", b->id, "e.g. SZ-2026-000001", true);
  m.Field("outcome", b->outcome, "confirmed_infringing or released", true)
      ->check(CLI::IsMember({"confirmed_infringing", "released"}));
  m.Field("reason", b->reason, "why", true);
  m.Examples(
      "  cbec ipr decide-seizure --id SZ-2026-000001 --outcome confirmed_infringing "
      "--reason 'expert opinion'");
  m.Build([b]() -> Result<sdk::Call> { return b->ToCall(); });
}

}  // namespace

void RegisterIprCommands(CLI::App& app, Context& ctx) {
  auto* g = Group(app, "ipr", "customs IP-rights filings and seizures",
                  "  cbec ipr file --ip-type trademark --reg-no 56781234 ... (see ipr file "
                  "--help)\n  cbec ipr review --ip-type trademark --reg-no 56781234 "
                  "--decision approve --reason R\n"
                  "  cbec ipr filing --ip-type trademark --reg-no 56781234");
  AddFile(g, ctx);
  AddReviews(g, ctx);
  AddRenewAmend(g, ctx);
  AddEnd(g, ctx);
  AddSeizures(g, ctx);
}

}  // namespace cbec::cli
