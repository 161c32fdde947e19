// HttpClient over Boost.Beast; every exception ends at this wrapper.
#include "http_client.h"

#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "cbec/node/config.h"

namespace cbec::node {

namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

struct HttpClient::Conn {
  boost::asio::io_context io;
  tcp::socket socket{io};
};

HttpClient::HttpClient(std::string address)
    : address_(std::move(address)), conn_(std::make_unique<Conn>()) {}
HttpClient::~HttpClient() = default;

std::pair<unsigned, std::string> HttpClient::Call(
    HttpVerb verb, const std::string& target, std::string body, const std::string& type,
    const std::vector<std::pair<std::string, std::string>>& headers) {
  tcp::socket& socket = conn_->socket;
  try {
    if (!socket.is_open()) {
      auto hp = ParseHostPort(address_);
      if (!hp.ok()) throw std::runtime_error("bad address");
      tcp::resolver resolver(conn_->io);
      boost::asio::connect(socket, resolver.resolve(hp->host, std::to_string(hp->port)));
      socket.set_option(tcp::no_delay(true));
    }
    bhttp::request<bhttp::string_body> req(
        verb == HttpVerb::kGet ? bhttp::verb::get : bhttp::verb::post, target, 11);
    req.set(bhttp::field::host, address_);
    req.keep_alive(true);
    for (const auto& [name, value] : headers) req.set(name, value);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, type);
      req.body() = std::move(body);
      req.prepare_payload();
    }
    bhttp::write(socket, req);
    boost::beast::flat_buffer buf;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(socket, buf, res);
    if (!res.keep_alive()) socket.close();
    return {res.result_int(), res.body()};
  } catch (const std::exception&) {
    boost::system::error_code ec;
    socket.close(ec);
    return {0, ""};
  }
}

}  // namespace cbec::node
