// Server-sent events over real sockets.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/beast/http/read.hpp>
#include <limits>
#include <thread>

#include "cbec/node/http/server.h"
#include "cbec/node/http/sse.h"
#include "test_client.h"

namespace cbec::node::http {
namespace {

using testing::RawClient;
using testing::WaitFor;
namespace bhttp = boost::beast::http;

struct SseEvent {
  std::optional<uint64_t> id;
  std::string type;
  std::string data;
};

// Reads an event stream and splits it into events and heartbeat comments.
class SseClient {
 public:
  SseClient(uint16_t port, std::string_view target, std::string_view headers = "",
            int rcvbuf = 0)
      : client_(port, rcvbuf) {
    client_.Send("GET " + std::string(target) + " HTTP/1.1\r\nHost: x\r\n" +
                 std::string(headers) + "\r\n");
    parser_.body_limit(std::numeric_limits<uint64_t>::max());
  }

  // Reads the response head; false on error.
  bool ReadHead() {
    boost::system::error_code ec;
    bhttp::read_header(client_.socket(), client_.buffer(), parser_, ec);
    return !ec;
  }
  const auto& head() { return parser_.get(); }

  // Reads until `pred()` holds; false when the stream ends first.
  template <class Pred>
  bool ReadUntil(Pred pred) {
    while (!pred()) {
      boost::system::error_code ec;
      bhttp::read_some(client_.socket(), client_.buffer(), parser_, ec);
      if (ec) return false;
      Split();
    }
    return true;
  }
  bool ReadEvents(size_t n) {
    return ReadUntil([&] { return events.size() >= n; });
  }

  RawClient& raw() { return client_; }

  std::vector<SseEvent> events;
  size_t heartbeats = 0;
  size_t retries = 0;

 private:
  void Split() {
    std::string& body = parser_.get().body();
    size_t start = 0;
    for (size_t end; (end = body.find("\n\n", start)) != std::string::npos; start = end + 2) {
      Parse(std::string_view(body).substr(start, end - start));
    }
    body.erase(0, start);
  }
  void Parse(std::string_view block) {
    SseEvent e;
    bool is_event = false;
    for (size_t pos = 0; pos <= block.size();) {
      size_t nl = std::min(block.find('\n', pos), block.size());
      std::string_view line = block.substr(pos, nl - pos);
      pos = nl + 1;
      if (line.starts_with(":")) ++heartbeats;
      if (line.starts_with("retry: ")) ++retries;
      if (line.starts_with("id: ")) e.id = std::stoull(std::string(line.substr(4)));
      if (line.starts_with("event: ")) e.type = line.substr(7);
      if (line.starts_with("data: ")) {
        if (is_event) e.data += '\n';
        e.data += line.substr(6);
        is_event = true;
      }
    }
    if (is_event) events.push_back(std::move(e));
  }

  RawClient client_;
  bhttp::response_parser<bhttp::string_body> parser_;
};

class SseServerTest : public ::testing::Test {
 protected:
  void Start(BroadcasterOptions bo = {}, SseOptions so = {}) {
    broadcaster_ = std::make_shared<Broadcaster>(bo);
    Router r;
    ASSERT_TRUE(AddSseRoute(r, "/v1/events", broadcaster_, so).ok());
    ServerOptions o;
    o.registry = &registry_;
    server_ = std::make_unique<Server>(std::move(r), o);
    ASSERT_TRUE(server_->Start().ok());
  }
  void Publish(uint64_t id, std::string data) {
    ASSERT_TRUE(broadcaster_->Publish(id, "commit", data).ok());
  }
  bool WaitSubscribers(size_t n) {
    return WaitFor([&] { return broadcaster_->subscriber_count() == n; });
  }

  metrics::Registry registry_;
  std::shared_ptr<Broadcaster> broadcaster_;
  std::unique_ptr<Server> server_;
};

TEST_F(SseServerTest, DeliversLiveEventsAndResumes) {
  Start({.history = 100});
  for (uint64_t i = 1; i <= 3; ++i) Publish(i, "{\"height\":" + std::to_string(i) + "}");

  SseClient live(server_->port(), "/v1/events");
  ASSERT_TRUE(live.ReadHead());
  EXPECT_EQ(live.head().result_int(), 200);
  EXPECT_EQ(live.head()[bhttp::field::content_type], "text/event-stream");
  EXPECT_EQ(live.head()[bhttp::field::cache_control], "no-cache");
  EXPECT_TRUE(live.head().chunked());
  ASSERT_TRUE(WaitSubscribers(1));
  Publish(4, "{\"height\":4}");
  Publish(5, "line one\nline two");
  ASSERT_TRUE(live.ReadEvents(2));
  EXPECT_EQ(live.retries, 1u);
  EXPECT_EQ(live.events[0].id, 4u);  // no replay without a resume point
  EXPECT_EQ(live.events[0].type, "commit");
  EXPECT_EQ(live.events[0].data, "{\"height\":4}");
  EXPECT_EQ(live.events[1].data, "line one\nline two");

  SseClient resumed(server_->port(), "/v1/events", "Last-Event-ID: 2\r\n");
  ASSERT_TRUE(resumed.ReadHead());
  ASSERT_TRUE(resumed.ReadEvents(3));
  ASSERT_TRUE(WaitSubscribers(2));
  Publish(6, "{\"height\":6}");
  ASSERT_TRUE(resumed.ReadEvents(4));
  std::vector<uint64_t> ids;
  for (const auto& e : resumed.events) ids.push_back(*e.id);
  EXPECT_EQ(ids, (std::vector<uint64_t>{3, 4, 5, 6}));

  SseClient by_query(server_->port(), "/v1/events?last_event_id=5");
  ASSERT_TRUE(by_query.ReadHead());
  ASSERT_TRUE(by_query.ReadEvents(1));
  EXPECT_EQ(by_query.events[0].id, 6u);

  RawClient bad(server_->port());
  auto r = bad.Request("GET", "/v1/events", "", "", "Last-Event-ID: x1\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 400);
  EXPECT_EQ(testing::ErrorOf(*r)["slug"], "http.bad_param");
  auto head = bad.Request("HEAD", "/v1/events");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->result_int(), 200);
  EXPECT_EQ((*head)[bhttp::field::content_type], "text/event-stream");
}

TEST_F(SseServerTest, ResumeBeyondHistoryGetsAGapEvent) {
  Start({.history = 2});
  for (uint64_t i = 1; i <= 5; ++i) Publish(i, "x");
  SseClient c(server_->port(), "/v1/events", "Last-Event-ID: 1\r\n");
  ASSERT_TRUE(c.ReadHead());
  ASSERT_TRUE(c.ReadEvents(3));
  EXPECT_EQ(c.events[0].type, "gap");
  EXPECT_FALSE(c.events[0].id.has_value());
  EXPECT_EQ(nlohmann::json::parse(c.events[0].data),
            nlohmann::json({{"after", 1}, {"next", 4}}));
  EXPECT_EQ(c.events[1].id, 4u);
  EXPECT_EQ(c.events[2].id, 5u);
}

TEST_F(SseServerTest, HeartbeatsWhenIdle) {
  Start({}, {.heartbeat = std::chrono::milliseconds(20)});
  SseClient c(server_->port(), "/v1/events");
  ASSERT_TRUE(c.ReadHead());
  ASSERT_TRUE(c.ReadUntil([&] { return c.heartbeats >= 2; }));
  EXPECT_TRUE(c.events.empty());
}

TEST_F(SseServerTest, SlowReaderIsDisconnectedOthersKeepUp) {
  Start({.history = 0}, {.max_queued_bytes = 64 * 1024});
  SseClient fast(server_->port(), "/v1/events");
  ASSERT_TRUE(fast.ReadHead());
  SseClient slow(server_->port(), "/v1/events", "", /*rcvbuf=*/4096);  // never reads
  ASSERT_TRUE(WaitSubscribers(2));

  std::atomic<uint64_t> fast_last{0};
  std::thread reader([&] {
    fast.ReadUntil([&] {
      if (!fast.events.empty()) fast_last = *fast.events.back().id;
      fast.events.clear();
      return false;  // until the server stops
    });
  });
  const std::string data(16 * 1024, 'd');
  uint64_t id = 0;
  bool fast_kept_up = true;
  // In lockstep with the fast reader, so only the slow one falls behind.
  while (fast_kept_up && broadcaster_->subscriber_count() == 2 && id < 20000) {
    EXPECT_TRUE(broadcaster_->Publish(++id, "commit", data).ok());
    fast_kept_up = WaitFor([&] { return fast_last.load() == id; });
  }
  EXPECT_TRUE(fast_kept_up) << id;
  EXPECT_EQ(broadcaster_->subscriber_count(), 1u);
  EXPECT_TRUE(broadcaster_->Publish(++id, "commit", "after").ok());
  EXPECT_TRUE(WaitFor([&] { return fast_last.load() == id; }));
  EXPECT_TRUE(slow.raw().WaitClosed());
  EXPECT_TRUE(WaitFor([&] {
    return registry_.Render().find("cbec_http_slow_stream_disconnects_total 1\n") !=
           std::string::npos;
  }));
  server_->Stop();
  reader.join();
}

TEST_F(SseServerTest, ClientLeavingAndServerStopEndStreams) {
  Start();
  {
    SseClient c(server_->port(), "/v1/events");
    ASSERT_TRUE(c.ReadHead());
    ASSERT_TRUE(WaitSubscribers(1));
  }
  EXPECT_TRUE(WaitSubscribers(0));
  EXPECT_TRUE(WaitFor([&] { return server_->connection_count() == 0; }));

  SseClient c(server_->port(), "/v1/events");
  ASSERT_TRUE(c.ReadHead());
  ASSERT_TRUE(WaitSubscribers(1));
  server_->Stop();
  EXPECT_TRUE(c.raw().WaitClosed());
  EXPECT_EQ(broadcaster_->subscriber_count(), 0u);
  EXPECT_TRUE(broadcaster_->Publish(100, "commit", "nobody listens").ok());
}

TEST_F(SseServerTest, HandlerClosingTheStreamEndsTheResponse) {
  Router r;
  ASSERT_TRUE(r.AddStream("/count", "text/plain", [](const Request&) -> Result<StreamStart> {
                 StreamStart s;
                 s.content_type = "text/plain";
                 s.on_open = [](std::shared_ptr<StreamSink> sink) {
                   for (int i = 0; i < 3; ++i) sink->Write(std::to_string(i) + "\n");
                   sink->Close();
                   EXPECT_FALSE(sink->Write(std::string("late")));
                 };
                 return s;
               }).ok());
  ServerOptions o;
  o.registry = &registry_;
  server_ = std::make_unique<Server>(std::move(r), o);
  ASSERT_TRUE(server_->Start().ok());
  RawClient c(server_->port());
  auto res = c.Request("GET", "/count");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(res->body(), "0\n1\n2\n");
  EXPECT_TRUE(c.WaitClosed());
}

}  // namespace
}  // namespace cbec::node::http
