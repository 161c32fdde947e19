// Byte containers shared by every module.
//
//   Bytes         an owned, growable byte string.
//   ByteView      a non-owning view; valid only while its owner lives.
//   FixedBytes<N> an owned array of exactly N bytes (hashes, keys, signatures),
//                 ordered and hashable so it can key std::map.
//
// Thread-safety: plain values.
#pragma once

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/status.h"

namespace cbec {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

inline ByteView AsBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
inline std::string_view AsChars(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}
inline Bytes ToBytes(std::string_view s) {
  ByteView v = AsBytes(s);
  return Bytes(v.begin(), v.end());
}
inline void Append(Bytes& out, ByteView b) { out.insert(out.end(), b.begin(), b.end()); }

// Constant-time comparison for secrets (MACs, keys). Length is not secret.
bool ConstantTimeEqual(ByteView a, ByteView b);

template <size_t N>
class FixedBytes {
 public:
  static constexpr size_t kSize = N;

  // All zero.
  constexpr FixedBytes() : data_{} {}
  explicit constexpr FixedBytes(const std::array<uint8_t, N>& a) : data_(a) {}

  // Fails with errors::kInvalidArgument when b.size() != N.
  static Result<FixedBytes> FromView(ByteView b) {
    if (b.size() != N) {
      return Status(errors::kInvalidArgument,
                    "expected " + std::to_string(N) + " bytes, got " +
                        std::to_string(b.size()));
    }
    FixedBytes out;
    std::memcpy(out.data_.data(), b.data(), N);
    return out;
  }
  // Parses exactly 2N hex digits.
  static Result<FixedBytes> FromHex(std::string_view hex);

  uint8_t* data() { return data_.data(); }
  const uint8_t* data() const { return data_.data(); }
  static constexpr size_t size() { return N; }
  ByteView view() const { return {data_.data(), N}; }
  Bytes ToBytes() const { return Bytes(data_.begin(), data_.end()); }
  std::string ToHex() const;
  bool IsZero() const {
    return std::all_of(data_.begin(), data_.end(), [](uint8_t c) { return c == 0; });
  }
  uint8_t& operator[](size_t i) { return data_[i]; }
  uint8_t operator[](size_t i) const { return data_[i]; }
  const std::array<uint8_t, N>& array() const { return data_; }

  friend bool operator==(const FixedBytes&, const FixedBytes&) = default;
  friend auto operator<=>(const FixedBytes&, const FixedBytes&) = default;

 private:
  std::array<uint8_t, N> data_;
};

// A 32-byte digest (SHA-256 or SM3). The kind of object it names is implied by
// where it is used; see crypto/hash.h for domain separation.
using Hash32 = FixedBytes<32>;

}  // namespace cbec

template <size_t N>
struct std::hash<cbec::FixedBytes<N>> {
  size_t operator()(const cbec::FixedBytes<N>& b) const noexcept {
    // Inputs are digests or keys: their first bytes are already uniform.
    size_t h = 0;
    std::memcpy(&h, b.data(), std::min(sizeof(h), N));
    return h;
  }
};

#include "cbec/base/hex.h"

namespace cbec {
template <size_t N>
Result<FixedBytes<N>> FixedBytes<N>::FromHex(std::string_view hex) {
  if (hex.size() != 2 * N) {
    return Status(errors::kBadHex, "expected " + std::to_string(2 * N) +
                                       " hex digits, got " + std::to_string(hex.size()));
  }
  CBEC_ASSIGN_OR_RETURN(Bytes raw, HexDecode(hex));
  return FromView(raw);
}
template <size_t N>
std::string FixedBytes<N>::ToHex() const {
  return HexEncode(view());
}
}  // namespace cbec
