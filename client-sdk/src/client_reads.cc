// sdk::Client plain reads (the answering node is trusted) and Watch.
#include <thread>

#include "cbec/ledger/json.h"
#include "client_internal.h"
#include "http_internal.h"

namespace cbec::sdk {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

HttpRequest GetRequest(std::string target) {
  HttpRequest req;
  req.target = std::move(target);
  return req;
}

// "?k1=v1&k2=v2", values %-encoded.
std::string QueryString(std::initializer_list<std::pair<const char*, std::string>> params) {
  std::string out;
  for (const auto& [k, v] : params) {
    out += (out.empty() ? "?" : "&") + std::string(k) + "=" + UrlEncode(v);
  }
  return out;
}

}  // namespace

Result<Json> Client::Query(const std::string& contract, const std::string& query, const Json& args,
                           const Signer* reader) {
  HttpRequest req;
  req.method = "POST";
  req.target = "/v1/query/" + UrlEncode(contract) + "/" + UrlEncode(query);
  req.body = args.dump();
  return JsonCall(std::move(req), reader);
}

Result<Json> Client::Get(const std::string& target, const Signer* reader) {
  return JsonCall(GetRequest(target), reader);
}

Result<Json> Client::CreditRecord(const std::string& uscc, const Signer* reader) {
  return Get("/v1/credit/" + UrlEncode(uscc), reader);
}
Result<Json> Client::ListSubject(const std::string& uscc, const Signer* reader) {
  return Get("/v1/lists/subjects/" + UrlEncode(uscc), reader);
}
Result<Json> Client::Enterprise(const std::string& uscc, const Signer* reader) {
  return Get("/v1/enterprises/" + UrlEncode(uscc), reader);
}
Result<Json> Client::IprFiling(const std::string& ip_type, const std::string& reg_no) {
  return Get("/v1/ipr/filing" + QueryString({{"ip_type", ip_type}, {"reg_no", reg_no}}));
}
Result<Json> Client::IprCheck(const std::string& scheme, const std::string& code,
                              const std::string& exporter) {
  return Get("/v1/ipr/check" +
             QueryString({{"scheme", scheme}, {"code", code}, {"exporter", exporter}}));
}
Result<Json> Client::TraceEvent(const std::string& id, const Signer* reader) {
  return Get("/v1/trace/event" + QueryString({{"id", id}}), reader);
}
Result<Json> Client::TraceHistory(const std::string& epc, const Signer* reader) {
  return Get("/v1/trace/history" + QueryString({{"epc", epc}}), reader);
}
Result<Json> Client::ClearanceOrder(const std::string& direction, const std::string& ebp_code,
                                    const std::string& order_no, const Signer* reader) {
  return Get("/v1/clearance/orders/" + UrlEncode(direction) + "/" + UrlEncode(ebp_code) + "/" +
                 UrlEncode(order_no),
             reader);
}
Result<Json> Client::Account(const std::string& account_hex) {
  return Get("/v1/accounts/" + UrlEncode(account_hex));
}
Result<Json> Client::Proposal(uint64_t id) { return Get("/v1/proposals/" + std::to_string(id)); }

Result<Json> Client::NodeStatus() { return Get("/v1/status"); }
Result<Json> Client::Block(uint64_t height) { return Get("/v1/blocks/" + std::to_string(height)); }
Result<Json> Client::LatestBlock() { return Get("/v1/blocks/latest"); }
Result<Json> Client::TxStatus(const std::string& tx_hash) {
  return Get("/v1/tx/" + UrlEncode(tx_hash));
}

// ---- Watch ----

namespace {

Result<CommitEvent> EventFromJson(const Json& j, std::string node, bool filled) {
  auto u64 = [&](const char* key, uint64_t& out) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_unsigned()) return false;
    out = it->get<uint64_t>();
    return true;
  };
  CommitEvent ev;
  ev.node = std::move(node);
  ev.filled = filled;
  bool ok = j.is_object() && u64("height", ev.height) && u64("time", ev.time) &&
            u64("tx_count", ev.tx_count);
  // Events say "failed" and "block_id"; blocks say "failed_txs" and "id".
  ok = ok && (u64("failed", ev.failed) || u64("failed_txs", ev.failed));
  auto id = j.find(filled ? "id" : "block_id");
  if (!ok || id == j.end() || !id->is_string()) {
    return Status(errors::kBadResponse, ev.node +
                                            ": a commit event without height, time, "
                                            "tx_count, failed or block id");
  }
  ev.block_id = id->get<std::string>();
  return ev;
}

}  // namespace

// One Watch session: delivers heights in order from `next`, filling gaps.
struct WatchState {
  uint64_t next = 0;
  bool stopped = false;
};

Status Client::Watch(uint64_t from_height, const std::function<bool(const CommitEvent&)>& on_commit,
                     std::atomic<bool>* stop) {
  WatchState st{from_height, false};
  auto stopping = [&] { return st.stopped || (stop != nullptr && stop->load()); };
  // Hands events (and the blocks of any gap before them) to the callback.
  auto deliver = [&](const CommitEvent& ev) -> Status {
    while (st.next < ev.height && !stopping()) {
      CBEC_ASSIGN_OR_RETURN(Json block, Block(st.next));
      CBEC_ASSIGN_OR_RETURN(CommitEvent filled, EventFromJson(block, nodes_[Preferred()], true));
      if (!on_commit(filled)) st.stopped = true;
      st.next = filled.height + 1;
    }
    if (ev.height == st.next && !stopping()) {
      if (!on_commit(ev)) st.stopped = true;
      st.next = ev.height + 1;
    }
    return Status::Ok();
  };
  auto last_contact = Clock::now();
  size_t node = Preferred();
  Status last_error;
  while (!stopping()) {
    HttpOptions http = options_.http;
    http.read_timeout = std::max(http.read_timeout, std::chrono::milliseconds(30000));
    SseReader reader(nodes_[node], "/v1/events", http);
    std::optional<std::string> resume;
    if (st.next > 0) resume = std::to_string(st.next - 1);
    Status s = reader.Open(resume);
    while (s.ok() && !stopping()) {
      last_contact = Clock::now();
      Result<std::optional<SseEvent>> ev = reader.Next(std::chrono::milliseconds(200));
      if (!ev.ok()) {
        s = ev.status();
        break;
      }
      if (!ev->has_value() || (*ev)->event != "commit")
        continue;  // "gap": filled on the next commit
      Result<Json> data = ledger::ParseJson((*ev)->data);
      if (!data.ok()) {
        s = Status(errors::kBadResponse, nodes_[node] + ": commit event is not JSON");
        break;
      }
      Result<CommitEvent> commit = EventFromJson(*data, nodes_[node], false);
      s = commit.ok() ? deliver(*commit) : commit.status();
    }
    if (stopping()) break;
    last_error = s;
    if (Clock::now() - last_contact > options_.watch_give_up) {
      return Status(errors::kUnreachable, "watch gave up: " + last_error.ToString());
    }
    node = (node + 1) % nodes_.size();  // fail over, resuming where we were
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return Status::Ok();
}

}  // namespace cbec::sdk
