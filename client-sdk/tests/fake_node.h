// Test support for the network side of the SDK: a tiny HTTP/1.1 server on
// 127.0.0.1 (plain POSIX sockets, one thread per connection) whose answers a
// test scripts, and a TCP proxy that can rewrite what a real node answers.
// Used by client-sdk/tests (http_test, client_test) and tests/sdk.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cbec::sdk::testing {

struct FakeRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  // The path without the query.
  std::string Path() const { return target.substr(0, target.find('?')); }
};

// One accepted connection, for the handler to answer on.
class FakeConn {
 public:
  explicit FakeConn(int fd) : fd_(fd) {}
  // Writes raw bytes; false once the peer is gone.
  bool Raw(const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    return true;
  }
  // A complete answer with Content-Length; `close` ends the connection after it.
  void Reply(int status, const std::string& body, const std::string& type = "application/json",
             bool close = false) {
    std::string head = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + type +
                       "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
                       (close ? "Connection: close\r\n" : "") + "\r\n";
    Raw(head + body);
    if (close) Close();
  }
  // The head of a chunked stream (server-sent events); then Chunk() each piece.
  void StartChunked(const std::string& type = "text/event-stream") {
    Raw("HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nTransfer-Encoding: chunked\r\n\r\n");
  }
  bool Chunk(const std::string& data) {
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    return Raw(size + data + "\r\n");
  }
  void Close() { closed_ = true; }
  bool closed() const { return closed_; }

 private:
  int fd_;
  bool closed_ = false;
};

// Reads one request from `fd` (headers, then Content-Length bytes of body).
inline bool ReadRequest(int fd, std::string& buffer, FakeRequest& out) {
  while (buffer.find("\r\n\r\n") == std::string::npos) {
    char chunk[4096];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
  }
  size_t end = buffer.find("\r\n\r\n");
  std::string head = buffer.substr(0, end);
  buffer.erase(0, end + 4);
  out = FakeRequest();
  size_t line_end = head.find("\r\n");
  std::string first = head.substr(0, line_end);
  out.method = first.substr(0, first.find(' '));
  out.target = first.substr(first.find(' ') + 1);
  out.target = out.target.substr(0, out.target.rfind(' '));
  size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    size_t eol = head.find("\r\n", pos);
    std::string line = head.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
    pos = eol == std::string::npos ? head.size() : eol + 2;
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    out.headers[name] = value;
  }
  size_t length =
      out.headers.count("content-length") ? std::stoul(out.headers["content-length"]) : 0;
  while (buffer.size() < length) {
    char chunk[4096];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
  }
  out.body = buffer.substr(0, length);
  buffer.erase(0, length);
  return true;
}

// A listening socket on 127.0.0.1 with an ephemeral port; -1 on failure.
inline int ListenLocal(uint16_t* port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 64) != 0) {
    ::close(fd);
    return -1;
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  *port = ntohs(addr.sin_port);
  return fd;
}

// Accepts until stopped; runs `serve(fd)` for each connection on its own
// thread. Stop() (and the destructor) shut every socket down and join.
class Acceptor {
 public:
  explicit Acceptor(std::function<void(int)> serve) : serve_(std::move(serve)) {
    listen_fd_ = ListenLocal(&port_);
    thread_ = std::thread([this] { Loop(); });
  }
  ~Acceptor() { Stop(); }
  Acceptor(const Acceptor&) = delete;
  Acceptor& operator=(const Acceptor&) = delete;

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  uint16_t port() const { return port_; }
  int connections() const { return connections_.load(); }

  void Stop() {
    if (stopping_.exchange(true)) return;
    ::shutdown(listen_fd_, SHUT_RDWR);
    if (thread_.joinable()) thread_.join();
    ::close(listen_fd_);
    std::vector<std::thread> threads;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (int fd : fds_) ::shutdown(fd, SHUT_RDWR);
      threads.swap(threads_);
    }
    for (std::thread& t : threads) t.join();
  }
  // Drops every open connection (the listener stays).
  void DropAll() {
    std::lock_guard<std::mutex> lock(mu_);
    for (int fd : fds_) ::shutdown(fd, SHUT_RDWR);
  }

 private:
  void Loop() {
    while (!stopping_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      connections_++;
      std::lock_guard<std::mutex> lock(mu_);
      fds_.push_back(fd);
      threads_.emplace_back([this, fd] {
        serve_(fd);
        {
          std::lock_guard<std::mutex> l(mu_);
          std::erase(fds_, fd);
        }
        ::close(fd);
      });
    }
  }

  std::function<void(int)> serve_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
  std::mutex mu_;
  std::vector<int> fds_;
  std::vector<std::thread> threads_;
};

// An HTTP server whose every request goes to `handler`.
class FakeServer {
 public:
  using Handler = std::function<void(const FakeRequest&, FakeConn&)>;
  explicit FakeServer(Handler handler)
      : handler_(std::move(handler)), acceptor_([this](int fd) { Serve(fd); }) {}
  std::string address() const { return acceptor_.address(); }
  int connections() const { return acceptor_.connections(); }
  int requests() const { return requests_.load(); }
  void DropAll() { acceptor_.DropAll(); }
  void Stop() { acceptor_.Stop(); }

 private:
  void Serve(int fd) {
    std::string buffer;
    FakeRequest req;
    FakeConn conn(fd);
    while (!conn.closed() && ReadRequest(fd, buffer, req)) {
      requests_++;
      handler_(req, conn);
    }
  }
  Handler handler_;
  std::atomic<int> requests_{0};
  Acceptor acceptor_;  // last: its threads call the members above
};

// A TCP proxy to `upstream_port` on 127.0.0.1 that hands each answer chunk
// from upstream to `rewrite` before passing it on (requests pass as they
// are). One upstream connection per client connection.
class TamperProxy {
 public:
  using Rewrite = std::function<void(std::string& chunk)>;
  TamperProxy(uint16_t upstream_port, Rewrite rewrite)
      : upstream_port_(upstream_port),
        rewrite_(std::move(rewrite)),
        acceptor_([this](int fd) { Serve(fd); }) {}
  std::string address() const { return acceptor_.address(); }

 private:
  void Serve(int client) {
    int up = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(upstream_port_);
    if (::connect(up, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(up);
      return;
    }
    pollfd fds[2] = {{client, POLLIN, 0}, {up, POLLIN, 0}};
    char buf[65536];
    while (::poll(fds, 2, 100) >= 0) {
      if ((fds[0].revents | fds[1].revents) & (POLLERR | POLLNVAL)) break;
      if (fds[0].revents & (POLLIN | POLLHUP)) {
        ssize_t n = ::recv(client, buf, sizeof buf, 0);
        if (n <= 0 || ::send(up, buf, static_cast<size_t>(n), MSG_NOSIGNAL) != n) break;
      }
      if (fds[1].revents & (POLLIN | POLLHUP)) {
        ssize_t n = ::recv(up, buf, sizeof buf, 0);
        if (n <= 0) break;
        std::string chunk(buf, static_cast<size_t>(n));
        rewrite_(chunk);
        if (!FakeConn(client).Raw(chunk)) break;
      }
    }
    ::close(up);
  }
  uint16_t upstream_port_;
  Rewrite rewrite_;
  Acceptor acceptor_;
};

}  // namespace cbec::sdk::testing
