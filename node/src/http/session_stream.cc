// Session in stream mode: after the response head, whatever the handler writes
// to its SessionSink is sent (as chunks on HTTP/1.1), with heartbeats when
// idle, until either side ends it.
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/write.hpp>

#include "session.h"

namespace cbec::node::http::internal {

void Session::PostStreamKick() {
  net::post(stream_.get_executor(), [self = shared_from_this()] { self->StreamPump(); });
}

void Session::PostStreamTooSlow() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    if (self->closed_) return;
    self->shared_->metrics.slow_stream_disconnects->Inc();
    spdlog::info("http: disconnected slow stream client {}", self->remote_);
    self->Close();
  });
}

void Session::StartStream(StreamStart start) {
  streaming_ = true;
  shared_->metrics.open_streams->Add(1);
  heartbeat_interval_ = start.heartbeat_interval;
  heartbeat_ = std::move(start.heartbeat);
  sink_ = std::make_shared<SessionSink>(weak_from_this(), shared_, start.max_queued_bytes);
  stream_head_ = std::make_unique<BeastStreamHead>(dispatcher_.StreamHead(plan_.exchange, start));
  chunked_ = stream_head_->chunked();
  head_serializer_ =
      std::make_unique<beast_http::response_serializer<beast_http::empty_body>>(*stream_head_);
  stream_.expires_after(shared_->options.write_timeout);
  beast_http::async_write_header(
      stream_, *head_serializer_,
      [self = shared_from_this(), on_open = std::move(start.on_open)](beast::error_code ec,
                                                                     size_t) {
        self->OnStreamHead(ec, on_open);
      });
}

void Session::OnStreamHead(beast::error_code ec,
                           const std::function<void(std::shared_ptr<StreamSink>)>& on_open) {
  if (ec || closed_) return Close();
  // Reads now only watch for the client leaving; writes get a deadline each.
  stream_.expires_never();
  last_write_ = std::chrono::steady_clock::now();
  WatchStreamClient();
  ArmHeartbeat();
  if (on_open) {
    try {
      on_open(sink_);
    } catch (const std::exception& e) {
      spdlog::warn("http: stream {} failed to open: {}", plan_.exchange.route, e.what());
      return Close();
    }
  }
  StreamPump();
}

void Session::WatchStreamClient() {
  stream_.async_read_some(net::buffer(scratch_),
                          [self = shared_from_this()](beast::error_code ec, size_t) {
                            // Bytes from a stream client mean nothing; EOF or
                            // an error means it has gone.
                            if (ec) return self->Close();
                            self->WatchStreamClient();
                          });
}

void Session::ArmHeartbeat() {
  if (heartbeat_interval_.count() <= 0 || heartbeat_.empty() || closed_) return;
  timer_.expires_at(last_write_ + heartbeat_interval_);
  timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec || self->closed_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - self->last_write_ >= self->heartbeat_interval_) {
      self->last_write_ = now;
      self->sink_->Write(self->heartbeat_);
    }
    self->ArmHeartbeat();
  });
}

void Session::StreamPump() {
  if (closed_ || writing_ || ending_ || !sink_) return;
  bool end = false;
  std::vector<std::shared_ptr<const std::string>> items = sink_->Take(&end);
  if (items.empty()) {
    if (!end) return;
    ending_ = true;
    if (!chunked_) return Close();
    stream_.expires_after(shared_->options.write_timeout);
    net::async_write(stream_, beast_http::make_chunk_last(),
                     [self = shared_from_this()](beast::error_code, size_t) { self->Close(); });
    return;
  }
  in_flight_ = std::move(items);
  std::vector<net::const_buffer> buffers;
  buffers.reserve(in_flight_.size());
  for (const auto& s : in_flight_) buffers.emplace_back(s->data(), s->size());
  writing_ = true;
  last_write_ = std::chrono::steady_clock::now();
  stream_.expires_after(shared_->options.write_timeout);
  auto done = [self = shared_from_this()](beast::error_code ec, size_t) {
    self->OnStreamWrite(ec);
  };
  if (chunked_) {
    net::async_write(stream_, beast_http::make_chunk(buffers), std::move(done));
  } else {
    net::async_write(stream_, buffers, std::move(done));
  }
}

void Session::OnStreamWrite(beast::error_code ec) {
  writing_ = false;
  in_flight_.clear();
  if (ec) return Close();
  StreamPump();
}

}  // namespace cbec::node::http::internal
