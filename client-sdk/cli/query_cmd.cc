// `cbec query <contract> <query> [--args JSON]` and the named reads people
// type (`cbec credit record USCC`, `cbec ipr filing --ip-type --reg-no`, ...).
// Reads are signed whenever a key is given (--key), so that members' and
// owners' records are readable; a public read needs no key.
//
// These answers trust the node that gave them; `cbec verify` checks a
// record against the genesis instead.
#include <CLI/CLI.hpp>
#include <array>
#include <cctype>

#include "cbec/sdk/client.h"
#include "cli.h"

namespace cbec::cli {
namespace {

// One argument of a named read, written compactly: "=key" positional,
// "-key" option (--kebab-key), a trailing '?' optional, a leading '#' after
// the sign for a number ("-#limit?").
struct ArgSpec {
  std::string key;
  bool positional = false;
  bool optional = false;
  bool number = false;

  static ArgSpec Parse(std::string_view s) {
    ArgSpec a;
    a.positional = s.front() == '=';
    s.remove_prefix(1);
    if (!s.empty() && s.front() == '#') {
      a.number = true;
      s.remove_prefix(1);
    }
    if (!s.empty() && s.back() == '?') {
      a.optional = true;
      s.remove_suffix(1);
    }
    a.key = std::string(s);
    return a;
  }
};

struct NamedRead {
  const char* group;
  const char* name;
  const char* contract;
  const char* query;
  const char* help;
  std::array<const char*, 5> args;  // ArgSpec texts; unused slots null
};

// Paging arguments, added to the list reads.
#define CBEC_PAGE "-start_after?", "-#limit?"

// clang-format off
constexpr NamedRead kNamedReads[] = {
    {"gov", "org", "governance", "organisation", "an organisation", {"=id"}},
    {"gov", "orgs", "governance", "organisations", "the organisations", {CBEC_PAGE}},
    {"gov", "roles", "governance", "roles", "the roles each kind may hold", {}},
    {"gov", "account", "governance", "account", "an account (members)", {"=account"}},
    {"gov", "accounts", "governance", "accounts",
     "an organisation's accounts (members)", {"=organisation", CBEC_PAGE}},
    {"gov", "proposal", "governance", "proposal", "a proposal and its votes", {"=#id"}},
    {"gov", "proposals", "governance", "proposals", "the proposals", {CBEC_PAGE}},
    {"gov", "params", "governance", "params", "the proposal threshold and departments", {}},
    {"gov", "validators", "governance", "validators", "the current validator set", {}},
    {"enterprise", "show", "enterprise", "enterprise",
     "an enterprise (every field with a member's key)", {"=uscc"}},
    {"enterprise", "list", "enterprise", "enterprises", "the register (members)", {CBEC_PAGE}},
    {"enterprise", "by-organisation", "enterprise", "by_organisation",
     "the enterprises linked to an organisation", {"=organisation", CBEC_PAGE}},
    {"enterprise", "history", "enterprise", "history",
     "an enterprise's versions (members)", {"=uscc", "-#start_after?", "-#limit?"}},
    {"credit", "record", "credit", "record",
     "an enterprise's ratings and composite class (departments; the enterprise itself)", {"=uscc"}},
    {"credit", "history", "credit", "history",
     "an enterprise's rating history", {"=uscc", "-department?", "-#start_after?", "-#limit?"}},
    {"credit", "repair", "credit", "repair", "a credit-repair application", {"=application_id"}},
    {"credit", "scales", "credit", "scales", "the rating scales", {"-department?"}},
    {"credit", "rule", "credit", "rule", "the composite-class rule", {}},
    {"lists", "subject", "lists", "subject", "an enterprise's list entries and status", {"=uscc"}},
    {"lists", "entry", "lists", "entry", "one list entry", {"=id"}},
    {"lists", "measures-due", "lists", "measures_due",
     "the measures a department owes", {"=uscc", "-department"}},
    {"lists", "measures", "lists", "measures", "the measures catalogue", {"-#version?"}},
    {"lists", "entries", "lists", "entries",
     "entries by issuer and date (members)", {"-issuer?", "-from?", "-to?", CBEC_PAGE}},
    {"lists", "history", "lists", "history", "an enterprise's list history", {"=uscc", CBEC_PAGE}},
    {"ipr", "filing", "ipr", "filing",
     "a right's customs filing (or that none is on record)", {"-ip_type", "-reg_no"}},
    {"ipr", "check", "ipr", "check",
     "is the exporter authorised for these goods?", {"-scheme", "-code", "-exporter"}},
    {"ipr", "filings-by-holder", "ipr", "filings_by_holder",
     "a holder's filings", {"=holder", CBEC_PAGE}},
    {"ipr", "filings-by-goods", "ipr", "filings_by_goods",
     "filings protecting goods", {"-scheme", "-code", CBEC_PAGE}},
    {"ipr", "history", "ipr", "history",
     "a filing's history", {"-ip_type", "-reg_no", "-#start_after?", "-#limit?"}},
    {"ipr", "seizure", "ipr", "seizure", "a seizure", {"=id"}},
    {"ipr", "seizures-by-filing", "ipr", "seizures_by_filing",
     "the seizures under a filing", {"-ip_type", "-reg_no", CBEC_PAGE}},
    {"ipr", "seizures-by-exporter", "ipr", "seizures_by_exporter",
     "an exporter's seizures", {"=exporter", CBEC_PAGE}},
    {"ipr", "agents", "ipr", "agents", "a holder's agents", {"=holder"}},
    {"trace", "event", "trace", "event", "one event (eventID or ni:///sha-256;...)", {"=id"}},
    {"trace", "history", "trace", "history",
     "an item's events and containers", {"=epc", CBEC_PAGE}},
    {"trace", "backward", "trace", "backward",
     "an item's origins", {"=epc", "-#depth?", "-#limit?"}},
    {"trace", "forward", "trace", "forward",
     "everything downstream (a recall list)", {"=epc", "-#depth?", "-#limit?"}},
    {"trace", "by-biz-transaction", "trace", "by_biz_transaction",
     "events of a business transaction", {"=id", "-type?", CBEC_PAGE}},
    {"trace", "by-location", "trace", "by_location",
     "events at a location", {"=location", "-from?", "-to?", CBEC_PAGE}},
    {"trace", "events", "trace", "events",
     "events in history order", {"-from?", "-to?", CBEC_PAGE}},
    {"trace", "hold", "trace", "hold", "an item's inspection holds", {"=epc"}},
    {"clearance", "order", "clearance", "order",
     "an order's documents and match result", {"-direction", "-ebpCode", "-orderNo"}},
    {"clearance", "risk", "clearance", "risk",
     "an enterprise's match record by month", {"=uscc", "-from?", "-to?"}},
    {"clearance", "parties", "clearance", "parties", "the registered parties", {CBEC_PAGE}},
    {"clearance", "party", "clearance", "party",
     "a party and its history", {"=code", "-#start_after?", "-#limit?"}},
    {"clearance", "limits", "clearance", "limits", "the import limits", {"-#version?"}},
    {"clearance", "buyer-total", "clearance", "buyer_total",
     "a buyer's annual total (customs)", {"-buyerIdNumberDigest", "-#year"}},
};
// clang-format on
#undef CBEC_PAGE

// "ebpCode" -> "ebp-code", "reg_no" -> "reg-no".
std::string Kebab(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '_') {
      out += '-';
    } else if (c >= 'A' && c <= 'Z') {
      out += '-';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

// "cbec ipr filing --ip-type IP_TYPE --reg-no REG_NO".
std::string ReadExample(const NamedRead& r, const std::vector<ArgSpec>& specs) {
  std::string out = std::string("cbec ") + r.group + " " + r.name;
  for (const ArgSpec& s : specs) {
    if (s.optional) continue;
    std::string value = s.key;
    for (char& c : value) c = c == '-' ? '_' : static_cast<char>(std::toupper(c));
    out += s.positional ? " " + value : " --" + Kebab(s.key) + " " + value;
  }
  return out;
}

int RunQuery(Context& ctx, const std::string& contract, const std::string& query,
             const Json& args) {
  auto client = ctx.Client(/*need_anchor=*/false);
  if (!client.ok()) return ctx.Fail(client.status());
  std::optional<sdk::Signer> reader;
  if (ctx.HasKey()) {
    auto s = ctx.LoadSigner();
    if (!s.ok()) return ctx.Fail(s.status());
    reader = *s;
  }
  auto answer = (*client)->Query(contract, query, args, reader ? &*reader : nullptr);
  if (!answer.ok()) return ctx.Fail(answer.status());
  ctx.PrintRecord(*answer);
  // A record the node says is not on record (ipr.filing): exit 3, like a
  // verified absence, so scripts can branch on it.
  if (answer->is_object() && answer->value("on_record", true) == false) return kExitNotFound;
  return kExitOk;
}

struct ReadValues {
  std::vector<std::string> values;  // one per arg, in order
};

// The query's JSON args from the given values; numbers parsed.
Result<Json> BuildArgs(const std::vector<ArgSpec>& specs, const ReadValues& v,
                       const std::vector<CLI::Option*>& options) {
  Json args = Json::object();
  for (size_t i = 0; i < specs.size(); ++i) {
    if (options[i]->count() == 0) continue;
    if (!specs[i].number) {
      args[specs[i].key] = v.values[i];
      continue;
    }
    uint64_t n = 0;
    try {
      size_t used = 0;
      n = std::stoull(v.values[i], &used);
      if (used != v.values[i].size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      return Status(errors::kUsage, options[i]->get_name() + ": not a number");
    }
    args[specs[i].key] = n;
  }
  return args;
}

void AddNamedRead(CLI::App& app, Context& ctx, const NamedRead& r) {
  CLI::App* group = app.get_subcommand(r.group);
  auto* cmd = group->add_subcommand(
      r.name, std::string(r.help) + " (query " + r.contract + "." + r.query + ")");
  auto specs = std::make_shared<std::vector<ArgSpec>>();
  auto values = std::make_shared<ReadValues>();
  for (const char* a : r.args) {
    if (a != nullptr) specs->push_back(ArgSpec::Parse(a));
  }
  values->values.resize(specs->size());
  auto options = std::make_shared<std::vector<CLI::Option*>>();
  for (size_t i = 0; i < specs->size(); ++i) {
    const ArgSpec& s = (*specs)[i];
    const std::string name = s.positional ? s.key : "--" + Kebab(s.key);
    CLI::Option* o = cmd->add_option(name, values->values[i], "the " + s.key);
    if (!s.optional) o->required();
    options->push_back(o);
  }
  cmd->footer("\nExample:\n  " + ReadExample(r, *specs));
  std::string contract = r.contract;
  std::string query = r.query;
  cmd->callback([&ctx, specs, values, options, contract, query] {
    ctx.Then([=](Context& c) {
      auto args = BuildArgs(*specs, *values, *options);
      if (!args.ok()) return c.Fail(args.status());
      return RunQuery(c, contract, query, *args);
    });
  });
}

struct GenericQuery {
  std::string contract;
  std::string query;
  std::string args = "{}";
};

}  // namespace

void RegisterQuery(CLI::App& app, Context& ctx) {
  auto q = std::make_shared<GenericQuery>();
  auto* cmd = app.add_subcommand(
      "query", "run any contract query (signed when --key is given); prints its JSON answer");
  cmd->add_option("contract", q->contract, "contract, e.g. credit")->required();
  cmd->add_option("query", q->query, "query, e.g. record")->required();
  cmd->add_option("--args", q->args, "the query's arguments as JSON, or @FILE")
      ->default_val("{}")
      ->type_name("JSON|@FILE");
  cmd->footer(
      "\nExamples:\n"
      "  cbec --key market.key.json query credit record --args "
      "'{\"uscc\":\"91440300MA5F00003G\"}'\n"
      "  cbec query governance validators");
  cmd->callback([&ctx, q] {
    ctx.Then([q](Context& c) {
      auto args = ParseJsonArg("--args", q->args);
      if (!args.ok()) return c.Fail(args.status());
      return RunQuery(c, q->contract, q->query, *args);
    });
  });
  for (const NamedRead& r : kNamedReads) AddNamedRead(app, ctx, r);
}

}  // namespace cbec::cli
