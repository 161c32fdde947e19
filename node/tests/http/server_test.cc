// The server over real sockets on 127.0.0.1.
#include "cbec/node/http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <thread>

#include "cbec/node/http/errors.h"
#include "test_client.h"

namespace cbec::node::http {
namespace {

using testing::ErrorOf;
using testing::RawClient;
using testing::WaitFor;

Router TestRoutes() {
  Router r;
  EXPECT_TRUE(r.Get("/v1/tx/{hash}", [](const Request& req) {
                 return Response::Json({{"hash", req.Param("hash")}});
               }).ok());
  EXPECT_TRUE(r.Get("/v1/blocks/{height}", [](const Request& req) {
                 Result<uint64_t> h = req.ParamU64("height");
                 if (!h.ok()) return Response::Error(h.status());
                 return Response::Json({{"height", *h}});
               }).ok());
  EXPECT_TRUE(r.Post("/v1/tx",
                     [](const Request& req) {
                       nlohmann::json j = {{"kind", req.body_kind == BodyKind::kJson ? "json"
                                                                                   : "binary"},
                                           {"size", req.body.size()}};
                       return Response::Json(j, 202);
                     },
                     {.accept = BodyKind::kJsonOrBinary, .max_body_bytes = 4096})
                  .ok());
  EXPECT_TRUE(r.Post("/v1/echo", [](const Request& req) { return Response::Json(req.json); })
                  .ok());
  return r;
}

class ServerTest : public ::testing::Test {
 protected:
  void Start(Router router, ServerOptions o = {}) {
    o.registry = &registry_;
    server_ = std::make_unique<Server>(std::move(router), o);
    Status s = server_->Start();
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  void Start() { Start(TestRoutes()); }
  uint16_t port() const { return server_->port(); }

  metrics::Registry registry_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, RoutesAndPathParams) {
  Start();
  RawClient c(port());
  auto r = c.Request("GET", "/v1/tx/ab%20cd");
  ASSERT_TRUE(r) << c.error().message();
  EXPECT_EQ(r->result_int(), 200);
  EXPECT_EQ(nlohmann::json::parse(r->body())["hash"], "ab cd");
  r = c.Request("GET", "/v1/blocks/17");
  ASSERT_TRUE(r);
  EXPECT_EQ(nlohmann::json::parse(r->body())["height"], 17);
  r = c.Request("GET", "/v1/blocks/017");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 400);
  EXPECT_EQ(ErrorOf(*r)["slug"], "http.bad_param");
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowedAreJson) {
  Start();
  RawClient c(port());
  auto nf = c.Request("GET", "/v2/nothing");
  ASSERT_TRUE(nf);
  EXPECT_EQ(nf->result_int(), 404);
  EXPECT_EQ((*nf)[boost::beast::http::field::content_type], "application/json");
  EXPECT_EQ(ErrorOf(*nf)["code"], 3101);
  EXPECT_EQ(ErrorOf(*nf)["slug"], "http.not_found");
  auto na = c.Request("PUT", "/v1/tx/abc", "{}", "application/json");
  ASSERT_TRUE(na);
  EXPECT_EQ(na->result_int(), 405);
  EXPECT_EQ(ErrorOf(*na)["code"], 3102);
  EXPECT_EQ((*na)[boost::beast::http::field::allow], "GET, HEAD, OPTIONS");
  // The connection survives both (the PUT body was read or the server closed
  // cleanly); a fresh request on a new connection works either way.
  RawClient c2(port());
  EXPECT_EQ(c2.Request("GET", "/v1/tx/x")->result_int(), 200);
}

TEST_F(ServerTest, MalformedRequestLinesAndHeaders) {
  Start();
  const char* bad[] = {
      "GARBAGE\r\n\r\n",
      "GET /v1/tx/a\r\n\r\n",                      // no version
      "GET /v1/tx/a HTTP/1.1\r\nHost x\r\n\r\n",   // header without ':'
      "GET /v1/tx/a HTTP/1.1\r\nHo st: x\r\n\r\n",  // space in a name
      "GET /v1/tx/a HTTP/9.9\r\nHost: x\r\n\r\n",
      "GET /v1/tx/a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
      "GET /v1/tx/a HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
      "GET v1/tx/a HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /v1/tx/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /v1/tx/a\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST /v1/tx HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
      "\r\n\r\n\r\n",
  };
  for (const char* req : bad) {
    RawClient c(port());
    c.Send(req);
    auto r = c.Read();
    ASSERT_TRUE(r) << req;
    EXPECT_GE(r->result_int(), 400) << req;
    EXPECT_LT(r->result_int(), 600) << req;
    EXPECT_FALSE(ErrorOf(*r).is_null()) << req << " -> " << r->body();
  }
  RawClient big(port());
  big.Send("GET /v1/tx/a HTTP/1.1\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  auto r = big.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 431);
  EXPECT_EQ(ErrorOf(*r)["slug"], "http.header_too_large");
  // The server is still fine.
  RawClient c(port());
  EXPECT_EQ(c.Request("GET", "/v1/tx/a")->result_int(), 200);
}

TEST_F(ServerTest, InvalidAndDeeplyNestedJson) {
  Start();
  RawClient c(port());
  auto r = c.Request("POST", "/v1/echo", "{\"a\":", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 400);
  EXPECT_EQ(ErrorOf(*r)["code"], 3104);
  r = c.Request("POST", "/v1/echo", std::string(100000, '['), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 400);
  EXPECT_EQ(ErrorOf(*r)["slug"], "http.json_too_deep");
  r = c.Request("POST", "/v1/echo", R"({"ok":[1,2,3]})", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
  EXPECT_EQ(nlohmann::json::parse(r->body())["ok"][2], 3);
}

TEST_F(ServerTest, BodyLimitsAndMediaTypes) {
  Start();
  {
    RawClient c(port());  // declared too large: refused before the body is read
    c.Send("POST /v1/tx HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "Content-Length: 100000000\r\n\r\n");
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 413);
    EXPECT_EQ(ErrorOf(*r)["code"], 3103);
    EXPECT_FALSE(r->keep_alive());  // the unread body ends the connection
  }
  {
    RawClient c(port());  // chunked past the limit: refused while reading
    std::string chunk(3000, 'x');
    c.Send("POST /v1/tx HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
           "Transfer-Encoding: chunked\r\n\r\nBB8\r\n" + chunk + "\r\nBB8\r\n" + chunk +
           "\r\n0\r\n\r\n");
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 413);
  }
  RawClient c(port());
  auto r = c.Request("POST", "/v1/tx", std::string(4096, '\0'), "application/octet-stream");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 202);
  EXPECT_EQ(nlohmann::json::parse(r->body())["kind"], "binary");
  r = c.Request("POST", "/v1/tx", "{}", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 415);
  EXPECT_FALSE(r->keep_alive());  // answered before the body, which stays unread
  RawClient c2(port());
  r = c2.Request("POST", "/v1/echo", "AAAA", "application/octet-stream");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 415);  // this route takes JSON only
}

TEST_F(ServerTest, KeepAliveAndPipelining) {
  Start();
  RawClient c(port());
  for (int i = 0; i < 10; ++i) {
    auto r = c.Request("GET", "/v1/blocks/" + std::to_string(i));
    ASSERT_TRUE(r) << i;
    EXPECT_TRUE(r->keep_alive());
    EXPECT_EQ(nlohmann::json::parse(r->body())["height"], i);
  }
  // Five requests in one write are answered in order on the same connection.
  std::string batch;
  for (int i = 0; i < 5; ++i) batch += "GET /v1/blocks/" + std::to_string(100 + i) +
                                       " HTTP/1.1\r\nHost: x\r\n\r\n";
  batch += "POST /v1/tx HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "Content-Length: 2\r\n\r\n{}";
  c.Send(batch);
  for (int i = 0; i < 5; ++i) {
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(nlohmann::json::parse(r->body())["height"], 100 + i);
  }
  auto last = c.Read();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->result_int(), 202);
  // Connection: close is honoured.
  auto bye = c.Request("GET", "/v1/tx/a", "", "", "Connection: close\r\n");
  ASSERT_TRUE(bye);
  EXPECT_FALSE(bye->keep_alive());
  EXPECT_TRUE(c.WaitClosed());
  // HTTP/1.0 without keep-alive closes too.
  RawClient old(port());
  old.Send("GET /v1/tx/a HTTP/1.0\r\n\r\n");
  auto r = old.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->version(), 10u);
  EXPECT_TRUE(old.WaitClosed());
}

TEST_F(ServerTest, HeadOptionsCorsAndContinue) {
  ServerOptions o;
  o.dispatch.cors_allow_origin = "*";
  Start(TestRoutes(), o);
  RawClient c(port());
  auto h = c.Request("HEAD", "/v1/tx/abc");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->result_int(), 200);
  EXPECT_EQ((*h)[boost::beast::http::field::content_length], "14");  // {"hash":"abc"}
  auto o2 = c.Request("OPTIONS", "/v1/tx", "", "",
                      "Origin: https://a.example\r\nAccess-Control-Request-Method: POST\r\n");
  ASSERT_TRUE(o2);
  EXPECT_EQ(o2->result_int(), 204);
  EXPECT_EQ((*o2)[boost::beast::http::field::access_control_allow_origin], "*");
  EXPECT_EQ((*o2)[boost::beast::http::field::access_control_allow_methods], "POST, OPTIONS");
  // The connection is still usable after the bodiless answers.
  EXPECT_EQ(c.Request("GET", "/v1/tx/a")->result_int(), 200);

  c.Send("POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
         "Expect: 100-continue\r\nContent-Length: 7\r\n\r\n");
  auto cont = c.ReadHead();
  ASSERT_TRUE(cont);
  EXPECT_EQ(cont->result_int(), 100);
  c.Send("{\"a\":1}");
  auto done = c.Read();
  ASSERT_TRUE(done);
  EXPECT_EQ(done->body(), "{\"a\":1}");
}

TEST_F(ServerTest, HealthAndMetrics) {
  std::atomic<bool> healthy{true};
  ServerOptions o;
  o.health = [&] { return Health{healthy.load(), {{"height", 12}}}; };
  Start(TestRoutes(), o);
  RawClient c(port());
  auto h = c.Request("GET", "/health");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->result_int(), 200);
  EXPECT_EQ(nlohmann::json::parse(h->body()),
            nlohmann::json({{"status", "ok"}, {"height", 12}}));
  healthy = false;
  h = c.Request("GET", "/health");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->result_int(), 503);
  EXPECT_EQ(nlohmann::json::parse(h->body())["status"], "unavailable");

  ASSERT_TRUE(c.Request("GET", "/v1/tx/a"));
  auto m = c.Request("GET", "/metrics");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->result_int(), 200);
  EXPECT_EQ((*m)[boost::beast::http::field::content_type],
            "text/plain; version=0.0.4; charset=utf-8");
  // Every line is a comment or "name{labels} value" with a numeric value.
  std::string text = m->body();
  size_t samples = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    ASSERT_NE(end, std::string::npos);
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) continue;
    size_t space = line.rfind(' ');
    ASSERT_NE(space, std::string::npos) << line;
    std::string value = line.substr(space + 1);
    char* parsed_end = nullptr;
    std::strtod(value.c_str(), &parsed_end);
    EXPECT_TRUE(*parsed_end == '\0' || value == "+Inf" || value == "NaN") << line;
    ++samples;
  }
  EXPECT_GT(samples, 10u);
  EXPECT_NE(text.find("cbec_http_requests_total{method=\"GET\",route=\"/v1/tx/{hash}\","
                      "code=\"200\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("cbec_http_open_connections 1\n"), std::string::npos);
}

TEST_F(ServerTest, ManyConcurrentClients) {
  ServerOptions o;
  o.io_threads = 2;
  Start(TestRoutes(), o);
  constexpr int kClients = 64;
  constexpr int kRequests = 5;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kClients; ++t) {
    threads.emplace_back([&, t] {
      RawClient c(port());
      for (int i = 0; i < kRequests; ++i) {
        int h = t * 100 + i;
        auto r = c.Request("GET", "/v1/blocks/" + std::to_string(h));
        if (r && r->result_int() == 200 && nlohmann::json::parse(r->body())["height"] == h) {
          ok.fetch_add(1);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kClients * kRequests);
}

TEST_F(ServerTest, ConnectionCapAnswers503) {
  ServerOptions o;
  o.max_connections = 3;
  Start(TestRoutes(), o);
  std::vector<std::unique_ptr<RawClient>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<RawClient>(port()));
    ASSERT_EQ(held.back()->Request("GET", "/v1/tx/a")->result_int(), 200);
  }
  RawClient extra(port());
  auto r = extra.Read();  // answered without asking
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 503);
  EXPECT_EQ(ErrorOf(*r)["code"], 3107);
  EXPECT_EQ(ErrorOf(*r)["slug"], "http.too_many");
  EXPECT_TRUE(extra.WaitClosed());
  // Once one leaves, a new client gets in.
  held.pop_back();
  ASSERT_TRUE(WaitFor([&] { return server_->connection_count() <= 2; }));
  RawClient again(port());
  EXPECT_EQ(again.Request("GET", "/v1/tx/a")->result_int(), 200);
}

TEST_F(ServerTest, SlowlorisIsClosedWhileOthersAreServed) {
  ServerOptions o;
  o.read_timeout = std::chrono::milliseconds(300);
  Start(TestRoutes(), o);
  RawClient slow(port());
  slow.Send("GET /v1/tx/a HTTP/1.1\r\n");
  // One more header byte whenever 20 ms pass without the server closing; the
  // deadline covers the whole request, so trickling does not extend it.
  int sent = 0;
  bool closed = false;
  for (; sent < 1000 && !closed; ++sent) {
    closed = slow.ClosedWithin(20);
    if (!closed) slow.Send("X");
    // Meanwhile other clients are served.
    if (sent % 5 == 0) {
      RawClient other(port());
      auto r = other.Request("GET", "/v1/tx/b");
      ASSERT_TRUE(r);
      EXPECT_EQ(r->result_int(), 200);
    }
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(sent, 1000);
  EXPECT_TRUE(WaitFor([&] {
    return registry_.Render().find("cbec_http_read_timeouts_total 1\n") != std::string::npos;
  }));
}

TEST_F(ServerTest, AsyncHandlers) {
  Router r = TestRoutes();
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::pair<Request, Responder>> parked;
  ASSERT_TRUE(r.AddAsync(Method::kGet, "/async/{mode}", [&](Request req, Responder respond) {
                 std::string mode(req.Param("mode"));
                 if (mode == "thread") {
                   std::thread([respond, mode] { respond.Send(Response::Text(mode)); }).detach();
                 } else if (mode == "park") {
                   std::lock_guard<std::mutex> lock(mu);
                   parked.emplace_back(std::move(req), respond);
                   cv.notify_all();
                 } else if (mode == "throw") {
                   throw std::runtime_error("handler bug");
                 }  // "drop": the responder is destroyed unanswered
               }).ok());
  ServerOptions o;
  o.handler_timeout = std::chrono::milliseconds(200);
  Start(std::move(r), o);
  RawClient c(port());
  EXPECT_EQ(c.Request("GET", "/async/thread")->body(), "thread");
  auto dropped = c.Request("GET", "/async/drop");
  EXPECT_EQ(dropped->result_int(), 500);
  EXPECT_EQ(ErrorOf(*dropped)["slug"], "http.internal");
  EXPECT_EQ(c.Request("GET", "/async/throw")->result_int(), 500);

  // Parked past the deadline: 503, and the late answer goes nowhere.
  auto late = c.Request("GET", "/async/park");
  ASSERT_TRUE(late);
  EXPECT_EQ(late->result_int(), 503);
  EXPECT_EQ(ErrorOf(*late)["slug"], "http.handler_timeout");
  {
    std::lock_guard<std::mutex> lock(mu);
    ASSERT_EQ(parked.size(), 1u);
    EXPECT_TRUE(parked[0].second.Send(Response::Text("late")));
  }
  EXPECT_EQ(c.Request("GET", "/v1/tx/a")->result_int(), 200);  // in order, not "late"

  // Answered from another thread while the client waits.
  c.Send("GET /async/park HTTP/1.1\r\nHost: x\r\n\r\n");
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return parked.size() == 2; });
    parked[1].second.Send(Response::Text("released"));
  }
  auto released = c.Read();
  ASSERT_TRUE(released);
  EXPECT_EQ(released->body(), "released");
}

TEST_F(ServerTest, StopClosesEverythingAndRefusesLateAnswers) {
  Router r = TestRoutes();
  std::mutex mu;
  std::optional<Responder> parked;
  ASSERT_TRUE(r.AddAsync(Method::kGet, "/park", [&](Request, Responder respond) {
                 std::lock_guard<std::mutex> lock(mu);
                 parked = respond;
               }).ok());
  Start(std::move(r));
  RawClient idle(port());
  ASSERT_TRUE(idle.Request("GET", "/v1/tx/a"));
  RawClient waiting(port());
  waiting.Send("GET /park HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(WaitFor([&] {
    std::lock_guard<std::mutex> lock(mu);
    return parked.has_value();
  }));
  server_->Stop();
  EXPECT_TRUE(idle.WaitClosed());
  EXPECT_TRUE(waiting.WaitClosed());
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_TRUE(parked->Send(Response::Text("too late")));  // safe: goes nowhere
  server_->Stop();  // idempotent
}

TEST_F(ServerTest, ListenFailureIsAStatus) {
  Start();
  ServerOptions o;
  o.port = port();  // taken
  o.registry = &registry_;
  Server second(TestRoutes(), o);
  EXPECT_TRUE(second.Start().Is(errors::kListen));
  ServerOptions bad;
  bad.address = "not an address";
  Server third(TestRoutes(), bad);
  EXPECT_TRUE(third.Start().Is(errors::kListen));
}

}  // namespace
}  // namespace cbec::node::http
