#include "cbec/node/metrics/registry.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "cbec/node/metrics/errors.h"
#include "text_format.h"

namespace cbec::node::metrics {
namespace {

bool IsNameChar(char c, bool first, bool colon_ok) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') return true;
  if (c == ':') return colon_ok;
  return !first && c >= '0' && c <= '9';
}

bool ValidName(std::string_view name, bool colon_ok) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (!IsNameChar(name[i], i == 0, colon_ok)) return false;
  }
  return true;
}

Status CheckNames(const std::string& name, const std::vector<std::string>& labels,
                  MetricType type) {
  if (!ValidName(name, /*colon_ok=*/true)) {
    return Status(errors::kBadName, "bad metric name '" + name + "'");
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    const std::string& l = labels[i];
    bool reserved = l.starts_with("__") || (type == MetricType::kHistogram && l == "le");
    if (!ValidName(l, /*colon_ok=*/false) || reserved) {
      return Status(errors::kBadName, name + ": bad label name '" + l + "'");
    }
    if (std::find(labels.begin(), labels.begin() + static_cast<ptrdiff_t>(i), l) !=
        labels.begin() + static_cast<ptrdiff_t>(i)) {
      return Status(errors::kBadName, name + ": duplicate label name '" + l + "'");
    }
  }
  return Status::Ok();
}

Result<std::vector<double>> CheckBuckets(std::vector<double> bounds) {
  if (!bounds.empty() && bounds.back() == INFINITY) bounds.pop_back();
  for (size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i]) || (i > 0 && !(bounds[i - 1] < bounds[i]))) {
      return Status(errors::kBadBuckets, "buckets must be finite and strictly increasing");
    }
  }
  return bounds;
}

// A metric read at scrape time: a gauge, or counters under one label.
class CallbackMetric final : public FamilyBase {
 public:
  CallbackMetric(std::string name, std::string help, MetricType type,
                 std::vector<std::string> label_names,
                 std::function<Registry::LabelledValues()> read)
      : FamilyBase(std::move(name), std::move(help), type, std::move(label_names)),
        read_(std::move(read)) {}

  void RenderTo(std::string& out) const override;

 private:
  const std::function<Registry::LabelledValues()> read_;
};

}  // namespace

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)),
      buckets_(std::make_unique<std::atomic<uint64_t>[]>(bounds_.size() + 1)) {}

void Histogram::Observe(double v) {
  if (std::isnan(v)) return;
  // First bound >= v: the bucket whose `le` admits v.
  size_t i = static_cast<size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), v) -
                                 bounds_.begin());
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot s;
  s.cumulative.reserve(bounds_.size() + 1);
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(running);
  }
  // The count is the +Inf bucket, so _count always equals it in one scrape.
  s.count = running;
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

template <class M>
M& Family<M>::WithLabels(std::span<const std::string_view> values) {
  assert(values.size() == label_names().size());
  std::vector<std::string> key(values.begin(), values.end());
  MutexLock lock(&mu_);
  auto it = children_.find(key);
  if (it != children_.end()) return *it->second;
  std::unique_ptr<M> child;
  if constexpr (std::is_same_v<M, Histogram>) {
    child = std::make_unique<Histogram>(bounds_);
  } else {
    child = std::make_unique<M>();
  }
  M& ref = *child;
  children_.emplace(std::move(key), std::move(child));
  return ref;
}

template <class M>
void Family<M>::RenderTo(std::string& out) const {
  // Children are never removed: pointers to them (and to their map keys) taken
  // under the lock stay valid while the values are read without it.
  std::vector<std::pair<const std::vector<std::string>*, const M*>> children;
  {
    MutexLock lock(&mu_);
    children.reserve(children_.size());
    for (const auto& [labels, child] : children_) children.emplace_back(&labels, child.get());
  }
  if (children.empty()) return;
  internal::AppendHeader(out, name(), help(), type());
  for (const auto& [labels, child] : children) {
    internal::AppendChild(out, name(), label_names(), *labels, *child);
  }
}

void CallbackMetric::RenderTo(std::string& out) const {
  internal::AppendHeader(out, name(), help(), type());
  for (const auto& [label, value] : read_()) {
    std::vector<std::string> values;
    if (!label_names().empty()) values.push_back(label);
    internal::AppendSample(out, name(), "", label_names(), values, "", FormatValue(value));
  }
}

template <class M>
Result<Family<M>*> Registry::AddFamily(std::string name, std::string help, MetricType type,
                                       std::vector<std::string> label_names,
                                       std::vector<double> bounds) {
  CBEC_RETURN_IF_ERROR(CheckNames(name, label_names, type));
  MutexLock lock(&mu_);
  for (const auto& f : families_) {
    if (f->name() != name) continue;
    auto* same = dynamic_cast<Family<M>*>(f.get());
    if (same == nullptr || f->type() != type || f->label_names() != label_names ||
        same->bounds() != bounds) {
      return Status(errors::kDuplicate, "metric '" + name + "' exists with another shape");
    }
    return same;
  }
  auto family = std::make_unique<Family<M>>(std::move(name), std::move(help), type,
                                            std::move(label_names), std::move(bounds));
  Family<M>* out = family.get();
  families_.push_back(std::move(family));
  return out;
}

Result<Counter*> Registry::AddCounter(std::string name, std::string help) {
  CBEC_ASSIGN_OR_RETURN(CounterFamily * f,
                        AddCounterFamily(std::move(name), std::move(help), {}));
  return &f->WithLabels({});
}

Result<CounterFamily*> Registry::AddCounterFamily(std::string name, std::string help,
                                                  std::vector<std::string> label_names) {
  return AddFamily<Counter>(std::move(name), std::move(help), MetricType::kCounter,
                            std::move(label_names), {});
}

Result<Gauge*> Registry::AddGauge(std::string name, std::string help) {
  CBEC_ASSIGN_OR_RETURN(GaugeFamily * f, AddGaugeFamily(std::move(name), std::move(help), {}));
  return &f->WithLabels({});
}

Result<GaugeFamily*> Registry::AddGaugeFamily(std::string name, std::string help,
                                              std::vector<std::string> label_names) {
  return AddFamily<Gauge>(std::move(name), std::move(help), MetricType::kGauge,
                          std::move(label_names), {});
}

Result<Histogram*> Registry::AddHistogram(std::string name, std::string help,
                                          std::vector<double> bounds) {
  CBEC_ASSIGN_OR_RETURN(
      HistogramFamily * f,
      AddHistogramFamily(std::move(name), std::move(help), {}, std::move(bounds)));
  return &f->WithLabels({});
}

Result<HistogramFamily*> Registry::AddHistogramFamily(std::string name, std::string help,
                                                      std::vector<std::string> label_names,
                                                      std::vector<double> bounds) {
  CBEC_ASSIGN_OR_RETURN(bounds, CheckBuckets(std::move(bounds)));
  return AddFamily<Histogram>(std::move(name), std::move(help), MetricType::kHistogram,
                              std::move(label_names), std::move(bounds));
}

Status Registry::AddGaugeCallback(std::string name, std::string help,
                                  std::function<double()> read) {
  return AddCallback(std::move(name), std::move(help), MetricType::kGauge, {},
                     [read = std::move(read)] { return LabelledValues{{"", read()}}; });
}

Status Registry::AddCounterCallback(std::string name, std::string help, std::string label_name,
                                    std::function<LabelledValues()> read) {
  std::vector<std::string> labels;
  if (!label_name.empty()) labels.push_back(std::move(label_name));
  return AddCallback(std::move(name), std::move(help), MetricType::kCounter, std::move(labels),
                     std::move(read));
}

Status Registry::AddCallback(std::string name, std::string help, MetricType type,
                             std::vector<std::string> label_names,
                             std::function<LabelledValues()> read) {
  CBEC_RETURN_IF_ERROR(CheckNames(name, label_names, type));
  MutexLock lock(&mu_);
  for (const auto& f : families_) {
    if (f->name() == name) {
      return Status(errors::kDuplicate, "metric '" + name + "' already exists");
    }
  }
  families_.push_back(std::make_unique<CallbackMetric>(std::move(name), std::move(help), type,
                                                       std::move(label_names), std::move(read)));
  return Status::Ok();
}

std::string Registry::Render() const {
  // Families are never removed, so raw pointers taken under the lock stay valid;
  // rendering (and gauge callbacks) then run without the registry lock.
  std::vector<const FamilyBase*> families;
  {
    MutexLock lock(&mu_);
    families.reserve(families_.size());
    for (const auto& f : families_) families.push_back(f.get());
  }
  std::string out;
  for (const FamilyBase* f : families) f->RenderTo(out);
  return out;
}

std::vector<double> Registry::DefaultLatencyBuckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

std::vector<double> Registry::ExponentialBuckets(double start, double factor, size_t count) {
  assert(start > 0 && factor > 1);
  std::vector<double> out;
  out.reserve(count);
  for (double b = start; out.size() < count; b *= factor) out.push_back(b);
  return out;
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

}  // namespace cbec::node::metrics
