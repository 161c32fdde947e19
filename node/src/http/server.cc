#include "cbec/node/http/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/http/write.hpp>
#include <future>
#include <thread>

#include "cbec/node/http/errors.h"
#include "session.h"

namespace cbec::node::http {
namespace internal {

// Connections refused at the cap get at most this many in-flight 503 answers;
// beyond that they are closed at once, so a flood cannot grow memory.
constexpr size_t kMaxRejecting = 64;
constexpr std::chrono::milliseconds kRejectTime{1000};

uint64_t ServerShared::Register(const std::shared_ptr<Session>& s) {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  uint64_t id = next_id_++;
  sessions_.emplace(id, s);
  connections_.fetch_add(1);
  return id;
}

void ServerShared::Deregister(uint64_t id) {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  sessions_.erase(id);
  connections_.fetch_sub(1);
  sessions_cv_.notify_all();
}

std::vector<std::shared_ptr<Session>> ServerShared::Snapshot() {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  std::vector<std::shared_ptr<Session>> out;
  for (auto& [id, weak] : sessions_) {
    if (auto s = weak.lock()) out.push_back(std::move(s));
  }
  return out;
}

bool ServerShared::WaitForNoConnections(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(sessions_mu_);
  return sessions_cv_.wait_for(lock, timeout, [&] { return sessions_.empty(); });
}

// Answers 503 http.too_many on a connection over the cap, then closes it.
class Rejecter : public std::enable_shared_from_this<Rejecter> {
 public:
  Rejecter(tcp::socket socket, std::shared_ptr<ServerShared> shared)
      : shared_(std::move(shared)), stream_(std::move(socket)) {
    shared_->rejecting.fetch_add(1);
  }
  ~Rejecter() { shared_->rejecting.fetch_sub(1); }

  void Start() {
    response_ = shared_->dispatcher->FinishError(
        Status(errors::kTooMany, "too many connections; try again later"), 11);
    stream_.expires_after(kRejectTime);
    beast_http::async_write(stream_, response_,
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return;
                              beast::error_code ignored;
                              self->stream_.socket().shutdown(tcp::socket::shutdown_send,
                                                              ignored);
                              self->Drain();
                            });
  }

 private:
  void Drain() {
    stream_.async_read_some(net::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (!ec) self->Drain();
                            });
  }

  const std::shared_ptr<ServerShared> shared_;
  beast::tcp_stream stream_;
  BeastResponse response_;
  std::array<char, 1024> scratch_{};
};

}  // namespace internal

using internal::net::ip::tcp;
namespace net = boost::asio;

struct Server::Impl {
  Impl(Router r, ServerOptions o) : router(std::move(r)), options(std::move(o)) {}

  Status Init();
  void Accept();
  void OnAccept(boost::system::error_code ec, tcp::socket socket);

  Router router;  // moved into the dispatcher by Start
  ServerOptions options;
  std::unique_ptr<metrics::Registry> own_registry;
  std::shared_ptr<internal::ServerShared> shared;
  // The io_context outlives every I/O object below it (members are destroyed
  // in reverse order, and Stop resets them explicitly).
  std::unique_ptr<net::io_context> ioc;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<net::steady_timer> accept_retry;
  std::vector<std::thread> threads;
  uint16_t port = 0;
  bool started = false;
  bool stopped = false;
};

namespace {

Status AddBuiltins(Router& router, const ServerOptions& options, metrics::Registry* registry) {
  auto health = options.health;
  Status s = router.Get("/health", [health](const Request&) {
    Health h = health ? health() : Health{};
    nlohmann::json body = h.details.is_object() ? h.details : nlohmann::json::object();
    body["status"] = h.ok ? "ok" : "unavailable";
    return Response::Json(body, h.ok ? 200 : 503);
  });
  if (!s.ok() && !s.Is(errors::kDuplicateRoute)) return s;
  s = router.Get("/metrics", [registry](const Request&) {
    Response r = Response::Text(registry->Render());
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    return r;
  });
  if (!s.ok() && !s.Is(errors::kDuplicateRoute)) return s;
  return Status::Ok();
}

Result<internal::ServerMetrics> AddServerMetrics(metrics::Registry& r) {
  internal::ServerMetrics m;
  CBEC_ASSIGN_OR_RETURN(m.open_connections,
                        r.AddGauge("cbec_http_open_connections", "Open HTTP connections."));
  CBEC_ASSIGN_OR_RETURN(m.rejected,
                        r.AddCounter("cbec_http_rejected_connections_total",
                                     "Connections refused because too many were open."));
  CBEC_ASSIGN_OR_RETURN(m.read_timeouts,
                        r.AddCounter("cbec_http_read_timeouts_total",
                                     "Connections closed because a request was not received "
                                     "in time (idle keep-alive included)."));
  CBEC_ASSIGN_OR_RETURN(m.open_streams,
                        r.AddGauge("cbec_http_open_streams", "Open streamed responses (SSE)."));
  CBEC_ASSIGN_OR_RETURN(m.slow_stream_disconnects,
                        r.AddCounter("cbec_http_slow_stream_disconnects_total",
                                     "Stream clients disconnected for reading too slowly."));
  return m;
}

}  // namespace

Status Server::Impl::Init() {
  metrics::Registry* registry = options.registry;
  if (registry == nullptr) {
    own_registry = std::make_unique<metrics::Registry>();
    registry = own_registry.get();
  }
  CBEC_RETURN_IF_ERROR(AddBuiltins(router, options, registry));
  CBEC_ASSIGN_OR_RETURN(internal::ServerMetrics m, AddServerMetrics(*registry));
  CBEC_ASSIGN_OR_RETURN(std::unique_ptr<Dispatcher> d,
                        Dispatcher::Create(std::move(router), options.dispatch, *registry));
  shared = std::make_shared<internal::ServerShared>(options, std::move(d), m);

  ioc = std::make_unique<net::io_context>(
      static_cast<int>(std::max<size_t>(1, options.io_threads)));
  boost::system::error_code ec;
  auto address = net::ip::make_address(options.address, ec);
  if (ec) return Status(errors::kListen, "bad listen address '" + options.address + "'");
  tcp::endpoint endpoint(address, options.port);
  acceptor = std::make_unique<tcp::acceptor>(net::make_strand(*ioc));
  accept_retry = std::make_unique<net::steady_timer>(acceptor->get_executor());
  acceptor->open(endpoint.protocol(), ec);
  if (!ec) acceptor->set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor->bind(endpoint, ec);
  if (!ec) acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (!ec) port = acceptor->local_endpoint(ec).port();
  if (ec) {
    return Status(errors::kListen, "cannot listen on " + options.address + ":" +
                                       std::to_string(options.port) + ": " + ec.message());
  }
  return Status::Ok();
}

void Server::Impl::Accept() {
  acceptor->async_accept(net::make_strand(*ioc),
                         [this](boost::system::error_code ec, tcp::socket socket) {
                           OnAccept(ec, std::move(socket));
                         });
}

void Server::Impl::OnAccept(boost::system::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor->is_open()) return;
  if (ec) {
    // Out of descriptors, most likely: back off briefly instead of spinning.
    spdlog::warn("http: accept failed: {}", ec.message());
    accept_retry->expires_after(std::chrono::milliseconds(50));
    accept_retry->async_wait([this](boost::system::error_code wec) {
      if (!wec) Accept();
    });
    return;
  }
  if (shared->connections() >= options.max_connections) {
    shared->metrics.rejected->Inc();
    if (shared->rejecting.load() < internal::kMaxRejecting) {
      std::make_shared<internal::Rejecter>(std::move(socket), shared)->Start();
    }
  } else {
    std::make_shared<internal::Session>(std::move(socket), shared)->Start();
  }
  Accept();
}

Server::Server(Router router, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(router), std::move(options))) {}

Server::~Server() { Stop(); }

Status Server::Start() {
  Impl& d = *impl_;
  if (d.started) return Status(errors::kListen, "the server was already started");
  d.started = true;
  Status s = d.Init();
  if (!s.ok()) {
    d.accept_retry.reset();
    d.acceptor.reset();
    d.ioc.reset();  // Stop has nothing to do
    return s;
  }
  d.work.emplace(d.ioc->get_executor());
  d.Accept();
  size_t n = std::max<size_t>(1, d.options.io_threads);
  for (size_t i = 0; i < n; ++i) d.threads.emplace_back([ioc = d.ioc.get()] { ioc->run(); });
  spdlog::info("http: listening on {}:{}", d.options.address, d.port);
  return Status::Ok();
}

void Server::Stop() {
  Impl& d = *impl_;
  if (!d.started || d.stopped || !d.ioc) return;
  d.stopped = true;
  d.shared->CloseGate();
  // Close the listener on its strand and wait for it: connections accepted
  // before that are registered by then, and none are accepted after.
  std::promise<void> closed;
  net::post(d.acceptor->get_executor(), [&d, &closed] {
    boost::system::error_code ec;
    d.acceptor->close(ec);
    d.accept_retry->cancel();
    closed.set_value();
  });
  closed.get_future().wait();
  for (auto& s : d.shared->Snapshot()) s->PostShutdown();
  if (!d.shared->WaitForNoConnections(std::chrono::seconds(5))) {
    spdlog::warn("http: connections still open at stop; abandoning them");
  }
  d.work.reset();
  d.ioc->stop();
  for (auto& t : d.threads) t.join();
  d.threads.clear();
  d.accept_retry.reset();
  d.acceptor.reset();
  d.ioc.reset();  // destroys what is left (rejections in flight)
}

uint16_t Server::port() const { return impl_->port; }

size_t Server::connection_count() const {
  return impl_->shared ? impl_->shared->connections() : 0;
}

}  // namespace cbec::node::http
