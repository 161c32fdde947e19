// sdk::Client against scripted fake nodes: transactions and nonces, plain
// and signed reads, fail-over, Watch, and verified reads that catch lies.
#include "cbec/sdk/client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "cbec/base/hex.h"
#include "cbec/ledger/codec.h"
#include "cbec/ledger/read_request.h"
#include "cbec/sdk/builders.h"
#include "fake_node.h"
#include "verify_test_util.h"

namespace cbec::sdk {
namespace {

using Json = nlohmann::json;
using std::chrono::milliseconds;
using testing::FakeConn;
using testing::FakeRequest;
using testing::FakeServer;

constexpr char kError401[] =
    R"({"error":{"code":1007,"slug":"auth.reader_required","message":"sign it"}})";

// A node's transaction side: status, accounts, POST /v1/tx, GET /v1/tx/{hash}.
struct TxNode {
  std::mutex mu;
  std::string chain_id;
  uint64_t height = 40;
  uint64_t next_nonce = 5;
  int account_reads = 0;
  std::vector<ledger::SignedTx> posted;
  std::vector<std::string> refuse_next;  // slugs to answer POSTs with, in order
  bool commit = true;
  uint32_t receipt_code = 0;
  std::string receipt_slug = "ok";

  void Handle(const FakeRequest& req, FakeConn& c) {
    std::lock_guard<std::mutex> lock(mu);
    std::string path = req.Path();
    if (path == "/v1/status") {
      c.Reply(200, Json{{"chain_id", chain_id}, {"height", height}}.dump());
    } else if (path.rfind("/v1/accounts/", 0) == 0) {
      ++account_reads;
      c.Reply(200, Json{{"id", path.substr(13)}, {"next_nonce", next_nonce}}.dump());
    } else if (path == "/v1/tx" && req.method == "POST") {
      auto stx = ledger::Decode<ledger::SignedTx>(AsBytes(req.body));
      if (!stx.ok()) return c.Reply(400, R"({"error":{"code":201,"slug":"codec.x","message":""}})");
      posted.push_back(*stx);
      if (!refuse_next.empty()) {
        std::string slug = refuse_next.front();
        refuse_next.erase(refuse_next.begin());
        return c.Reply(400,
                       Json{{"error", {{"code", 3304}, {"slug", slug}, {"message", "no"}}}}.dump());
      }
      std::string hash = ledger::TxHash(crypto::Suite::kStandard, stx->tx).ToHex();
      c.Reply(202, Json{{"hash", hash}, {"status", "pending"}}.dump());
    } else if (path.rfind("/v1/tx/", 0) == 0) {
      std::string hash = path.substr(7);
      if (!commit) return c.Reply(200, Json{{"hash", hash}, {"status", "pending"}}.dump());
      ledger::Receipt r;
      r.tx_hash = *Hash32::FromHex(hash);
      r.height = height + 1;
      r.index = 0;
      r.code = receipt_code;
      r.slug = receipt_slug;
      if (receipt_code == 0) r.result = {0, 0, 0, 0, 0, 0, 0, 9};
      c.Reply(200, Json{{"hash", hash}, {"status", "committed"}, {"receipt", r.ToJson()}}.dump());
    } else {
      c.Reply(404, R"({"error":{"code":3500,"slug":"http.not_found","message":""}})");
    }
  }
};

class ClientTxTest : public ::testing::Test {
 protected:
  ClientTxTest()
      : chain_(4),
        server_([this](const FakeRequest& r, FakeConn& c) { node_.Handle(r, c); }),
        signer_(testing::TestKey(9, 9)) {
    node_.chain_id = chain_.Anchor().chain_id;
  }
  Client MakeClient() {
    ClientOptions o;
    o.poll_interval = milliseconds(10);
    return Client({server_.address()}, chain_.Anchor(), o);
  }

  testing::TestChain chain_;
  TxNode node_;
  FakeServer server_;
  Signer signer_;
};

TEST_F(ClientTxTest, SubmitEncodesSignsCountsNoncesAndWaits) {
  Client client = MakeClient();
  Call call = gov::Vote{1, true}.ToCall();
  auto r = client.Submit(signer_, call);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->committed);
  EXPECT_TRUE(r->ok());
  EXPECT_EQ(r->height, 41u);
  EXPECT_EQ(r->ResultU64().value(), 9u);
  EXPECT_EQ(r->node, server_.address());
  auto r2 = client.Submit(signer_, "governance", "vote", {{"proposal", 2}, {"approve", false}});
  ASSERT_TRUE(r2.ok());

  std::lock_guard<std::mutex> lock(node_.mu);
  ASSERT_EQ(node_.posted.size(), 2u);
  const ledger::Tx& tx = node_.posted[0].tx;
  EXPECT_EQ(tx.chain_id, chain_.Anchor().chain_id);
  EXPECT_EQ(tx.signer, signer_.account());
  EXPECT_EQ(tx.nonce, 5u);
  EXPECT_EQ(tx.contract, "governance");
  EXPECT_EQ(tx.method, "vote");
  EXPECT_EQ(tx.args, EncodeArgs(call).value());
  EXPECT_EQ(tx.valid_until_height, 1040u);
  EXPECT_EQ(r->hash, ledger::TxHash(crypto::Suite::kStandard, tx).ToHex());
  EXPECT_TRUE(ledger::CheckSignedTx(crypto::Suite::kStandard, tx.chain_id, node_.posted[0]).ok());
  EXPECT_EQ(node_.posted[1].tx.nonce, 6u);  // counted locally
  EXPECT_EQ(node_.account_reads, 1);
}

TEST_F(ClientTxTest, ConcurrentSubmitsGetDistinctNonces) {
  Client client = MakeClient();
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      EXPECT_TRUE(
          client.Submit(signer_, gov::Vote{static_cast<uint64_t>(i + 1), true}.ToCall()).ok());
    });
  }
  for (auto& t : threads) t.join();
  std::set<uint64_t> nonces;
  for (const auto& stx : node_.posted) nonces.insert(stx.tx.nonce);
  EXPECT_EQ(nonces.size(), 4u);
}

TEST_F(ClientTxTest, AFailedTransactionIsAReceiptNotAnError) {
  node_.receipt_code = 1006;
  node_.receipt_slug = "auth.forbidden";
  Client client = MakeClient();
  auto r = client.Submit(signer_, gov::Vote{1, true}.ToCall());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->committed);
  EXPECT_FALSE(r->ok());
  EXPECT_EQ(r->slug, "auth.forbidden");
  Status s = r->ToStatus();
  EXPECT_EQ(s.code(), 1006u);
  EXPECT_EQ(s.slug(), "auth.forbidden");
  EXPECT_EQ(r->ToJson()["slug"], "auth.forbidden");
}

TEST_F(ClientTxTest, StaleNonceRefreshesFromTheNodeAndRetriesOnce) {
  node_.refuse_next = {"mempool.stale_nonce"};
  Client client = MakeClient();
  auto r = client.Submit(signer_, gov::Vote{1, true}.ToCall());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(node_.posted.size(), 2u);
  EXPECT_EQ(node_.account_reads, 2);

  node_.refuse_next = {"mempool.nonce_conflict", "mempool.nonce_conflict"};
  auto twice = client.Submit(signer_, gov::Vote{1, true}.ToCall());
  EXPECT_EQ(twice.status().slug(), "mempool.nonce_conflict");
  EXPECT_EQ(RemoteHttpStatus(twice.status()), 400u);
  EXPECT_EQ(node_.posted.size(), 4u);  // one retry, no more
}

TEST_F(ClientTxTest, ARefusalOtherThanANonceIsReturnedAndTheCountForgotten) {
  node_.refuse_next = {"mempool.expired"};
  Client client = MakeClient();
  EXPECT_EQ(client.Submit(signer_, gov::Vote{1, true}.ToCall()).status().slug(), "mempool.expired");
  EXPECT_EQ(node_.posted.size(), 1u);
  ASSERT_TRUE(client.Submit(signer_, gov::Vote{1, true}.ToCall()).ok());
  EXPECT_EQ(node_.posted.back().tx.nonce, 5u);  // asked the node again
}

TEST_F(ClientTxTest, GovernedCallsAreRefusedBeforeSigning) {
  Client client = MakeClient();
  auto r = client.Submit(signer_, gov::SetProposalThreshold{2}.ToCall());
  EXPECT_TRUE(r.status().Is(errors::kBadArgs));
  EXPECT_NE(r.status().message().find("gov::Propose"), std::string::npos);
  auto bad = client.Submit(signer_, "governance", "vote", {{"proposal", "one"}, {"approve", true}});
  EXPECT_TRUE(bad.status().Is(errors::kBadArgs));
  EXPECT_TRUE(node_.posted.empty());
}

TEST_F(ClientTxTest, WaitingEndsWithTimeoutNamingTheHash) {
  node_.commit = false;
  Client client = MakeClient();
  SubmitOptions o;
  o.timeout = milliseconds(100);
  auto r = client.Submit(signer_, gov::Vote{1, true}.ToCall(), o);
  EXPECT_TRUE(r.status().Is(errors::kTimeout));
  std::string hash = ledger::TxHash(crypto::Suite::kStandard, node_.posted[0].tx).ToHex();
  EXPECT_NE(r.status().message().find(hash), std::string::npos);
  o.wait = false;
  auto pending = client.Submit(signer_, gov::Vote{1, true}.ToCall(), o);
  ASSERT_TRUE(pending.ok());
  EXPECT_FALSE(pending->committed);
  EXPECT_EQ(pending->ToJson()["status"], "pending");
  EXPECT_EQ(node_.posted.back().tx.nonce, 6u);  // the timed-out tx kept its nonce
}

// ---- reads, signed reads, fail-over ----

TEST(ClientReadTest, FourXxIsTheAnswerAndSignedReadsVerify) {
  testing::TestChain chain(4);
  Signer reader(testing::TestKey(7, 7));
  std::atomic<int> other_requests{0};
  FakeServer other([&](const FakeRequest&, FakeConn& c) {
    other_requests++;
    c.Reply(200, "{}");
  });
  FakeServer server([&](const FakeRequest& req, FakeConn& c) {
    std::string header = req.Header("authorization");
    if (header.empty()) return c.Reply(401, kError401);
    auto auth = ledger::ParseReadAuthorization(header);
    ledger::ReadRequest rr{chain.Anchor().chain_id, req.method, req.target, auth->time_ms,
                           crypto::Digest(crypto::Suite::kStandard, AsBytes(req.body))};
    bool ok = auth.ok() && auth->account == reader.account() &&
              ledger::VerifyReadSignature(crypto::Suite::kStandard, *auth, rr).ok();
    c.Reply(ok ? 200 : 401, ok ? Json{{"_height", 3}, {"target", req.target}}.dump() : kError401);
  });
  Client client({server.address(), other.address()}, chain.Anchor());
  auto anon = client.Query("credit", "record", {{"uscc", "X"}});
  EXPECT_EQ(anon.status().slug(), "auth.reader_required");
  EXPECT_EQ(anon.status().code(), 1007u);
  EXPECT_EQ(RemoteHttpStatus(anon.status()), 401u);
  EXPECT_NE(anon.status().message().find(server.address()), std::string::npos);
  auto signed_read = client.Query("credit", "record", {{"uscc", "X"}}, &reader);
  ASSERT_TRUE(signed_read.ok()) << signed_read.status().ToString();
  EXPECT_EQ((*signed_read)["target"], "/v1/query/credit/record");
  auto get = client.CreditRecord("91 44/x", &reader);  // path segments are %-encoded
  ASSERT_TRUE(get.ok()) << get.status().ToString();
  EXPECT_EQ((*get)["target"], "/v1/credit/91%2044%2Fx");
  auto filing = client.TraceHistory("urn:epc:id:sgtin:1.2.3", &reader);
  EXPECT_EQ((*filing)["target"], "/v1/trace/history?epc=urn%3Aepc%3Aid%3Asgtin%3A1.2.3");
  EXPECT_EQ(other_requests.load(), 0);  // a 4xx is not failed over
}

TEST(ClientReadTest, FailsOverPastDeadAndBusyNodesThenSticksToTheGoodOne) {
  testing::TestChain chain(4);
  uint16_t dead_port = 0;
  ::close(testing::ListenLocal(&dead_port));
  std::atomic<int> busy_requests{0};
  FakeServer busy([&](const FakeRequest&, FakeConn& c) {
    busy_requests++;
    c.Reply(503, R"({"error":{"code":3303,"slug":"mempool.busy","message":"later"}})");
  });
  FakeServer good([](const FakeRequest&, FakeConn& c) { c.Reply(200, R"({"height":7})"); });
  Client client({"127.0.0.1:" + std::to_string(dead_port), busy.address(), good.address()},
                chain.Anchor());
  for (int i = 0; i < 3; ++i) {
    auto s = client.NodeStatus();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ((*s)["height"], 7);
  }
  EXPECT_EQ(busy_requests.load(), 1);
  good.Stop();
  auto down = client.NodeStatus();
  EXPECT_EQ(down.status().slug(), "mempool.busy");  // the last 5xx, as the node said it
  busy.Stop();
  auto none = client.NodeStatus();
  EXPECT_TRUE(none.status().Is(errors::kUnreachable)) << none.status().ToString();
  EXPECT_NE(none.status().message().find(std::to_string(dead_port)), std::string::npos);
}

TEST(ClientReadTest, NonJsonAnswerIsABadResponse) {
  testing::TestChain chain(4);
  FakeServer server([](const FakeRequest&, FakeConn& c) { c.Reply(200, "<html>", "text/html"); });
  Client client({server.address()}, chain.Anchor());
  EXPECT_TRUE(client.NodeStatus().status().Is(errors::kBadResponse));
}

// ---- Watch ----

TEST(ClientWatchTest, DeliversEveryHeightInOrderFillingGapsAndResuming) {
  testing::TestChain chain(4);
  std::mutex mu;
  std::vector<std::string> resume_ids;
  auto event = [](uint64_t h) {
    return "id: " + std::to_string(h) + "\nevent: commit\ndata: " +
           Json{{"height", h},
                {"block_id", "b" + std::to_string(h)},
                {"tx_count", 1},
                {"failed", 0},
                {"time", 1000 * h}}
               .dump() +
           "\n\n";
  };
  FakeServer server([&](const FakeRequest& req, FakeConn& c) {
    if (req.Path().rfind("/v1/blocks/", 0) == 0) {
      uint64_t h = std::stoull(req.Path().substr(11));
      return c.Reply(200, Json{{"height", h},
                               {"id", "b" + std::to_string(h)},
                               {"tx_count", 0},
                               {"failed_txs", 0},
                               {"time", 1000 * h}}
                              .dump());
    }
    std::string last = req.Header("last-event-id");
    {
      std::lock_guard<std::mutex> lock(mu);
      resume_ids.push_back(last);
    }
    c.StartChunked();
    if (last == "0") {
      c.Chunk("retry: 3000\n\n" + event(1) + event(2));
      c.Close();  // drop: the client must resume after 2
      return;
    }
    c.Chunk("event: gap\ndata: {\"after\":2,\"next\":4}\n\n" + event(4) + event(5));
    for (int i = 0; i < 200 && c.Chunk(": heartbeat\n\n"); ++i) {
      std::this_thread::sleep_for(milliseconds(10));
    }
  });
  Client client({server.address()}, chain.Anchor());
  std::vector<CommitEvent> seen;
  Status s = client.Watch(1, [&](const CommitEvent& ev) {
    seen.push_back(ev);
    return ev.height < 5;
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(seen.size(), 5u);
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i].height, i + 1);
  EXPECT_TRUE(seen[2].filled);  // height 3 came from /v1/blocks/3
  EXPECT_FALSE(seen[3].filled);
  EXPECT_EQ(seen[2].block_id, "b3");
  EXPECT_EQ(seen[4].time, 5000u);
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(resume_ids, (std::vector<std::string>{"0", "2"}));
}

TEST(ClientWatchTest, StopFlagEndsTheWatch) {
  testing::TestChain chain(4);
  FakeServer server([](const FakeRequest&, FakeConn& c) {
    c.StartChunked();
    for (int i = 0; i < 500 && c.Chunk(": heartbeat\n\n"); ++i) {
      std::this_thread::sleep_for(milliseconds(10));
    }
  });
  Client client({server.address()}, chain.Anchor());
  std::atomic<bool> stop{false};
  std::thread stopper([&] {
    std::this_thread::sleep_for(milliseconds(100));
    stop = true;
  });
  Status s = client.Watch(
      1, [](const CommitEvent&) { return true; }, &stop);
  stopper.join();
  EXPECT_TRUE(s.ok()) << s.ToString();
}

// ---- verified reads ----

// A node that serves proofs of a TestChain, optionally lying.
class ProofNode {
 public:
  explicit ProofNode(testing::TestChain& chain)
      : chain_(chain), server_([this](const FakeRequest& r, FakeConn& c) { Handle(r, c); }) {}
  std::string address() const { return server_.address(); }

  std::mutex mu;
  std::optional<ledger::CertifiedCheckpoint> latest;  // what /checkpoints/latest and proofs use
  std::map<uint64_t, ledger::CertifiedCheckpoint> by_height;
  std::function<void(Json&)> tamper;  // rewrites an answer before it is sent

 private:
  void Handle(const FakeRequest& req, FakeConn& c) {
    std::lock_guard<std::mutex> lock(mu);
    std::string path = req.Path();
    Json answer;
    if (path == "/v1/checkpoints/latest") {
      answer = latest->ToJson();
    } else if (path == "/v1/state/proof") {
      Bytes key = *HexDecode(req.target.substr(req.target.find("key=") + 4));
      ledger::StateRead read = chain_.Prove(key, latest->checkpoint.height);
      answer = {{"key", HexEncode(key)},
                {"value", read.value ? Json(HexEncode(*read.value)) : Json(nullptr)},
                {"height", latest->checkpoint.height},
                {"proof", read.proof.ToJson()},
                {"checkpoint", latest->ToJson()}};
    } else if (path.rfind("/v1/epochs/", 0) == 0) {
      uint64_t e = std::stoull(path.substr(11));
      if (e == 0 || e > chain_.changes().size()) {
        return c.Reply(404, R"({"error":{"code":3513,"slug":"api.epoch.not_found","message":""}})");
      }
      answer = chain_.changes()[e - 1].ToJson();
    } else if (path == "/v1/log/consistency") {
      uint64_t from = std::stoull(req.target.substr(req.target.find("from=") + 5));
      uint64_t to = std::stoull(req.target.substr(req.target.find("to=") + 3));
      const auto& a = by_height.at(from);
      const auto& b = by_height.at(to);
      Json proof = Json::array();
      crypto::MerkleProof hashes =
          chain_.log().ConsistencyProof(a.checkpoint.tx_count, b.checkpoint.tx_count).value();
      for (const auto& h : hashes) proof.push_back(h.ToHex());
      answer = {{"proof", proof}, {"checkpoints", {a.ToJson(), b.ToJson()}}};
    } else {
      return c.Reply(404, R"({"error":{"code":3500,"slug":"http.not_found","message":""}})");
    }
    if (tamper) tamper(answer);
    c.Reply(200, answer.dump());
  }

  testing::TestChain& chain_;
  FakeServer server_;
};

const std::string kFilingReg = "56781234";
const std::string kHolder = testing::Uscc("91440300MA5F00001");

Bytes FilingKey() { return BundleKey(BundleKind::kIprFiling, {"trademark", kFilingReg}).value(); }

class ClientVerifiedTest : public ::testing::Test {
 protected:
  ClientVerifiedTest() : node_(chain_) {
    Bytes record = testing::EncodeRecordForTest(
        "ipr.Filing",
        testing::TestFiling(kFilingReg, kHolder, chain_.time(), chain_.time() + 1000000000));
    Remember(chain_.Commit({{FilingKey(), record}}));
    record_ = record;
  }
  void Remember(const ledger::CertifiedCheckpoint& cp) {
    std::lock_guard<std::mutex> lock(node_.mu);
    node_.latest = cp;
    node_.by_height[cp.checkpoint.height] = cp;
  }

  testing::TestChain chain_{4};
  ProofNode node_;
  Bytes record_;
};

TEST_F(ClientVerifiedTest, ProvesPresenceAndAbsence) {
  Client client({node_.address()}, chain_.Anchor());
  auto present = client.ProveState(FilingKey());
  ASSERT_TRUE(present.ok()) << present.status().ToString();
  EXPECT_EQ(present->value, record_);
  EXPECT_EQ(present->checkpoint.checkpoint.height, 1u);
  auto absent = client.ProveState(ToBytes("no such key"));
  ASSERT_TRUE(absent.ok()) << absent.status().ToString();
  EXPECT_FALSE(absent->value.has_value());
}

TEST_F(ClientVerifiedTest, AFlippedValueIsTheLightClientsErrorNamingTheNode) {
  node_.tamper = [](Json& j) {
    std::string v = j["value"];
    v[10] = v[10] == '0' ? '1' : '0';
    j["value"] = v;
  };
  Client client({node_.address()}, chain_.Anchor());
  auto r = client.ProveState(FilingKey());
  EXPECT_TRUE(r.status().Is(errors::kBadProof)) << r.status().ToString();
  EXPECT_NE(r.status().message().find(node_.address()), std::string::npos);
  node_.tamper = [](Json& j) { j["value"] = nullptr; };  // hide the record
  EXPECT_TRUE(client.ProveState(FilingKey()).status().Is(errors::kBadProof));
  node_.tamper = [](Json& j) { j["key"] = "00"; };  // answer for another key
  EXPECT_TRUE(client.ProveState(FilingKey()).status().Is(errors::kValueMismatch));
}

TEST_F(ClientVerifiedTest, StaleAndForkedCheckpointsAreRefused) {
  Remember(chain_.Commit());
  Remember(chain_.Commit());
  Client client({node_.address()}, chain_.Anchor());
  ASSERT_TRUE(client.VerifiedCheckpoint().ok());
  Remember(node_.by_height.at(2));  // the node goes back in time
  auto stale = client.VerifiedCheckpoint();
  EXPECT_TRUE(stale.status().Is(errors::kStale)) << stale.status().ToString();
  EXPECT_NE(stale.status().message().find(node_.address()), std::string::npos);

  ledger::Checkpoint fork = node_.by_height.at(3).checkpoint;
  fork.state_root[0] ^= 1;
  Remember(testing::Certify(fork, chain_.keys(), testing::FirstN(3)));
  EXPECT_TRUE(client.VerifiedCheckpoint().status().Is(errors::kForked));

  ledger::Checkpoint unsigned_cp = chain_.Next({});
  Remember(testing::Certify(unsigned_cp, chain_.keys(), testing::FirstN(2)));  // no quorum
  EXPECT_TRUE(client.VerifiedCheckpoint().status().Is(errors::kUntrustedCheckpoint));
}

TEST_F(ClientVerifiedTest, FollowsEpochChangesAndBundlesThem) {
  chain_.ChangeSet(5, 2);
  Remember(chain_.Commit());
  Client client({node_.address()}, chain_.Anchor());
  auto cp = client.VerifiedCheckpoint();
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(client.light_client().LatestEpoch(), 1u);
  EXPECT_EQ(client.EpochChanges().size(), 1u);
  auto bundle = client.MakeBundle(BundleKind::kIprFiling, {"trademark", kFilingReg});
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  EXPECT_EQ(bundle->epoch_changes.size(), 1u);
  EXPECT_EQ(bundle->value, record_);
  auto verified = VerifyBundle(*bundle, chain_.Anchor());
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_TRUE(verified->present);
  EXPECT_EQ(verified->epoch, 1u);
}

TEST_F(ClientVerifiedTest, ConsistencyBetweenCertifiedCheckpoints) {
  Remember(chain_.Commit());
  Remember(chain_.Commit());
  Client client({node_.address()}, chain_.Anchor());
  EXPECT_TRUE(client.CheckConsistency(1, 3).ok());
  node_.tamper = [](Json& j) {
    std::string h = j["proof"][0];
    h[0] = h[0] == 'a' ? 'b' : 'a';
    j["proof"][0] = h;
  };
  Status s = client.CheckConsistency(1, 3);
  EXPECT_TRUE(s.Is(errors::kForked)) << s.ToString();
  EXPECT_TRUE(client.CheckConsistency(3, 1).Is(errors::kBadArgs));
}

}  // namespace
}  // namespace cbec::sdk
