// Server-sent events (the WHATWG "text/event-stream" format) from an in-process
// broadcaster. The node publishes one event per committed block with the height
// as its id; a client that reconnects with "Last-Event-ID: 41" (or
// "?last_event_id=41", for browsers' first connection) first gets the retained
// events after 41, then live ones, with nothing missed or repeated in between.
//
// Wire format of one event (docs/spec/http.md, "Server-sent events"):
//   id: 42\n
//   event: commit\n
//   data: {"height":42,...}\n     (one "data:" line per line of the data)
//   \n
// plus "retry: <ms>" once at the start and ": heartbeat" comments when idle.
// When a client resumes from further back than the history reaches, it first
// gets an event without id:  event: gap / data: {"after":A,"next":N}  where N is
// the first id it will get; it can fetch the blocks in between by other routes.
//
// Thread-safety: Broadcaster is safe to use from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/status.h"
#include "cbec/node/http/message.h"
#include "cbec/node/http/router.h"
#include "cbec/node/util/thread_annotations.h"

namespace cbec::node::http {

struct BroadcasterOptions {
  // Events kept for clients that resume. Default: 256.
  size_t history = 256;
  // Subscribers beyond this are refused with 503 http.too_many. Default: 1000.
  size_t max_subscribers = 1000;
};

class Broadcaster {
 public:
  explicit Broadcaster(BroadcasterOptions options = {});

  // Sends the event to every subscriber and retains it. Subscribers whose queue
  // is full are disconnected by their sink. Fails with errors::kBadEvent when
  // `id` is not greater than the last published id, or `type` is empty or has
  // characters other than [A-Za-z0-9_.-].
  Status Publish(uint64_t id, std::string_view type, std::string_view data);

  // Adds `sink` as a subscriber. With `after`, first queues the retained events
  // with a greater id (preceded by a gap event if some were already dropped from
  // the history), and skips live events with ids <= `after`. Fails with
  // errors::kTooMany when max_subscribers are connected. The broadcaster keeps
  // only a weak reference: a sink is dropped once it closes or is destroyed.
  Status Subscribe(std::optional<uint64_t> after, const std::shared_ptr<StreamSink>& sink);

  // Open subscribers (closed ones are pruned first).
  size_t subscriber_count();
  size_t max_subscribers() const { return options_.max_subscribers; }
  // The last published id, if any.
  std::optional<uint64_t> last_id() const;

  // One event in wire format.
  static std::string Format(std::optional<uint64_t> id, std::string_view type,
                            std::string_view data);

 private:
  struct Event {
    uint64_t id;
    std::shared_ptr<const std::string> wire;
  };
  struct Subscriber {
    std::weak_ptr<StreamSink> sink;
    uint64_t skip_through;  // live events with id <= this are not sent
    bool has_skip;
  };
  void PruneLocked() CBEC_REQUIRES(mu_);

  const BroadcasterOptions options_;
  mutable Mutex mu_;
  std::deque<Event> history_ CBEC_GUARDED_BY(mu_);
  std::optional<uint64_t> last_id_ CBEC_GUARDED_BY(mu_);
  std::optional<uint64_t> evicted_through_ CBEC_GUARDED_BY(mu_);
  std::vector<Subscriber> subscribers_ CBEC_GUARDED_BY(mu_);
};

struct SseOptions {
  // A ": heartbeat" comment after this long without an event. Default: 15 s.
  std::chrono::milliseconds heartbeat{15000};
  // The client's reconnection delay, sent as "retry:". Default: 3 s.
  std::chrono::milliseconds retry{3000};
  // Unsent bytes a client may have queued before it is disconnected as too
  // slow. Default: 1 MiB.
  size_t max_queued_bytes = size_t{1} << 20;
};

// Adds GET `pattern` to `router`, streaming `broadcaster`'s events. The resume
// point is the Last-Event-ID header, else the last_event_id query parameter
// (a canonical decimal; anything else is 400 http.bad_param).
Status AddSseRoute(Router& router, std::string_view pattern,
                   std::shared_ptr<Broadcaster> broadcaster, SseOptions options = {});

}  // namespace cbec::node::http
