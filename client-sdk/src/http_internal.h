// Pieces shared by http.cc and sse.cc (private to the SDK).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <string>
#include <string_view>

#include "cbec/base/status.h"
#include "cbec/sdk/http.h"

namespace cbec::sdk::internal {

// Runs `io` until it has no work left (restarting it first).
void RunIo(boost::asio::io_context& io);

// Resolves and connects under `timeout`; the error, if any.
boost::system::error_code Connect(boost::asio::io_context& io, boost::beast::tcp_stream& stream,
                                  const HostPort& hp, std::chrono::milliseconds timeout);

// kUnreachable "address: what: cause".
Status Unreachable(const std::string& address, std::string_view what,
                   const boost::system::error_code& ec);

// The Beast request for `req` (keep-alive, Host, Content-Type and length).
boost::beast::http::request<boost::beast::http::string_body> MakeRequest(const HttpRequest& req,
                                                                         const std::string& host);

// The node's {"error": {"code", "slug", "message"}} body as Status::Remote
// (class internal for a 5xx), or kBadResponse naming the HTTP status when
// the body is not such an error.
Status RemoteError(unsigned http_status, std::string_view body, const std::string& address);

}  // namespace cbec::sdk::internal
