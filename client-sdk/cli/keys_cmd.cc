// `cbec keys new|show|account`: keystores and the accounts they sign for.
#include <CLI/CLI.hpp>

#include "cbec/crypto/suite.h"
#include "cbec/sdk/client.h"
#include "cbec/sdk/keys.h"
#include "cli.h"

namespace cbec::cli {
namespace {

struct NewKeyOptions {
  std::string out;
  std::string suite;  // "" = the genesis' suite, else standard
  bool insecure_fast = false;
  bool overwrite = false;
};

Result<crypto::Suite> SuiteFor(Context& ctx, const std::string& name) {
  if (!name.empty()) {
    auto s = crypto::ParseSuite(name);
    if (!s.ok()) return Status(errors::kUsage, "--suite: " + s.status().ToString());
    return *s;
  }
  auto anchor = ctx.Anchor();
  return anchor.ok() ? (*anchor)->suite : crypto::Suite::kStandard;
}

int RunNew(Context& ctx, const NewKeyOptions& o) {
  if (ctx.opts.passphrase_file.empty()) {
    return ctx.Fail(Status(errors::kUsage,
                           "give --passphrase-file FILE: the new keystore's "
                           "passphrase (its first line)"));
  }
  auto pass = sdk::ReadPassphraseFile(ctx.opts.passphrase_file);
  if (!pass.ok()) return ctx.Fail(pass.status());
  auto suite = SuiteFor(ctx, o.suite);
  if (!suite.ok()) return ctx.Fail(suite.status());
  crypto::PrivateKey key = sdk::GenerateKey(*suite);
  sdk::SaveKeyOptions so;
  so.overwrite = o.overwrite;
  if (o.insecure_fast) so.keystore = crypto::KeystoreOptions::InsecureFastForTests();
  Status saved = sdk::SaveKey(o.out, key, *pass, so);
  // SaveKey refuses an existing file with kBadArgs; for the CLI that is a
  // local file problem, not a usage error.
  if (saved.Is(errors::kBadArgs)) saved = Status(errors::kLocalFile, saved.message());
  if (!saved.ok()) return ctx.Fail(saved.WithContext("--out '" + o.out + "'"));
  Json doc = sdk::DescribeKey(key.public_key()).ToJson();
  doc["keystore"] = o.out;
  ctx.PrintRecord(doc);
  return kExitOk;
}

std::string KeystoreArg(const Context& ctx, const std::string& file) {
  return file.empty() ? ctx.opts.key : file;
}

int RunShow(Context& ctx, const std::string& file) {
  const std::string path = KeystoreArg(ctx, file);
  if (path.empty()) return ctx.Fail(Status(errors::kNoKey, "name a keystore (or give --key)"));
  auto info = sdk::InspectKeystore(path);
  if (!info.ok()) return ctx.Fail(info.status().WithContext("'" + path + "'"));
  Json doc = info->ToJson();
  doc["keystore"] = path;
  ctx.PrintRecord(doc);
  return kExitOk;
}

int RunAccount(Context& ctx, const std::string& file, bool on_chain) {
  const std::string path = KeystoreArg(ctx, file);
  if (path.empty()) return ctx.Fail(Status(errors::kNoKey, "name a keystore (or give --key)"));
  auto info = sdk::InspectKeystore(path);
  if (!info.ok()) return ctx.Fail(info.status().WithContext("'" + path + "'"));
  std::string id = ctx.opts.account.empty() ? info->derived_account.ToHex() : ctx.opts.account;
  if (!on_chain) {
    ctx.Print(Json{{"account_id", id}}, id);
    return kExitOk;
  }
  auto client = ctx.Client(/*need_anchor=*/false);
  if (!client.ok()) return ctx.Fail(client.status());
  auto record = (*client)->Account(id);
  if (!record.ok()) return ctx.Fail(record.status());
  ctx.PrintRecord(*record);
  return kExitOk;
}

}  // namespace

void RegisterKeys(CLI::App& app, Context& ctx) {
  auto* keys = app.add_subcommand("keys", "generate keystores; show their public key and account");
  keys->require_subcommand(1);
  keys->footer(
      "\nExamples:\n  cbec keys new --out me.key.json --passphrase-file pass\n"
      "  cbec keys show me.key.json\n  cbec keys account me.key.json");

  auto n = std::make_shared<NewKeyOptions>();
  auto* cmd_new = keys->add_subcommand(
      "new", "generate a key into a new passphrase-encrypted keystore (uses --passphrase-file)");
  cmd_new->add_option("--out", n->out, "the keystore file to write")->required();
  cmd_new
      ->add_option("--suite", n->suite,
                   "standard (Ed25519) or guomi (SM2); default: the genesis' suite")
      ->check(CLI::IsMember({"standard", "guomi"}));
  cmd_new->add_flag("--overwrite", n->overwrite, "replace an existing file (the old key is lost)");
  cmd_new->add_flag("--insecure-fast", n->insecure_fast,
                    "minimal Argon2id work: tests and throwaway networks only");
  cmd_new->footer("\nExample:\n  cbec keys new --out me.key.json --passphrase-file pass");
  cmd_new->callback([&ctx, n] { ctx.Then([n](Context& c) { return RunNew(c, *n); }); });

  auto show_file = std::make_shared<std::string>();
  auto* cmd_show = keys->add_subcommand(
      "show", "the public key, account id and suite of a keystore (no passphrase needed)");
  cmd_show->add_option("keystore", *show_file, "the keystore (default: --key)");
  cmd_show->footer("\nExample:\n  cbec keys show me.key.json");
  cmd_show->callback(
      [&ctx, show_file] { ctx.Then([show_file](Context& c) { return RunShow(c, *show_file); }); });

  auto acct_file = std::make_shared<std::string>();
  auto on_chain = std::make_shared<bool>(false);
  auto* cmd_acct = keys->add_subcommand(
      "account", "the account id a keystore signs for; --on-chain shows its governance record");
  cmd_acct->add_option("keystore", *acct_file, "the keystore (default: --key)");
  cmd_acct->add_flag("--on-chain", *on_chain,
                     "read the account from a node: organisation, roles, keys, next nonce");
  cmd_acct->footer(
      "\nExamples:\n  cbec keys account me.key.json\n"
      "  cbec --key me.key.json keys account --on-chain");
  cmd_acct->callback([&ctx, acct_file, on_chain] {
    ctx.Then([acct_file, on_chain](Context& c) { return RunAccount(c, *acct_file, *on_chain); });
  });
}

}  // namespace cbec::cli
