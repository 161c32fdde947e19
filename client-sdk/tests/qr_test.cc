// QR codes: rendered as PNG, read back with zbarimg (zbar-tools, as a phone
// would scan them), verified offline.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "cbec/sdk/bundle.h"
#include "cbec/sdk/errors.h"
#include "verify_test_util.h"

namespace cbec::sdk {
namespace {

namespace fs = std::filesystem;
using testing::Uscc;

std::string TempPath(const std::string& name) {
  return (fs::temp_directory_path() /
          ("cbec_qr_" + std::to_string(::getpid()) + "_" + name)).string();
}

// The text zbarimg reads from the PNG at `path` (its trailing newline
// removed); fails the test when zbarimg is not installed.
std::string Scan(const std::string& path) {
  if (std::system("command -v zbarimg > /dev/null 2>&1") != 0) {
    ADD_FAILURE() << "zbarimg is not installed: apt-get install zbar-tools (scripts/install-deps)";
    return "";
  }
  std::string cmd = "zbarimg --raw -q '" + path + "'";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) {
    ADD_FAILURE() << "cannot run " << cmd;
    return "";
  }
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int rc = ::pclose(p);
  EXPECT_EQ(rc, 0) << cmd;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

TEST(QrTest, WritesAPngThatScansBack) {
  std::string path = TempPath("short.png");
  ASSERT_TRUE(WriteQrPng("CB1:HELLO QR", path, 4).ok());
  std::ifstream f(path, std::ios::binary);
  std::array<char, 8> magic{};
  f.read(magic.data(), magic.size());
  EXPECT_EQ(std::string(magic.data(), 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(Scan(path), "CB1:HELLO QR");
  fs::remove(path);
}

TEST(QrTest, RefusesWhatDoesNotFit) {
  EXPECT_TRUE(QrPng(std::string(5000, 'A')).status().Is(errors::kBundleTooLarge));
  EXPECT_TRUE(QrPng("A", 0).status().Is(errors::kQrEncode));
  EXPECT_TRUE(QrPng(std::string("A\0B", 3)).status().Is(errors::kQrEncode));
  EXPECT_TRUE(WriteQrPng("A", "/nonexistent-dir/x.png").Is(errors::kBundleIo));
  // A larger scale is a larger image of the same symbol.
  auto small = QrPng("CB1:ABC", 1), big = QrPng("CB1:ABC", 8);
  ASSERT_TRUE(small.ok() && big.ok());
  EXPECT_GT(big->size(), small->size());
}

// The "done": a bundle goes from a QR image back to a verified
// record with no node running.
TEST(QrTest, ABundleGoesFromQrImageToAVerifiedRecord) {
  testing::TestChain chain(7);
  const std::string holder = Uscc("91350100MA2XY1234");
  auto w = testing::RandomWrites(1000, 5);
  uint64_t t = chain.time() + 1000;
  w[BundleKey(BundleKind::kIprFiling, {"trademark", "56781234"}).value()] =
      testing::EncodeRecordForTest("ipr.Filing", testing::TestFiling("56781234", holder, t - 1, t + 1));
  ledger::CertifiedCheckpoint cp = chain.Commit(w, t);
  Bundle b = testing::MakeTestBundle(chain, BundleKind::kIprFiling, {"trademark", "56781234"}, cp);
  std::string text = b.ToText();
  std::string path = TempPath("bundle.png");
  ASSERT_TRUE(WriteQrPng(text, path).ok());
  std::string scanned = Scan(path);
  fs::remove(path);
  ASSERT_EQ(scanned, text);
  auto back = Bundle::FromText(scanned, chain.Anchor());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  auto v = VerifyBundle(*back, chain.Anchor());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->verdict["active"], true);
  EXPECT_EQ(v->record["holder"], holder);
}

}  // namespace
}  // namespace cbec::sdk
