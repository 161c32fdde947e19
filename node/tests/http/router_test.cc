#include "cbec/node/http/router.h"

#include <gtest/gtest.h>

#include "cbec/node/http/errors.h"

namespace cbec::node::http {
namespace {

Handler Named(std::string name) {
  return [name](const Request&) { return Response::Text(name); };
}

std::vector<std::string> Segs(std::initializer_list<const char*> s) {
  return std::vector<std::string>(s.begin(), s.end());
}

TEST(RouterTest, MatchesParamsAndPrefersLiterals) {
  Router r;
  ASSERT_TRUE(r.Get("/v1/blocks/{height}", Named("by-height")).ok());
  ASSERT_TRUE(r.Get("/v1/blocks/latest", Named("latest")).ok());
  ASSERT_TRUE(r.Get("/v1/{kind}/{id}/proof", Named("proof")).ok());
  ASSERT_TRUE(r.Get("/v1/tx/{hash}/proof", Named("tx-proof")).ok());
  ASSERT_TRUE(r.Post("/v1/tx", Named("submit")).ok());
  ASSERT_TRUE(r.Get("/", Named("root")).ok());

  auto m = r.Find(Method::kGet, Segs({"v1", "blocks", "12"}));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->route->pattern, "/v1/blocks/{height}");
  ASSERT_EQ(m->params.size(), 1u);
  EXPECT_EQ(m->params[0], (std::pair<std::string, std::string>("height", "12")));

  EXPECT_EQ(r.Find(Method::kGet, Segs({"v1", "blocks", "latest"}))->route->pattern,
            "/v1/blocks/latest");
  EXPECT_EQ(r.Find(Method::kGet, Segs({"v1", "tx", "ab", "proof"}))->route->pattern,
            "/v1/tx/{hash}/proof");
  auto p = r.Find(Method::kGet, Segs({"v1", "credit", "x", "proof"}));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->route->pattern, "/v1/{kind}/{id}/proof");
  EXPECT_EQ(p->params.size(), 2u);
  EXPECT_EQ(r.Find(Method::kHead, Segs({"v1", "blocks", "1"}))->route->pattern,
            "/v1/blocks/{height}");
  EXPECT_EQ(r.Find(Method::kGet, {})->route->pattern, "/");
}

TEST(RouterTest, NotFoundAndMethodNotAllowed) {
  Router r;
  ASSERT_TRUE(r.Get("/v1/tx/{hash}", Named("get")).ok());
  ASSERT_TRUE(r.Post("/v1/tx", Named("post")).ok());
  EXPECT_TRUE(r.Find(Method::kGet, Segs({"v1", "nope"})).status().Is(errors::kNotFound));
  EXPECT_TRUE(r.Find(Method::kGet, Segs({"v1", "tx", ""})).status().Is(errors::kNotFound));
  EXPECT_TRUE(r.Find(Method::kGet, Segs({"v1", "tx", "a", "b"})).status().Is(errors::kNotFound));
  EXPECT_TRUE(
      r.Find(Method::kDelete, Segs({"v1", "tx", "a"})).status().Is(errors::kMethodNotAllowed));
  EXPECT_TRUE(r.Find(Method::kGet, Segs({"v1", "tx"})).status().Is(errors::kMethodNotAllowed));
  EXPECT_TRUE(r.Find(Method::kHead, Segs({"v1", "tx"})).status().Is(errors::kMethodNotAllowed));
  EXPECT_EQ(JoinMethods(r.Allowed(Segs({"v1", "tx", "a"}))), "GET, HEAD, OPTIONS");
  EXPECT_EQ(JoinMethods(r.Allowed(Segs({"v1", "tx"}))), "POST, OPTIONS");
  EXPECT_TRUE(r.Allowed(Segs({"x"})).empty());
  EXPECT_EQ(JoinMethods(r.AllMethods()), "GET, HEAD, POST, OPTIONS");
}

TEST(RouterTest, RejectsBadAndDuplicatePatterns) {
  Router r;
  for (const char* bad : {"", "v1", "/v1/", "//", "/v1//x", "/{}", "/{Hash}", "/{1x}", "/a b",
                          "/a%20", "/{a}/{a}", "/a{b}", "/a?x"}) {
    EXPECT_TRUE(r.Get(bad, Named("x")).Is(errors::kBadRoute)) << bad;
  }
  ASSERT_TRUE(r.Get("/a/{x}", Named("x")).ok());
  ASSERT_TRUE(r.Get("/b/{orderNo}", Named("b")).ok());  // camelCase after the first letter
  EXPECT_TRUE(r.Get("/a/{y}", Named("y")).Is(errors::kDuplicateRoute));
  EXPECT_TRUE(r.Post("/a/{y}", Named("y")).ok());
  EXPECT_TRUE(r.Add(Method::kHead, "/h", Named("h")).Is(errors::kBadRoute));
  EXPECT_TRUE(r.Add(Method::kOptions, "/h", Named("h")).Is(errors::kBadRoute));
  EXPECT_EQ(r.size(), 3u);
}

TEST(RouterTest, BodyDefaults) {
  Router r;
  ASSERT_TRUE(r.Post("/p", Named("p")).ok());
  ASSERT_TRUE(r.Get("/g", Named("g")).ok());
  ASSERT_TRUE(r.Add(Method::kPut, "/b", Named("b"),
                    {.accept = BodyKind::kBinary, .max_body_bytes = 10})
                  .ok());
  EXPECT_EQ(r.Find(Method::kPost, Segs({"p"}))->route->accept, BodyKind::kJson);
  EXPECT_EQ(r.Find(Method::kGet, Segs({"g"}))->route->accept, BodyKind::kNone);
  auto b = r.Find(Method::kPut, Segs({"b"}));
  EXPECT_EQ(b->route->accept, BodyKind::kBinary);
  EXPECT_EQ(b->route->max_body_bytes, 10u);
}

}  // namespace
}  // namespace cbec::node::http
