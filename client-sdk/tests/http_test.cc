// HttpConnection and SseReader against a scripted local server.
#include "cbec/sdk/http.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "cbec/sdk/errors.h"
#include "fake_node.h"

namespace cbec::sdk {
namespace {

using std::chrono::milliseconds;
using testing::FakeConn;
using testing::FakeRequest;
using testing::FakeServer;

TEST(ParseAddressTest, AcceptsHostPortForms) {
  auto a = ParseAddress("127.0.0.1:26601");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 26601);
  auto b = ParseAddress("[::1]:8080");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->host, "::1");
  EXPECT_TRUE(ParseAddress("node-1.example:1").ok());
}

TEST(ParseAddressTest, RefusesMalformedAddresses) {
  for (const char* bad : {"", "localhost", ":80", "host:", "host:0", "host:65536", "host:08",
                          "host:8x", "::1:80", "[::1:80", "a b:80", "http://x:80"}) {
    EXPECT_TRUE(ParseAddress(bad).status().Is(errors::kBadAddress)) << bad;
  }
}

TEST(UrlEncodeTest, KeepsUnreservedOnly) {
  EXPECT_EQ(UrlEncode("urn:epc:id:sscc:6901234.0000000001"),
            "urn%3Aepc%3Aid%3Asscc%3A6901234.0000000001");
  EXPECT_EQ(UrlEncode("a b/~_-"), "a%20b%2F~_-");
}

TEST(HttpConnectionTest, GetAndPostOverOneKeptAliveConnection) {
  FakeServer server([](const FakeRequest& req, FakeConn& c) {
    c.Reply(200, "{\"method\":\"" + req.method + "\",\"target\":\"" + req.target +
                     "\",\"body\":\"" + req.body + "\",\"auth\":\"" + req.Header("authorization") +
                     "\"}");
  });
  HttpConnection conn(server.address());
  auto r1 = conn.Send({"GET", "/v1/status"});
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  EXPECT_EQ(r1->status, 200u);
  EXPECT_EQ(r1->body, R"({"method":"GET","target":"/v1/status","body":"","auth":""})");
  EXPECT_EQ(r1->Header("content-type"), "application/json");
  HttpRequest post{"POST", "/v1/query/x/y", "abc"};
  post.headers.emplace_back("Authorization", "Cbec-Sig x");
  auto r2 = conn.Send(post);
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->body,
            R"({"method":"POST","target":"/v1/query/x/y","body":"abc","auth":"Cbec-Sig x"})");
  EXPECT_EQ(server.connections(), 1);
}

TEST(HttpConnectionTest, ErrorStatusesAreAnswersNotErrors) {
  FakeServer server([](const FakeRequest&, FakeConn& c) { c.Reply(503, "{}"); });
  HttpConnection conn(server.address());
  auto r = conn.Send({"GET", "/"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 503u);
}

TEST(HttpConnectionTest, ReconnectsAfterTheServerClosed) {
  FakeServer server(
      [](const FakeRequest&, FakeConn& c) { c.Reply(200, "ok", "text/plain", true); });
  HttpConnection conn(server.address());
  for (int i = 0; i < 3; ++i) {
    auto r = conn.Send({"GET", "/"});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->body, "ok");
  }
  EXPECT_EQ(server.connections(), 3);
}

TEST(HttpConnectionTest, RetriesOnceWhenAnIdleConnectionWasDropped) {
  FakeServer server([](const FakeRequest&, FakeConn& c) { c.Reply(200, "ok"); });
  HttpConnection conn(server.address());
  ASSERT_TRUE(conn.Send({"GET", "/"}).ok());
  server.DropAll();  // the node closed the idle keep-alive connection
  std::this_thread::sleep_for(milliseconds(20));
  auto r = conn.Send({"GET", "/"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(server.connections(), 2);
}

TEST(HttpConnectionTest, RefusedConnectionIsUnreachable) {
  uint16_t port = 0;
  int fd = testing::ListenLocal(&port);
  ::close(fd);  // nothing listens there now
  HttpConnection conn("127.0.0.1:" + std::to_string(port));
  auto r = conn.Send({"GET", "/"});
  EXPECT_TRUE(r.status().Is(errors::kUnreachable)) << r.status().ToString();
  EXPECT_NE(r.status().message().find("127.0.0.1:" + std::to_string(port)), std::string::npos);
}

TEST(HttpConnectionTest, SilentServerTimesOut) {
  std::atomic<bool> release{false};
  FakeServer server([&](const FakeRequest&, FakeConn&) {
    while (!release) std::this_thread::sleep_for(milliseconds(5));
  });
  HttpOptions opts;
  opts.read_timeout = milliseconds(150);
  HttpConnection conn(server.address(), opts);
  auto r = conn.Send({"GET", "/"});
  release = true;
  EXPECT_TRUE(r.status().Is(errors::kUnreachable));
  EXPECT_NE(r.status().message().find("timed out"), std::string::npos) << r.status().ToString();
}

TEST(HttpConnectionTest, OversizeAnswerIsRefused) {
  FakeServer server([](const FakeRequest&, FakeConn& c) { c.Reply(200, std::string(5000, 'x')); });
  HttpOptions opts;
  opts.max_response_bytes = 4096;
  HttpConnection conn(server.address(), opts);
  auto r = conn.Send({"GET", "/"});
  EXPECT_TRUE(r.status().Is(errors::kUnreachable)) << r.status().ToString();
  EXPECT_NE(r.status().message().find("larger than 4096"), std::string::npos);
}

TEST(HttpConnectionTest, BadAddressFailsWithoutNetwork) {
  HttpConnection conn("no-port-here");
  EXPECT_TRUE(conn.Send({"GET", "/"}).status().Is(errors::kBadAddress));
}

// ---- server-sent events ----

TEST(SseReaderTest, ReadsEventsSkipsHeartbeatsAndSendsLastEventId) {
  std::string seen_last_id;
  FakeServer server([&](const FakeRequest& req, FakeConn& c) {
    seen_last_id = req.Header("last-event-id");
    c.StartChunked();
    c.Chunk("retry: 3000\n\n");
    c.Chunk(": heartbeat\n\n");
    c.Chunk("id: 41\nevent: commit\ndata: {\"height\":41}\n\n");
    // An event split across chunks, with two data lines and CRLF endings.
    c.Chunk("id: 42\r\nevent: commit\r\ndata: a");
    c.Chunk("\r\ndata: b\r\n\r\n");
    c.Close();
  });
  SseReader reader(server.address(), "/v1/events");
  ASSERT_TRUE(reader.Open("40").ok());
  auto e1 = reader.Next(milliseconds(2000));
  ASSERT_TRUE(e1.ok() && e1->has_value()) << e1.status().ToString();
  EXPECT_EQ((*e1)->id, "41");
  EXPECT_EQ((*e1)->event, "commit");
  EXPECT_EQ((*e1)->data, "{\"height\":41}");
  auto e2 = reader.Next(milliseconds(2000));
  ASSERT_TRUE(e2.ok() && e2->has_value());
  EXPECT_EQ((*e2)->data, "a\nb");
  EXPECT_EQ(reader.last_event_id(), "42");
  EXPECT_EQ(seen_last_id, "40");
}

TEST(SseReaderTest, PollReturnsNothingWhileQuietThenReportsTheDrop) {
  std::atomic<bool> drop{false};
  FakeServer server([&](const FakeRequest&, FakeConn& c) {
    c.StartChunked();
    while (!drop) std::this_thread::sleep_for(milliseconds(5));
    c.Close();  // ends the connection without the final chunk
  });
  SseReader reader(server.address(), "/v1/events");
  ASSERT_TRUE(reader.Open().ok());
  auto quiet = reader.Next(milliseconds(50));
  ASSERT_TRUE(quiet.ok());
  EXPECT_FALSE(quiet->has_value());
  drop = true;
  Result<std::optional<SseEvent>> r = std::optional<SseEvent>();
  for (int i = 0; i < 100 && r.ok(); ++i) r = reader.Next(milliseconds(50));
  EXPECT_TRUE(r.status().Is(errors::kUnreachable)) << r.status().ToString();
}

TEST(SseReaderTest, ErrorAnswerIsTheNodesError) {
  FakeServer server([](const FakeRequest&, FakeConn& c) {
    c.Reply(503, R"({"error":{"code":3600,"slug":"http.too_many","message":"busy"}})");
  });
  SseReader reader(server.address(), "/v1/events");
  Status s = reader.Open();
  EXPECT_EQ(s.slug(), "http.too_many");
  EXPECT_EQ(s.code(), 3600u);
}

}  // namespace
}  // namespace cbec::sdk
