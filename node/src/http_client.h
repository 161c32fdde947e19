// HttpClient: a small blocking HTTP/1.1 client of one node's API, for the
// command-line tools (loadgen, tx). Keep-alive; reconnects after a failure.
//
// Thread-safety: one client per thread.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cbec::node {

enum class HttpVerb { kGet, kPost };

class HttpClient {
 public:
  // `address` is "host:port". Nothing connects until the first Call.
  explicit HttpClient(std::string address);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request and reads the response: (status, body). Status 0 when
  // the request could not be made (bad address, refused, reset, timeout);
  // the next call then reconnects. Never throws.
  // `headers` are added as given (e.g. a signed read's Authorization).
  std::pair<unsigned, std::string> Call(
      HttpVerb verb, const std::string& target, std::string body = {},
      const std::string& type = "application/json",
      const std::vector<std::pair<std::string, std::string>>& headers = {});

  const std::string& address() const { return address_; }

 private:
  struct Conn;
  std::string address_;
  std::unique_ptr<Conn> conn_;
};

}  // namespace cbec::node
