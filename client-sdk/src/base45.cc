// base45 (RFC 9285): two bytes as three characters of the QR alphanumeric set.
#include <array>
#include <string>

#include "cbec/sdk/bundle.h"
#include "cbec/sdk/errors.h"

namespace cbec::sdk {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

// The value of `c` (0-44), or -1.
constexpr std::array<int8_t, 256> MakeValues() {
  std::array<int8_t, 256> v{};
  for (auto& x : v) x = -1;
  for (size_t i = 0; i < kAlphabet.size(); ++i) {
    v[static_cast<uint8_t>(kAlphabet[i])] = static_cast<int8_t>(i);
  }
  return v;
}
constexpr std::array<int8_t, 256> kValues = MakeValues();

}  // namespace

std::string Base45Encode(ByteView data) {
  std::string out;
  out.reserve(data.size() / 2 * 3 + 2);
  size_t i = 0;
  for (; i + 1 < data.size(); i += 2) {
    uint32_t n = static_cast<uint32_t>(data[i]) * 256 + data[i + 1];
    out.push_back(kAlphabet[n % 45]);
    out.push_back(kAlphabet[n / 45 % 45]);
    out.push_back(kAlphabet[n / 2025]);
  }
  if (i < data.size()) {
    out.push_back(kAlphabet[data[i] % 45]);
    out.push_back(kAlphabet[data[i] / 45]);
  }
  return out;
}

Result<Bytes> Base45Decode(std::string_view text) {
  if (text.size() % 3 == 1) {
    return Status(errors::kBadBundleText,
                  "base45 length " + std::to_string(text.size()) + " leaves one character over");
  }
  Bytes out;
  out.reserve(text.size() / 3 * 2 + 1);
  for (size_t i = 0; i < text.size(); i += 3) {
    size_t group = std::min<size_t>(3, text.size() - i);
    uint32_t n = 0, scale = 1;
    for (size_t k = 0; k < group; ++k) {
      int v = kValues[static_cast<uint8_t>(text[i + k])];
      if (v < 0) {
        return Status(errors::kBadBundleText, "character " + std::to_string(i + k) +
                                                  " is not base45");
      }
      n += static_cast<uint32_t>(v) * scale;
      scale *= 45;
    }
    if (n > (group == 3 ? 0xffffu : 0xffu)) {
      return Status(errors::kBadBundleText,
                    "base45 group at character " + std::to_string(i) + " is out of range");
    }
    if (group == 3) out.push_back(static_cast<uint8_t>(n >> 8));
    out.push_back(static_cast<uint8_t>(n & 0xff));
  }
  return out;
}

}  // namespace cbec::sdk
