// `cbec verify` (a proof bundle offline, or a live record through verified
// reads) and `cbec bundle` (a record's proof bundle as text and a QR code).
//
// Both trust only the genesis (--genesis): a bundle is verified with nothing
// else, a live record by the SDK's light client, so a node that forges or
// forks an answer is reported (exit 4), never believed.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <array>
#include <cctype>
#include <cstring>
#include <tuple>

#include "cbec/sdk/bundle.h"
#include "cbec/sdk/client.h"
#include "cli.h"

extern char** environ;

namespace cbec::cli {
namespace {

// Runs argv[0] (looked up in PATH) and returns its exit status and stdout.
// No shell: the image path is passed as one argument.
Result<std::pair<int, std::string>> RunCapture(const std::vector<std::string>& argv) {
  int fds[2];
  if (pipe(fds) != 0) return Status(errors::kQrDecode, std::string("pipe: ") + strerror(errno));
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&fa, fds[0]);
  // zbarimg's own complaints (no D-Bus, ...) are noise on our stderr.
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return Status(errors::kQrDecode,
                  argv[0] + ": " + strerror(rc) + " (install zbar-tools to read QR images)");
  }
  std::string out;
  std::array<char, 4096> buf;
  ssize_t n = 0;
  while ((n = read(fds[0], buf.data(), buf.size())) > 0) out.append(buf.data(), n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  // posix_spawnp reports a missing program as exit 127 from the child.
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  if (code == 127) return Status(errors::kQrDecode, argv[0] + " not found (install zbar-tools)");
  return std::make_pair(code, out);
}

Result<std::string> ReadQr(const std::string& png) {
  if (access(png.c_str(), R_OK) != 0) {
    return Status(errors::kLocalFile, "cannot read '" + png + "': " + strerror(errno));
  }
  CBEC_ASSIGN_OR_RETURN(auto r, RunCapture({"zbarimg", "--raw", "-q", png}));
  if (r.first != 0 || r.second.empty()) {
    return Status(errors::kQrDecode, "no QR code found in '" + png + "' (zbarimg exit " +
                                         std::to_string(r.first) + ")");
  }
  return r.second;
}

bool LooksLikeText(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s.size() >= 4 && (s.substr(0, 4) == "CB1:" || s.substr(0, 4) == "cb1:");
}

// --bundle: the text itself, or a file holding the text or the binary form.
Result<sdk::Bundle> LoadBundle(const std::string& arg, const sdk::TrustAnchor& anchor) {
  if (LooksLikeText(arg)) return sdk::Bundle::FromText(arg, anchor);
  CBEC_ASSIGN_OR_RETURN(std::string data, ReadFile(arg));
  if (LooksLikeText(data)) return sdk::Bundle::FromText(data, anchor);
  return sdk::Bundle::Decode(AsBytes(data), anchor);
}

std::string VerdictLine(const sdk::VerifiedRecord& v) {
  return v.present ? "VALID: on record" : "VALID: not on record (proven absent)";
}

// Prints a verified record; exit 0 if present, 3 if proven absent.
int PrintVerified(Context& ctx, const sdk::VerifiedRecord& v, const std::string& source) {
  Json doc = v.ToJson();
  doc["valid"] = true;
  doc["source"] = source;
  OrderedJson human;
  human["verdict"] = VerdictLine(v);
  human["kind"] = std::string(sdk::BundleKindName(v.kind));
  std::string subject;
  for (const std::string& s : v.subject) subject += (subject.empty() ? "" : " ") + s;
  human["subject"] = subject;
  human["source"] = source == "live" ? "live record (verified reads)" : source + " (offline)";
  human["at_checkpoint"] = OrderedJson(v.verdict);
  human["checkpoint"]["height"] = v.height;
  human["checkpoint"]["time_ms"] = v.time_ms;
  human["checkpoint"]["epoch"] = v.epoch;
  human["checkpoint"]["signers"] = v.signers;
  if (!v.record.is_null()) human["record"] = OrderedJson(v.record);
  ctx.Print(doc, RenderHuman(human));
  return v.present ? kExitOk : kExitNotFound;
}

int VerifyFailed(Context& ctx, const Status& s) {
  if (!ctx.opts.json && ExitCodeFor(s) == kExitInvalid) {
    std::printf("verdict: INVALID: %s\n", s.message().c_str());
  }
  return ctx.Fail(s);
}

struct VerifyOptions {
  std::string bundle;
  std::string qr;
};

int RunVerifyBundle(Context& ctx, const VerifyOptions& o) {
  if (o.bundle.empty() == o.qr.empty()) {
    return ctx.Fail(Status(errors::kUsage,
                           "give --bundle FILE|TEXT or --qr PNG (or a live record: cbec verify "
                           "filing|auth|list-subject|enterprise ...)"));
  }
  auto anchor = ctx.Anchor();
  if (!anchor.ok()) return ctx.Fail(anchor.status());
  Result<sdk::Bundle> bundle = Status(errors::kUsage, "");
  if (!o.qr.empty()) {
    auto text = ReadQr(o.qr);
    if (!text.ok()) return ctx.Fail(text.status());
    bundle = sdk::Bundle::FromText(*text, **anchor);
  } else {
    bundle = LoadBundle(o.bundle, **anchor);
  }
  if (!bundle.ok()) return VerifyFailed(ctx, bundle.status());
  auto v = sdk::VerifyBundle(*bundle, **anchor);
  if (!v.ok()) return VerifyFailed(ctx, v.status());
  return PrintVerified(ctx, *v, o.qr.empty() ? "bundle" : "qr");
}

// A subject's BundleKey errors are the caller's typing, not a lie.
Status CheckSubject(sdk::BundleKind kind, const std::vector<std::string>& subject) {
  auto key = sdk::BundleKey(kind, subject);
  if (!key.ok()) return Status(errors::kUsage, key.status().message());
  return Status::Ok();
}

Result<sdk::Bundle> LiveBundle(Context& ctx, sdk::BundleKind kind,
                               const std::vector<std::string>& subject) {
  CBEC_RETURN_IF_ERROR(CheckSubject(kind, subject));
  CBEC_ASSIGN_OR_RETURN(sdk::Client * client, ctx.Client(/*need_anchor=*/true));
  return client->MakeBundle(kind, subject);
}

int RunVerifyLive(Context& ctx, sdk::BundleKind kind, const std::vector<std::string>& subject) {
  auto bundle = LiveBundle(ctx, kind, subject);
  if (!bundle.ok()) return VerifyFailed(ctx, bundle.status());
  auto anchor = ctx.Anchor();
  if (!anchor.ok()) return ctx.Fail(anchor.status());
  auto v = sdk::VerifyBundle(*bundle, **anchor);
  if (!v.ok()) return VerifyFailed(ctx, v.status());
  return PrintVerified(ctx, *v, "live");
}

// The live-record subcommands: each names its subject its own way.
void AddLiveVerify(CLI::App* verify, Context& ctx) {
  auto right = std::make_shared<std::array<std::string, 2>>();
  auto* filing = verify->add_subcommand("filing", "verify a right's customs filing live");
  filing->add_option("--ip-type", (*right)[0], "trademark, patent or copyright")->required();
  filing->add_option("--reg-no", (*right)[1], "the registration number")->required();
  filing->callback([&ctx, right] {
    ctx.Then([right](Context& c) {
      return RunVerifyLive(c, sdk::BundleKind::kIprFiling, {(*right)[0], (*right)[1]});
    });
  });
  auto auth = std::make_shared<std::array<std::string, 2>>();
  auto* a = verify->add_subcommand("auth", "verify an exporter's authorisation for goods live");
  a->add_option("--exporter", (*auth)[0], "the exporter's USCC")->required();
  a->add_option("--goods", (*auth)[1], "SCHEME:CODE, e.g. nice:25")->required();
  a->callback([&ctx, auth] {
    ctx.Then([auth](Context& c) {
      return RunVerifyLive(c, sdk::BundleKind::kIprAuth, {(*auth)[0], (*auth)[1]});
    });
  });
  for (auto [name, kind, help] : {std::tuple{"list-subject", sdk::BundleKind::kListSubject,
                                             "verify an enterprise's list status live"},
                                  std::tuple{"enterprise", sdk::BundleKind::kEnterprise,
                                             "verify an enterprise's register entry live"}}) {
    auto uscc = std::make_shared<std::string>();
    auto* cmd = verify->add_subcommand(name, help);
    cmd->add_option("uscc", *uscc, "the enterprise's USCC")->required();
    cmd->callback([&ctx, uscc, kind = kind] {
      ctx.Then([uscc, kind](Context& c) { return RunVerifyLive(c, kind, {*uscc}); });
    });
  }
}

struct BundleOptions {
  std::string kind;
  std::vector<std::string> subject;
  std::string out;
  int scale = 4;
};

int RunBundle(Context& ctx, const BundleOptions& o) {
  std::string kind_name = o.kind;
  for (char& c : kind_name) c = c == '-' ? '_' : c;
  auto kind = sdk::ParseBundleKind(kind_name);
  if (!kind.ok()) return ctx.Fail(Status(errors::kUsage, kind.status().message()));
  auto bundle = LiveBundle(ctx, *kind, o.subject);
  if (!bundle.ok()) return VerifyFailed(ctx, bundle.status());
  auto anchor = ctx.Anchor();
  if (!anchor.ok()) return ctx.Fail(anchor.status());
  // Never hand out a bundle that does not verify.
  auto v = sdk::VerifyBundle(*bundle, **anchor);
  if (!v.ok()) return VerifyFailed(ctx, v.status());
  const Bytes binary = bundle->Encode();
  const std::string text = bundle->ToText();
  auto png = sdk::QrPng(text, o.scale);
  if (!png.ok()) return ctx.Fail(png.status());
  const std::string txt_path = o.out + ".txt";
  const std::string png_path = o.out + ".png";
  if (Status s = WriteFile(txt_path, text + "\n"); !s.ok()) return ctx.Fail(s);
  if (Status s = WriteFile(png_path, AsChars(*png)); !s.ok()) return ctx.Fail(s);
  OrderedJson doc;
  doc["kind"] = std::string(sdk::BundleKindName(*kind));
  doc["subject"] = o.subject;
  doc["present"] = v->present;
  doc["height"] = v->height;
  doc["epoch"] = v->epoch;
  doc["binary_bytes"] = binary.size();
  doc["text_chars"] = text.size();
  doc["png_bytes"] = png->size();
  doc["text_file"] = txt_path;
  doc["png_file"] = png_path;
  ctx.Print(Json(doc), RenderHuman(doc));
  return kExitOk;
}

}  // namespace

void RegisterVerify(CLI::App& app, Context& ctx) {
  auto vo = std::make_shared<VerifyOptions>();
  auto* verify = app.add_subcommand(
      "verify", "verify a proof bundle offline, or a live record, against the genesis alone");
  verify->add_option("--bundle", vo->bundle, "the bundle: its text (CB1:...) or a file")
      ->type_name("FILE|TEXT");
  verify->add_option("--qr", vo->qr, "a QR code image of the bundle (read with zbarimg)")
      ->type_name("PNG");
  verify->require_subcommand(0, 1);
  verify->footer(
      "\nExamples:\n"
      "  cbec verify --qr filing.png                 offline: only --genesis is needed\n"
      "  cbec verify --bundle filing.txt\n"
      "  cbec verify filing --ip-type trademark --reg-no 56781234\n"
      "  cbec verify auth --exporter 91440300MA5F00003G --goods nice:25\n"
      "  cbec verify list-subject 91440300MA5F00003G\n"
      "Exit: 0 valid and on record, 3 valid and proven absent, 4 invalid.");
  verify->callback([&ctx, vo, verify] {
    if (!verify->get_subcommands().empty()) return;
    ctx.Then([vo](Context& c) { return RunVerifyBundle(c, *vo); });
  });
  AddLiveVerify(verify, ctx);

  auto bo = std::make_shared<BundleOptions>();
  auto* bundle = app.add_subcommand(
      "bundle", "write a record's proof bundle as PREFIX.txt (text) and PREFIX.png (QR code)");
  bundle->add_option("kind", bo->kind, "ipr-filing, ipr-auth, list-subject or enterprise")
      ->required();
  bundle
      ->add_option("subject", bo->subject,
                   "ipr-filing: IP_TYPE REG_NO; ipr-auth: EXPORTER SCHEME:CODE; "
                   "list-subject, enterprise: USCC")
      ->required();
  bundle->add_option("--out", bo->out, "the output prefix")->required();
  bundle->add_option("--scale", bo->scale, "QR pixels per module")
      ->default_val(4)
      ->check(CLI::Range(1, 32));
  bundle->footer(
      "\nExamples:\n"
      "  cbec bundle ipr-filing trademark 56781234 --out filing\n"
      "  cbec bundle list-subject 91440300MA5F00003G --out subject");
  bundle->callback([&ctx, bo] { ctx.Then([bo](Context& c) { return RunBundle(c, *bo); }); });
}

}  // namespace cbec::cli
