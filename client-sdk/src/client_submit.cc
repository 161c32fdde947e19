// sdk::Client transactions: nonces, signing, POST /v1/tx, waiting for commit.
#include <thread>

#include "cbec/base/hex.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/json.h"
#include "client_internal.h"
#include "http_internal.h"

namespace cbec::sdk {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// A node refusal that means our nonce count is wrong (mempool) or was wrong
// (a committed auth.bad_nonce, whose nonce the executor did not consume).
bool IsNonceError(std::string_view slug) {
  return slug == "mempool.stale_nonce" || slug == "mempool.nonce_conflict" ||
         slug == "auth.bad_nonce";
}

const Json* Member(const Json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

}  // namespace

void Client::ResetNonce(const ledger::AccountId& account) {
  std::lock_guard<std::mutex> lock(mu_);
  next_nonce_.erase(account);
}

void Client::ReleaseNonce(const ledger::AccountId& account) { ResetNonce(account); }

Result<uint64_t> Client::NextNonce(const Signer& signer, bool refresh) {
  const ledger::AccountId& id = signer.account();
  if (!refresh) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = next_nonce_.find(id);
    if (it != next_nonce_.end()) return it->second++;
  }
  uint64_t fetched = 0;
  Result<Json> account = Account(id.ToHex());
  if (account.ok()) {
    const Json* n = Member(*account, "next_nonce");
    if (n == nullptr || !n->is_number_unsigned()) {
      return Status(errors::kBadResponse, "account " + id.ToHex() + " lacks next_nonce");
    }
    fetched = n->get<uint64_t>();
  } else if (account.status().slug() != "api.account.not_found") {
    // An unknown account starts at 0; the contract then refuses the tx.
    return account.status();
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = next_nonce_.emplace(id, fetched);
  if (refresh || inserted || it->second < fetched) it->second = fetched;
  return it->second++;
}

Result<uint64_t> Client::CurrentHeight() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (last_height_at_ != Clock::time_point() &&
        Clock::now() - last_height_at_ < std::chrono::seconds(1)) {
      return last_height_;
    }
  }
  CBEC_ASSIGN_OR_RETURN(Json status, NodeStatus());
  const Json* h = Member(status, "height");
  if (h == nullptr || !h->is_number_unsigned()) {
    return Status(errors::kBadResponse, "/v1/status lacks a height");
  }
  std::lock_guard<std::mutex> lock(mu_);
  last_height_ = std::max(last_height_, h->get<uint64_t>());
  last_height_at_ = Clock::now();
  return last_height_;
}

Result<ledger::SignedTx> Client::SignCall(const Signer& signer, const Call& call,
                                          const SubmitOptions& opts) {
  const MethodInfo* info = FindMethod(call.contract, call.method);
  if (info != nullptr && info->governed) {
    return Status(errors::kBadArgs, call.contract + "." + call.method +
                                        " is governed: submit it as the action of gov::Propose");
  }
  CBEC_ASSIGN_OR_RETURN(Bytes args, EncodeArgs(call));
  if (signer.suite() != anchor_.suite) {
    return Status(errors::kBadArgs, "the signer's key is not of the chain's suite");
  }
  CBEC_ASSIGN_OR_RETURN(uint64_t height, CurrentHeight());
  CBEC_ASSIGN_OR_RETURN(uint64_t nonce, NextNonce(signer, false));
  uint64_t until =
      height + opts.valid_for_blocks < height ? UINT64_MAX : height + opts.valid_for_blocks;
  ledger::Tx tx{anchor_.chain_id, signer.account(), nonce, call.contract,
                call.method,      std::move(args),  until};
  return ledger::SignTx(std::move(tx), signer.key());
}

Result<Receipt> Client::PostTx(const ledger::SignedTx& stx, const SubmitOptions& opts) {
  const std::string hash = ledger::TxHash(anchor_.suite, stx.tx).ToHex();
  HttpRequest req;
  req.method = "POST";
  req.target = "/v1/tx";
  req.content_type = "application/octet-stream";
  Bytes raw = ledger::Encode(stx);
  req.body.assign(raw.begin(), raw.end());
  CBEC_ASSIGN_OR_RETURN(Answer a, Exchange(req));
  const std::string& address = nodes_[a.node];
  if (a.response.status != 202) {
    Status s = internal::RemoteError(a.response.status, a.response.body, address);
    // Sent twice (a retry after a dropped connection): it is in the pool.
    if (s.slug() != "mempool.duplicate") {
      return s.Is(errors::kBadResponse) ? Status(errors::kNotAccepted, s.message()) : s;
    }
  }
  Receipt r;
  r.hash = hash;
  r.node = address;
  if (!opts.wait) return r;
  return WaitForCommit(hash, opts.timeout);
}

Result<Receipt> Client::SubmitSigned(const ledger::SignedTx& stx, const SubmitOptions& opts) {
  return PostTx(stx, opts);
}

Result<Receipt> Client::Submit(const Signer& signer, std::string contract, std::string method,
                               Json args, const SubmitOptions& opts) {
  return Submit(signer, Call{std::move(contract), std::move(method), std::move(args)}, opts);
}

Result<Receipt> Client::Submit(const Signer& signer, const Call& call, const SubmitOptions& opts) {
  for (int attempt = 0;; ++attempt) {
    if (attempt > 0) ResetNonce(signer.account());
    CBEC_ASSIGN_OR_RETURN(ledger::SignedTx stx, SignCall(signer, call, opts));
    Result<Receipt> r = PostTx(stx, opts);
    if (r.ok()) {
      bool bad_nonce = r->committed && r->code != 0 && IsNonceError(r->slug);
      if (!bad_nonce) return r;
      if (attempt > 0) {
        ResetNonce(signer.account());
        return r;
      }
      continue;
    }
    if (r.status().Is(errors::kTimeout)) return r;  // accepted: the nonce is spent
    ReleaseNonce(signer.account());                 // not accepted: ask the node next time
    if (attempt > 0 || !IsNonceError(r.status().slug())) return r;
  }
}

Result<Receipt> Client::WaitForCommit(const std::string& tx_hash,
                                      std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  Status last;
  while (true) {
    Result<Json> t = TxStatus(tx_hash);
    if (t.ok() && t->value("status", Json()) == "committed" && t->contains("receipt")) {
      Result<ledger::Receipt> lr = ledger::Receipt::FromJson((*t)["receipt"]);
      if (!lr.ok())
        return Status(errors::kBadResponse, "receipt of " + tx_hash + ": " + lr.status().message());
      Receipt r;
      r.hash = tx_hash;
      r.committed = true;
      r.height = lr->height;
      r.index = lr->index;
      r.code = lr->code;
      r.slug = lr->slug;
      r.result = lr->result;
      r.node = nodes_[Preferred()];
      return r;
    }
    if (!t.ok()) last = t.status();
    if (Clock::now() >= deadline) {
      return Status(errors::kTimeout, "transaction " + tx_hash + " not committed within " +
                                          std::to_string(timeout.count()) + " ms" +
                                          (last.ok() ? "" : " (" + last.ToString() + ")"));
    }
    std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(
        options_.poll_interval,
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()) +
            std::chrono::milliseconds(1)));
  }
}

}  // namespace cbec::sdk
