#include "connection.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <string>
#include <utility>

#include "cbec/node/p2p/errors.h"

namespace cbec::node::p2p {

namespace {
// A write gathers queued messages up to this many bytes (at least one message),
// so one large message does not wait behind many small syscalls and many small
// messages share one.
constexpr size_t kMaxBatchBytes = size_t{1} << 20;

// Completion condition "all of it", without asio's default cap of 64 KiB per
// read_some/write_some: a 4 MiB frame then takes a few syscalls, not 64.
struct TransferRest {
  size_t total;
  size_t operator()(const boost::system::error_code& ec, size_t done) const {
    return ec ? 0 : total - done;
  }
};
}  // namespace

Connection::Connection(asio::io_context& io, tcp::socket socket, Handshake handshake,
                       ConnectionOptions options, ConnectionHost* host, Counters* counters)
    : socket_(std::move(socket)),
      timer_(io),
      handshake_(std::move(handshake)),
      options_(options),
      host_(host),
      counters_(counters) {}

Status Connection::IoError(const char* what, const boost::system::error_code& ec) const {
  return Status(errors::kIo, std::string(what) + ": " + ec.message());
}

void Connection::ArmHandshakeTimer() {
  timer_.expires_after(options_.handshake_timeout);
  timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->established_) return;
    self->Close(Status(errors::kHandshakeTimeout, "handshake not completed in time"));
  });
}

void Connection::Start() {
  ArmHandshakeTimer();
  BeginHandshake();
}

void Connection::Connect(std::vector<tcp::endpoint> endpoints) {
  ArmHandshakeTimer();
  asio::async_connect(socket_, endpoints,
                      [self = shared_from_this()](const boost::system::error_code& ec,
                                                  const tcp::endpoint&) {
                        if (self->closed_) return;
                        if (ec) {
                          self->Close(self->IoError("connect", ec));
                          return;
                        }
                        self->BeginHandshake();
                      });
}

void Connection::BeginHandshake() {
  boost::system::error_code ec;
  socket_.set_option(tcp::no_delay(true), ec);  // latency matters more than packets
  last_rx_ = last_tx_ = Clock::now();
  if (handshake_.role() == Role::kInitiator) {
    control_.push_back(FrameHandshakeMessage(handshake_.Start()));
    PumpWriter();
  }
  ReadHeader();
}

void Connection::Close(const Status& why) {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ignored;
  timer_.cancel();
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  queue_ = nullptr;
  host_->OnClosed(shared_from_this(), why);
}

void Connection::ReadHeader() {
  asio::async_read(socket_, asio::buffer(header_),
                   [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
                     if (self->closed_) return;
                     if (ec) {
                       self->Close(self->IoError("read", ec));
                       return;
                     }
                     self->OnHeader();
                   });
}

void Connection::OnHeader() {
  const uint32_t length = ReadFrameLength(header_.data());
  // Checked before anything is allocated: the length is untrusted.
  Status s = established_ ? CheckFrameLength(length, options_.max_frame_size)
                          : CheckHandshakeLength(length);
  if (!s.ok()) {
    if (s.Is(errors::kFrameTooLarge)) counters_->oversized_frames.fetch_add(1);
    Close(s);
    return;
  }
  body_.resize(length);
  asio::async_read(socket_, asio::buffer(body_), TransferRest{body_.size()},
                   [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
                     if (self->closed_) return;
                     if (ec) {
                       self->Close(self->IoError("read", ec));
                       return;
                     }
                     self->OnBody();
                   });
}

void Connection::OnBody() {
  counters_->bytes_in.fetch_add(kFrameHeaderSize + body_.size());
  last_rx_ = Clock::now();
  if (established_) {
    OnFrame();
  } else {
    OnHandshakeMessage();
  }
  if (!closed_) ReadHeader();
}

void Connection::OnHandshakeMessage() {
  Result<std::vector<Bytes>> out = handshake_.OnMessage(body_);
  if (!out.ok()) {
    Close(out.status());
    return;
  }
  for (const Bytes& m : *out) control_.push_back(FrameHandshakeMessage(m));
  if (handshake_.done()) {
    timer_.cancel();
    sealer_ = std::make_unique<FrameSealer>(handshake_.keys().tx);
    opener_ = std::make_unique<FrameOpener>(handshake_.keys().rx);
    established_ = true;
    host_->OnEstablished(shared_from_this());
    if (closed_) return;
  }
  PumpWriter();
}

void Connection::OnFrame() {
  counters_->frames_in.fetch_add(1);
  Result<Frame> frame = opener_->Open(std::move(body_));
  body_ = Bytes();
  if (!frame.ok()) {
    if (frame.status().Is(errors::kFrameAuthFailed)) counters_->auth_failures.fetch_add(1);
    Close(frame.status());
    return;
  }
  if (frame->type == FrameType::kData) host_->OnMessage(*this, std::move(frame->body));
}

void Connection::AttachQueue(SendQueue* queue) {
  queue_ = queue;
  PumpWriter();
}

void Connection::RequestKeepAlive() {
  keepalive_pending_ = true;
  PumpWriter();
}

bool Connection::AppendSealed(std::vector<Bytes>& batch, FrameType type, ByteView body) {
  Result<Bytes> frame = sealer_->Seal(type, body);
  if (!frame.ok()) {
    Close(frame.status());
    return false;
  }
  batch.push_back(std::move(frame).value());
  return true;
}

void Connection::PumpWriter() {
  if (closed_ || write_in_flight_) return;
  std::vector<Bytes> batch = std::move(control_);
  control_.clear();
  size_t encrypted = 0;
  if (established_) {
    if (keepalive_pending_) {
      keepalive_pending_ = false;
      if (!AppendSealed(batch, FrameType::kKeepAlive, {})) return;
      ++encrypted;
    }
    if (queue_ != nullptr) {
      for (const SharedBytes& m : queue_->PopBatch(kMaxBatchBytes)) {
        if (!AppendSealed(batch, FrameType::kData, *m)) return;
        ++encrypted;
      }
    }
  }
  if (batch.empty()) return;
  writing_ = std::move(batch);
  write_in_flight_ = true;
  std::vector<asio::const_buffer> buffers;
  buffers.reserve(writing_.size());
  size_t total = 0;
  for (const Bytes& b : writing_) {
    buffers.emplace_back(asio::buffer(b));
    total += b.size();
  }
  asio::async_write(socket_, buffers, TransferRest{total},
                    [self = shared_from_this(), encrypted](const boost::system::error_code& ec,
                                                           size_t n) {
                      self->counters_->bytes_out.fetch_add(n);
                      self->counters_->frames_out.fetch_add(ec ? 0 : encrypted);
                      self->OnWritten(ec);
                    });
}

void Connection::OnWritten(const boost::system::error_code& ec) {
  write_in_flight_ = false;
  writing_.clear();
  if (closed_) return;
  if (ec) {
    Close(IoError("write", ec));
    return;
  }
  last_tx_ = Clock::now();
  PumpWriter();
}

}  // namespace cbec::node::p2p
