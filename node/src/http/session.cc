#include "session.h"

#include <spdlog/spdlog.h>

#include <limits>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "cbec/node/http/errors.h"

namespace cbec::node::http::internal {
namespace {

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// After a response that closes the connection, unread request bytes are read
// and dropped for at most this long (and this much) before the socket closes:
// closing with unread data would reset the connection and could destroy the
// response before the client reads it.
constexpr std::chrono::milliseconds kDrainTime{1000};
constexpr size_t kDrainBytes = size_t{1} << 20;

std::string RemoteOf(const tcp::socket& s) {
  beast::error_code ec;
  tcp::endpoint ep = s.remote_endpoint(ec);
  if (ec) return "";
  return ep.address().to_string() + ":" + std::to_string(ep.port());
}

}  // namespace

// --- SessionSink -------------------------------------------------------------

template <class F>
void SessionSink::Poke(F&& f) {
  shared_->WhileOpen([&] {
    if (auto s = session_.lock()) f(*s);
  });
}

bool SessionSink::Write(std::shared_ptr<const std::string> data) {
  bool kick = false;
  bool too_slow = false;
  {
    MutexLock lock(&mu_);
    if (closed_ || end_requested_) return false;
    if (queued_bytes_ + data->size() > max_bytes_) {
      closed_ = true;  // too slow: drop it rather than queue without bound
      too_slow = true;
      queue_.clear();
      queued_bytes_ = 0;
    } else {
      queued_bytes_ += data->size();
      queue_.push_back(std::move(data));
      kick = !kick_pending_;
      kick_pending_ = true;
    }
  }
  if (too_slow) {
    Poke([](Session& s) { s.PostStreamTooSlow(); });
    return false;
  }
  if (kick) Poke([](Session& s) { s.PostStreamKick(); });
  return true;
}

void SessionSink::Close() {
  {
    MutexLock lock(&mu_);
    if (closed_ || end_requested_) return;
    end_requested_ = true;
    kick_pending_ = true;
  }
  Poke([](Session& s) { s.PostStreamKick(); });
}

bool SessionSink::closed() const {
  MutexLock lock(&mu_);
  return closed_;
}

std::vector<std::shared_ptr<const std::string>> SessionSink::Take(bool* end) {
  MutexLock lock(&mu_);
  std::vector<std::shared_ptr<const std::string>> out(queue_.begin(), queue_.end());
  queue_.clear();
  queued_bytes_ = 0;
  kick_pending_ = false;
  *end = end_requested_;
  return out;
}

void SessionSink::MarkClosed() {
  MutexLock lock(&mu_);
  closed_ = true;
  queue_.clear();
  queued_bytes_ = 0;
}

// --- Session: requests ---------------------------------------------------------

Session::Session(tcp::socket socket, std::shared_ptr<ServerShared> shared)
    : shared_(std::move(shared)),
      dispatcher_(*shared_->dispatcher),
      stream_(std::move(socket)),
      timer_(stream_.get_executor()) {
  remote_ = RemoteOf(stream_.socket());
  shared_->metrics.open_connections->Add(1);
}

Session::~Session() {
  if (sink_) sink_->MarkClosed();
  if (streaming_) shared_->metrics.open_streams->Sub(1);
  shared_->metrics.open_connections->Sub(1);
  if (id_ != 0) shared_->Deregister(id_);
}

void Session::Start() {
  id_ = shared_->Register(shared_from_this());
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadRequest(); });
}

void Session::PostShutdown() {
  net::post(stream_.get_executor(), [self = shared_from_this()] { self->Close(); });
}

void Session::PostAsyncAnswer(uint64_t seq, Response r) {
  net::post(stream_.get_executor(), [self = shared_from_this(), seq, r = std::move(r)]() mutable {
    self->OnAsyncAnswer(seq, std::move(r));
  });
}

void Session::ReadRequest() {
  if (closed_) return;
  parser_.emplace();
  parser_->header_limit(shared_->options.max_header_bytes);
  // No limit while reading the header: the route's limit is set once it is
  // known, and OnHeader checks Content-Length against it. (Not boost::none:
  // Beast 1.74 compares the length with the optional, and n > none holds.)
  parser_->body_limit(std::numeric_limits<uint64_t>::max());
  stream_.expires_after(shared_->options.read_timeout);
  beast_http::async_read_header(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
}

void Session::OnHeader(beast::error_code ec) {
  if (ec) return OnReadError(ec);
  plan_ = dispatcher_.OnHeader(parser_->get(), remote_);
  if (plan_.early) {
    if (!parser_->is_done()) {  // the body stays unread
      plan_.exchange.keep_alive = false;
      unread_input_ = true;
    }
    return Respond(dispatcher_.Finish(plan_.exchange, std::move(*plan_.early)));
  }
  parser_->body_limit(plan_.body_limit);
  if (!plan_.expect_continue) return ReadBody();
  net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                   [self = shared_from_this()](beast::error_code wec, size_t) {
                     if (wec) return self->Close();
                     self->ReadBody();
                   });
}

void Session::ReadBody() {
  beast_http::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, size_t) { self->OnBody(ec); });
}

void Session::OnBody(beast::error_code ec) {
  if (ec) return OnReadError(ec);
  std::string body = std::move(parser_->get().body());
  Dispatcher::Outcome out = dispatcher_.OnBody(plan_, std::move(body));
  switch (out.kind) {
    case Dispatcher::Outcome::Kind::kRespond:
      return Respond(dispatcher_.Finish(plan_.exchange, std::move(out.response)));
    case Dispatcher::Outcome::Kind::kAsync:
      return StartAsync(std::move(out.request));
    case Dispatcher::Outcome::Kind::kStream:
      return StartStream(std::move(out.stream));
  }
}

void Session::OnReadError(beast::error_code ec) {
  if (ec == beast::error::timeout) {
    shared_->metrics.read_timeouts->Inc();
    return Close();  // the stream has already closed the socket
  }
  if (ec == beast_http::error::end_of_stream || ec == beast_http::error::partial_message ||
      ec.category() != beast_http::make_error_code(beast_http::error::bad_target).category()) {
    return Close();  // the client left, or a socket error
  }
  Status s;
  if (ec == beast_http::error::header_limit) {
    s = Status(errors::kHeaderTooLarge, "the header limit is " +
                                            std::to_string(shared_->options.max_header_bytes) +
                                            " bytes");
  } else if (ec == beast_http::error::body_limit) {
    s = Status(errors::kBodyTooLarge,
               "the body limit is " + std::to_string(plan_.body_limit) + " bytes");
  } else {
    s = Status(errors::kBadRequest, "malformed request: " + ec.message());
  }
  unread_input_ = true;
  unsigned version = parser_->is_header_done() ? parser_->get().version() : 11;
  BeastResponse res = dispatcher_.FinishError(s, version);
  Respond(std::move(res));
}

void Session::StartAsync(Request request) {
  uint64_t seq = ++seq_;
  awaiting_async_ = true;
  timer_.expires_after(shared_->options.handler_timeout);
  timer_.async_wait([self = shared_from_this(), seq](beast::error_code ec) {
    if (ec) return;
    self->OnAsyncAnswer(seq, Response::Error(Status(errors::kHandlerTimeout,
                                                    "the handler did not answer in time")));
  });
  Responder responder([weak = weak_from_this(), shared = shared_, seq](Response r) {
    shared->WhileOpen([&] {
      if (auto s = weak.lock()) s->PostAsyncAnswer(seq, std::move(r));
    });
  });
  Dispatcher::RunAsync(*plan_.route, std::move(request), std::move(responder));
}

void Session::OnAsyncAnswer(uint64_t seq, Response r) {
  if (closed_ || !awaiting_async_ || seq != seq_) return;  // late or duplicate
  awaiting_async_ = false;
  timer_.cancel();
  Respond(dispatcher_.Finish(plan_.exchange, std::move(r)));
}

void Session::Respond(BeastResponse res) {
  if (closed_) return;
  close_after_write_ = !res.keep_alive();
  response_ = std::make_unique<BeastResponse>(std::move(res));
  stream_.expires_after(shared_->options.write_timeout);
  beast_http::async_write(
      stream_, *response_,
      [self = shared_from_this()](beast::error_code ec, size_t) { self->OnWrite(ec); });
}

void Session::OnWrite(beast::error_code ec) {
  response_.reset();
  if (ec) return Close();
  if (close_after_write_) return CloseAfterDrain();
  ReadRequest();  // the next (possibly pipelined) request
}

// --- Session: closing ----------------------------------------------------------

void Session::CloseAfterDrain() {
  if (closed_) return;
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec || !unread_input_) return Close();
  stream_.expires_after(kDrainTime);
  Drain(0);
}

void Session::Drain(size_t drained) {
  stream_.async_read_some(
      net::buffer(scratch_),
      [self = shared_from_this(), drained](beast::error_code ec, size_t n) {
        if (ec || drained + n > kDrainBytes) return self->Close();
        self->Drain(drained + n);
      });
}

void Session::Close() {
  if (closed_) return;
  closed_ = true;
  timer_.cancel();
  if (sink_) sink_->MarkClosed();
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
}

}  // namespace cbec::node::http::internal
