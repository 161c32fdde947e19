// One client connection: reads requests one at a time, hands them to the
// Dispatcher, writes the answers; or, for a stream route, turns into a stream.
// Everything except the Post* calls runs on the connection's strand. Private to
// node/http.
#pragma once

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/serializer.hpp>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "cbec/node/http/dispatcher.h"
#include "shared.h"

namespace cbec::node::http::internal {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

// The StreamSink of a streaming connection. Writers on any thread append to a
// bounded queue under a mutex and wake the connection at most once per batch.
class SessionSink final : public StreamSink {
 public:
  SessionSink(std::weak_ptr<Session> session, std::shared_ptr<ServerShared> shared,
              size_t max_queued_bytes)
      : session_(std::move(session)), shared_(std::move(shared)), max_bytes_(max_queued_bytes) {}

  using StreamSink::Write;
  bool Write(std::shared_ptr<const std::string> data) override;
  void Close() override;
  bool closed() const override;

  // Connection side: takes everything queued; `*end` says Close() was called.
  std::vector<std::shared_ptr<const std::string>> Take(bool* end);
  // Connection side: the connection is gone; later writes fail.
  void MarkClosed();

 private:
  template <class F>
  void Poke(F&& f);

  const std::weak_ptr<Session> session_;
  const std::shared_ptr<ServerShared> shared_;
  const size_t max_bytes_;
  mutable Mutex mu_;
  std::deque<std::shared_ptr<const std::string>> queue_ CBEC_GUARDED_BY(mu_);
  size_t queued_bytes_ CBEC_GUARDED_BY(mu_) = 0;
  bool kick_pending_ CBEC_GUARDED_BY(mu_) = false;
  bool closed_ CBEC_GUARDED_BY(mu_) = false;
  bool end_requested_ CBEC_GUARDED_BY(mu_) = false;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<ServerShared> shared);
  ~Session();

  // Registers the connection and starts reading.
  void Start();

  // From any thread (callers go through ServerShared::WhileOpen).
  void PostShutdown();
  void PostAsyncAnswer(uint64_t seq, Response r);
  void PostStreamKick();
  void PostStreamTooSlow();

 private:
  // Requests.
  void ReadRequest();
  void OnHeader(beast::error_code ec);
  void ReadBody();
  void OnBody(beast::error_code ec);
  void OnReadError(beast::error_code ec);
  void StartAsync(Request request);
  void OnAsyncAnswer(uint64_t seq, Response r);
  void Respond(BeastResponse res);
  void OnWrite(beast::error_code ec);
  // Closing.
  void CloseAfterDrain();
  void Drain(size_t drained);
  void Close();
  // Streams.
  void StartStream(StreamStart start);
  void OnStreamHead(beast::error_code ec,
                    const std::function<void(std::shared_ptr<StreamSink>)>& on_open);
  void WatchStreamClient();
  void ArmHeartbeat();
  void StreamPump();
  void OnStreamWrite(beast::error_code ec);

  const std::shared_ptr<ServerShared> shared_;
  const Dispatcher& dispatcher_;
  beast::tcp_stream stream_;
  net::steady_timer timer_;  // async-handler deadline, or stream heartbeat
  beast::flat_buffer buffer_;
  std::string remote_;
  uint64_t id_ = 0;

  std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
  Dispatcher::Plan plan_;
  std::unique_ptr<BeastResponse> response_;
  bool close_after_write_ = false;
  bool unread_input_ = false;  // request bytes left unread when we answered
  uint64_t seq_ = 0;  // numbers async requests, so a late answer is ignored
  bool awaiting_async_ = false;
  bool closed_ = false;
  std::array<char, 4096> scratch_{};

  // Stream state.
  std::shared_ptr<SessionSink> sink_;
  std::unique_ptr<BeastStreamHead> stream_head_;
  std::unique_ptr<beast_http::response_serializer<beast_http::empty_body>> head_serializer_;
  bool streaming_ = false;
  bool chunked_ = false;
  bool writing_ = false;
  bool ending_ = false;
  std::vector<std::shared_ptr<const std::string>> in_flight_;
  std::chrono::milliseconds heartbeat_interval_{0};
  std::string heartbeat_;
  std::chrono::steady_clock::time_point last_write_;
};

}  // namespace cbec::node::http::internal
