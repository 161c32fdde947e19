// HttpConnection and SseReader over Boost.Beast. Every wait is an
// asynchronous operation run on a private io_context under a deadline, so
// nothing blocks forever; every Boost exception ends here.
#include "cbec/sdk/http.h"

#include <algorithm>
#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <charconv>
#include <exception>
#include <nlohmann/json.hpp>

#include "cbec/sdk/errors.h"
#include "http_internal.h"

namespace cbec::sdk {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using ErrorCode = boost::system::error_code;

Result<HostPort> ParseAddress(std::string_view address) {
  auto bad = [&](std::string_view why) {
    return Status(errors::kBadAddress, "'" + std::string(address.substr(0, 100)) +
                                           "' is not host:port (" + std::string(why) + ")");
  };
  size_t colon = address.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return bad("no host or port");
  std::string_view host = address.substr(0, colon);
  std::string_view port_text = address.substr(colon + 1);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return bad("unbalanced brackets");
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return bad("an IPv6 host needs brackets");
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
      port > 65535 || port_text.empty() || port_text.front() == '0') {
    return bad("bad port");
  }
  for (char c : host) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == '/') return bad("bad host");
  }
  return HostPort{std::string(host), static_cast<uint16_t>(port)};
}

std::string HttpResponse::Header(std::string_view name) const {
  auto lower_eq = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) ==
                    std::tolower(static_cast<unsigned char>(y));
           });
  };
  for (const auto& [k, v] : headers) {
    if (lower_eq(k, name)) return v;
  }
  return "";
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

namespace internal {

Status Unreachable(const std::string& address, std::string_view what, const ErrorCode& ec) {
  std::string cause = ec == beast::error::timeout ? "timed out" : ec.message();
  return Status(errors::kUnreachable, address + ": " + std::string(what) + ": " + cause);
}

ErrorCode Connect(net::io_context& io, beast::tcp_stream& stream, const HostPort& hp,
                  std::chrono::milliseconds timeout) {
  ErrorCode result;
  tcp::resolver resolver(io);
  tcp::resolver::results_type endpoints;
  resolver.async_resolve(hp.host, std::to_string(hp.port),
                         [&](const ErrorCode& ec, tcp::resolver::results_type r) {
                           result = ec;
                           endpoints = std::move(r);
                         });
  RunIo(io);
  if (result) return result;
  stream.expires_after(timeout);
  stream.async_connect(endpoints, [&](const ErrorCode& ec, const tcp::endpoint&) { result = ec; });
  RunIo(io);
  if (!result) stream.socket().set_option(tcp::no_delay(true), result);
  return result;
}

void RunIo(net::io_context& io) {
  io.restart();
  io.run();
}

bhttp::request<bhttp::string_body> MakeRequest(const HttpRequest& req, const std::string& host) {
  bhttp::request<bhttp::string_body> r(req.method == "POST" ? bhttp::verb::post : bhttp::verb::get,
                                       req.target, 11);
  r.set(bhttp::field::host, host);
  r.set(bhttp::field::user_agent, "cbec-sdk");
  r.keep_alive(true);
  for (const auto& [name, value] : req.headers) r.set(name, value);
  if (!req.body.empty() || req.method == "POST") {
    r.set(bhttp::field::content_type, req.content_type);
    r.body() = req.body;
    r.prepare_payload();
  }
  return r;
}

Status RemoteError(unsigned http_status, std::string_view body, const std::string& address) {
  std::string where = address + ": HTTP " + std::to_string(http_status);
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_object() && j.contains("error") && j["error"].is_object()) {
    const nlohmann::json& e = j["error"];
    const nlohmann::json* code = e.contains("code") ? &e["code"] : nullptr;
    const nlohmann::json* slug = e.contains("slug") ? &e["slug"] : nullptr;
    if (code != nullptr && code->is_number_unsigned() && code->get<uint64_t>() <= UINT32_MAX &&
        slug != nullptr && slug->is_string()) {
      std::string message = e.contains("message") && e["message"].is_string()
                                ? e["message"].get<std::string>()
                                : std::string();
      return Status::Remote(static_cast<uint32_t>(code->get<uint64_t>()), slug->get<std::string>(),
                            http_status >= 500 ? ErrorClass::kInternal : ErrorClass::kInvalid,
                            where + ": " + message);
    }
  }
  return Status(errors::kBadResponse,
                where + " without an error body: " + std::string(body.substr(0, 200)));
}

}  // namespace internal

using internal::RunIo;
using internal::Unreachable;

struct HttpConnection::Impl {
  net::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  bool open = false;

  void Close() {
    ErrorCode ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.socket().close(ignored);
    buffer.clear();
    open = false;
  }
};

HttpConnection::HttpConnection(std::string address, HttpOptions options)
    : address_(std::move(address)), options_(options), impl_(std::make_unique<Impl>()) {}
HttpConnection::~HttpConnection() = default;
HttpConnection::HttpConnection(HttpConnection&&) noexcept = default;
HttpConnection& HttpConnection::operator=(HttpConnection&&) noexcept = default;

void HttpConnection::Close() {
  if (impl_) impl_->Close();
}

namespace {

// One request/answer on an open stream. `sent` tells whether any byte of the
// answer arrived (a failure before that on a reused connection is retried).
Result<HttpResponse> Exchange(net::io_context& io, beast::tcp_stream& stream,
                              beast::flat_buffer& buffer, const std::string& address,
                              const bhttp::request<bhttp::string_body>& request,
                              const HttpOptions& options, bool* got_answer, bool* keep_alive) {
  ErrorCode result;
  stream.expires_after(options.read_timeout);
  bhttp::async_write(stream, request, [&](const ErrorCode& ec, size_t) { result = ec; });
  RunIo(io);
  if (result) return Unreachable(address, "sending the request", result);
  bhttp::response_parser<bhttp::string_body> parser;
  // Explicit optional: a bare integer picks Boost.Optional's in-place
  // factory constructor and silently disables the limit.
  parser.body_limit(boost::optional<std::uint64_t>(options.max_response_bytes));
  parser.header_limit(64 * 1024);
  auto too_large = [&] {
    return Status(errors::kUnreachable, address + ": answer larger than " +
                                            std::to_string(options.max_response_bytes) + " bytes");
  };
  stream.expires_after(options.read_timeout);
  bhttp::async_read_header(stream, buffer, parser,
                           [&](const ErrorCode& ec, size_t) { result = ec; });
  RunIo(io);
  *got_answer = parser.got_some();
  if (result == bhttp::error::body_limit) return too_large();
  if (result) return Unreachable(address, "reading the answer", result);
  // Checked here too: Boost 1.74 does not apply the limit to a declared
  // Content-Length when reading a whole message.
  if (parser.content_length() && *parser.content_length() > options.max_response_bytes) {
    return too_large();
  }
  if (!parser.is_done()) {
    stream.expires_after(options.read_timeout);
    bhttp::async_read(stream, buffer, parser, [&](const ErrorCode& ec, size_t) { result = ec; });
    RunIo(io);
  }
  if (result == bhttp::error::body_limit) return too_large();
  if (result) return Unreachable(address, "reading the answer", result);
  auto res = parser.release();
  HttpResponse out;
  out.status = res.result_int();
  out.body = std::move(res.body());
  for (const auto& field : res) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  *keep_alive = res.keep_alive();
  return out;
}

}  // namespace

Result<HttpResponse> HttpConnection::Send(const HttpRequest& req) {
  CBEC_ASSIGN_OR_RETURN(HostPort hp, ParseAddress(address_));
  try {
    auto request = internal::MakeRequest(req, address_);
    for (int attempt = 0; attempt < 2; ++attempt) {
      bool reused = impl_->open;
      if (!impl_->open) {
        ErrorCode ec = internal::Connect(impl_->io, impl_->stream, hp, options_.connect_timeout);
        if (ec) {
          impl_->Close();
          if (ec == net::error::host_not_found || ec == net::error::host_not_found_try_again) {
            return Status(errors::kBadAddress, address_ + ": " + ec.message());
          }
          return Unreachable(address_, "connecting", ec);
        }
        impl_->open = true;
      }
      bool got_answer = false;
      bool keep_alive = false;
      Result<HttpResponse> r = Exchange(impl_->io, impl_->stream, impl_->buffer, address_, request,
                                        options_, &got_answer, &keep_alive);
      if (r.ok()) {
        if (!keep_alive) impl_->Close();
        return r;
      }
      impl_->Close();
      // A kept-alive connection the node closed while idle: try once afresh.
      if (!reused || got_answer) return r;
    }
    return Status(errors::kUnreachable, address_ + ": connection closed");
  } catch (const std::exception& e) {
    impl_->Close();
    return Status(errors::kUnreachable, address_ + ": " + e.what());
  }
}

}  // namespace cbec::sdk
