// A blocking HTTP client over a raw socket for the server tests: it sends exact
// bytes (malformed ones included) and parses answers with Beast. Every read has
// a generous socket timeout so that a broken server fails a test instead of
// hanging it; tests never wait for time to pass, only for things to happen.
#pragma once

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace cbec::node::http::testing {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using ClientResponse = bhttp::response<bhttp::string_body>;

class RawClient {
 public:
  // Connects to 127.0.0.1:port. `rcvbuf` > 0 shrinks the receive buffer first
  // (slow-reader tests).
  explicit RawClient(uint16_t port, int rcvbuf = 0) : socket_(ioc_) {
    socket_.open(tcp::v4());
    if (rcvbuf > 0) {
      ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
    }
    timeval tv{30, 0};  // safety net only
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  }

  void Send(std::string_view bytes) {
    boost::system::error_code ec;
    net::write(socket_, net::buffer(bytes.data(), bytes.size()), ec);
  }

  // Reads one response; nullopt (and the error in `error()`) when none came.
  std::optional<ClientResponse> Read() {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64u << 20);
    bhttp::read(socket_, buffer_, parser, error_);
    if (error_) return std::nullopt;
    return parser.release();
  }

  // Reads the answer to a HEAD request (a header without a body).
  std::optional<ClientResponse> ReadHead() {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.skip(true);
    bhttp::read(socket_, buffer_, parser, error_);
    if (error_) return std::nullopt;
    return parser.release();
  }

  std::optional<ClientResponse> Request(std::string_view method, std::string_view target,
                                        std::string_view body = "",
                                        std::string_view content_type = "",
                                        std::string_view extra_headers = "") {
    std::string req = std::string(method) + " " + std::string(target) +
                      " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers);
    if (!content_type.empty()) req += "Content-Type: " + std::string(content_type) + "\r\n";
    if (!body.empty() || method == "POST") {
      req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    req += "\r\n";
    req += body;
    Send(req);
    return method == "HEAD" ? ReadHead() : Read();
  }

  // Waits until the server closes the connection (true), discarding anything it
  // sends; false if the safety timeout passed first.
  bool WaitClosed() {
    char buf[65536];
    while (true) {
      boost::system::error_code ec;
      socket_.read_some(net::buffer(buf), ec);
      if (ec == net::error::eof || ec == net::error::connection_reset) return true;
      if (ec) return false;
    }
  }

  // True when the server has closed the connection within `ms` (poll, no read
  // of pending data beyond what is needed to see the close).
  bool ClosedWithin(int ms) {
    pollfd p{socket_.native_handle(), POLLIN | POLLRDHUP, 0};
    if (::poll(&p, 1, ms) <= 0) return false;
    return (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
  }

  // Reads what arrives within one read call (for streams).
  std::string ReadSome() {
    char buf[65536];
    size_t n = socket_.read_some(net::buffer(buf), error_);
    return std::string(buf, n);
  }

  tcp::socket& socket() { return socket_; }
  boost::beast::flat_buffer& buffer() { return buffer_; }
  boost::system::error_code error() const { return error_; }

 private:
  net::io_context ioc_;
  tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  boost::system::error_code error_;
};

// Waits until `pred` holds; false if it still does not after 10 s (a hang
// guard, not a timing assertion).
template <class Pred>
bool WaitFor(Pred pred) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

// The parsed {"error":{...}} body of a response, or null.
inline nlohmann::json ErrorOf(const ClientResponse& r) {
  nlohmann::json j = nlohmann::json::parse(r.body(), nullptr, false);
  if (j.is_discarded() || !j.contains("error")) return nullptr;
  return j["error"];
}

}  // namespace cbec::node::http::testing
