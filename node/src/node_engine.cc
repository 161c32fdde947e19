// The engine thread: P2P input, timers, and the engine's actions executed in
// order (consensus/actions.h).
#include <spdlog/spdlog.h>

#include "cbec/ledger/codec.h"
#include "cbec/node/errors.h"
#include "node_impl.h"

namespace cbec::node {

void Node::Impl::Post(std::function<void()> fn) {
  boost::asio::post(io_, [this, fn = std::move(fn)] {
    if (!halted_.load()) fn();
  });
}

void Node::Impl::Halt(const Status& why) {
  if (halted_.exchange(true)) return;
  {
    std::lock_guard<std::mutex> lock(status_mu_);
    status_.halt_reason = why.ToString();
  }
  spdlog::critical("HALT: {}; this node stops committing (restart after fixing the cause)",
                   why.ToString());
  for (auto& t : timers_) {
    if (t) t->cancel();
  }
}

void Node::Impl::OnP2pMessage(p2p::PeerId peer, Bytes message) {
  if (message.empty() || peer >= key_of_peer_.size()) return;
  ByteView body(message.data() + 1, message.size() - 1);
  if (message[0] == static_cast<uint8_t>(Envelope::kConsensus)) {
    Result<consensus::Message> msg = consensus::DecodeMessage(body);
    if (!msg.ok()) {
      m_.bad_p2p->Inc();
      spdlog::debug("bad consensus message from peer={}: {}", peer, msg.status().ToString());
      return;
    }
    Post([this, from = key_of_peer_[peer], m = std::move(msg).value()] {
      RunActions(engine_->OnMessage(from, m, NowMs()));
    });
  } else if (message[0] == static_cast<uint8_t>(Envelope::kTxBatch)) {
    ledger::Reader r(body);
    uint64_t n = 0;
    r.Varint(n);
    std::vector<Bytes> txs;
    if (r.ok() && n <= kMaxGossipBatch) {
      txs.resize(n);
      for (Bytes& tx : txs) r.Blob(tx, ledger::kMaxSignedTxBytes);
    }
    if (n > kMaxGossipBatch || !r.Finish().ok()) {
      m_.bad_p2p->Inc();
      return;
    }
    mempool_->SubmitBatch(std::move(txs), mempool::Origin::kPeer,
                          [](std::vector<mempool::SubmitResult>) {});
  } else if (message[0] == static_cast<uint8_t>(Envelope::kCheckpointVote) ||
             message[0] == static_cast<uint8_t>(Envelope::kCheckpointCert)) {
    Post([this, peer, m = std::move(message)] {
      OnCheckpointMessage(peer, static_cast<Envelope>(m[0]), ByteView(m.data() + 1, m.size() - 1));
    });
  } else {
    m_.bad_p2p->Inc();
  }
}

void Node::Impl::OnAdmitted(mempool::Origin origin, std::span<const mempool::PoolTxRef> txs) {
  if (txs.empty()) return;
  // A leader waiting out empty_block_delay_ms proposes these at once.
  if (!payload_ready_posted_.exchange(true)) {
    Post([this] {
      payload_ready_posted_.store(false);
      if (!halted_.load()) RunActions(engine_->OnPayloadReady(NowMs()));
    });
  }
  // Transactions submitted here go to every peer (each is a future leader);
  // gossip received from a peer is not forwarded again.
  if (origin != mempool::Origin::kLocal || !p2p_) return;
  ledger::Writer w;
  w.Varint(txs.size());
  for (const mempool::PoolTxRef& t : txs) w.Blob(ByteView(t->encoded));
  p2p_->Broadcast(Wrap(Envelope::kTxBatch, w.bytes()));
}

void Node::Impl::RunActions(consensus::Actions actions) {
  std::optional<Executed> executed;
  for (consensus::Action& a : actions) {
    if (halted_.load()) return;
    RunOne(a, executed);
  }
  UpdateStatus();
  // A Commit's OnExecuted comes after the rest of its list (actions.h).
  if (executed && !halted_.load()) {
    RunActions(engine_->OnExecuted(executed->height, std::move(executed->next), NowMs()));
  }
}

void Node::Impl::RunOne(consensus::Action& a, std::optional<Executed>& executed) {
  namespace act = consensus::action;
  if (auto* send = std::get_if<act::Send>(&a)) {
    DoSend(send->to, Wrap(Envelope::kConsensus, consensus::EncodeMessage(send->msg)));
  } else if (auto* bc = std::get_if<act::Broadcast>(&a)) {
    Bytes wire = Wrap(Envelope::kConsensus, consensus::EncodeMessage(bc->msg));
    for (const crypto::PublicKey& k : bc->to) DoSend(k, wire);
  } else if (auto* ps = std::get_if<act::PersistSafety>(&a)) {
    Status s = store_->SaveSafetyState(ledger::Encode(ps->state));
    if (!s.ok()) Halt(s.WithContext("persist safety state"));
  } else if (auto* pb = std::get_if<act::PersistBlock>(&a)) {
    chain_->NoteBlock(pb->block, pb->id);
    Status s = store_->SaveBlock(pb->block);
    if (!s.ok()) Halt(s.WithContext("persist block"));
  } else if (auto* c = std::get_if<act::Commit>(&a)) {
    executed = DoCommit(*c);
  } else if (auto* t = std::get_if<act::SetTimer>(&a)) {
    DoSetTimer(*t);
  } else if (auto* ec = std::get_if<act::EpochChange>(&a)) {
    DoEpochChange(*ec);
  } else if (auto* ev = std::get_if<act::Evidence>(&a)) {
    DoEvidence(*ev);
  }
}

void Node::Impl::DoSend(const crypto::PublicKey& to, const Bytes& wire) {
  auto it = peer_of_key_.find(to);
  if (it == peer_of_key_.end()) return;
  // Loss is tolerated by the protocol: a full queue or a down link drops it.
  p2p_->Send(it->second, wire).IgnoreError();
}

void Node::Impl::DoSetTimer(const consensus::action::SetTimer& t) {
  size_t k = static_cast<size_t>(t.timer.kind);
  if (k >= timers_.size() || !timers_[k]) return;
  uint64_t now = NowMs();
  uint64_t delay = t.deadline_ms > now ? t.deadline_ms - now : 0;
  timers_[k]->expires_after(std::chrono::milliseconds(delay));
  timers_[k]->async_wait([this, timer = t.timer](const boost::system::error_code& ec) {
    if (ec || halted_.load()) return;  // replaced or cancelled
    RunActions(engine_->OnTimer(timer, NowMs()));
  });
}

std::optional<Node::Impl::Executed> Node::Impl::DoCommit(const consensus::action::Commit& c) {
  uint64_t start = NowMs();
  Result<ExecutedBlock> r = chain_->Execute(c.block, c.id, c.cert);
  if (!r.ok()) {
    Halt(r.status());
    return std::nullopt;
  }
  uint64_t now = NowMs();
  uint64_t latency = now > c.block.time ? now - c.block.time : 0;
  m_.commits->Inc();
  m_.txs->Inc(r->txs);
  m_.failed_txs->Inc(r->failed);
  m_.height->Set(static_cast<double>(r->height));
  m_.commit_latency->Observe(static_cast<double>(latency) / 1000.0);
  // Empty blocks of an idle chain would drown the log at info level.
  spdlog::log(r->txs > 0 || r->height % 1000 == 0 ? spdlog::level::info : spdlog::level::debug,
              "commit height={} round={} id={} txs={} failed={} latency_ms={} exec_ms={}",
              r->height, c.block.round, r->id.ToHex().substr(0, 16), r->txs, r->failed, latency,
              now - start);
  PublishCommit(*r, now);
  SignCheckpoint(*r, c.block.payload.size());
  if (r->next_validators) {
    spdlog::info("height={} decided the validator set of epoch {} ({} validators)", r->height,
                 r->next_validators->epoch(), r->next_validators->size());
  }
  return Executed{r->height, std::move(r->next_validators)};
}

void Node::Impl::PublishCommit(const ExecutedBlock& b, uint64_t now_ms) {
  recent_commits_.emplace_back(now_ms, b.txs);
  recent_txs_ += b.txs;
  constexpr uint64_t kWindowMs = 10000;
  while (!recent_commits_.empty() && recent_commits_.front().first + kWindowMs < now_ms) {
    recent_txs_ -= recent_commits_.front().second;
    recent_commits_.pop_front();
  }
  m_.tps->Set(static_cast<double>(recent_txs_) * 1000.0 / kWindowMs);
  nlohmann::json data{{"height", b.height},
                      {"block_id", b.id.ToHex()},
                      {"tx_count", b.txs},
                      {"failed", b.failed},
                      {"time", b.time_ms}};
  Status s = events_->Publish(b.height, "commit", data.dump());
  if (!s.ok()) spdlog::debug("sse publish: {}", s.ToString());
}

void Node::Impl::DoEvidence(const consensus::action::Evidence& e) {
  std::string kind(consensus::EvidenceName(e.kind));
  m_.evidence->WithLabels({kind}).Inc();
  auto idx = engine_->validators().IndexOf(e.validator);
  spdlog::warn("evidence kind={} validator={} epoch={} round={}: {}", kind,
               idx ? engine_->validators().at(*idx).name : e.validator.ToHex(), e.epoch, e.round,
               e.detail);
}

void Node::Impl::UpdateStatus() {
  const auto& set = engine_->validators();
  std::lock_guard<std::mutex> lock(status_mu_);
  status_.height = engine_->executed_height();
  status_.round = engine_->round();
  status_.epoch = engine_->epoch();
  status_.leader = set.at(engine_->LeaderOf(engine_->round())).name;
  m_.round->Set(static_cast<double>(status_.round));
  m_.epoch->Set(static_cast<double>(status_.epoch));
}

Status Node::Impl::OpenMetrics() {
  CBEC_ASSIGN_OR_RETURN(m_.height, metrics_.AddGauge("cbec_height", "Last committed height."));
  CBEC_ASSIGN_OR_RETURN(m_.round, metrics_.AddGauge("cbec_round", "Current consensus round."));
  CBEC_ASSIGN_OR_RETURN(m_.epoch, metrics_.AddGauge("cbec_epoch", "Current epoch."));
  CBEC_ASSIGN_OR_RETURN(m_.commits, metrics_.AddCounter("cbec_commits_total", "Blocks committed."));
  CBEC_ASSIGN_OR_RETURN(m_.txs, metrics_.AddCounter("cbec_txs_committed_total",
                                                    "Transactions committed (any receipt)."));
  CBEC_ASSIGN_OR_RETURN(m_.failed_txs, metrics_.AddCounter("cbec_txs_failed_total",
                                                           "Committed txs with a failed receipt."));
  CBEC_ASSIGN_OR_RETURN(m_.tps, metrics_.AddGauge("cbec_tx_per_second",
                                                  "Committed txs per second over the last 10 s."));
  CBEC_ASSIGN_OR_RETURN(m_.commit_latency,
                        metrics_.AddHistogram("cbec_commit_latency_seconds",
                                              "From a block's proposal time to its local commit.",
                                              metrics::Registry::DefaultLatencyBuckets()));
  CBEC_ASSIGN_OR_RETURN(m_.evidence, metrics_.AddCounterFamily("cbec_evidence_total",
                                                               "Misbehaviour seen.", {"kind"}));
  CBEC_ASSIGN_OR_RETURN(m_.bad_p2p, metrics_.AddCounter("cbec_p2p_bad_messages_total",
                                                        "P2P messages that did not decode."));
  CBEC_ASSIGN_OR_RETURN(m_.certified_height,
                        metrics_.AddGauge("cbec_certified_height",
                                          "Height of the latest certified checkpoint stored."));
  CBEC_ASSIGN_OR_RETURN(m_.checkpoint_votes,
                        metrics_.AddCounterFamily("cbec_checkpoint_messages_total",
                                                  "Checkpoint votes and certificates from peers.",
                                                  {"result"}));
  m_.height->Set(static_cast<double>(store_->Head()->height));
  m_.certified_height->Set(static_cast<double>(status_.certified_height));
  CBEC_RETURN_IF_ERROR(
      metrics_.AddGaugeCallback("cbec_mempool_size", "Pending transactions.",
                                [this] { return static_cast<double>(mempool_->size()); }));
  CBEC_RETURN_IF_ERROR(
      metrics_.AddGaugeCallback("cbec_peers", "Connected validator peers.", [this] {
        return static_cast<double>(p2p_->stats().peers_connected);
      }));
  CBEC_RETURN_IF_ERROR(metrics_.AddCounterCallback(
      "cbec_p2p_handshake_failures_total", "P2P connections refused during the handshake.",
      "reason", [this] {
        p2p::P2pStats s = p2p_->stats();
        metrics::Registry::LabelledValues out;
        for (size_t f = 0; f < s.handshake_failures.size(); ++f) {
          auto reason = static_cast<p2p::HandshakeFailure>(f);
          out.emplace_back(std::string(p2p::HandshakeFailureName(reason)),
                           static_cast<double>(s.handshake_failures_of(reason)));
        }
        return out;
      }));
  return metrics_.AddCounterCallback(
      "cbec_p2p_link_events_total",
      "P2P links established and lost, frames failing authentication or over the size limit, "
      "messages dropped on full queues or lost links.",
      "event", [this] {
        p2p::P2pStats s = p2p_->stats();
        return metrics::Registry::LabelledValues{
            {"established", static_cast<double>(s.links_established)},
            {"lost", static_cast<double>(s.links_lost)},
            {"auth_failure", static_cast<double>(s.auth_failures)},
            {"oversized_frame", static_cast<double>(s.oversized_frames)},
            {"dropped_message", static_cast<double>(s.frames_dropped)},
        };
      });
}

}  // namespace cbec::node
