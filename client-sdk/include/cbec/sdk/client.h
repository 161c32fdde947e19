// sdk::Client: one object through which an application writes to, reads
// from and verifies a cbec-ledger network (docs/api.md is the wire).
//
//   TrustAnchor anchor = *TrustAnchor::Load("genesis.json");
//   Client client({"10.0.0.1:26601", "10.0.0.2:26601"}, anchor);
//   Signer me = *LoadSignerWithPassphraseFile("me.key.json", "passphrase");
//   Result<Receipt> r = client.Submit(me, ipr::File{...}.ToCall());
//   Result<ProvenState> p = client.ProveState(key);   // verified, or an error
//
// Nodes and fail-over. Every call tries the nodes in order, starting with the
// last one that answered, and moves on after a transport error (kUnreachable)
// or a 5xx answer. A 4xx answer is the answer: it comes back as
// Status::Remote(code, slug, ...) from the node's {"error": {...}} body, so
// callers test `s.Is(...)` / `s.slug() == "ipr.already_filed"` as for local
// errors, and RemoteHttpStatus(s) gives the HTTP status. When every node
// failed, the last failure is returned (kUnreachable naming each node's
// cause, or the last 5xx as Status::Remote).
//
// What is trusted. Plain reads (Query, Block, TxStatus, ...) trust the node
// that answered. Verified reads (VerifiedCheckpoint, ProveState, ProveTx,
// CheckConsistency, MakeBundle) trust only the anchor: the answer is checked
// by the Client's LightClient, which follows epoch changes it fetches from
// GET /v1/epochs/{e}. A node whose answer fails verification is NOT failed
// over: its lie is the result (the light client's kind: kBadProof, kForked,
// kStale, kUntrustedCheckpoint, kWrongChain, kValueMismatch, ...), with the
// node's address in the message, because silently asking another node would
// hide the evidence.
//
// Transactions. Submit builds the Tx (chain id from the anchor; nonce from
// GET /v1/accounts/{id} the first time a signer is used, then counted
// locally, refreshed and retried once on mempool.stale_nonce /
// mempool.nonce_conflict / auth.bad_nonce), signs it and POSTs it. A
// transaction that committed but failed in its contract is NOT an error
// Status: it is a Receipt with code != 0 and the contract's slug (its nonce
// was consumed); Receipt::ToStatus() turns it into one when the caller wants.
//
// Thread-safety: every method may be called from several threads at once.
// Each node has a small pool of keep-alive connections under a mutex: a call
// takes an idle connection (or opens one), uses it without holding the lock,
// and puts it back. Nonce counters and the light client have their own locks;
// two threads submitting for one signer get distinct consecutive nonces.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/crypto/hash.h"
#include "cbec/crypto/merkle.h"
#include "cbec/ledger/checkpoint.h"
#include "cbec/ledger/receipt.h"
#include "cbec/ledger/state_tree.h"
#include "cbec/ledger/tx.h"
#include "cbec/sdk/builders_call.h"
#include "cbec/sdk/bundle.h"
#include "cbec/sdk/errors.h"
#include "cbec/sdk/http.h"
#include "cbec/sdk/keys.h"
#include "cbec/sdk/light_client.h"

namespace cbec::sdk {

struct ClientOptions {
  HttpOptions http;
  // Between two polls of GET /v1/tx/{hash} while waiting for a commit.
  // Default: 200 ms.
  std::chrono::milliseconds poll_interval{200};
  // Idle keep-alive connections kept per node. Default: 4.
  size_t max_idle_connections = 4;
  // Watch: how long to keep trying when no node can be reached before
  // returning kUnreachable. Default: 30 s.
  std::chrono::milliseconds watch_give_up{30000};
  // Wall clock for signed reads, ms since the Unix epoch (a node refuses a
  // request more than 5 minutes off its clock). Default: the system clock.
  std::function<uint64_t()> now_ms;
};

struct SubmitOptions {
  // Wait until the transaction committed and return its receipt; otherwise
  // return as soon as a node accepted it (Receipt::committed == false).
  // Default: true.
  bool wait = true;
  // Bound on the wait. Default: 30 s. On expiry: kTimeout, with the tx hash
  // in the message so the caller can look later (TxStatus / WaitForCommit).
  std::chrono::milliseconds timeout{30000};
  // The tx expires this many blocks after the node's current height (as
  // `cbec-node tx --valid-for`). A busy local network makes dozens of
  // blocks a second, so a short window can expire while the tx is relayed.
  // Default: 1000.
  uint64_t valid_for_blocks = 1000;
};

// What happened to a transaction.
struct Receipt {
  std::string hash;        // the tx hash, 64 hex digits
  bool committed = false;  // false: accepted into a mempool, not yet committed
  uint64_t height = 0;     // of the block that holds it (committed only)
  uint32_t index = 0;      // within that block
  uint32_t code = 0;       // 0 = success, else the contract's error code
  std::string slug = "ok";
  Bytes result;      // the method's canonical return value (success only)
  std::string node;  // the node that answered

  bool ok() const { return committed && code == 0; }
  // OK for a successful commit, Status::Remote(code, slug) for a failed one,
  // kTimeout (naming the hash) while not committed.
  Status ToStatus() const;
  // The result as a big-endian u64 (proposal ids). kBadResponse unless 8 bytes.
  Result<uint64_t> ResultU64() const;
  // The result as text: the raw UTF-8 bytes contracts return for ids (list
  // entries, repair applications, seizures; trace.capture: event ids, one a
  // line). kBadResponse unless it is UTF-8.
  Result<std::string> ResultString() const;
  std::string ResultHex() const;
  // {"hash", "status": "committed"|"pending", "height", "index", "code",
  //  "slug", "result" (hex), "node"}.
  nlohmann::json ToJson() const;
};

// One committed block, as GET /v1/events (or /v1/blocks/{h} to fill a gap)
// tells it.
struct CommitEvent {
  uint64_t height = 0;
  std::string block_id;
  uint64_t tx_count = 0;
  uint64_t failed = 0;
  uint64_t time = 0;    // ms since the Unix epoch
  bool filled = false;  // read from /v1/blocks to fill a gap in the stream
  std::string node;
  nlohmann::json ToJson() const;
};

// A record (or its absence) at a checkpoint the light client verified.
struct ProvenState {
  Bytes key;
  std::optional<Bytes> value;  // nullopt: proven absent
  ledger::StateProof proof;
  ledger::CertifiedCheckpoint checkpoint;
  std::string node;
};

// A transaction proven to be in the certified history.
struct ProvenTx {
  crypto::Hash hash;
  ledger::SignedTx signed_tx;
  uint64_t leaf_index = 0;
  crypto::MerkleProof audit_path;
  ledger::CertifiedCheckpoint checkpoint;
  // The node's receipt for it: NOT covered by the proof (docs/api.md).
  nlohmann::json receipt;
  std::string node;
};

// The HTTP status of a Status::Remote this Client produced (0 for others).
unsigned RemoteHttpStatus(const Status& s);

class Client {
 public:
  // REQUIRES: !nodes.empty(); each "host:port" (a bad one fails its calls
  // with kBadAddress and is skipped over).
  Client(std::vector<std::string> nodes, TrustAnchor anchor, ClientOptions options = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  const TrustAnchor& anchor() const { return anchor_; }
  const std::vector<std::string>& nodes() const { return nodes_; }
  // The light client behind the verified reads (shared by all of them).
  LightClient& light_client() { return light_; }

  // ---- transactions ----

  // Encodes, signs and submits `call` for `signer` (see the header comment).
  // Errors: kBadArgs (args do not fit the method, or a governed method not
  // wrapped in gov::Propose), a node's refusal as Status::Remote (400
  // mempool.*, tx.*), kUnreachable, kTimeout (wait ran out; the hash is in
  // the message).
  Result<Receipt> Submit(const Signer& signer, const Call& call, const SubmitOptions& opts = {});
  Result<Receipt> Submit(const Signer& signer, std::string contract, std::string method,
                         nlohmann::json args, const SubmitOptions& opts = {});
  // Submits pre-signed bytes as they are (no nonce handling, no retry).
  Result<Receipt> SubmitSigned(const ledger::SignedTx& stx, const SubmitOptions& opts = {});
  // Builds and signs without sending (reserves the signer's next nonce).
  Result<ledger::SignedTx> SignCall(const Signer& signer, const Call& call,
                                    const SubmitOptions& opts = {});
  // Polls GET /v1/tx/{hash} until committed. kTimeout after `timeout`.
  Result<Receipt> WaitForCommit(const std::string& tx_hash, std::chrono::milliseconds timeout);
  // Forgets the signer's local nonce count (the next Submit asks the node).
  void ResetNonce(const ledger::AccountId& account);

  // ---- plain reads (trust the answering node) ----

  // POST /v1/query/{contract}/{query} with `args`; with `reader`, a signed
  // read (ledger/read_request.h). The answer is the query's JSON (with
  // "_height"). 401 auth.reader_required etc. as Status::Remote.
  Result<nlohmann::json> Query(const std::string& contract, const std::string& query,
                               const nlohmann::json& args = nlohmann::json::object(),
                               const Signer* reader = nullptr);
  // GET `target` (a named route, "/v1/..."), signed when `reader` is given.
  Result<nlohmann::json> Get(const std::string& target, const Signer* reader = nullptr);

  // Thin wrappers of the records people read most (docs/api.md routes).
  Result<nlohmann::json> CreditRecord(const std::string& uscc, const Signer* reader);
  Result<nlohmann::json> ListSubject(const std::string& uscc, const Signer* reader = nullptr);
  Result<nlohmann::json> Enterprise(const std::string& uscc, const Signer* reader = nullptr);
  Result<nlohmann::json> IprFiling(const std::string& ip_type, const std::string& reg_no);
  Result<nlohmann::json> IprCheck(const std::string& scheme, const std::string& code,
                                  const std::string& exporter);
  Result<nlohmann::json> TraceEvent(const std::string& id, const Signer* reader);
  Result<nlohmann::json> TraceHistory(const std::string& epc, const Signer* reader);
  Result<nlohmann::json> ClearanceOrder(const std::string& direction, const std::string& ebp_code,
                                        const std::string& order_no, const Signer* reader);
  Result<nlohmann::json> Account(const std::string& account_hex);
  Result<nlohmann::json> Proposal(uint64_t id);

  // GET /v1/status (named NodeStatus: `Status` is the error type).
  Result<nlohmann::json> NodeStatus();
  // GET /v1/blocks/{height}; 404 api.block.not_found as Status::Remote.
  Result<nlohmann::json> Block(uint64_t height);
  Result<nlohmann::json> LatestBlock();
  // GET /v1/tx/{hash}: {"status": committed|pending|unknown, ...}.
  Result<nlohmann::json> TxStatus(const std::string& tx_hash);

  // Streams commits from `from_height` on (GET /v1/events): calls
  // `on_commit` once per height in increasing order, with no gaps (missing
  // heights are read from /v1/blocks), resuming with Last-Event-ID after a
  // drop and failing over to the next node. Returns OK when `on_commit`
  // returns false or `*stop` becomes true (checked at least every 200 ms;
  // `stop` may be null), kUnreachable when no node could be reached for
  // options.watch_give_up.
  Status Watch(uint64_t from_height, const std::function<bool(const CommitEvent&)>& on_commit,
               std::atomic<bool>* stop = nullptr);

  // ---- verified reads (trust only the anchor) ----

  // GET /v1/checkpoints/latest, verified with LightClient::VerifyLatest
  // (following epoch changes on kUnknownEpoch). kStale for a node behind
  // what this client already saw, kForked, kUntrustedCheckpoint, ...
  Result<ledger::CertifiedCheckpoint> VerifiedCheckpoint();

  // Fetches GET /v1/epochs/{e} for every epoch after the light client's
  // latest until the node has no more, adding each (LightClient::AddEpochChange).
  // Returns the latest epoch known afterwards.
  Result<uint64_t> SyncEpochs();
  // The certified epoch changes learnt so far, from epoch 1 up.
  std::vector<EpochChange> EpochChanges() const;

  // GET /v1/state/proof?key=: the value (or its absence) of `key` at the
  // node's latest certified checkpoint, verified (LightClient::VerifyState).
  Result<ProvenState> ProveState(ByteView key);

  // GET /v1/tx/{hash}/proof: the transaction's signed bytes hash to `hash`
  // and its leaf is in the certified log (LightClient::VerifyInclusion).
  // While the node answers 409 api.proof.not_certified_yet, retries until
  // `wait` passed (Default: no retry).
  Result<ProvenTx> ProveTx(const std::string& tx_hash,
                           std::chrono::milliseconds wait = std::chrono::milliseconds(0));

  // GET /v1/log/consistency?from=&to=: the certified log at `to` extends the
  // one at `from` (LightClient::VerifyConsistency). REQUIRES: from < to.
  Status CheckConsistency(uint64_t from_height, uint64_t to_height);

  // BundleKey(kind, subject) + ProveState + the epoch changes from the
  // genesis set to the signing set: a bundle that verifies offline
  // (VerifyBundle). Errors of BundleKey and ProveState.
  Result<Bundle> MakeBundle(BundleKind kind, const std::vector<std::string>& subject);

 private:
  struct Pool;
  struct Answer;
  struct NonceState;

  // One HTTP exchange with fail-over (see the header comment).
  Result<Answer> Exchange(const HttpRequest& req);
  Result<Answer> ExchangeWith(size_t node, const HttpRequest& req);
  Result<nlohmann::json> GetJsonFrom(size_t node, const std::string& target);
  Result<nlohmann::json> JsonCall(HttpRequest req, const Signer* reader);
  Status SignRead(HttpRequest& req, const Signer& reader) const;
  Result<uint64_t> NextNonce(const Signer& signer, bool refresh);
  void ReleaseNonce(const ledger::AccountId& account);
  Result<uint64_t> CurrentHeight();
  Result<Receipt> PostTx(const ledger::SignedTx& stx, const SubmitOptions& opts);
  Status VerifyWithEpochs(const std::function<Status()>& verify, size_t node);
  Result<uint64_t> SyncEpochsFrom(size_t node);
  size_t Preferred() const;

  const std::vector<std::string> nodes_;
  const TrustAnchor anchor_;
  const ClientOptions options_;
  LightClient light_;
  std::vector<std::unique_ptr<Pool>> pools_;  // one per node
  std::atomic<size_t> preferred_{0};

  mutable std::mutex mu_;  // guards the members below
  std::map<ledger::AccountId, uint64_t> next_nonce_;
  std::vector<EpochChange> epoch_changes_;
  uint64_t last_height_ = 0;
  std::chrono::steady_clock::time_point last_height_at_{};
};

}  // namespace cbec::sdk
