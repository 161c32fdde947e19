#include "cbec/node/p2p/send_queue.h"

#include <string>
#include <utility>

#include "cbec/node/p2p/errors.h"

namespace cbec::node::p2p {

SendQueue::SendQueue(size_t max_messages, size_t max_bytes)
    : max_messages_(max_messages), max_bytes_(max_bytes) {}

Status SendQueue::Push(SharedBytes message, bool* wake_writer) {
  *wake_writer = false;
  const size_t size = message->size();
  MutexLock lock(&mu_);
  if (!open_) return Status(errors::kPeerDown, "peer link is down");
  if (queue_.size() >= max_messages_ || size > max_bytes_ - bytes_) {
    return Status(errors::kQueueFull, "send queue full (" + std::to_string(queue_.size()) +
                                          " messages, " + std::to_string(bytes_) + " bytes)");
  }
  queue_.push_back(std::move(message));
  bytes_ += size;
  if (writer_idle_) {
    writer_idle_ = false;
    *wake_writer = true;
  }
  return Status::Ok();
}

std::vector<SharedBytes> SendQueue::PopBatch(size_t max_bytes) {
  std::vector<SharedBytes> out;
  MutexLock lock(&mu_);
  size_t taken = 0;
  while (!queue_.empty() && (out.empty() || taken + queue_.front()->size() <= max_bytes)) {
    taken += queue_.front()->size();
    bytes_ -= queue_.front()->size();
    out.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  if (out.empty()) writer_idle_ = true;
  return out;
}

void SendQueue::Open() {
  MutexLock lock(&mu_);
  queue_.clear();
  bytes_ = 0;
  open_ = true;
  writer_idle_ = true;
}

size_t SendQueue::Close() {
  MutexLock lock(&mu_);
  size_t dropped = queue_.size();
  queue_.clear();
  bytes_ = 0;
  open_ = false;
  writer_idle_ = true;
  return dropped;
}

bool SendQueue::open() const {
  MutexLock lock(&mu_);
  return open_;
}
size_t SendQueue::size() const {
  MutexLock lock(&mu_);
  return queue_.size();
}
size_t SendQueue::bytes() const {
  MutexLock lock(&mu_);
  return bytes_;
}

}  // namespace cbec::node::p2p
