// SseReader: GET text/event-stream, read chunk by chunk with Beast's
// buffer_body parser. A read stays outstanding across Next() calls, so
// polling for a stop flag never loses bytes or closes the stream.
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <exception>
#include <optional>

#include "cbec/sdk/errors.h"
#include "cbec/sdk/http.h"
#include "http_internal.h"

namespace cbec::sdk {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using ErrorCode = boost::system::error_code;
using Clock = std::chrono::steady_clock;

namespace {
// An event may not grow beyond this without a blank line (a broken server).
constexpr size_t kMaxPendingBytes = 1 << 20;
}  // namespace

struct SseReader::Impl {
  net::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::buffer_body> parser;
  std::array<char, 8192> chunk{};
  std::string pending;   // text received, not yet a complete event
  bool reading = false;  // an async read is outstanding
  bool done = false;     // it completed (result in `result`, `got` bytes)
  ErrorCode result;
  size_t got = 0;
  Clock::time_point last_data = Clock::now();

  void Close() {
    ErrorCode ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.socket().close(ignored);
  }

  void StartRead() {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    reading = true;
    done = false;
    bhttp::async_read_some(stream, buffer, parser, [this](const ErrorCode& ec, size_t) {
      result = ec == bhttp::error::need_buffer ? ErrorCode() : ec;
      got = chunk.size() - parser.get().body().size;
      done = true;
      reading = false;
    });
  }

  // One complete event out of `pending`, if there is one.
  std::optional<SseEvent> TakeEvent();
};

std::optional<SseEvent> SseReader::Impl::TakeEvent() {
  while (true) {
    size_t end = pending.find("\n\n");
    if (end == std::string::npos) return std::nullopt;
    std::string block = pending.substr(0, end);
    pending.erase(0, end + 2);
    SseEvent ev;
    bool any_data = false;
    size_t pos = 0;
    while (pos <= block.size()) {
      size_t eol = block.find('\n', pos);
      std::string line =
          block.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
      pos = eol == std::string::npos ? block.size() + 1 : eol + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == ':') continue;  // comment (heartbeat)
      size_t colon = line.find(':');
      std::string field = line.substr(0, colon);
      std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
      if (!value.empty() && value[0] == ' ') value.erase(0, 1);
      if (field == "data") {
        if (any_data) ev.data += "\n";
        ev.data += value;
        any_data = true;
      } else if (field == "event") {
        ev.event = value;
      } else if (field == "id") {
        ev.id = value;
      }
    }
    if (!any_data) continue;  // "retry:" or a heartbeat: not an event
    if (ev.event.empty()) ev.event = "message";
    return ev;
  }
}

SseReader::SseReader(std::string address, std::string target, HttpOptions options)
    : address_(std::move(address)), target_(std::move(target)), options_(options) {}
SseReader::~SseReader() = default;
SseReader::SseReader(SseReader&&) noexcept = default;
SseReader& SseReader::operator=(SseReader&&) noexcept = default;

Status SseReader::Open(std::optional<std::string> last_event_id) {
  CBEC_ASSIGN_OR_RETURN(HostPort hp, ParseAddress(address_));
  impl_ = std::make_unique<Impl>();
  last_id_ = last_event_id;
  try {
    Impl& im = *impl_;
    ErrorCode ec = internal::Connect(im.io, im.stream, hp, options_.connect_timeout);
    if (ec) return internal::Unreachable(address_, "connecting", ec);
    HttpRequest req;
    req.target = target_;
    req.headers.emplace_back("Accept", "text/event-stream");
    if (last_event_id) req.headers.emplace_back("Last-Event-ID", *last_event_id);
    auto request = internal::MakeRequest(req, address_);
    im.stream.expires_after(options_.read_timeout);
    bhttp::async_write(im.stream, request, [&](const ErrorCode& e, size_t) { ec = e; });
    internal::RunIo(im.io);
    if (ec) return internal::Unreachable(address_, "sending the request", ec);
    // Unbounded in effect, but not boost::none: Boost 1.74 compares a
    // Content-Length against a disengaged optional and always fails.
    im.parser.body_limit(boost::optional<std::uint64_t>(UINT64_MAX));
    im.stream.expires_after(options_.read_timeout);
    bhttp::async_read_header(im.stream, im.buffer, im.parser,
                             [&](const ErrorCode& e, size_t) { ec = e; });
    internal::RunIo(im.io);
    if (ec) return internal::Unreachable(address_, "reading the answer", ec);
    // From here on reads are polled; the silence bound is ours, not Beast's
    // (an expiry would close the stream at the first quiet poll).
    im.stream.expires_never();
    unsigned status = im.parser.get().result_int();
    if (status != 200) {
      std::string body;
      while (!im.parser.is_done() && body.size() < 64 * 1024) {
        im.stream.expires_after(options_.read_timeout);
        im.StartRead();
        internal::RunIo(im.io);
        if (im.result) break;
        body.append(im.chunk.data(), im.got);
      }
      return internal::RemoteError(status, body, address_);
    }
    im.last_data = Clock::now();
    return Status::Ok();
  } catch (const std::exception& e) {
    impl_.reset();
    return Status(errors::kUnreachable, address_ + ": " + e.what());
  }
}

Result<std::optional<SseEvent>> SseReader::Next(std::chrono::milliseconds poll) {
  if (!impl_) return Status(errors::kUnreachable, address_ + ": event stream not open");
  Impl& im = *impl_;
  const auto deadline = Clock::now() + poll;
  try {
    while (true) {
      if (std::optional<SseEvent> ev = im.TakeEvent()) {
        if (!ev->id.empty()) last_id_ = ev->id;
        return ev;
      }
      if (!im.reading) im.StartRead();
      auto now = Clock::now();
      if (now >= deadline) return std::optional<SseEvent>();
      if (im.io.stopped()) im.io.restart();
      im.io.run_for(deadline - now);
      if (!im.done) {
        if (Clock::now() - im.last_data > options_.read_timeout) {
          im.Close();
          internal::RunIo(im.io);  // lets the cancelled read finish
          impl_.reset();
          return Status(errors::kUnreachable, address_ + ": event stream silent for over " +
                                                  std::to_string(options_.read_timeout.count()) +
                                                  " ms");
        }
        continue;
      }
      im.done = false;
      if (im.result || (im.got == 0 && im.parser.is_done())) {
        ErrorCode ec = im.result ? im.result : net::error::eof;
        impl_.reset();
        return internal::Unreachable(address_, "event stream dropped", ec);
      }
      im.last_data = Clock::now();
      for (size_t i = 0; i < im.got; ++i) {
        if (im.chunk[i] != '\r') im.pending.push_back(im.chunk[i]);  // CRLF -> LF
      }
      if (im.pending.size() > kMaxPendingBytes) {
        impl_.reset();
        return Status(errors::kUnreachable, address_ + ": event larger than 1 MiB");
      }
    }
  } catch (const std::exception& e) {
    impl_.reset();
    return Status(errors::kUnreachable, address_ + ": " + e.what());
  }
}

}  // namespace cbec::sdk
