#include "cbec/contracts/state.h"

#include <gtest/gtest.h>

#include "cbec/contracts/errors.h"
#include "cbec/ledger/state_key.h"
#include "test_rng.h"

namespace cbec::contracts {
namespace {

using testing::Rng;

Bytes B(std::string_view s) { return ToBytes(s); }

}  // namespace

// Readable failure output.
void PrintTo(const KeyValue& kv, std::ostream* os) {
  *os << "{" << AsChars(kv.key) << "=" << AsChars(kv.value) << "}";
}

namespace {

std::vector<std::string> Keys(const std::vector<KeyValue>& kvs) {
  std::vector<std::string> out;
  for (const auto& kv : kvs) out.emplace_back(AsChars(kv.key));
  return out;
}

TEST(KeyBuilderTest, LayoutAndOrder) {
  Bytes k = ledger::KeyBuilder("governance", "org").Str("customs").Build();
  EXPECT_EQ(k, B(std::string_view("governance\0org\0customs\0", 23)));
  // A shorter string sorts before its extensions, as text does.
  EXPECT_LT(ledger::KeyBuilder("c", "t").Str("ab").Build(), ledger::KeyBuilder("c", "t").Str("abc").Build());
  EXPECT_LT(ledger::KeyBuilder("c", "t").Str("ab").Build(), ledger::KeyBuilder("c", "t").Str("ab-").Build());
  // u64 components sort numerically.
  EXPECT_LT(ledger::KeyBuilder("c", "t").U64(255).Build(), ledger::KeyBuilder("c", "t").U64(256).Build());
  // The table prefix selects its keys and no other table's.
  Bytes prefix = ledger::KeyBuilder("c", "t").Build();
  Bytes other = ledger::KeyBuilder("c", "tt").Str("x").Build();
  EXPECT_FALSE(std::equal(prefix.begin(), prefix.end(), other.begin()));
}

TEST(KeyBuilderTest, EmbeddedNulIsEscapedAndUnambiguous) {
  std::string with_nul("a\0b", 3);
  Bytes k1 = ledger::KeyBuilder("c", "t").Str(with_nul).Build();
  Bytes k2 = ledger::KeyBuilder("c", "t").Str("a").Str("b").Build();
  EXPECT_NE(k1, k2);
  size_t pos = 0;
  EXPECT_EQ(ledger::ReadKeyString(k1, pos).value(), "c");
  EXPECT_EQ(ledger::ReadKeyString(k1, pos).value(), "t");
  EXPECT_EQ(ledger::ReadKeyString(k1, pos).value(), with_nul);
  EXPECT_EQ(pos, k1.size());
  Bytes unterminated = B("abc");
  pos = 0;
  EXPECT_FALSE(ledger::ReadKeyString(unterminated, pos).ok());
}

TEST(MemStoreTest, GetScanApply) {
  MemStore s;
  s.Apply({{B("a/1"), B("x")}, {B("a/2"), B("y")}, {B("b/1"), B("z")}});
  EXPECT_EQ(s.Get(B("a/1")).value(), B("x"));
  EXPECT_FALSE(s.Get(B("a/3")).value().has_value());
  EXPECT_EQ(Keys(s.Scan(B("a/"), {}, 10).value()), (std::vector<std::string>{"a/1", "a/2"}));
  EXPECT_EQ(Keys(s.Scan(B("a/"), B("a/1"), 10).value()), (std::vector<std::string>{"a/2"}));
  EXPECT_EQ(Keys(s.Scan(B("a/"), {}, 1).value()), (std::vector<std::string>{"a/1"}));
  EXPECT_TRUE(s.Scan(B("a/"), {}, 0).value().empty());
  // start_after before the prefix starts at the prefix.
  EXPECT_EQ(Keys(s.Scan(B("b/"), B("a/9"), 10).value()), (std::vector<std::string>{"b/1"}));
  s.Apply({{B("a/1"), std::nullopt}});
  EXPECT_FALSE(s.Get(B("a/1")).value().has_value());
  EXPECT_EQ(s.size(), 2u);
  EXPECT_TRUE(s.Scan(B(""), {}, kMaxScanLimit + 1).status().Is(errors::kBadLimit));
}

TEST(OverlayTest, ReadsChangesThenBase) {
  MemStore base;
  base.Apply({{B("k1"), B("base1")}, {B("k2"), B("base2")}});
  Overlay o(&base);
  o.Put(B("k1"), B("new1"));
  o.Delete(B("k2"));
  o.Put(B("k3"), B("new3"));
  EXPECT_EQ(o.Get(B("k1")).value(), B("new1"));
  EXPECT_FALSE(o.Get(B("k2")).value().has_value());
  EXPECT_EQ(o.Get(B("k3")).value(), B("new3"));
  // The base is untouched.
  EXPECT_EQ(base.Get(B("k2")).value(), B("base2"));
  EXPECT_EQ(Keys(o.Scan(B("k"), {}, 10).value()), (std::vector<std::string>{"k1", "k3"}));
  // The write set: sorted, with the delete as nullopt.
  WriteSet expected{{B("k1"), B("new1")}, {B("k2"), std::nullopt}, {B("k3"), B("new3")}};
  EXPECT_EQ(o.changes(), expected);
}

TEST(OverlayTest, TxRollbackAndBlockWriteSet) {
  MemStore committed;
  committed.Apply({{B("acct"), B("n0")}});
  Overlay block(&committed);
  {
    Overlay tx(&block);  // succeeds
    tx.Put(B("acct"), B("n1"));
    tx.Put(B("rec/1"), B("v"));
    block.Apply(tx.TakeChanges());
  }
  {
    Overlay tx(&block);  // fails: its writes are dropped
    tx.Put(B("rec/2"), B("w"));
    tx.Delete(B("rec/1"));
    EXPECT_FALSE(tx.Get(B("rec/1")).value().has_value());
  }
  EXPECT_EQ(block.Get(B("rec/1")).value(), B("v"));
  EXPECT_FALSE(block.Get(B("rec/2")).value().has_value());
  {
    Overlay tx(&block);  // deletes what an earlier tx of the block wrote
    tx.Delete(B("rec/1"));
    block.Apply(tx.TakeChanges());
  }
  WriteSet expected{{B("acct"), B("n1")}, {B("rec/1"), std::nullopt}};
  EXPECT_EQ(block.changes(), expected);
  committed.Apply(block.TakeChanges());
  EXPECT_EQ(committed.Get(B("acct")).value(), B("n1"));
  EXPECT_FALSE(committed.Get(B("rec/1")).value().has_value());
}

TEST(OverlayTest, ClearDropsEverything) {
  MemStore base;
  base.Apply({{B("a"), B("1")}});
  Overlay o(&base);
  o.Delete(B("a"));
  o.Clear();
  EXPECT_EQ(o.Get(B("a")).value(), B("1"));
  EXPECT_TRUE(o.changes().empty());
}

// Scan over three stacked layers against a plain map model, with random puts
// and deletes, prefixes, cursors and limits small enough to force the overlay
// to page through its base several times.
TEST(OverlayTest, ScanMatchesModel) {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    Rng rng(seed);
    MemStore base;
    Overlay mid(&base);
    Overlay top(&mid);
    std::map<Bytes, Bytes> model;
    auto random_key = [&] {
      std::string k(1, static_cast<char>('a' + rng.Below(3)));
      k += static_cast<char>('a' + rng.Below(6));
      if (rng.OneIn(2)) k += static_cast<char>('a' + rng.Below(4));
      return B(k);
    };
    for (int step = 0; step < 200; ++step) {
      Bytes k = random_key();
      Bytes v = B(std::to_string(rng.Next() % 1000));
      bool del = rng.OneIn(3);
      int layer = static_cast<int>(rng.Below(3));
      if (layer == 0) {
        base.Apply({{k, del ? std::nullopt : std::optional<Bytes>(v)}});
        // A base change shows only where no overlay hides the key.
        if (mid.changes().count(k) || top.changes().count(k)) continue;
      } else {
        Overlay& o = layer == 1 ? mid : top;
        if (layer == 1 && top.changes().count(k)) continue;
        if (del) {
          o.Delete(k);
        } else {
          o.Put(k, v);
        }
      }
      if (del) {
        model.erase(k);
      } else {
        model[k] = v;
      }
    }
    for (int q = 0; q < 50; ++q) {
      Bytes prefix =
          rng.OneIn(4) ? Bytes{} : B(std::string(1, static_cast<char>('a' + rng.Below(3))));
      Bytes after = rng.OneIn(2) ? Bytes{} : random_key();
      size_t limit = 1 + rng.Below(6);
      std::vector<KeyValue> expected;
      for (const auto& [k, v] : model) {
        bool in_prefix = k.size() >= prefix.size() &&
                         std::equal(prefix.begin(), prefix.end(), k.begin());
        if (in_prefix && (after.empty() || after < k) && expected.size() < limit) {
          expected.push_back({k, v});
        }
      }
      auto got = top.Scan(prefix, after, limit);
      ASSERT_TRUE(got.ok());
      auto dump = [](const auto& m) {
        std::string out;
        for (const auto& [k, v] : m) {
          out += std::string(AsChars(k)) + "=" + (v ? std::string(AsChars(*v)) : "DEL") + " ";
        }
        return out;
      };
      std::map<Bytes, std::optional<Bytes>> b(base.data().begin(), base.data().end());
      ASSERT_EQ(*got, expected) << "seed " << seed << " query " << q << " prefix "
                                << AsChars(prefix) << " after " << AsChars(after) << " limit "
                                << limit << "\nbase " << dump(b) << "\nmid " << dump(mid.changes())
                                << "\ntop " << dump(top.changes()) << "\nmid scan "
                                << ::testing::PrintToString(*mid.Scan(prefix, after, limit));
    }
  }
}

TEST(WriteSetTest, CanonicalEncoding) {
  WriteSet w{{B("a"), B("xy")}, {B("b"), std::nullopt}};
  // count 2; "a" present "xy"; "b" absent.
  Bytes expected = {0x02, 0x01, 'a', 0x01, 0x02, 'x', 'y', 0x01, 'b', 0x00};
  EXPECT_EQ(EncodeWriteSet(w), expected);
  EXPECT_EQ(EncodeWriteSet({}), Bytes{0x00});
}

struct Rec {
  uint64_t n = 0;
  template <class Ar, class Self>
  static void Codec(Ar& ar, Self& self) {
    ar.U64(self.n);
  }
};

TEST(StateRecordTest, CorruptRecordIsInternal) {
  MemStore s;
  s.Apply({{B("k"), B("\xff\xff")}});
  auto r = GetRecord<Rec>(s, B("k"));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().Is(errors::kStateCorrupt));
  EXPECT_TRUE(r.status().IsInternal());
  EXPECT_FALSE(GetRecord<Rec>(s, B("missing")).value().has_value());
}

}  // namespace
}  // namespace cbec::contracts
