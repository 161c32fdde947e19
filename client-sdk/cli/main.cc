// cbec: the cbec-ledger client. Keys, every domain operation, queries,
// proof verification (bundles and live records), proof bundles as text and
// QR codes, a commit stream and the network's status. docs/cli.md is the
// manual; `cbec <command> --help` the reference.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>

#include "cli.h"

namespace {

constexpr const char* kExitCodes = R"(Exit codes:
  0  success
  1  the transaction committed but failed (receipt code != 0), or the node
     answered the query with an error
  2  usage: a bad command line or argument
  3  not found / not on record (a verified absence)
  4  verification failed: an invalid bundle or a lying node
  5  network: no node reachable, a timeout, an answer that is not the API's
  6  local files and keys: unreadable file, wrong passphrase
Errors print "error: <slug> (<code>): message" on stderr (and
{"error": {...}} on stdout with --json).)";

constexpr const char* kEnvironment = R"(Environment:
  CBEC_NODES            default for --node (comma-separated host:port list)
  CBEC_GENESIS          default for --genesis
  CBEC_KEY              default for --key
  CBEC_PASSPHRASE_FILE  default for --passphrase-file)";

constexpr const char* kExamples = R"(Examples:
  cbec keys new --out me.key.json --passphrase-file pass
  cbec --key me.key.json --passphrase-file pass ipr file --ip-type trademark \
       --reg-no 56781234 --holder 91440300MA5F00001A --goods nice:25:Footwear ...
  cbec ipr filing --ip-type trademark --reg-no 56781234
  cbec bundle ipr-filing trademark 56781234 --out filing
  cbec verify --qr filing.png          (offline: needs only --genesis)
  cbec status --json)";

void AddGlobalOptions(CLI::App& app, cbec::cli::GlobalOptions& o) {
  app.add_option("--node", o.nodes,
                 "a node's API host:port; repeat (or comma-separate) for fail-over "
                 "(default 127.0.0.1:26601)")
      ->envname("CBEC_NODES")
      ->delimiter(',')
      ->type_name("HOST:PORT");
  app.add_option("--genesis", o.genesis,
                 "the genesis file: the trust anchor of every verification "
                 "(default: network-configs/local/net/genesis.json when present)")
      ->envname("CBEC_GENESIS")
      ->type_name("FILE");
  app.add_option("--key", o.key, "the signer's keystore")->envname("CBEC_KEY")->type_name("FILE");
  app.add_option("--passphrase-file", o.passphrase_file, "the keystore's passphrase (first line)")
      ->envname("CBEC_PASSPHRASE_FILE")
      ->type_name("FILE");
  app.add_option("--account", o.account,
                 "the account the key signs for, when the key was added to an existing "
                 "account (default: the key's own account id)")
      ->type_name("HEX40");
  app.add_flag("--json", o.json, "print one JSON document (JSON lines for watch)");
  app.add_option("--timeout", o.timeout_s, "seconds to wait for a commit or an answer")
      ->default_val(30)
      ->check(CLI::Range(0.1, 86400.0))
      ->type_name("SECONDS");
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  cbec::cli::Context ctx;
  CLI::App app{"cbec: the cbec-ledger client (keys, transactions, queries, proofs)", "cbec"};
  // Global options may also follow a subcommand: unknown options fall back
  // to the parent (subcommands inherit this).
  app.fallthrough();
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("cbec ") + CBEC_VERSION);
  AddGlobalOptions(app, ctx.opts);

  cbec::cli::RegisterKeys(app, ctx);
  cbec::cli::RegisterTx(app, ctx);
  cbec::cli::RegisterCreditCommands(app, ctx);
  cbec::cli::RegisterIprCommands(app, ctx);
  cbec::cli::RegisterCustomsCommands(app, ctx);
  cbec::cli::RegisterQuery(app, ctx);
  cbec::cli::RegisterVerify(app, ctx);
  cbec::cli::RegisterWatchStatus(app, ctx);
  // Set last, so subcommands do not inherit it.
  app.footer(std::string("\n") + kExamples + "\n\n" + kEnvironment + "\n\n" + kExitCodes);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return ctx.Fail(cbec::Status(cbec::sdk::errors::kUsage,
                                 std::string(e.what()) + " (run with --help for usage)"));
  }
  return ctx.Run();
}
