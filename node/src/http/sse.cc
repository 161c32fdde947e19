#include "cbec/node/http/sse.h"

#include <algorithm>

#include "cbec/node/http/errors.h"
#include "cbec/node/http/json.h"

namespace cbec::node::http {
namespace {

bool ValidType(std::string_view type) {
  if (type.empty()) return false;
  return std::all_of(type.begin(), type.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == '-';
  });
}

// The resume point of an SSE request: the Last-Event-ID header, else the
// last_event_id query parameter.
Result<std::optional<uint64_t>> ResumePoint(const Request& req) {
  std::optional<std::string_view> header = req.Header("last-event-id");
  if (header && !header->empty()) {
    std::optional<uint64_t> id = ParseDecimalU64(*header);
    if (!id) return Status(errors::kBadParam, "Last-Event-ID must be a decimal integer");
    return id;
  }
  return req.QueryU64("last_event_id");
}

}  // namespace

Broadcaster::Broadcaster(BroadcasterOptions options) : options_(options) {}

std::string Broadcaster::Format(std::optional<uint64_t> id, std::string_view type,
                                std::string_view data) {
  std::string out;
  out.reserve(data.size() + type.size() + 40);
  if (id) out += "id: " + std::to_string(*id) + "\n";
  out += "event: ";
  out += type;
  out += '\n';
  // Every line break form (CRLF, CR, LF) ends a line of data, as in the parser.
  size_t start = 0;
  while (true) {
    size_t end = data.find_first_of("\r\n", start);
    out += "data: ";
    out += data.substr(start, end == std::string_view::npos ? end : end - start);
    out += '\n';
    if (end == std::string_view::npos) break;
    start = end + (data[end] == '\r' && end + 1 < data.size() && data[end + 1] == '\n' ? 2 : 1);
  }
  out += '\n';
  return out;
}

Status Broadcaster::Publish(uint64_t id, std::string_view type, std::string_view data) {
  if (!ValidType(type)) {
    return Status(errors::kBadEvent, "event type must be [A-Za-z0-9_.-]+");
  }
  auto wire = std::make_shared<const std::string>(Format(id, type, data));
  MutexLock lock(&mu_);
  if (last_id_ && id <= *last_id_) {
    return Status(errors::kBadEvent, "event id " + std::to_string(id) +
                                         " is not after " + std::to_string(*last_id_));
  }
  last_id_ = id;
  history_.push_back({id, wire});
  while (history_.size() > options_.history) {
    evicted_through_ = history_.front().id;
    history_.pop_front();
  }
  std::erase_if(subscribers_, [&](const Subscriber& sub) {
    std::shared_ptr<StreamSink> sink = sub.sink.lock();
    if (!sink || sink->closed()) return true;
    if (sub.has_skip && id <= sub.skip_through) return false;
    return !sink->Write(wire);  // false: the sink dropped a slow client
  });
  return Status::Ok();
}

Status Broadcaster::Subscribe(std::optional<uint64_t> after,
                              const std::shared_ptr<StreamSink>& sink) {
  MutexLock lock(&mu_);
  PruneLocked();
  if (subscribers_.size() >= options_.max_subscribers) {
    return Status(errors::kTooMany, "too many event subscribers");
  }
  if (after) {
    if (evicted_through_ && *after < *evicted_through_) {
      uint64_t next = history_.empty() ? *last_id_ + 1 : history_.front().id;
      nlohmann::json gap = {{"after", *after}, {"next", next}};
      if (!sink->Write(Format(std::nullopt, "gap", DumpJson(gap)))) return Status::Ok();
    }
    for (const Event& e : history_) {
      if (e.id > *after && !sink->Write(e.wire)) return Status::Ok();
    }
  }
  subscribers_.push_back({sink, after.value_or(0), after.has_value()});
  return Status::Ok();
}

void Broadcaster::PruneLocked() {
  std::erase_if(subscribers_, [](const Subscriber& sub) {
    std::shared_ptr<StreamSink> sink = sub.sink.lock();
    return !sink || sink->closed();
  });
}

size_t Broadcaster::subscriber_count() {
  MutexLock lock(&mu_);
  PruneLocked();
  return subscribers_.size();
}

std::optional<uint64_t> Broadcaster::last_id() const {
  MutexLock lock(&mu_);
  return last_id_;
}

Status AddSseRoute(Router& router, std::string_view pattern,
                   std::shared_ptr<Broadcaster> broadcaster, SseOptions options) {
  return router.AddStream(
      pattern, "text/event-stream",
      [broadcaster, options](const Request& req) -> Result<StreamStart> {
        CBEC_ASSIGN_OR_RETURN(std::optional<uint64_t> after, ResumePoint(req));
        // Checked again by Subscribe; this one lets a full server answer 503.
        if (broadcaster->subscriber_count() >= broadcaster->max_subscribers()) {
          return Status(errors::kTooMany, "too many event subscribers");
        }
        StreamStart s;
        s.content_type = "text/event-stream";
        s.heartbeat_interval = options.heartbeat;
        s.heartbeat = ": heartbeat\n\n";
        s.max_queued_bytes = options.max_queued_bytes;
        std::string retry = "retry: " + std::to_string(options.retry.count()) + "\n\n";
        s.on_open = [broadcaster, after, retry](std::shared_ptr<StreamSink> sink) {
          sink->Write(retry);
          if (!broadcaster->Subscribe(after, sink).ok()) sink->Close();
        };
        return s;
      });
}

}  // namespace cbec::node::http
