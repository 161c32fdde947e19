#include "cbec/node/http/sse.h"

#include <gtest/gtest.h>

#include <thread>

#include "cbec/node/http/errors.h"

namespace cbec::node::http {
namespace {

// A sink that records what it is given, with an optional byte bound.
class FakeSink : public StreamSink {
 public:
  explicit FakeSink(size_t max_bytes = SIZE_MAX) : max_bytes_(max_bytes) {}
  using StreamSink::Write;
  bool Write(std::shared_ptr<const std::string> data) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return false;
    if (text_.size() + data->size() > max_bytes_) {
      closed_ = true;
      return false;
    }
    text_ += *data;
    return true;
  }
  void Close() override {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
  }
  bool closed() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return closed_;
  }
  std::string text() const {
    std::lock_guard<std::mutex> lock(mu_);
    return text_;
  }

 private:
  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::string text_;
  bool closed_ = false;
};

std::string Ev(uint64_t id, std::string_view data) {
  return Broadcaster::Format(id, "commit", data);
}

TEST(SseTest, FormatsEvents) {
  EXPECT_EQ(Broadcaster::Format(7, "commit", "{\"h\":7}"),
            "id: 7\nevent: commit\ndata: {\"h\":7}\n\n");
  EXPECT_EQ(Broadcaster::Format(std::nullopt, "gap", "a\nb\r\nc\rd"),
            "event: gap\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
  EXPECT_EQ(Broadcaster::Format(1, "x", ""), "id: 1\nevent: x\ndata: \n\n");
}

TEST(SseTest, LiveDeliveryAndValidation) {
  Broadcaster b;
  auto sink = std::make_shared<FakeSink>();
  ASSERT_TRUE(b.Subscribe(std::nullopt, sink).ok());
  ASSERT_TRUE(b.Publish(1, "commit", "a").ok());
  ASSERT_TRUE(b.Publish(5, "commit", "b").ok());
  EXPECT_TRUE(b.Publish(5, "commit", "c").Is(errors::kBadEvent));
  EXPECT_TRUE(b.Publish(4, "commit", "c").Is(errors::kBadEvent));
  EXPECT_TRUE(b.Publish(6, "bad type", "c").Is(errors::kBadEvent));
  EXPECT_TRUE(b.Publish(6, "", "c").Is(errors::kBadEvent));
  EXPECT_TRUE(b.Publish(6, "a\nb", "c").Is(errors::kBadEvent));
  EXPECT_EQ(sink->text(), Ev(1, "a") + Ev(5, "b"));
  EXPECT_EQ(b.last_id(), 5u);
}

TEST(SseTest, ResumesFromHistory) {
  Broadcaster b({.history = 10});
  for (uint64_t i = 1; i <= 5; ++i) ASSERT_TRUE(b.Publish(i, "commit", std::to_string(i)).ok());
  auto sink = std::make_shared<FakeSink>();
  ASSERT_TRUE(b.Subscribe(2, sink).ok());
  ASSERT_TRUE(b.Publish(6, "commit", "6").ok());
  EXPECT_EQ(sink->text(), Ev(3, "3") + Ev(4, "4") + Ev(5, "5") + Ev(6, "6"));

  // A client ahead of us skips what it has already seen.
  auto ahead = std::make_shared<FakeSink>();
  ASSERT_TRUE(b.Subscribe(7, ahead).ok());
  ASSERT_TRUE(b.Publish(7, "commit", "7").ok());
  ASSERT_TRUE(b.Publish(8, "commit", "8").ok());
  EXPECT_EQ(ahead->text(), Ev(8, "8"));
}

TEST(SseTest, ReportsGapsBeyondHistory) {
  Broadcaster b({.history = 3});
  for (uint64_t i = 1; i <= 10; ++i) ASSERT_TRUE(b.Publish(i, "commit", "x").ok());
  auto sink = std::make_shared<FakeSink>();
  ASSERT_TRUE(b.Subscribe(2, sink).ok());
  EXPECT_EQ(sink->text(), Broadcaster::Format(std::nullopt, "gap", R"({"after":2,"next":8})") +
                              Ev(8, "x") + Ev(9, "x") + Ev(10, "x"));
  auto exact = std::make_shared<FakeSink>();
  ASSERT_TRUE(b.Subscribe(7, exact).ok());  // nothing missed: 8.. is all there
  EXPECT_EQ(exact->text(), Ev(8, "x") + Ev(9, "x") + Ev(10, "x"));
}

TEST(SseTest, DropsClosedAndSlowSubscribers) {
  Broadcaster b({.history = 0, .max_subscribers = 2});
  auto slow = std::make_shared<FakeSink>(Ev(1, "x").size() * 2);
  auto fast = std::make_shared<FakeSink>();
  ASSERT_TRUE(b.Subscribe(std::nullopt, slow).ok());
  ASSERT_TRUE(b.Subscribe(std::nullopt, fast).ok());
  EXPECT_TRUE(b.Subscribe(std::nullopt, std::make_shared<FakeSink>()).Is(errors::kTooMany));
  for (uint64_t i = 1; i <= 3; ++i) ASSERT_TRUE(b.Publish(i, "commit", "x").ok());
  EXPECT_TRUE(slow->closed());
  EXPECT_EQ(b.subscriber_count(), 1u);
  EXPECT_EQ(fast->text(), Ev(1, "x") + Ev(2, "x") + Ev(3, "x"));
  fast.reset();  // destroyed sinks are pruned too
  EXPECT_EQ(b.subscriber_count(), 0u);
}

TEST(SseTest, ConcurrentPublishAndSubscribeMissNothing) {
  Broadcaster b({.history = 1000});
  constexpr uint64_t kEvents = 500;
  std::thread publisher([&] {
    for (uint64_t i = 1; i <= kEvents; ++i) ASSERT_TRUE(b.Publish(i, "commit", "x").ok());
  });
  std::vector<std::shared_ptr<FakeSink>> sinks;
  for (int i = 0; i < 20; ++i) {
    sinks.push_back(std::make_shared<FakeSink>());
    ASSERT_TRUE(b.Subscribe(0, sinks.back()).ok());
  }
  publisher.join();
  std::string all;
  for (uint64_t i = 1; i <= kEvents; ++i) all += Ev(i, "x");
  for (const auto& s : sinks) EXPECT_EQ(s->text(), all);
}

}  // namespace
}  // namespace cbec::node::http
