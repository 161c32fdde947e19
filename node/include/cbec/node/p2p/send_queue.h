// The bounded send queue of one peer.
//
// Policy when full: the new message is REFUSED with p2p.queue_full and
// nothing already queued is dropped. Why refuse rather than drop the oldest:
// this layer cannot tell a stale message from a critical one (payloads are
// opaque), so the caller, which can, is told at once and decides (a consensus
// engine tolerates loss through its timeouts and block sync). Refused
// messages are counted as dropped.
//
// A queue is open while its peer's link is up. Close() (the link went down)
// discards what is queued: it was addressed to a session that no longer exists
// and the caller re-sends what still matters once the peer is back up.
//
// Writer protocol: Push() reports whether the writer (the io thread) was idle
// and must be woken; PopBatch() returning nothing marks it idle again. So a
// burst of Push() calls wakes the writer once.
//
// Thread-safety: thread-safe.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/node/util/thread_annotations.h"

namespace cbec::node::p2p {

using SharedBytes = std::shared_ptr<const Bytes>;

class SendQueue {
 public:
  // REQUIRES: max_messages >= 1, max_bytes >= 1. Starts closed.
  SendQueue(size_t max_messages, size_t max_bytes);
  SendQueue(const SendQueue&) = delete;
  SendQueue& operator=(const SendQueue&) = delete;

  // Appends `message`. Fails with p2p.peer_down when closed, and with
  // p2p.queue_full when it would exceed the message or byte limit (a single
  // message larger than max_bytes is always refused). On success *wake_writer
  // is true iff the caller must wake the writer.
  Status Push(SharedBytes message, bool* wake_writer) CBEC_EXCLUDES(mu_);

  // Takes messages from the front, oldest first, until `max_bytes` is reached
  // (always at least one if any is queued). An empty result marks the writer
  // idle: the next Push() will ask for it to be woken.
  std::vector<SharedBytes> PopBatch(size_t max_bytes) CBEC_EXCLUDES(mu_);

  // Opens an empty queue with an idle writer.
  void Open() CBEC_EXCLUDES(mu_);
  // Closes and empties the queue; returns how many messages were discarded.
  size_t Close() CBEC_EXCLUDES(mu_);

  bool open() const CBEC_EXCLUDES(mu_);
  size_t size() const CBEC_EXCLUDES(mu_);
  size_t bytes() const CBEC_EXCLUDES(mu_);

 private:
  const size_t max_messages_;
  const size_t max_bytes_;
  mutable Mutex mu_;
  std::deque<SharedBytes> queue_ CBEC_GUARDED_BY(mu_);
  size_t bytes_ CBEC_GUARDED_BY(mu_) = 0;
  bool open_ CBEC_GUARDED_BY(mu_) = false;
  bool writer_idle_ CBEC_GUARDED_BY(mu_) = true;
};

}  // namespace cbec::node::p2p
