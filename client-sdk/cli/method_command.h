// One subcommand per contract method: its options are named after the
// method's arguments (`--reg-no` for "reg_no"), a typed builder turns them
// into a Call, and the Call is signed and submitted (or only shown with
// --dry-run).
//
// Every method command also takes:
//   --args JSON|@file  the whole argument object (for documents and nested
//                      lists); options given as well replace their field
//   --dry-run          print the call and its canonical argument bytes; sign
//                      and send nothing
//   --no-wait          return once a node accepted the tx (status pending)
//   --valid-for N      blocks the tx stays valid (default 100)
//
// Thread-safety: built and used on the main thread only.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cbec/sdk/builders.h"
#include "cli.h"

namespace cbec::cli {

struct SubmitFlags {
  std::string args;  // --args
  bool dry_run = false;
  bool no_wait = false;
  uint64_t valid_for = 1000;
};

enum class ArgsFlag { kNone, kOptional, kRequired };
// Adds --args (unless kNone), --dry-run, --no-wait, --valid-for to `cmd`,
// bound to `f`.
void AddSubmitFlags(CLI::App* cmd, SubmitFlags& f, ArgsFlag args);

// Signs and submits `call` (or prints it with --dry-run); prints the receipt.
// Exit: 0 committed OK (or pending with --no-wait), 1 committed with a
// contract error, else the error's code.
int SubmitCall(Context& ctx, const SubmitFlags& f, const Result<sdk::Call>& call);

// "contract.method" -> the CLI command that builds it ("cbec ipr file").
std::map<std::string, std::string>& CommandIndex();

class MethodCommand {
 public:
  // A subcommand of `parent` named `name` (default: the method, dashed).
  MethodCommand(CLI::App* parent, Context& ctx, std::string contract, std::string method,
                std::string help, std::string name = "");

  CLI::App* app() const { return app_; }

  // --<dashed key> bound to `target`, for the argument `key`. A required
  // field may be left out only when --args gives the arguments.
  template <class T>
  CLI::Option* Field(const std::string& key, T& target, const std::string& help,
                     bool required = false) {
    return Bind(
        app_->add_option("--" + Dashed(key), target, help + (required ? " [required]" : "")), key,
        required);
  }
  // A list argument: the option repeated or comma-separated.
  CLI::Option* List(const std::string& key, std::vector<std::string>& target,
                    const std::string& help, bool required = false) {
    return Field(key, target, help, required)->delimiter(',');
  }
  // Any option of app() that sets the argument `key` (e.g. --reject sets
  // "approve"; --goods nice:25:Footwear sets "goods").
  CLI::Option* Bind(CLI::Option* option, const std::string& key, bool required = false);

  // The arguments come only from --args (nested documents, rule tables).
  void ArgsOnly() { app_->get_option("--args")->required(); }

  // Examples shown under --help.
  void Examples(const std::string& text);

  // Sets the builder (options -> Call) and registers the callback. `wrap`
  // turns the built call into the one submitted (gov propose wraps a
  // governed action); default: none.
  void Build(std::function<Result<sdk::Call>()> build,
             std::function<Result<sdk::Call>(sdk::Call)> wrap = nullptr);
  // --dry-run / --no-wait / --valid-for given to the parent command (before
  // this subcommand's name) count as given here too.
  void InheritFlags(std::shared_ptr<const SubmitFlags> parent) {
    parent_flags_ = std::move(parent);
  }

 private:
  struct FieldInfo {
    CLI::Option* option;
    std::string key;
    bool required;
  };
  Result<sdk::Call> MakeCall() const;

  Context& ctx_;
  CLI::App* app_;
  std::string contract_;
  std::string method_;
  std::vector<FieldInfo> fields_;
  std::shared_ptr<SubmitFlags> flags_;
  std::shared_ptr<const SubmitFlags> parent_flags_;
  std::function<Result<sdk::Call>()> build_;
  std::function<Result<sdk::Call>(sdk::Call)> wrap_;
};

// Keeps MethodCommands alive for the program's life (CLI11 holds only
// callbacks that point into them).
MethodCommand& NewMethod(CLI::App* parent, Context& ctx, std::string contract, std::string method,
                         std::string help, std::string name = "");

// A group subcommand ("cbec ipr") that requires one of its subcommands;
// `examples` are shown under its --help.
CLI::App* Group(CLI::App& app, const std::string& name, const std::string& help,
                const std::string& examples);

// A digest option: 64 hex digits as given, or "file:PATH" for the chain
// suite's digest (SHA-256 or SM3) of the file's bytes. kUsage / kLocalFile.
Result<std::string> DigestArg(Context& ctx, std::string_view option, const std::string& text);

using WrapFn = std::function<Result<sdk::Call>(sdk::Call)>;
// The governed actions of credit and lists (set-scale, set-composite-rule,
// set-measures) and of clearance (set-limits) as `gov propose` subcommands;
// `wrap` turns an action into its proposal. `parent` holds propose's flags.
void RegisterGovernedCredit(CLI::App* propose, Context& ctx, const WrapFn& wrap,
                            const std::shared_ptr<const SubmitFlags>& parent);
void RegisterGovernedCustoms(CLI::App* propose, Context& ctx, const WrapFn& wrap,
                             const std::shared_ptr<const SubmitFlags>& parent);

// Today's date (UTC, as block time reads it): "YYYY-MM-DD".
std::string TodayUtc();

// A public key option: hex as given, or the path of a keystore whose public
// key to take (no passphrase needed). kUsage / the keystore's error.
Result<std::string> PublicKeyArg(std::string_view option, const std::string& text);
Result<std::vector<std::string>> PublicKeysArg(std::string_view option,
                                               const std::vector<std::string>& texts);

}  // namespace cbec::cli
