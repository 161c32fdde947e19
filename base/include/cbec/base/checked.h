// Checked integer arithmetic. Amounts, heights and counts that come from
// untrusted input go through these, never through raw + or *.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>

namespace cbec {

// The sum, or nullopt when it does not fit in T.
template <std::integral T>
constexpr std::optional<T> CheckedAdd(T a, T b) {
  T out;
  if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
  return out;
}
template <std::integral T>
constexpr std::optional<T> CheckedSub(T a, T b) {
  T out;
  if (__builtin_sub_overflow(a, b, &out)) return std::nullopt;
  return out;
}
template <std::integral T>
constexpr std::optional<T> CheckedMul(T a, T b) {
  T out;
  if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
  return out;
}
// a + b clamped to T's maximum (for timeouts and back-off, never for money).
template <std::unsigned_integral T>
constexpr T SaturatingAdd(T a, T b) {
  T out;
  return __builtin_add_overflow(a, b, &out) ? static_cast<T>(~T{0}) : out;
}

}  // namespace cbec
