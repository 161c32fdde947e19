#include "cbec/node/metrics/registry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "cbec/node/metrics/errors.h"

namespace cbec::node::metrics {
namespace {

TEST(MetricsTest, RendersSmallRegistryExactly) {
  Registry r;
  Counter* commits = *r.AddCounter("cbec_commits_total", "Blocks committed.");
  GaugeFamily* peers = *r.AddGaugeFamily("cbec_peers", "Connected peers\nby state.", {"state"});
  HistogramFamily* lat = *r.AddHistogramFamily("cbec_latency_seconds", "Latency.", {"route"},
                                               {0.01, 0.1, 1});
  ASSERT_TRUE(r.AddGaugeCallback("cbec_mempool_size", "Txs waiting.", [] { return 42.0; }).ok());
  commits->Inc();
  commits->Inc(2);
  peers->WithLabels({"up"}).Set(4);
  peers->WithLabels({"a\"b\\c\nd"}).Set(-1.5);
  Histogram& h = lat->WithLabels({"/v1/tx/{hash}"});
  h.Observe(0.005);
  h.Observe(0.01);  // le is inclusive
  h.Observe(0.5);
  h.Observe(7);

  const std::string want =
      "# HELP cbec_commits_total Blocks committed.\n"
      "# TYPE cbec_commits_total counter\n"
      "cbec_commits_total 3\n"
      "# HELP cbec_peers Connected peers\\nby state.\n"
      "# TYPE cbec_peers gauge\n"
      "cbec_peers{state=\"a\\\"b\\\\c\\nd\"} -1.5\n"
      "cbec_peers{state=\"up\"} 4\n"
      "# HELP cbec_latency_seconds Latency.\n"
      "# TYPE cbec_latency_seconds histogram\n"
      "cbec_latency_seconds_bucket{route=\"/v1/tx/{hash}\",le=\"0.01\"} 2\n"
      "cbec_latency_seconds_bucket{route=\"/v1/tx/{hash}\",le=\"0.1\"} 2\n"
      "cbec_latency_seconds_bucket{route=\"/v1/tx/{hash}\",le=\"1\"} 3\n"
      "cbec_latency_seconds_bucket{route=\"/v1/tx/{hash}\",le=\"+Inf\"} 4\n"
      "cbec_latency_seconds_sum{route=\"/v1/tx/{hash}\"} 7.515\n"
      "cbec_latency_seconds_count{route=\"/v1/tx/{hash}\"} 4\n"
      "# HELP cbec_mempool_size Txs waiting.\n"
      "# TYPE cbec_mempool_size gauge\n"
      "cbec_mempool_size 42\n";
  EXPECT_EQ(r.Render(), want);
}

TEST(MetricsTest, UnlabelledHistogramAndEmptyFamilies) {
  Registry r;
  ASSERT_TRUE(r.AddCounterFamily("unused_total", "Never touched.", {"x"}).ok());
  Histogram* h = *r.AddHistogram("size_bytes", "Sizes.", {100, INFINITY});
  h->Observe(NAN);  // ignored
  h->Observe(1e21);
  EXPECT_EQ(r.Render(),
            "# HELP size_bytes Sizes.\n"
            "# TYPE size_bytes histogram\n"
            "size_bytes_bucket{le=\"100\"} 0\n"
            "size_bytes_bucket{le=\"+Inf\"} 1\n"
            "size_bytes_sum 1e+21\n"
            "size_bytes_count 1\n");
}

TEST(MetricsTest, GetOrCreateAndDuplicates) {
  Registry r;
  Counter* a = *r.AddCounter("x_total", "X.");
  Counter* b = *r.AddCounter("x_total", "X again.");
  EXPECT_EQ(a, b);
  EXPECT_TRUE(r.AddGauge("x_total", "X.").status().Is(errors::kDuplicate));
  EXPECT_TRUE(r.AddCounterFamily("x_total", "X.", {"l"}).status().Is(errors::kDuplicate));
  ASSERT_TRUE(r.AddHistogram("h", "H.", {1, 2}).ok());
  EXPECT_TRUE(r.AddHistogram("h", "H.", {1, 3}).status().Is(errors::kDuplicate));
  EXPECT_TRUE(r.AddHistogram("h", "H.", {1, 2}).ok());
  EXPECT_TRUE(r.AddGaugeCallback("h", "H.", [] { return 0.0; }).Is(errors::kDuplicate));
}

TEST(MetricsTest, CounterCallbacksRenderOneSamplePerLabel) {
  Registry r;
  double unknown_key = 3;
  ASSERT_TRUE(r.AddCounterCallback("cbec_refused_total", "Refused.", "reason", [&] {
                 return Registry::LabelledValues{{"timeout", 0}, {"unknown_key", unknown_key}};
               }).ok());
  unknown_key = 4;  // read at scrape time, not when added
  EXPECT_EQ(r.Render(),
            "# HELP cbec_refused_total Refused.\n"
            "# TYPE cbec_refused_total counter\n"
            "cbec_refused_total{reason=\"timeout\"} 0\n"
            "cbec_refused_total{reason=\"unknown_key\"} 4\n");
  EXPECT_TRUE(r.AddCounterCallback("cbec_refused_total", "", "x", [] {
                 return Registry::LabelledValues{};
               }).Is(errors::kDuplicate));
  EXPECT_TRUE(r.AddCounterCallback("c2", "", "__bad", [] {
                 return Registry::LabelledValues{};
               }).Is(errors::kBadName));
}

TEST(MetricsTest, RejectsBadNamesAndBuckets) {
  Registry r;
  EXPECT_TRUE(r.AddCounter("", "").status().Is(errors::kBadName));
  EXPECT_TRUE(r.AddCounter("1abc", "").status().Is(errors::kBadName));
  EXPECT_TRUE(r.AddCounter("a-b", "").status().Is(errors::kBadName));
  EXPECT_TRUE(r.AddCounter("ns:sub_total", "").ok());
  EXPECT_TRUE(r.AddCounterFamily("c", "", {"__x"}).status().Is(errors::kBadName));
  EXPECT_TRUE(r.AddCounterFamily("c", "", {"a:b"}).status().Is(errors::kBadName));
  EXPECT_TRUE(r.AddCounterFamily("c", "", {"a", "a"}).status().Is(errors::kBadName));
  EXPECT_TRUE(r.AddHistogramFamily("h", "", {"le"}, {1}).status().Is(errors::kBadName));
  EXPECT_TRUE(r.AddHistogram("h", "", {2, 1}).status().Is(errors::kBadBuckets));
  EXPECT_TRUE(r.AddHistogram("h", "", {1, 1}).status().Is(errors::kBadBuckets));
  EXPECT_TRUE(r.AddHistogram("h", "", {NAN}).status().Is(errors::kBadBuckets));
  EXPECT_TRUE(r.AddHistogram("h", "", {}).ok());
}

TEST(MetricsTest, FormatValue) {
  EXPECT_EQ(FormatValue(0), "0");
  EXPECT_EQ(FormatValue(0.005), "0.005");
  EXPECT_EQ(FormatValue(2.5), "2.5");
  EXPECT_EQ(FormatValue(-INFINITY), "-Inf");
  EXPECT_EQ(FormatValue(NAN), "NaN");
  EXPECT_EQ(EscapeText("a\"\\\n", false), "a\"\\\\\\n");
  EXPECT_EQ(Registry::ExponentialBuckets(1, 2, 4), (std::vector<double>{1, 2, 4, 8}));
}

TEST(MetricsTest, ConcurrentUpdatesAreNotLost) {
  Registry r;
  CounterFamily* c = *r.AddCounterFamily("hits_total", "Hits.", {"t"});
  Histogram* h = *r.AddHistogram("obs", "Obs.", {0.5});
  Gauge* g = *r.AddGauge("level", "Level.");
  constexpr int kThreads = 4;
  constexpr int kPerThread = 10000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        c->WithLabels({std::to_string(i % 3)}).Inc();
        h->Observe(t % 2 == 0 ? 0.25 : 1.0);
        g->Add(1);
        if (i % 1000 == 0) (void)r.Render();  // scrapes race with updates
      }
    });
  }
  for (auto& t : threads) t.join();
  uint64_t total = 0;
  for (const char* t : {"0", "1", "2"}) total += c->WithLabels({t}).value();
  EXPECT_EQ(total, uint64_t{kThreads * kPerThread});
  Histogram::Snapshot s = h->Read();
  EXPECT_EQ(s.count, uint64_t{kThreads * kPerThread});
  EXPECT_EQ(s.cumulative[0], uint64_t{kThreads / 2 * kPerThread});
  EXPECT_DOUBLE_EQ(s.sum, kThreads / 2 * kPerThread * 1.25);
  EXPECT_DOUBLE_EQ(g->value(), kThreads * kPerThread);
}

}  // namespace
}  // namespace cbec::node::metrics
