// The canonical binary codec (docs/spec/codec.md). Everything cbec hashes or
// signs is in this encoding; JSON is only a human/API view.
//
// One encoding per value:
//   U8/U16/U32/U64   fixed-width big-endian
//   Varint           unsigned LEB128, minimal (at most 10 bytes, no 0x80 pad)
//   Bool             one byte, 0 or 1
//   Blob / String    varint length + bytes (String must be valid UTF-8)
//   Fixed<N>         exactly N bytes, no length
//   Optional         0 (absent) or 1 followed by the value
//   List             varint count + elements
//   Map              varint count + (key, value) in strictly increasing key order
//   Enum             one byte, the value must be known (IsKnown via ADL)
//
// One declaration serves both directions, after Bitcoin's SERIALIZE_METHODS:
//
//   struct Foo {
//     uint64_t height; Bytes payload;
//     template <class Ar, class Self> static void Codec(Ar& ar, Self& s) {
//       ar.U64(s.height);
//       ar.Blob(s.payload, kMaxPayload);
//     }
//   };
//   Bytes b = Encode(foo);             // Writer, Self = const Foo
//   Result<Foo> f = Decode<Foo>(b);    // Reader, Self = Foo; strict
//
// The Reader never throws and never reads past its input: the first error is
// kept ("sticky"), later reads return zero values, and Finish() reports it, or
// trailing bytes. Every length is checked against an explicit maximum and
// against the bytes left before anything is allocated.
//
// Thread-safety: Writer and Reader are single-threaded values.
#pragma once

#include <concepts>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"
#include "cbec/ledger/errors.h"

namespace cbec::ledger {

// True iff `s` is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF).
bool IsValidUtf8(std::string_view s);

class Writer {
 public:
  static constexpr bool kReading = false;

  Writer() = default;
  explicit Writer(size_t reserve) { out_.reserve(reserve); }

  void U8(const uint8_t& v) { out_.push_back(v); }
  void U16(const uint16_t& v) { BigEndian(v, 2); }
  void U32(const uint32_t& v) { BigEndian(v, 4); }
  void U64(const uint64_t& v) { BigEndian(v, 8); }
  void I64(const int64_t& v) { BigEndian(static_cast<uint64_t>(v), 8); }
  void Varint(const uint64_t& v);
  void Bool(const bool& v) { out_.push_back(v ? 1 : 0); }
  void Blob(const Bytes& v, size_t /*max*/) { Varint(v.size()); Append(out_, v); }
  void Blob(ByteView v) { Varint(v.size()); Append(out_, v); }
  void String(const std::string& v, size_t /*max*/) { Blob(AsBytes(v)); }
  template <size_t N>
  void Fixed(const FixedBytes<N>& v) { Append(out_, v.view()); }
  void Raw(ByteView v) { Append(out_, v); }

  template <typename E>
    requires std::is_enum_v<E>
  void Enum(const E& e) { out_.push_back(static_cast<uint8_t>(e)); }

  template <typename T>
  void Object(const T& v) { T::Codec(*this, v); }

  template <typename T>
  void Optional(const std::optional<T>& v) {
    Bool(v.has_value());
    if (v) Object(*v);
  }
  // A list of objects; `max` bounds the count when decoding.
  template <typename T>
  void List(const std::vector<T>& v, size_t /*max*/) {
    Varint(v.size());
    for (const T& e : v) Item(e);
  }
  template <typename K, typename V>
  void Map(const std::map<K, V>& m, size_t /*max*/) {
    Varint(m.size());
    for (const auto& [k, v] : m) {
      Item(k);
      Item(v);
    }
  }

  const Bytes& bytes() const { return out_; }
  Bytes Take() { return std::move(out_); }
  Status status() const { return Status::Ok(); }
  bool ok() const { return true; }

 private:
  void BigEndian(uint64_t v, int width) {
    for (int i = width - 1; i >= 0; --i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  // Element encodings for lists and maps: objects, fixed bytes, strings, u64.
  template <typename T>
  void Item(const T& v) {
    if constexpr (requires { T::kSize; }) {
      Fixed(v);
    } else if constexpr (std::is_same_v<T, std::string>) {
      Blob(AsBytes(v));
    } else if constexpr (std::is_same_v<T, Bytes>) {
      Blob(v);
    } else if constexpr (std::is_same_v<T, uint64_t>) {
      Varint(v);
    } else if constexpr (std::is_enum_v<T>) {
      Enum(v);
    } else {
      Object(v);
    }
  }
  Bytes out_;
};

class Reader {
 public:
  static constexpr bool kReading = true;
  // Default bound for strings/blobs inside lists and maps.
  static constexpr size_t kDefaultItemMax = 64 * 1024;

  explicit Reader(ByteView in) : in_(in) {}

  void U8(uint8_t& v) { v = static_cast<uint8_t>(BigEndian(1)); }
  void U16(uint16_t& v) { v = static_cast<uint16_t>(BigEndian(2)); }
  void U32(uint32_t& v) { v = static_cast<uint32_t>(BigEndian(4)); }
  void U64(uint64_t& v) { v = BigEndian(8); }
  void I64(int64_t& v) { v = static_cast<int64_t>(BigEndian(8)); }
  void Varint(uint64_t& v);
  void Bool(bool& v);
  void Blob(Bytes& v, size_t max);
  void String(std::string& v, size_t max);
  template <size_t N>
  void Fixed(FixedBytes<N>& v) {
    if (!Need(N, "fixed bytes")) { v = FixedBytes<N>(); return; }
    std::memcpy(v.data(), in_.data() + pos_, N);
    pos_ += N;
  }
  // Takes `n` raw bytes.
  void Raw(Bytes& v, size_t n);

  template <typename E>
    requires std::is_enum_v<E>
  void Enum(E& e) {
    uint8_t raw = 0;
    U8(raw);
    e = static_cast<E>(raw);
    if (ok() && !IsKnown(e)) {
      Fail(errors::kUnknownTag, "unknown enum value " + std::to_string(raw));
      e = E{};
    }
  }

  template <typename T>
  void Object(T& v) {
    if (++depth_ > kMaxDepth) {
      Fail(errors::kTooLong, "nesting deeper than " + std::to_string(kMaxDepth));
    } else if (ok()) {
      T::Codec(*this, v);
    }
    --depth_;
  }

  template <typename T>
  void Optional(std::optional<T>& v) {
    bool present = false;
    Bool(present);
    v.reset();
    if (ok() && present) {
      v.emplace();
      Object(*v);
    }
  }
  template <typename T>
  void List(std::vector<T>& v, size_t max) {
    v.clear();
    uint64_t n = Count(max);
    for (uint64_t i = 0; i < n && ok(); ++i) {
      v.emplace_back();
      Item(v.back());
    }
  }
  template <typename K, typename V>
  void Map(std::map<K, V>& m, size_t max) {
    m.clear();
    uint64_t n = Count(max);
    for (uint64_t i = 0; i < n && ok(); ++i) {
      K k{};
      V val{};
      Item(k);
      Item(val);
      if (!ok()) return;
      if (!m.empty() && !(m.rbegin()->first < k)) {
        Fail(errors::kUnsortedMap, "map keys not strictly increasing");
        return;
      }
      m.emplace_hint(m.end(), std::move(k), std::move(val));
    }
  }

  // Records an error (the first one wins). Codec functions use it to reject
  // values that parse but are out of range.
  void Fail(const ErrorKind& kind, std::string message);
  // Fails with kBadValue unless `cond`.
  void Check(bool cond, std::string_view what) {
    if (ok() && !cond) Fail(errors::kBadValue, std::string(what));
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  size_t remaining() const { return ok() ? in_.size() - pos_ : 0; }
  size_t position() const { return pos_; }
  // The error, or kTrailingBytes if input is left over.
  Status Finish() const;

 private:
  static constexpr int kMaxDepth = 32;
  bool Need(size_t n, const char* what);
  uint64_t BigEndian(int width);
  // Reads a varint count, checking it against `max` and the bytes left
  // (every element takes at least one byte), before anything is allocated.
  uint64_t Count(size_t max);
  template <typename T>
  void Item(T& v) {
    if constexpr (requires { T::kSize; }) {
      Fixed(v);
    } else if constexpr (std::is_same_v<T, std::string>) {
      String(v, kDefaultItemMax);
    } else if constexpr (std::is_same_v<T, Bytes>) {
      Blob(v, kDefaultItemMax);
    } else if constexpr (std::is_same_v<T, uint64_t>) {
      Varint(v);
    } else if constexpr (std::is_enum_v<T>) {
      Enum(v);
    } else {
      Object(v);
    }
  }

  ByteView in_;
  size_t pos_ = 0;
  int depth_ = 0;
  Status status_;
};

// Canonical bytes of any value with a Codec.
template <typename T>
Bytes Encode(const T& v) {
  Writer w;
  w.Object(v);
  return w.Take();
}

// Strict decoding: the whole input must be exactly one canonical value.
template <typename T>
Result<T> Decode(ByteView in) {
  Reader r(in);
  T v{};
  r.Object(v);
  Status s = r.Finish();
  if (!s.ok()) return s;
  return v;
}

}  // namespace cbec::ledger
