// sdk-live: the SDK's Client against a real local network (started by
// sdk_live_test.py, which passes --network DIR --nodes a,b,...). The tests
// run in order, each building on the records the previous ones wrote:
// governance votes a member in, then every contract is written through the
// typed builders and read back with plain, signed and verified reads; then
// Watch, fail-over (the first address is dead), and nodes that lie (a proxy
// flipping a byte of a proof, a stale checkpoint, a forked one signed with
// the validators' own keys) are caught by the light client.
#include "sdk_live.h"

#include "fake_node.h"

namespace cbec::sdk::live {
namespace {

class Live : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (w.client) return;
    auto anchor = TrustAnchor::Load(g_env.dir + "/genesis.json");
    ASSERT_TRUE(anchor.ok()) << anchor.status().ToString();
    w.anchor = std::make_unique<TrustAnchor>(*anchor);
    // Fail-over from the first address on: nothing listens there.
    uint16_t dead = 0;
    ::close(testing::ListenLocal(&dead));
    std::vector<std::string> nodes = {"127.0.0.1:" + std::to_string(dead)};
    nodes.insert(nodes.end(), g_env.nodes.begin(), g_env.nodes.end());
    ClientOptions o;
    o.poll_interval = milliseconds(50);
    w.client = std::make_unique<Client>(nodes, *w.anchor, o);
    for (const char* org : {"customs", "tax", "fx", "market", "platform"}) {
      std::string base = g_env.dir + "/" + org;
      auto s = LoadSignerWithPassphraseFile(base + "/admin.key.json", base + "/passphrase");
      ASSERT_TRUE(s.ok()) << org << ": " << s.status().ToString();
      w.admins.emplace(org, *s);
    }
  }
};

TEST_F(Live, GovernanceVotesAMemberInAndItManagesItsAccounts) {
  Signer trader(GenerateKey(w.anchor->suite));
  gov::AddOrg add{"sz-trading",
                  "enterprise",
                  "Shenzhen Qianhai Trading Co., Ltd.",
                  {trader.public_key().ToHex()}};
  auto proposed = Commit(Admin("customs"),
                         gov::Propose{"Admit Qianhai Trading", add.ToCall(), Today(7)}.ToCall());
  ASSERT_TRUE(proposed.ok()) << proposed.status().ToString();
  uint64_t id = proposed->ResultU64().value();
  ASSERT_OK(RunAll(Admin("tax"), {gov::Vote{id, true}.ToCall()}));
  ASSERT_OK(RunAll(Admin("fx"), {gov::Vote{id, true}.ToCall()}));
  auto proposal = w.client->Proposal(id);
  ASSERT_TRUE(proposal.ok());
  EXPECT_EQ((*proposal)["status"], "executed") << proposal->dump();
  w.committed.insert("governance.add_org");
  w.trader = trader;

  ASSERT_OK(RunAll(trader, {gov::SetRoles{trader.account().ToHex(),
                                          {"admin", "declarant", "right_holder", "tracer"}}
                                .ToCall()}));
  crypto::PrivateKey second = GenerateKey(w.anchor->suite);
  crypto::PrivateKey third = GenerateKey(w.anchor->suite);
  auto created = Commit(
      trader, gov::CreateAccount{"sz-trading", {second.public_key().ToHex()}, {"tracer"}}.ToCall());
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  std::string account = created->ResultHex();
  EXPECT_EQ(account, ledger::DeriveAccountId(second.public_key()).ToHex());
  ASSERT_OK(RunAll(
      trader, {gov::AddKey{account, third.public_key().ToHex()}.ToCall(),
               gov::RevokeKey{account, third.public_key().ToHex()}.ToCall(),
               gov::SuspendAccount{account}.ToCall(), gov::ReactivateAccount{account}.ToCall()}));
  auto acct = w.client->Account(account);
  ASSERT_TRUE(acct.ok());
  EXPECT_EQ((*acct)["status"], "active");
  EXPECT_EQ((*acct)["keys"].size(), 2u);
}

TEST_F(Live, EnterprisesCreditAndLists) {
  ASSERT_TRUE(w.trader);
  const Signer& market = Admin("market");
  ASSERT_OK(RunAll(market, {enterprise::Register{kTrader, "Shenzhen Qianhai Trading Co., Ltd.",
                                                 "existing", "Qianhai", "Zhang Wei", "sz-trading"}
                                .ToCall(),
                            enterprise::Register{kExporter, "Qianhai Bright Export", "existing",
                                                 "Qianhai", "Li Ming", ""}
                                .ToCall(),
                            enterprise::Register{kPlatform, "Qianhai Cross-border Mall", "existing",
                                                 "Qianhai", "Zhao Lei", ""}
                                .ToCall(),
                            enterprise::Update{kExporter, "Qianhai Bright Export Co., Ltd.",
                                               "existing", "Qianhai", "Li Ming"}
                                .ToCall(),
                            enterprise::LinkOrganisation{kPlatform, "platform"}.ToCall()}));
  ASSERT_OK(RunAll(
      Admin("customs"),
      {credit::Rate{kTrader, "GACC-282", "routine", "annual", "GACC Order 282", ""}.ToCall()}));
  auto issued = Commit(Admin("customs"),
                       lists::Issue{kTrader,
                                    lists::ListKind::kBlack,
                                    lists::Severity::kGeneral,
                                    "false declaration",
                                    "NDRC Order 36",
                                    {"customs.higher_inspection_rate", "tax.no_refund_fast_track"},
                                    Today(),
                                    6}
                           .ToCall());
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  std::string entry = issued->ResultString().value();
  ASSERT_OK(RunAll(
      Admin("tax"),
      {lists::ApplyMeasure{entry, "tax.no_refund_fast_track", Today(), "applied"}.ToCall()}));
  auto repair =
      Commit(*w.trader,
             credit::ApplyRepair{kTrader, "", entry, HexOf("evidence"), "penalty paid"}.ToCall());
  ASSERT_TRUE(repair.ok()) << repair.status().ToString();
  ASSERT_OK(RunAll(
      Admin("customs"),
      {credit::DecideRepair{repair->ResultString().value(), "accept", "rectified", ""}.ToCall()}));
  auto red = Commit(Admin("tax"), lists::Issue{kExporter,
                                               lists::ListKind::kRed,
                                               lists::Severity::kNone,
                                               "A-level taxpayer",
                                               "STA notice",
                                               {"tax.refund_fast_track"},
                                               Today(),
                                               12}
                                      .ToCall());
  ASSERT_TRUE(red.ok()) << red.status().ToString();
  ASSERT_OK(
      RunAll(Admin("tax"), {lists::Revoke{red->ResultString().value(), "in error"}.ToCall()}));

  // A private record: signed by a department it reads; unsigned it is 401.
  auto record = w.client->CreditRecord(kTrader, &market);
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  EXPECT_EQ((*record)["ratings"]["customs"]["level"], "routine") << record->dump();
  auto anon = w.client->CreditRecord(kTrader, nullptr);
  EXPECT_EQ(anon.status().slug(), "auth.reader_required");
  EXPECT_EQ(RemoteHttpStatus(anon.status()), 401u);
  auto subject = w.client->ListSubject(kTrader);
  ASSERT_TRUE(subject.ok());
  EXPECT_EQ((*subject)["uscc"], kTrader);
}

TEST_F(Live, IprFilingReviewSeizureAndAgents) {
  ASSERT_TRUE(w.trader);
  ipr::File file;
  file.reg_no = kMark;
  file.issuing_office = "CNIPA";
  file.title = "QIANHAI STEP";
  file.holder = kTrader;
  file.goods = {{"nice", "25", "Footwear"}};
  file.licensees = {{kExporter, {"nice:25"}, ""}};
  file.evidence_digest = HexOf("mark image");
  file.right_valid_from = "2021-03-14";
  file.right_valid_until = "2031-03-13";
  auto filed = Commit(*w.trader, file.ToCall());
  ASSERT_TRUE(filed.ok()) << filed.status().ToString();
  w.filing_tx = filed->hash;
  ASSERT_OK(RunAll(
      Admin("customs"),
      {ipr::Review{ipr::IpType::kTrademark, kMark, "approve", "documents complete"}.ToCall()}));
  ipr::Amend amend;
  amend.reg_no = kMark;
  amend.evidence_digest = HexOf("new certificate");
  ASSERT_OK(RunAll(*w.trader, {amend.ToCall(), ipr::AuthoriseAgent{kTrader, "platform"}.ToCall(),
                               ipr::RevokeAgent{{kTrader, "platform"}}.ToCall()}));
  ipr::ReviewAmendment accept;
  accept.reg_no = kMark;
  accept.reason = "certificate checked";
  ASSERT_OK(RunAll(Admin("customs"), {accept.ToCall()}));
  ipr::RecordSeizure seizure{ipr::IpType::kTrademark,
                             kMark,
                             kCounterfeiter,
                             "EXP-2026-000777",
                             "shoes bearing QIANHAI STEP",
                             2,
                             "pairs",
                             "Shenzhen Shekou",
                             {},
                             "neither holder nor licensee"};
  auto seized = Commit(Admin("customs"), seizure.ToCall());
  ASSERT_TRUE(seized.ok()) << seized.status().ToString();
  ASSERT_OK(RunAll(
      Admin("customs"),
      {ipr::DecideSeizure{seized->ResultString().value(), "released", "goods cleared"}.ToCall()}));

  auto filing = w.client->IprFiling("trademark", kMark);
  ASSERT_TRUE(filing.ok());
  EXPECT_EQ((*filing)["active"], true) << filing->dump();
  auto check = w.client->IprCheck("nice", "25", kExporter);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ((*check)["authorised"], true) << check->dump();
}

TEST_F(Live, IprRenewalWithdrawalAndRevocation) {
  ASSERT_TRUE(w.trader);
  ipr::File file;
  file.reg_no = "66780002";
  file.issuing_office = "CNIPA";
  file.title = "QIANHAI RUN";
  file.holder = kTrader;
  file.goods = {{"hs", "6404", "Sports footwear"}};
  file.evidence_digest = HexOf("mark 2");
  file.right_valid_from = "2021-01-01";
  file.right_valid_until = Today(90);  // ends within 6 months: renewable now
  ipr::File third = file;
  third.reg_no = "66780003";
  third.title = "QIANHAI WALK";
  ASSERT_OK(RunAll(*w.trader, {file.ToCall(), third.ToCall()}));
  ASSERT_OK(
      RunAll(Admin("customs"),
             {ipr::Review{ipr::IpType::kTrademark, file.reg_no, "approve", "ok"}.ToCall(),
              ipr::RevokeFiling{{ipr::IpType::kTrademark, third.reg_no, "invalidated"}}.ToCall()}));
  ASSERT_OK(RunAll(*w.trader,
                   {ipr::Renew{ipr::IpType::kTrademark, file.reg_no, Today(5 * 365)}.ToCall()}));
  ipr::ReviewRenewal renewal;
  renewal.reg_no = file.reg_no;
  renewal.reason = "renewed right";
  ASSERT_OK(RunAll(Admin("customs"), {renewal.ToCall()}));
  auto renewed = w.client->IprFiling("trademark", file.reg_no);
  ASSERT_TRUE(renewed.ok());
  EXPECT_EQ((*renewed)["renewals"], 1) << renewed->dump();
  ASSERT_OK(
      RunAll(*w.trader, {ipr::Withdraw{ipr::IpType::kTrademark, file.reg_no, "sold"}.ToCall()}));
  auto withdrawn = w.client->IprFiling("trademark", file.reg_no);
  ASSERT_TRUE(withdrawn.ok());
  EXPECT_EQ((*withdrawn)["active"], false) << withdrawn->dump();
}

TEST_F(Live, TraceCaptureInspectionAndSignedReads) {
  ASSERT_TRUE(w.trader);
  const std::string item = "urn:epc:id:sgtin:6901234.100013.1";
  Json made = {{"type", "ObjectEvent"},
               {"action", "ADD"},
               {"eventTime", "2026-01-02T10:00:00.000+08:00"},
               {"eventTimeZoneOffset", "+08:00"},
               {"epcList", {item}},
               {"bizStep", "commissioning"},
               {"readPoint", {{"id", "urn:epc:id:sgln:6901234.00001.0"}}}};
  Json doc = {{"@context", {"https://ref.gs1.org/standards/epcis/epcis-context.jsonld"}},
              {"type", "EPCISDocument"},
              {"schemaVersion", "2.0"},
              {"creationDate", "2026-01-02T10:00:00.000+08:00"},
              {"epcisBody", {{"eventList", {made}}}}};
  auto captured = Commit(*w.trader, trace::Capture{doc}.ToCall());
  ASSERT_TRUE(captured.ok()) << captured.status().ToString();
  std::string ids = captured->ResultString().value();
  w.event_id = ids.substr(0, ids.find('\n'));
  ASSERT_OK(
      RunAll(Admin("customs"), {trace::SelectForInspection{{item}, "", "risk profile"}.ToCall()}));
  auto event = w.client->TraceEvent(w.event_id, &Admin("customs"));
  ASSERT_TRUE(event.ok()) << event.status().ToString();
  EXPECT_EQ((*event)["id"], w.event_id);
  EXPECT_EQ(w.client->TraceHistory(item, nullptr).status().slug(), "auth.reader_required");
  auto history = w.client->TraceHistory(item, &*w.trader);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
}

TEST_F(Live, ClearancePartiesAndAnOrder) {
  const Signer& customs = Admin("customs");
  ASSERT_OK(RunAll(
      customs,
      {clearance::RegisterParty{kEbp, kPlatform, "Qianhai Cross-border Mall", {"ebp"}}.ToCall(),
       clearance::RegisterParty{kEbc, kTrader, "Qianhai Trading", {"ebc"}}.ToCall(),
       clearance::UpdateParty{kEbc, kTrader, "Shenzhen Qianhai Trading", {"ebc"}, "renamed"}
           .ToCall(),
       clearance::SuspendParty{kEbc, "licence review"}.ToCall(),
       clearance::ReinstateParty{{kEbc, "licence confirmed"}}.ToCall()}));
  ASSERT_OK(RunAll(
      customs,
      {clearance::RegisterParty{kPay, kPlatform, "Qianhai Pay", {"pay"}}.ToCall(),
       clearance::RegisterParty{kLogistics, kPlatform, "Qianhai Logistics", {"logistics", "agent"}}
           .ToCall()}));
  const auto imp = clearance::Direction::kImport;
  LiveOrder o = MakeLiveOrder();
  ASSERT_OK(RunAll(Admin("platform"), {clearance::SubmitOrder{imp, o.order, {}}.ToCall(),
                                       clearance::SubmitPayment{imp, o.payment, {}}.ToCall(),
                                       clearance::SubmitWaybill{imp, o.waybill, {}}.ToCall(),
                                       clearance::SubmitList{imp, o.list, {}}.ToCall()}));
  auto read = w.client->ClearanceOrder("import", kEbp, o.order.order_no, &customs);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ((*read)["documents"]["order"]["document"]["orderNo"], o.order.order_no) << read->dump();
  for (const char* doc : {"payment", "waybill", "list"}) {
    EXPECT_FALSE((*read)["documents"][doc].is_null()) << doc << ": " << read->dump();
  }
  EXPECT_TRUE((*read)["result"].contains("status")) << read->dump();
}

TEST_F(Live, VerifiedReadsOfWhatWasWritten) {
  auto cp1 = w.client->VerifiedCheckpoint();
  ASSERT_TRUE(cp1.ok()) << cp1.status().ToString();
  w.first_checkpoint = *cp1;
  Bytes key = BundleKey(BundleKind::kIprFiling, {"trademark", kMark}).value();
  auto proven = w.client->ProveState(key);
  ASSERT_TRUE(proven.ok()) << proven.status().ToString();
  EXPECT_TRUE(proven->value.has_value());
  auto tx = w.client->ProveTx(w.filing_tx, milliseconds(20000));
  ASSERT_TRUE(tx.ok()) << tx.status().ToString();
  EXPECT_EQ(tx->signed_tx.tx.method, "file");

  auto bundle = w.client->MakeBundle(BundleKind::kIprFiling, {"trademark", kMark});
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  auto offline = VerifyBundle(*Bundle::FromText(bundle->ToText(), *w.anchor), *w.anchor);
  ASSERT_TRUE(offline.ok()) << offline.status().ToString();
  EXPECT_TRUE(offline->present);
  EXPECT_EQ(offline->verdict["active"], true) << offline->verdict.dump();
  auto absent = w.client->MakeBundle(BundleKind::kIprFiling, {"trademark", "99999999"});
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(VerifyBundle(*absent, *w.anchor)->present);

  // The history only grew between two certified checkpoints.
  // Any tx: validators certify a checkpoint at every block with transactions.
  ASSERT_OK(RunAll(
      Admin("customs"),
      {credit::Rate{kExporter, "GACC-282", "certified", "annual", "GACC Order 282", ""}.ToCall()}));
  ledger::CertifiedCheckpoint cp2 = w.first_checkpoint;
  for (int i = 0; i < 100 && cp2.checkpoint.height == w.first_checkpoint.checkpoint.height; ++i) {
    auto next = w.client->VerifiedCheckpoint();
    ASSERT_TRUE(next.ok()) << next.status().ToString();
    cp2 = *next;
    std::this_thread::sleep_for(milliseconds(100));
  }
  ASSERT_GT(cp2.checkpoint.height, w.first_checkpoint.checkpoint.height);
  ASSERT_OK(
      w.client->CheckConsistency(w.first_checkpoint.checkpoint.height, cp2.checkpoint.height));
}

TEST_F(Live, WatchStreamsCommitsInOrder) {
  auto latest = w.client->LatestBlock();
  ASSERT_TRUE(latest.ok());
  uint64_t from =
      (*latest)["height"].get<uint64_t>() > 5 ? (*latest)["height"].get<uint64_t>() - 5 : 1;
  std::vector<uint64_t> heights;
  ASSERT_OK(w.client->Watch(from, [&](const CommitEvent& ev) {
    heights.push_back(ev.height);
    return heights.size() < 4;
  }));
  ASSERT_EQ(heights.size(), 4u);
  for (size_t i = 0; i < heights.size(); ++i) EXPECT_EQ(heights[i], from + i);
}

TEST_F(Live, AProxyFlippingAByteOfAProofIsCaught) {
  // 1. A proxy in front of a real node flips one hex digit of a proven value.
  uint16_t port = ParseAddress(g_env.nodes[0]).value().port;
  testing::TamperProxy proxy(port, [](std::string& chunk) {
    size_t at = chunk.find("\"value\":\"");
    if (at != std::string::npos) chunk[at + 20] = chunk[at + 20] == '0' ? '1' : '0';
  });
  Client through_proxy({proxy.address()}, *w.anchor);
  Bytes key = BundleKey(BundleKind::kIprFiling, {"trademark", kMark}).value();
  auto flipped = through_proxy.ProveState(key);
  EXPECT_TRUE(flipped.status().Is(errors::kBadProof)) << flipped.status().ToString();
  EXPECT_NE(flipped.status().message().find(proxy.address()), std::string::npos);
}

TEST_F(Live, StaleForkedAndUnsignedCheckpointsAreRefused) {
  // 2. A node that serves an older checkpoint as its latest (stale), and
  // 3. one that serves a fork of the latest, signed by a quorum of the real
  //    validator keys (what only a quorum of faulty validators could do).
  auto real = w.client->VerifiedCheckpoint();
  ASSERT_TRUE(real.ok()) << real.status().ToString();
  std::mutex mu;
  Json serve = real->ToJson();
  testing::FakeServer liar([&](const testing::FakeRequest&, testing::FakeConn& c) {
    std::lock_guard<std::mutex> lock(mu);
    c.Reply(200, serve.dump());
  });
  Client victim({liar.address()}, *w.anchor);
  ASSERT_TRUE(victim.VerifiedCheckpoint().ok());
  {
    std::lock_guard<std::mutex> lock(mu);
    serve = w.first_checkpoint.ToJson();
  }
  auto stale = victim.VerifiedCheckpoint();
  EXPECT_TRUE(stale.status().Is(errors::kStale)) << stale.status().ToString();
  EXPECT_NE(stale.status().message().find(liar.address()), std::string::npos);

  ledger::Checkpoint fork = real->checkpoint;
  fork.state_root[0] ^= 0x01;
  std::vector<crypto::PrivateKey> keys = ValidatorKeys();
  ASSERT_EQ(keys.size(), w.anchor->validators.size());
  ledger::CertifiedCheckpoint forged =
      testing::Certify(fork, keys, testing::FirstN(w.anchor->validators.quorum()));
  ASSERT_TRUE(forged.Verify(w.anchor->validators, w.anchor->chain_id).ok());
  {
    std::lock_guard<std::mutex> lock(mu);
    serve = forged.ToJson();
  }
  auto forked = victim.VerifiedCheckpoint();
  EXPECT_TRUE(forked.status().Is(errors::kForked)) << forked.status().ToString();

  // 4. Too few signatures: not a certified checkpoint at all.
  ledger::Checkpoint ahead = real->checkpoint;
  ahead.height += 1000;
  {
    std::lock_guard<std::mutex> lock(mu);
    serve =
        testing::Certify(ahead, keys, testing::FirstN(w.anchor->validators.quorum() - 1)).ToJson();
  }
  EXPECT_TRUE(victim.VerifiedCheckpoint().status().Is(errors::kUntrustedCheckpoint));
}

TEST_F(Live, GovernedActionsOfEveryContract) {
  crypto::PrivateKey auditor = GenerateKey(w.anchor->suite);
  credit::SetCompositeRule rule;
  rule.rule_id = "CBEC-LIVE-1";
  rule.classes = {{"A", "Trustworthy", "守信"},
                  {"B", "General", "一般"},
                  {"C", "Watch", "关注"},
                  {"D", "Dishonest", "失信"}};
  rule.clauses = {{"D", {{"black_list_at_least", "", {}, "serious"}}},
                  {"C", {{"level_in", "customs", {"dishonest"}, ""}}},
                  {"A", {{"red_list", "", {}, ""}}}};
  rule.default_class = "B";
  ASSERT_OK(Govern({
      gov::AddOrg{"audit-co", "auditor", "Qianhai Audit", {auditor.public_key().ToHex()}}.ToCall(),
      gov::SetKindRoles{"auditor", {"admin", "auditor"}}.ToCall(),
      gov::SetProposalThreshold{3}.ToCall(),
      credit::SetScale{"fx",
                       "SAFE-ABC-2030",
                       "2030-01-01",
                       {{"A", "Class A", "A类"}, {"B", "Class B", "B类"}, {"C", "Class C", "C类"}}}
          .ToCall(),
      rule.ToCall(),
      DefaultCatalogue().ToCall(),
      clearance::SetLimits{"5000.00", "26000.00", "0.00", "MOF/GACC/STA 2018 No. 49", "live"}
          .ToCall(),
  }));
  ASSERT_OK(Govern({gov::SetOrgStatus{"audit-co", "suspended"}.ToCall()}));
  auto limits = w.client->Get("/v1/clearance/limits");
  ASSERT_TRUE(limits.ok());
  EXPECT_EQ((*limits)["legal_basis"], "MOF/GACC/STA 2018 No. 49") << limits->dump();
}

// A validator joins (epoch 1) and leaves again (epoch 2): a fresh client,
// trusting only the genesis, follows both changes from /v1/epochs, and a
// bundle carries them for an offline verifier.
TEST_F(Live, EpochChangesAreFollowedFromTheGenesis) {
  crypto::PrivateKey carrier = GenerateKey(w.anchor->suite);
  ASSERT_OK(Govern({gov::AddValidator{"carrier", carrier.public_key().ToHex()}.ToCall()}));
  ASSERT_OK(RunAll(
      Admin("customs"),
      {credit::Rate{kExporter, "GACC-282", "routine", "epoch 1", "GACC Order 282", ""}.ToCall()}));
  ASSERT_OK(Govern({gov::RemoveValidator{"carrier"}.ToCall()}));
  ASSERT_OK(RunAll(Admin("customs"), {credit::Rate{kExporter, "GACC-282", "certified", "epoch 2",
                                                   "GACC Order 282", ""}
                                          .ToCall()}));
  ClientOptions o;
  o.poll_interval = milliseconds(50);
  Client fresh(g_env.nodes, *w.anchor, o);
  Result<ledger::CertifiedCheckpoint> cp = Status(errors::kTimeout, "");
  for (int i = 0; i < 100; ++i) {  // until a checkpoint of epoch 2 is certified
    cp = fresh.VerifiedCheckpoint();
    if (cp.ok() && fresh.light_client().LatestEpoch() == 2) break;
    std::this_thread::sleep_for(milliseconds(100));
  }
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(fresh.light_client().LatestEpoch(), 2u);
  EXPECT_EQ(fresh.EpochChanges().size(), 2u);
  auto bundle = fresh.MakeBundle(BundleKind::kIprFiling, {"trademark", kMark});
  ASSERT_TRUE(bundle.ok()) << bundle.status().ToString();
  auto offline = VerifyBundle(*bundle, *w.anchor);
  ASSERT_TRUE(offline.ok()) << offline.status().ToString();
  EXPECT_EQ(offline->epoch, bundle->epoch_changes.size());
}

TEST_F(Live, EveryBuilderRoundTripped) {
  std::set<std::string> known;
  for (const MethodInfo& m : KnownMethods()) known.insert(Name(m));
  std::set<std::string> missing;
  std::set_difference(known.begin(), known.end(), w.committed.begin(), w.committed.end(),
                      std::inserter(missing, missing.end()));
  EXPECT_TRUE(missing.empty()) << "never committed: " << ::testing::PrintToString(missing);
}

}  // namespace
}  // namespace cbec::sdk::live

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i + 1 < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--network") cbec::sdk::live::g_env.dir = argv[++i];
    if (flag == "--nodes") {
      std::string list = argv[++i];
      for (size_t pos = 0; pos <= list.size();) {
        size_t comma = list.find(',', pos);
        if (comma == std::string::npos) comma = list.size();
        cbec::sdk::live::g_env.nodes.push_back(list.substr(pos, comma - pos));
        pos = comma + 1;
      }
    }
  }
  if (cbec::sdk::live::g_env.dir.empty() || cbec::sdk::live::g_env.nodes.empty()) {
    std::fprintf(stderr, "usage: sdk-live --network DIR --nodes host:port,... [gtest flags]\n");
    return 2;
  }
  return RUN_ALL_TESTS();
}
