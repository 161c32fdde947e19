// `cbec watch` (commits as they happen) and `cbec status` (every node's
// status and the latest checkpoint, verified against the genesis).
#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>

#include "cbec/sdk/client.h"
#include "cbec/sdk/http.h"
#include "cli.h"

namespace cbec::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop.store(true); }

struct WatchOptions {
  uint64_t from = 0;
  bool from_given = false;
  uint64_t count = 0;  // 0 = until Ctrl-C
};

std::string CommitLine(const sdk::CommitEvent& e) {
  std::string id = e.block_id.substr(0, 16);
  char buf[256];
  std::snprintf(buf, sizeof buf, "height %-8llu block %s  txs %-4llu failed %-3llu %s  %s%s",
                static_cast<unsigned long long>(e.height), id.c_str(),
                static_cast<unsigned long long>(e.tx_count),
                static_cast<unsigned long long>(e.failed), CstDateTime(e.time).c_str(),
                e.node.c_str(), e.filled ? " (filled)" : "");
  return buf;
}

int RunWatch(Context& ctx, const WatchOptions& o) {
  auto client = ctx.Client(/*need_anchor=*/false);
  if (!client.ok()) return ctx.Fail(client.status());
  uint64_t from = o.from;
  if (!o.from_given) {
    auto st = (*client)->NodeStatus();
    if (!st.ok()) return ctx.Fail(st.status());
    from = st->value("height", uint64_t{0}) + 1;
  }
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  uint64_t seen = 0;
  Status s = (*client)->Watch(
      from,
      [&](const sdk::CommitEvent& e) {
        ctx.Print(e.ToJson(), CommitLine(e));
        ++seen;
        return o.count == 0 || seen < o.count;
      },
      &g_stop);
  if (!s.ok()) return ctx.Fail(s);
  return kExitOk;
}

// One node's /v1/status, or why it could not be read.
Json NodeStatusOf(const std::string& node, const sdk::HttpOptions& http) {
  sdk::HttpConnection conn(node, http);
  auto r = conn.Send({.method = "GET", .target = "/v1/status"});
  if (!r.ok()) return {{"node", node}, {"reachable", false}, {"error", r.status().ToString()}};
  Json j = Json::parse(r->body, nullptr, false);
  if (r->status != 200 || !j.is_object()) {
    return {{"node", node}, {"reachable", true}, {"error", "HTTP " + std::to_string(r->status)}};
  }
  Json out = {{"node", node}, {"reachable", true}};
  for (const char* k : {"name", "chain_id", "height", "certified_height", "epoch", "round",
                        "leader", "peers", "mempool", "halted", "halt_reason", "voting"}) {
    if (j.contains(k)) out[k] = j[k];
  }
  return out;
}

Json CheckpointJson(const ledger::CertifiedCheckpoint& cp) {
  const ledger::Checkpoint& c = cp.checkpoint;
  return {{"verified", true},
          {"chain_id", c.chain_id},
          {"height", c.height},
          {"time_ms", c.time},
          {"state_root", c.state_root.ToHex()},
          {"tx_log_root", c.tx_log_root.ToHex()},
          {"tx_count", c.tx_count},
          {"validator_set_hash", c.validator_set_hash.ToHex()},
          {"signatures", cp.signatures.sigs.size()}};
}

// Nodes first, then the checkpoint (JSON keeps its sorted keys).
void PrintStatus(Context& ctx, const Json& doc) {
  OrderedJson h;
  h["nodes"] = OrderedJson(doc["nodes"]);
  if (doc.contains("checkpoint")) h["checkpoint"] = OrderedJson(doc["checkpoint"]);
  ctx.Print(doc, RenderHuman(h));
}

int RunStatus(Context& ctx) {
  sdk::HttpOptions http;
  const auto bound = std::min(ctx.Timeout(), std::chrono::milliseconds(10000));
  http.connect_timeout = bound;
  http.read_timeout = bound;
  Json nodes = Json::array();
  bool any = false;
  for (const std::string& n : ctx.Nodes()) {
    nodes.push_back(NodeStatusOf(n, http));
    any = any || !nodes.back().contains("error");
  }
  Json doc = {{"nodes", nodes}};
  if (!any) {
    if (!ctx.opts.json) PrintStatus(ctx, doc);
    return ctx.Fail(Status(errors::kUnreachable, "no node answered /v1/status"), doc);
  }
  auto anchor = ctx.Anchor();
  // A genesis that was named but cannot be read is an error, not "none".
  if (!anchor.ok() && !ctx.opts.genesis.empty()) return ctx.Fail(anchor.status(), doc);
  if (!anchor.ok()) {
    doc["checkpoint"] = {{"verified", false}, {"why", "no --genesis: nothing to verify against"}};
    PrintStatus(ctx, doc);
    return kExitOk;
  }
  auto client = ctx.Client(/*need_anchor=*/true);
  if (!client.ok()) return ctx.Fail(client.status());
  auto cp = (*client)->VerifiedCheckpoint();
  // A young chain (or one without transactions yet) has none: not an error.
  if (!cp.ok() && cp.status().slug() == "api.checkpoint.not_found") {
    doc["checkpoint"] = {{"verified", false}, {"why", "no certified checkpoint yet"}};
    PrintStatus(ctx, doc);
    return kExitOk;
  }
  if (!cp.ok()) {
    if (!ctx.opts.json) PrintStatus(ctx, doc);
    return ctx.Fail(cp.status(), doc);
  }
  doc["checkpoint"] = CheckpointJson(*cp);
  doc["checkpoint"]["epoch"] = (*client)->light_client().LatestEpoch();
  PrintStatus(ctx, doc);
  return kExitOk;
}

}  // namespace

void RegisterWatchStatus(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<WatchOptions>();
  auto* watch = app.add_subcommand(
      "watch", "stream commits, one line each (JSON lines with --json), until Ctrl-C");
  auto* from = watch->add_option("--from", o->from, "the first height (default: the next one)");
  watch->add_option("--count", o->count, "stop after this many commits (default: never)");
  watch->footer("\nExamples:\n  cbec watch\n  cbec watch --from 1 --count 10 --json");
  watch->callback([&ctx, o, from] {
    o->from_given = from->count() > 0;
    ctx.Then([o](Context& c) { return RunWatch(c, *o); });
  });

  auto* status = app.add_subcommand(
      "status", "each node's status and the latest checkpoint verified against the genesis");
  status->footer(
      "\nExamples:\n  cbec status\n  cbec --node 127.0.0.1:26601 "
      "--node 127.0.0.1:26611 status --json");
  status->callback([&ctx] { ctx.Then([](Context& c) { return RunStatus(c); }); });
}

}  // namespace cbec::cli
