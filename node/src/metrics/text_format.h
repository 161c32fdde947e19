// Pieces of the Prometheus text exposition format 0.0.4, shared by the metric
// families. Private to node/metrics.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cbec/node/metrics/registry.h"

namespace cbec::node::metrics::internal {

// "# HELP name help\n# TYPE name type\n".
void AppendHeader(std::string& out, const std::string& name, const std::string& help,
                  MetricType type);

// One sample line: name+suffix{labels[,le="le"]} value. `le` empty: no le label.
void AppendSample(std::string& out, std::string_view name, std::string_view suffix,
                  const std::vector<std::string>& label_names,
                  const std::vector<std::string>& label_values, std::string_view le,
                  std::string_view value);

void AppendChild(std::string& out, const std::string& name,
                 const std::vector<std::string>& label_names,
                 const std::vector<std::string>& label_values, const Counter& c);
void AppendChild(std::string& out, const std::string& name,
                 const std::vector<std::string>& label_names,
                 const std::vector<std::string>& label_values, const Gauge& g);
void AppendChild(std::string& out, const std::string& name,
                 const std::vector<std::string>& label_names,
                 const std::vector<std::string>& label_values, const Histogram& h);

}  // namespace cbec::node::metrics::internal
