#include "cbec/node/http/dispatcher.h"

#include <gtest/gtest.h>

#include <thread>

#include "cbec/node/http/errors.h"

namespace cbec::node::http {
namespace {

namespace bh = boost::beast::http;

class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Router r;
    ASSERT_TRUE(r.Get("/v1/tx/{hash}", [](const Request& req) {
                   return Response::Json({{"hash", req.Param("hash")},
                                          {"verbose", req.Query("verbose").has_value()}});
                 }).ok());
    ASSERT_TRUE(r.Post("/v1/tx",
                       [](const Request& req) {
                         if (req.body_kind == BodyKind::kBinary) {
                           return Response::Json({{"binary", req.body.size()}}, 202);
                         }
                         return Response::Json({{"json", req.json}}, 202);
                       },
                       {.accept = BodyKind::kJsonOrBinary, .max_body_bytes = 64})
                    .ok());
    ASSERT_TRUE(r.Get("/boom", [](const Request&) -> Response {
                   throw std::runtime_error("secret detail");
                 }).ok());
    ASSERT_TRUE(r.Get("/bad-status", [](const Request&) {
                   Response x;
                   x.status = 42;
                   return x;
                 }).ok());
    ASSERT_TRUE(r.Get("/headers", [](const Request&) {
                   Response x = Response::Text("ok");
                   x.headers = {{"X-Good", "1"}, {"X-Bad", "a\r\nSet-Cookie: x=1"}};
                   return x;
                 }).ok());
    ASSERT_TRUE(r.AddAsync(Method::kGet, "/async/{mode}",
                           [](Request req, Responder respond) {
                             if (req.Param("mode") == "now") {
                               respond.Send(Response::Text("now"));
                             } else if (req.Param("mode") == "thread") {
                               std::thread([respond] { respond.Send(Response::Text("t")); })
                                   .join();
                             }  // "drop": the responder dies unanswered
                           })
                    .ok());
    DispatchOptions o;
    o.cors_allow_origin = "https://verify.example";
    o.max_json_depth = 16;
    auto d = Dispatcher::Create(std::move(r), o, registry_);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    d_ = std::move(d).value();
  }

  BeastResponse Do(bh::verb method, std::string target, std::string body = "",
                   std::string content_type = "") {
    BeastRequest req{method, target, 11};
    req.set(bh::field::host, "test");
    if (!content_type.empty()) req.set(bh::field::content_type, content_type);
    req.body() = std::move(body);
    if (method == bh::verb::post) req.prepare_payload();
    return d_->Handle(req);
  }

  static nlohmann::json ErrorOf(const BeastResponse& r) {
    return nlohmann::json::parse(r.body())["error"];
  }

  metrics::Registry registry_;
  std::unique_ptr<Dispatcher> d_;
};

TEST_F(DispatcherTest, RoutesWithParamsAndQuery) {
  BeastResponse r = Do(bh::verb::get, "/v1/tx/ab%20cd?verbose");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r[bh::field::content_type], "application/json");
  EXPECT_EQ(nlohmann::json::parse(r.body()),
            nlohmann::json({{"hash", "ab cd"}, {"verbose", true}}));
  EXPECT_EQ(r[bh::field::access_control_allow_origin], "https://verify.example");
  EXPECT_EQ(r[bh::field::server], "cbec-node");
}

TEST_F(DispatcherTest, NotFoundAndMethodNotAllowed) {
  BeastResponse nf = Do(bh::verb::get, "/v1/nope");
  EXPECT_EQ(nf.result_int(), 404);
  EXPECT_EQ(ErrorOf(nf)["code"], 3101);
  EXPECT_EQ(ErrorOf(nf)["slug"], "http.not_found");

  BeastResponse na = Do(bh::verb::delete_, "/v1/tx/abc");
  EXPECT_EQ(na.result_int(), 405);
  EXPECT_EQ(ErrorOf(na)["slug"], "http.method_not_allowed");
  EXPECT_EQ(na[bh::field::allow], "GET, HEAD, OPTIONS");

  BeastResponse bt = Do(bh::verb::get, "/v1/tx/%zz");
  EXPECT_EQ(bt.result_int(), 400);
  EXPECT_EQ(ErrorOf(bt)["slug"], "http.bad_target");
}

TEST_F(DispatcherTest, HeadAndOptions) {
  BeastResponse get = Do(bh::verb::get, "/v1/tx/abc");
  BeastResponse head = Do(bh::verb::head, "/v1/tx/abc");
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_TRUE(head.body().empty());
  EXPECT_EQ(head[bh::field::content_length], std::to_string(get.body().size()));

  BeastResponse opt = Do(bh::verb::options, "/v1/tx");
  EXPECT_EQ(opt.result_int(), 204);
  EXPECT_EQ(opt[bh::field::allow], "POST, OPTIONS");
  EXPECT_EQ(opt[bh::field::access_control_allow_methods], "POST, OPTIONS");
  EXPECT_FALSE(opt[bh::field::access_control_allow_headers].empty());
  EXPECT_TRUE(opt.body().empty());

  BeastResponse star = Do(bh::verb::options, "*");
  EXPECT_EQ(star.result_int(), 204);
  EXPECT_EQ(star[bh::field::allow], "GET, HEAD, POST, OPTIONS");
  EXPECT_EQ(Do(bh::verb::options, "/nope").result_int(), 404);
}

TEST_F(DispatcherTest, Bodies) {
  BeastResponse json = Do(bh::verb::post, "/v1/tx", R"({"a":[1]})", "application/json");
  EXPECT_EQ(json.result_int(), 202);
  EXPECT_EQ(nlohmann::json::parse(json.body())["json"]["a"][0], 1);

  BeastResponse bin = Do(bh::verb::post, "/v1/tx", std::string("\0\1\2", 3),
                         "application/octet-stream");
  EXPECT_EQ(bin.result_int(), 202);
  EXPECT_EQ(nlohmann::json::parse(bin.body())["binary"], 3);

  EXPECT_EQ(Do(bh::verb::post, "/v1/tx", R"({"a":1})", "Application/JSON; charset=utf-8")
                .result_int(),
            202);
  BeastResponse bad = Do(bh::verb::post, "/v1/tx", "{\"a\":", "application/json");
  EXPECT_EQ(bad.result_int(), 400);
  EXPECT_EQ(ErrorOf(bad)["code"], 3104);
  BeastResponse deep = Do(bh::verb::post, "/v1/tx", std::string(17, '['), "application/json");
  EXPECT_EQ(deep.result_int(), 400);
  EXPECT_EQ(ErrorOf(deep)["slug"], "http.json_too_deep");

  BeastResponse media = Do(bh::verb::post, "/v1/tx", "a=1", "application/x-www-form-urlencoded");
  EXPECT_EQ(media.result_int(), 415);
  EXPECT_EQ(ErrorOf(media)["slug"], "http.unsupported_media_type");
  EXPECT_EQ(Do(bh::verb::post, "/v1/tx", "{}").result_int(), 415);  // no Content-Type

  BeastResponse big = Do(bh::verb::post, "/v1/tx", std::string(65, ' '), "application/json");
  EXPECT_EQ(big.result_int(), 413);
  EXPECT_EQ(ErrorOf(big)["slug"], "http.body_too_large");
  EXPECT_EQ(Do(bh::verb::post, "/v1/tx", "", "application/json").result_int(), 400);
  BeastRequest get{bh::verb::get, "/v1/tx/a", 11};
  get.body() = "x";
  get.prepare_payload();
  BeastResponse get_body = d_->Handle(get);
  EXPECT_EQ(get_body.result_int(), 413);  // a GET route takes no body
  EXPECT_EQ(Do(bh::verb::post, "/v1/tx/a", "x", "application/json").result_int(), 405);
}

TEST_F(DispatcherTest, HandlerFailuresNeverLeak) {
  BeastResponse boom = Do(bh::verb::get, "/boom");
  EXPECT_EQ(boom.result_int(), 500);
  EXPECT_EQ(ErrorOf(boom)["slug"], "http.internal");
  EXPECT_EQ(boom.body().find("secret"), std::string::npos);
  EXPECT_EQ(Do(bh::verb::get, "/bad-status").result_int(), 500);

  BeastResponse h = Do(bh::verb::get, "/headers");
  EXPECT_EQ(h["X-Good"], "1");
  EXPECT_EQ(h.count("X-Bad"), 0u);
  EXPECT_EQ(h.count(bh::field::set_cookie), 0u);
}

TEST_F(DispatcherTest, AsyncHandlers) {
  EXPECT_EQ(Do(bh::verb::get, "/async/now").body(), "now");
  EXPECT_EQ(Do(bh::verb::get, "/async/thread").body(), "t");
  BeastResponse dropped = Do(bh::verb::get, "/async/drop");
  EXPECT_EQ(dropped.result_int(), 500);
  EXPECT_EQ(ErrorOf(dropped)["slug"], "http.internal");
}

TEST_F(DispatcherTest, CountsRequests) {
  (void)Do(bh::verb::get, "/v1/tx/a");
  (void)Do(bh::verb::get, "/v1/tx/b");
  (void)Do(bh::verb::get, "/nope");
  std::string text = registry_.Render();
  EXPECT_NE(text.find("cbec_http_requests_total{method=\"GET\",route=\"/v1/tx/{hash}\","
                      "code=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("cbec_http_requests_total{method=\"GET\",route=\"unmatched\","
                      "code=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("cbec_http_request_duration_seconds_count{route=\"/v1/tx/{hash}\"} 2\n"),
            std::string::npos);
}

TEST_F(DispatcherTest, VersionsAndKeepAlive) {
  BeastRequest old{bh::verb::get, "/v1/tx/a", 10};
  EXPECT_FALSE(d_->Handle(old).keep_alive());
  EXPECT_EQ(d_->Handle(old).version(), 10u);
  BeastRequest v2{bh::verb::get, "/v1/tx/a", 20};
  BeastResponse r = d_->Handle(v2);
  EXPECT_EQ(r.result_int(), 505);
  EXPECT_EQ(ErrorOf(r)["slug"], "http.unsupported_version");
}

}  // namespace
}  // namespace cbec::node::http
