// A small Prometheus metrics registry: counters, gauges and histograms, each as a
// family with a fixed set of label names, rendered in the Prometheus text
// exposition format 0.0.4 (docs/spec/http.md, "/metrics").
//
//   metrics::Registry registry;
//   auto commits = registry.AddCounter("cbec_commits_total", "Blocks committed.");
//   if (!commits.ok()) return commits.status();
//   (*commits)->Inc();
//   auto lat = registry.AddHistogramFamily("cbec_http_request_duration_seconds", "...",
//                                          {"route"}, Registry::DefaultLatencyBuckets());
//   (*lat)->WithLabels({"/v1/tx/{hash}"}).Observe(0.003);
//   std::string text = registry.Render();
//
// Hot path: Counter::Inc, Gauge::Set/Add and Histogram::Observe are lock-free
// (relaxed atomics). Family::WithLabels takes a short lock to find or create the
// child; callers on hot paths keep the returned reference, which stays valid for
// the registry's lifetime (children are never removed).
//
// Thread-safety: every class here is safe to use from any number of threads.
// A scrape (Render) sees each value atomically but not all values at one instant
// (as in every Prometheus client library).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cbec/base/status.h"
#include "cbec/node/util/thread_annotations.h"

namespace cbec::node::metrics {

// A monotonically increasing integer count.
class Counter {
 public:
  void Inc(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// A value that goes up and down.
class Gauge {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Add(double d) { value_.fetch_add(d, std::memory_order_relaxed); }
  void Sub(double d) { value_.fetch_add(-d, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

// Observations counted into fixed buckets. A bucket with upper bound `le` counts
// observations v <= le; the +Inf bucket is implicit.
class Histogram {
 public:
  // REQUIRES: `bounds` strictly increasing and finite (Registry validates them).
  explicit Histogram(std::vector<double> bounds);

  // Counts `v`. NaN is ignored: it would poison the sum forever.
  void Observe(double v);

  struct Snapshot {
    std::vector<uint64_t> cumulative;  // one per bound, then +Inf (= count)
    double sum = 0;
    uint64_t count = 0;
  };
  Snapshot Read() const;
  const std::vector<double>& bounds() const { return bounds_; }

 private:
  const std::vector<double> bounds_;
  // Non-cumulative counts, bounds_.size() + 1 entries (the last is +Inf).
  const std::unique_ptr<std::atomic<uint64_t>[]> buckets_;
  std::atomic<double> sum_{0.0};
};

enum class MetricType : uint8_t { kCounter, kGauge, kHistogram };

// Type-independent part of a family, used by Registry::Render.
class FamilyBase {
 public:
  FamilyBase(std::string name, std::string help, MetricType type,
             std::vector<std::string> label_names)
      : name_(std::move(name)),
        help_(std::move(help)),
        type_(type),
        label_names_(std::move(label_names)) {}
  virtual ~FamilyBase() = default;

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  MetricType type() const { return type_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

  // Appends this family's HELP, TYPE and sample lines; nothing when it has no
  // children yet.
  virtual void RenderTo(std::string& out) const = 0;

 private:
  const std::string name_;
  const std::string help_;
  const MetricType type_;
  const std::vector<std::string> label_names_;
};

// All metrics of one name, one child per combination of label values.
template <class M>
class Family final : public FamilyBase {
 public:
  Family(std::string name, std::string help, MetricType type,
         std::vector<std::string> label_names, std::vector<double> bounds = {})
      : FamilyBase(std::move(name), std::move(help), type, std::move(label_names)),
        bounds_(std::move(bounds)) {}

  // The child for these label values, created on first use. The reference stays
  // valid as long as the registry. REQUIRES: values.size() == label_names().size()
  // (a programming error otherwise; checked by assert). Label values may be any
  // text; they are escaped when rendered.
  M& WithLabels(std::initializer_list<std::string_view> values) {
    return WithLabels(std::span<const std::string_view>(values.begin(), values.size()));
  }
  M& WithLabels(std::span<const std::string_view> values);

  const std::vector<double>& bounds() const { return bounds_; }
  void RenderTo(std::string& out) const override;

 private:

  const std::vector<double> bounds_;  // histograms only
  mutable Mutex mu_;
  std::map<std::vector<std::string>, std::unique_ptr<M>> children_ CBEC_GUARDED_BY(mu_);
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

// Owns every metric family of a process (or of a test).
//
// Add* calls are get-or-create: adding a name that exists with the same type,
// label names (and buckets) returns the existing metric, so two components may
// share one; any other reuse of a name fails with errors::kDuplicate. Names must
// match [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]* without a
// leading "__" (and not "le" for histograms), else errors::kBadName. Buckets must
// be finite and strictly increasing, else errors::kBadBuckets; a trailing +Inf is
// accepted and dropped.
class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  Result<Counter*> AddCounter(std::string name, std::string help);
  Result<CounterFamily*> AddCounterFamily(std::string name, std::string help,
                                          std::vector<std::string> label_names);
  Result<Gauge*> AddGauge(std::string name, std::string help);
  Result<GaugeFamily*> AddGaugeFamily(std::string name, std::string help,
                                      std::vector<std::string> label_names);
  Result<Histogram*> AddHistogram(std::string name, std::string help,
                                  std::vector<double> bounds);
  Result<HistogramFamily*> AddHistogramFamily(std::string name, std::string help,
                                              std::vector<std::string> label_names,
                                              std::vector<double> bounds);
  // A gauge whose value is read by calling `read` at every scrape (mempool size,
  // peer count). `read` runs on the scraping thread without registry locks held;
  // it must be thread-safe and quick. Same naming rules; a name can be added once.
  Status AddGaugeCallback(std::string name, std::string help, std::function<double()> read);
  // Counters kept elsewhere (a component's own stats), read at every scrape:
  // one sample per (label value, value) pair `read` returns, under the one
  // label `label_name`. Same rules as AddGaugeCallback.
  using LabelledValues = std::vector<std::pair<std::string, double>>;
  Status AddCounterCallback(std::string name, std::string help, std::string label_name,
                            std::function<LabelledValues()> read);

  // The whole registry in text format 0.0.4, families in the order they were
  // added, children sorted by label values.
  std::string Render() const;

  // Prometheus' default buckets, 5 ms to 10 s.
  static std::vector<double> DefaultLatencyBuckets();
  // count bounds start, start*factor, ... REQUIRES: start > 0, factor > 1.
  static std::vector<double> ExponentialBuckets(double start, double factor, size_t count);

 private:
  template <class M>
  Result<Family<M>*> AddFamily(std::string name, std::string help, MetricType type,
                               std::vector<std::string> label_names, std::vector<double> bounds);
  Status AddCallback(std::string name, std::string help, MetricType type,
                     std::vector<std::string> label_names, std::function<LabelledValues()> read);

  mutable Mutex mu_;
  std::vector<std::unique_ptr<FamilyBase>> families_ CBEC_GUARDED_BY(mu_);
};

// Text-format helpers, exposed for tests and for callers that render by hand.
// A sample value: "+Inf", "-Inf", "NaN", or the shortest text that reads back
// as the same double ("0.005", "3", "1e+21").
std::string FormatValue(double v);
// Escapes '\\' and '\n' (HELP text) and also '"' when `quote` (label values).
std::string EscapeText(std::string_view s, bool quote);

}  // namespace cbec::node::metrics
