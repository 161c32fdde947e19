// The `cbec` command-line tool: what every command file shares.
//
// main.cc builds one CLI11 tree; each command file adds its subcommands with
// a Register* function. A subcommand's callback only records what to run
// (Context::Then); main runs it after parsing, so a usage error is always
// found before anything touches the network or a key.
//
// Output: human-readable by default (aligned "key: value" lines), exactly one
// JSON document with --json (JSON lines for `watch`). Errors go to stderr as
// "error: <slug> (<code>): message", and with --json also to stdout as
// {"error": {"code", "slug", "message"}}. Exit codes are Exit below
// (docs/cli.md).
//
// Thread-safety: single-threaded (the SDK's Client may use threads inside).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/status.h"
#include "cbec/sdk/errors.h"
#include "cbec/sdk/keys.h"
#include "cbec/sdk/light_client.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace cbec::sdk {
class Client;
}

namespace cbec::cli {

using Json = nlohmann::json;
// Keeps keys in insertion order: for human output that reads top-down.
using OrderedJson = nlohmann::ordered_json;

// Exit codes: stable, documented in docs/cli.md and `cbec --help`.
enum Exit : int {
  kExitOk = 0,
  kExitFailed = 1,    // the tx committed but failed, or the node answered an error
  kExitUsage = 2,     // bad command line or arguments
  kExitNotFound = 3,  // not found / not on record (a verified absence)
  kExitInvalid = 4,   // verification failed: an invalid bundle or a lying node
  kExitNetwork = 5,   // no node reachable, timeout, an answer that is not the API's
  kExitLocal = 6,     // local files and keys: unreadable, wrong passphrase
};

// CLI error kinds: sdk/errors.h, 4090-4099 (kUsage, kLocalFile, kQrDecode).
namespace errors = sdk::errors;

// The exit code for a failed Status (kExitOk for an OK one).
int ExitCodeFor(const Status& s);

// The global options (main.cc binds them; env variables fill the gaps).
struct GlobalOptions {
  std::vector<std::string> nodes;  // --node (repeatable), $CBEC_NODES
  std::string genesis;             // --genesis, $CBEC_GENESIS
  std::string key;                 // --key, $CBEC_KEY
  std::string passphrase_file;     // --passphrase-file, $CBEC_PASSPHRASE_FILE
  std::string account;             // --account: a key added to another account
  bool json = false;               // --json
  double timeout_s = 30;           // --timeout
};

class Context {
 public:
  GlobalOptions opts;

  // Records the command to run after parsing (the last one wins).
  void Then(std::function<int(Context&)> action) { action_ = std::move(action); }
  bool has_action() const { return static_cast<bool>(action_); }
  // Runs the recorded command; its exit code. Catches anything thrown.
  int Run();

  // The nodes to talk to (the default when none was given).
  std::vector<std::string> Nodes() const;
  std::chrono::milliseconds Timeout() const;

  // The trust anchor from --genesis (or the default path); loaded once.
  // kUsage if no genesis was given and no default exists.
  Result<const sdk::TrustAnchor*> Anchor();
  // The signer from --key/--passphrase-file (+ --account); loaded once.
  // kNoKey if no key was given.
  Result<sdk::Signer> LoadSigner();
  bool HasKey() const { return !opts.key.empty(); }
  // The SDK client over Nodes(), with the light client of Anchor() when a
  // genesis is known; built once. `need_anchor` fails without a genesis.
  Result<sdk::Client*> Client(bool need_anchor);

  // ---- output ----
  // Prints `doc` (JSON mode) or `human` lines (human mode) on stdout.
  void Print(const Json& doc, const std::string& human) const;
  // Prints `doc` as one JSON document, or rendered as aligned key: value lines.
  void PrintRecord(const Json& doc) const;
  // Reports `s` on stderr (and stdout with --json, with the fields of
  // `extra` beside "error"); returns ExitCodeFor(s).
  int Fail(const Status& s, const Json& extra = Json::object()) const;

 private:
  std::function<int(Context&)> action_;
  std::optional<sdk::TrustAnchor> anchor_;
  std::optional<sdk::Signer> signer_;
  std::shared_ptr<sdk::Client> client_;
};

// ---- human rendering (output.cc) ----

// "2026-05-04 14:00:00 CST" for ms since the Unix epoch (China Standard Time,
// UTC+8, the calendar every contract uses).
std::string CstDateTime(uint64_t ms);
// Aligned "key: value" lines of a JSON object, nested objects indented; a
// number under a key ending in "_ms" or named "time" gets its CST date.
std::string RenderHuman(const Json& doc);
std::string RenderHuman(const OrderedJson& doc);

// ---- shared helpers (util.cc) ----

// `text` as JSON, or the JSON in the file "@path". kUsage / kLocalFile.
Result<Json> ParseJsonArg(std::string_view option, const std::string& text);
// The whole file. kLocalFile naming `path`.
Result<std::string> ReadFile(const std::string& path);
// Writes `data` to `path` (replacing it). kLocalFile naming `path`.
Status WriteFile(const std::string& path, std::string_view data);
// "review_renewal" -> "review-renewal".
std::string Dashed(std::string_view name);
// "a,b,,c" -> {"a", "b", "c"}.
std::vector<std::string> SplitList(std::string_view text, char sep = ',');

// ---- registration (one per command file) ----
void RegisterKeys(CLI::App& app, Context& ctx);
void RegisterTx(CLI::App& app, Context& ctx);               // generic tx, gov, enterprise
void RegisterCreditCommands(CLI::App& app, Context& ctx);   // credit, lists
void RegisterIprCommands(CLI::App& app, Context& ctx);      // ipr
void RegisterCustomsCommands(CLI::App& app, Context& ctx);  // trace, clearance
void RegisterQuery(CLI::App& app, Context& ctx);            // query + named reads
void RegisterVerify(CLI::App& app, Context& ctx);           // verify, bundle
void RegisterWatchStatus(CLI::App& app, Context& ctx);      // watch, status

}  // namespace cbec::cli
