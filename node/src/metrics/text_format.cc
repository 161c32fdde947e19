#include "text_format.h"

#include <charconv>
#include <cmath>

namespace cbec::node::metrics {

std::string FormatValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);  // shortest round-trip form
  return std::string(buf, r.ptr);
}

std::string EscapeText(std::string_view s, bool quote) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

namespace internal {

void AppendHeader(std::string& out, const std::string& name, const std::string& help,
                  MetricType type) {
  static constexpr std::string_view kTypes[] = {"counter", "gauge", "histogram"};
  out += "# HELP ";
  out += name;
  out += ' ';
  out += EscapeText(help, /*quote=*/false);
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += kTypes[static_cast<size_t>(type)];
  out += '\n';
}

void AppendSample(std::string& out, std::string_view name, std::string_view suffix,
                  const std::vector<std::string>& label_names,
                  const std::vector<std::string>& label_values, std::string_view le,
                  std::string_view value) {
  out += name;
  out += suffix;
  bool any = !label_names.empty() || !le.empty();
  if (any) out += '{';
  for (size_t i = 0; i < label_names.size(); ++i) {
    if (i > 0) out += ',';
    out += label_names[i];
    out += "=\"";
    out += EscapeText(label_values[i], /*quote=*/true);
    out += '"';
  }
  if (!le.empty()) {
    if (!label_names.empty()) out += ',';
    out += "le=\"";
    out += le;
    out += '"';
  }
  if (any) out += '}';
  out += ' ';
  out += value;
  out += '\n';
}

void AppendChild(std::string& out, const std::string& name,
                 const std::vector<std::string>& label_names,
                 const std::vector<std::string>& label_values, const Counter& c) {
  AppendSample(out, name, "", label_names, label_values, "", std::to_string(c.value()));
}

void AppendChild(std::string& out, const std::string& name,
                 const std::vector<std::string>& label_names,
                 const std::vector<std::string>& label_values, const Gauge& g) {
  AppendSample(out, name, "", label_names, label_values, "", FormatValue(g.value()));
}

void AppendChild(std::string& out, const std::string& name,
                 const std::vector<std::string>& label_names,
                 const std::vector<std::string>& label_values, const Histogram& h) {
  Histogram::Snapshot s = h.Read();
  const std::vector<double>& bounds = h.bounds();
  for (size_t i = 0; i < bounds.size(); ++i) {
    AppendSample(out, name, "_bucket", label_names, label_values, FormatValue(bounds[i]),
                 std::to_string(s.cumulative[i]));
  }
  AppendSample(out, name, "_bucket", label_names, label_values, "+Inf",
               std::to_string(s.count));
  AppendSample(out, name, "_sum", label_names, label_values, "", FormatValue(s.sum));
  AppendSample(out, name, "_count", label_names, label_values, "", std::to_string(s.count));
}

}  // namespace internal
}  // namespace cbec::node::metrics
