#include "cbec/node/p2p/send_queue.h"

#include <gtest/gtest.h>

#include <thread>

#include "cbec/node/p2p/errors.h"

namespace cbec::node::p2p {
namespace {

SharedBytes Msg(size_t n, uint8_t fill = 0) { return std::make_shared<const Bytes>(n, fill); }

TEST(SendQueueTest, ClosedQueueRefusesWithPeerDown) {
  SendQueue q(4, 100);
  bool wake = true;
  EXPECT_TRUE(q.Push(Msg(1), &wake).Is(errors::kPeerDown));
  EXPECT_FALSE(wake);
  EXPECT_FALSE(q.open());
}

TEST(SendQueueTest, FullQueueRefusesTheNewMessageAndKeepsTheOld) {
  SendQueue q(3, 1000);
  q.Open();
  bool wake = false;
  for (uint8_t i = 0; i < 3; ++i) ASSERT_TRUE(q.Push(Msg(10, i), &wake).ok());
  EXPECT_TRUE(q.Push(Msg(10, 9), &wake).Is(errors::kQueueFull));
  ASSERT_EQ(q.size(), 3u);
  std::vector<SharedBytes> batch = q.PopBatch(1 << 20);
  ASSERT_EQ(batch.size(), 3u);
  for (uint8_t i = 0; i < 3; ++i) EXPECT_EQ((*batch[i])[0], i);  // oldest first, none lost
}

TEST(SendQueueTest, ByteLimitCounts) {
  SendQueue q(100, 25);
  q.Open();
  bool wake = false;
  ASSERT_TRUE(q.Push(Msg(10), &wake).ok());
  ASSERT_TRUE(q.Push(Msg(10), &wake).ok());
  EXPECT_TRUE(q.Push(Msg(6), &wake).Is(errors::kQueueFull));
  ASSERT_TRUE(q.Push(Msg(5), &wake).ok());
  EXPECT_EQ(q.bytes(), 25u);
  EXPECT_TRUE(q.Push(Msg(26), &wake).Is(errors::kQueueFull));
  (void)q.PopBatch(10);
  EXPECT_EQ(q.bytes(), 15u);
  EXPECT_TRUE(q.Push(Msg(10), &wake).ok());
}

TEST(SendQueueTest, WakesTheWriterOncePerIdlePeriod) {
  SendQueue q(10, 1000);
  q.Open();
  bool wake = false;
  ASSERT_TRUE(q.Push(Msg(1), &wake).ok());
  EXPECT_TRUE(wake);
  ASSERT_TRUE(q.Push(Msg(1), &wake).ok());
  EXPECT_FALSE(wake);  // the writer was already woken
  EXPECT_EQ(q.PopBatch(1000).size(), 2u);
  ASSERT_TRUE(q.Push(Msg(1), &wake).ok());
  EXPECT_FALSE(wake);  // the writer has not seen an empty queue yet
  EXPECT_EQ(q.PopBatch(1000).size(), 1u);
  EXPECT_TRUE(q.PopBatch(1000).empty());  // now idle
  ASSERT_TRUE(q.Push(Msg(1), &wake).ok());
  EXPECT_TRUE(wake);
}

TEST(SendQueueTest, BatchesRespectTheByteBudgetButTakeAtLeastOne) {
  SendQueue q(10, 1000);
  q.Open();
  bool wake = false;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(q.Push(Msg(100), &wake).ok());
  EXPECT_EQ(q.PopBatch(250).size(), 2u);
  EXPECT_EQ(q.PopBatch(50).size(), 1u);
  EXPECT_EQ(q.PopBatch(1000).size(), 1u);
}

TEST(SendQueueTest, CloseDiscardsAndCounts) {
  SendQueue q(10, 1000);
  q.Open();
  bool wake = false;
  ASSERT_TRUE(q.Push(Msg(1), &wake).ok());
  ASSERT_TRUE(q.Push(Msg(1), &wake).ok());
  EXPECT_EQ(q.Close(), 2u);
  EXPECT_EQ(q.size(), 0u);
  EXPECT_TRUE(q.Push(Msg(1), &wake).Is(errors::kPeerDown));
  q.Open();
  ASSERT_TRUE(q.Push(Msg(1), &wake).ok());
  EXPECT_TRUE(wake);
}

TEST(SendQueueTest, ConcurrentProducersLoseNothingAccepted) {
  SendQueue q(1 << 20, 1 << 30);
  q.Open();
  constexpr int kThreads = 4, kEach = 2000;
  std::vector<std::thread> producers;
  for (int t = 0; t < kThreads; ++t) {
    producers.emplace_back([&q] {
      for (int i = 0; i < kEach; ++i) {
        bool wake = false;
        EXPECT_TRUE(q.Push(Msg(8), &wake).ok());
      }
    });
  }
  size_t popped = 0;
  while (popped < size_t{kThreads} * kEach) popped += q.PopBatch(64).size();
  for (auto& p : producers) p.join();
  EXPECT_EQ(popped, size_t{kThreads} * kEach);
  EXPECT_EQ(q.bytes(), 0u);
}

}  // namespace
}  // namespace cbec::node::p2p
