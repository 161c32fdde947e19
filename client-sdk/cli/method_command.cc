// Method commands: options -> typed builder -> Call -> signed transaction
// (method_command.h).
#include "method_command.h"

#include <chrono>
#include <cstdio>
#include <deque>
#include <filesystem>

#include "cbec/base/hex.h"
#include "cbec/crypto/hash.h"
#include "cbec/sdk/client.h"

namespace cbec::cli {
namespace {

// Printable UTF-8 (newlines allowed): what receipts of ids and names hold.
bool IsText(const Bytes& b) {
  if (b.empty()) return false;
  for (uint8_t c : b) {
    if (c < 0x20 && c != '\n') return false;
    if (c == 0x7f) return false;
  }
  return true;
}

// The receipt, with its result decoded the way the method defines it
// (docs/spec/contracts*.md "Result:").
Json ReceiptJson(const sdk::Call& call, const sdk::Receipt& r) {
  Json j = r.ToJson();
  j["contract"] = call.contract;
  j["method"] = call.method;
  if (!r.ok() || r.result.empty()) return j;
  const std::string m = call.contract + "." + call.method;
  if (m == "governance.propose") {
    if (auto id = r.ResultU64(); id.ok()) j["proposal_id"] = *id;
  } else if (m == "governance.vote" && r.result.size() == 1) {
    static const char* kStatus[] = {"?", "open", "executed", "failed", "rejected"};
    j["proposal_status"] = kStatus[r.result[0] <= 4 ? r.result[0] : 0];
  } else if (m == "governance.create_account") {
    j["account_id"] = HexEncode(r.result);
  } else if (IsText(r.result)) {
    j["result_text"] = std::string(r.result.begin(), r.result.end());
  }
  return j;
}

std::string ReceiptHuman(const Json& j) {
  OrderedJson h;
  h["status"] = j["status"];
  h["call"] = j.value("contract", "") + "." + j.value("method", "");
  for (const char* k : {"code", "slug", "proposal_id", "proposal_status", "account_id",
                        "result_text", "hash", "height", "index", "node"}) {
    if (j.contains(k)) h[k] = j[k];
  }
  // The hex only when nothing decoded it.
  if (!h.contains("result_text") && !h.contains("proposal_id") && !h.contains("proposal_status") &&
      !h.contains("account_id") && j.contains("result") && j["result"] != "") {
    h["result"] = j["result"];
  }
  return RenderHuman(h);
}

}  // namespace

// Help lists the method's own arguments first, these after them.
constexpr const char* kTxGroup = "Transaction options";

std::map<std::string, std::string>& CommandIndex() {
  static std::map<std::string, std::string> index;
  return index;
}

void AddSubmitFlags(CLI::App* cmd, SubmitFlags& f, ArgsFlag args) {
  if (args != ArgsFlag::kNone) {
    auto* a = cmd->add_option("--args", f.args,
                              args == ArgsFlag::kRequired
                                  ? "the arguments as JSON, or @FILE"
                                  : "the whole argument object as JSON, or @FILE (options "
                                    "given as well replace their field)");
    a->type_name("JSON|@FILE")->group(kTxGroup);
    if (args == ArgsFlag::kRequired) a->required();
  }
  cmd->add_flag("--dry-run", f.dry_run,
                "print the call and its canonical argument bytes; sign and send nothing")
      ->group(kTxGroup);
  cmd->add_flag("--no-wait", f.no_wait, "return once a node accepted the tx (status pending)")
      ->group(kTxGroup);
  cmd->add_option("--valid-for", f.valid_for, "blocks the tx stays valid")
      ->default_val(1000)
      ->check(CLI::Range(uint64_t{1}, uint64_t{1000000}))
      ->group(kTxGroup);
}

int SubmitCall(Context& ctx, const SubmitFlags& f, const Result<sdk::Call>& call) {
  if (!call.ok()) return ctx.Fail(call.status());
  if (f.dry_run) {
    auto bytes = sdk::EncodeArgs(*call);
    if (!bytes.ok()) return ctx.Fail(bytes.status());
    Json doc = call->ToJson();
    doc["args_hex"] = HexEncode(*bytes);
    doc["dry_run"] = true;
    OrderedJson h;
    h["dry_run"] = "nothing signed or sent";
    h["call"] = call->contract + "." + call->method;
    h["args"] = call->args.dump();
    h["args_hex"] = doc["args_hex"];
    ctx.Print(doc, RenderHuman(h));
    return kExitOk;
  }
  auto signer = ctx.LoadSigner();
  if (!signer.ok()) return ctx.Fail(signer.status());
  auto client = ctx.Client(/*need_anchor=*/false);
  if (!client.ok()) return ctx.Fail(client.status());
  sdk::SubmitOptions so;
  so.wait = !f.no_wait;
  so.timeout = ctx.Timeout();
  so.valid_for_blocks = f.valid_for;
  auto r = (*client)->Submit(*signer, *call, so);
  if (!r.ok()) return ctx.Fail(r.status());
  Json j = ReceiptJson(*call, *r);
  ctx.Print(j, ReceiptHuman(j));
  if (r->committed && r->code != 0) {
    std::fprintf(stderr, "error: %s (%u): %s.%s committed but failed\n", r->slug.c_str(), r->code,
                 call->contract.c_str(), call->method.c_str());
    return kExitFailed;
  }
  return kExitOk;
}

MethodCommand::MethodCommand(CLI::App* parent, Context& ctx, std::string contract,
                             std::string method, std::string help, std::string name)
    : ctx_(ctx),
      contract_(std::move(contract)),
      method_(std::move(method)),
      flags_(std::make_shared<SubmitFlags>()) {
  app_ = parent->add_subcommand(name.empty() ? Dashed(method_) : name,
                                help + " (" + contract_ + "." + method_ + ")");
  AddSubmitFlags(app_, *flags_, ArgsFlag::kOptional);
  // "cbec ipr file": the path from the root, for `cbec tx --list`.
  std::string path;
  for (const CLI::App* a = app_; a != nullptr; a = a->get_parent()) {
    path = a->get_name() + (path.empty() ? "" : " " + path);
  }
  CommandIndex()[contract_ + "." + method_] = path;
}

CLI::Option* MethodCommand::Bind(CLI::Option* option, const std::string& key, bool required) {
  fields_.push_back({option, key, required});
  return option;
}

void MethodCommand::Examples(const std::string& text) { app_->footer("\nExamples:\n" + text); }

Result<sdk::Call> MethodCommand::MakeCall() const {
  const bool with_args = !flags_->args.empty();
  if (!with_args) {
    for (const FieldInfo& f : fields_) {
      if (f.required && f.option->count() == 0) {
        return Status(errors::kUsage, f.option->get_name() + " is required (or give --args)");
      }
    }
  }
  CBEC_ASSIGN_OR_RETURN(sdk::Call built, build_());
  if (with_args) {
    CBEC_ASSIGN_OR_RETURN(Json args, ParseJsonArg("--args", flags_->args));
    if (!args.is_object()) return Status(errors::kUsage, "--args: not a JSON object");
    for (const FieldInfo& f : fields_) {
      if (f.option->count() > 0 && built.args.contains(f.key)) args[f.key] = built.args[f.key];
    }
    CBEC_ASSIGN_OR_RETURN(built, sdk::MakeCall(built.contract, built.method, std::move(args)));
  } else {
    CBEC_RETURN_IF_ERROR(sdk::EncodeArgs(built).status());
  }
  if (wrap_) return wrap_(std::move(built));
  return built;
}

void MethodCommand::Build(std::function<Result<sdk::Call>()> build,
                          std::function<Result<sdk::Call>(sdk::Call)> wrap) {
  build_ = std::move(build);
  wrap_ = std::move(wrap);
  app_->callback([this] {
    ctx_.Then([this](Context& c) {
      SubmitFlags f = *flags_;
      if (parent_flags_) {
        f.dry_run = f.dry_run || parent_flags_->dry_run;
        f.no_wait = f.no_wait || parent_flags_->no_wait;
        if (app_->count("--valid-for") == 0) f.valid_for = parent_flags_->valid_for;
      }
      return SubmitCall(c, f, MakeCall());
    });
  });
}

MethodCommand& NewMethod(CLI::App* parent, Context& ctx, std::string contract, std::string method,
                         std::string help, std::string name) {
  // A deque never moves its elements: the callbacks' `this` stays valid.
  static std::deque<MethodCommand> commands;
  return commands.emplace_back(parent, ctx, std::move(contract), std::move(method), std::move(help),
                               std::move(name));
}

CLI::App* Group(CLI::App& app, const std::string& name, const std::string& help,
                const std::string& examples) {
  CLI::App* g = app.add_subcommand(name, help);
  g->require_subcommand(1);
  g->footer("\nExamples:\n" + examples + "\nRun `cbec " + name + " <command> --help` for each.");
  return g;
}

Result<std::string> DigestArg(Context& ctx, std::string_view option, const std::string& text) {
  if (text.rfind("file:", 0) == 0) {
    CBEC_ASSIGN_OR_RETURN(std::string data, ReadFile(text.substr(5)));
    auto anchor = ctx.Anchor();
    const crypto::Suite suite = anchor.ok() ? (*anchor)->suite : crypto::Suite::kStandard;
    return crypto::Digest(suite, AsBytes(data)).ToHex();
  }
  if (text.size() != 64 || !HexDecode(text).ok()) {
    return Status(errors::kUsage,
                  std::string(option) + ": 64 hex digits, or file:PATH for the file's digest");
  }
  return text;
}

std::string TodayUtc() {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::year_month_day ymd{days};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

Result<std::string> PublicKeyArg(std::string_view option, const std::string& text) {
  if (!text.empty() && text.size() % 2 == 0 && HexDecode(text).ok()) return text;
  std::error_code ec;
  if (std::filesystem::is_regular_file(text, ec)) {
    auto info = sdk::InspectKeystore(text);
    if (!info.ok()) return info.status().WithContext(std::string(option) + " '" + text + "'");
    return info->public_key.ToHex();
  }
  return Status(errors::kUsage,
                std::string(option) + ": '" + text + "' is neither hex nor a keystore file");
}

Result<std::vector<std::string>> PublicKeysArg(std::string_view option,
                                               const std::vector<std::string>& texts) {
  std::vector<std::string> out;
  for (const std::string& t : texts) {
    CBEC_ASSIGN_OR_RETURN(std::string k, PublicKeyArg(option, t));
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace cbec::cli
