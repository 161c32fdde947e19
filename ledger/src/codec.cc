#include "cbec/ledger/codec.h"

namespace cbec::ledger {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xe0) == 0xc0) {
      len = 2;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3f);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += len;
  }
  return true;
}

void Writer::Varint(const uint64_t& value) {
  uint64_t v = value;
  while (v >= 0x80) {
    out_.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<uint8_t>(v));
}

void Reader::Fail(const ErrorKind& kind, std::string message) {
  if (!ok()) return;
  status_ = Status(kind, std::move(message) + " at offset " + std::to_string(pos_));
}

bool Reader::Need(size_t n, const char* what) {
  if (!ok()) return false;
  if (in_.size() - pos_ < n) {
    Fail(errors::kTruncated, std::string(what) + ": need " + std::to_string(n) + " bytes, have " +
                                 std::to_string(in_.size() - pos_));
    return false;
  }
  return true;
}

uint64_t Reader::BigEndian(int width) {
  if (!Need(static_cast<size_t>(width), "integer")) return 0;
  uint64_t v = 0;
  for (int i = 0; i < width; ++i) v = (v << 8) | in_[pos_ + i];
  pos_ += static_cast<size_t>(width);
  return v;
}

void Reader::Varint(uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (!Need(1, "varint")) {
      v = 0;
      return;
    }
    uint8_t b = in_[pos_++];
    if (shift == 63 && b > 1) {
      Fail(errors::kVarintOverflow, "varint exceeds 64 bits");
      v = 0;
      return;
    }
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      if (b == 0 && shift > 0) {
        Fail(errors::kNonMinimalVarint, "varint has a redundant zero byte");
        v = 0;
      }
      return;
    }
  }
  Fail(errors::kVarintOverflow, "varint longer than 10 bytes");
  v = 0;
}

void Reader::Bool(bool& v) {
  uint8_t b = 0;
  U8(b);
  if (ok() && b > 1) Fail(errors::kBadBool, "bool must be 0 or 1, got " + std::to_string(b));
  v = ok() && b == 1;
}

uint64_t Reader::Count(size_t max) {
  uint64_t n = 0;
  Varint(n);
  if (!ok()) return 0;
  if (n > max) {
    Fail(errors::kTooLong, "count " + std::to_string(n) + " exceeds limit " + std::to_string(max));
    return 0;
  }
  if (n > in_.size() - pos_) {
    Fail(errors::kTruncated, "count " + std::to_string(n) + " exceeds the bytes left");
    return 0;
  }
  return n;
}

void Reader::Blob(Bytes& v, size_t max) {
  v.clear();
  uint64_t n = 0;
  Varint(n);
  if (!ok()) return;
  if (n > max) {
    Fail(errors::kTooLong, "length " + std::to_string(n) + " exceeds limit " + std::to_string(max));
    return;
  }
  if (!Need(n, "bytes")) return;
  v.assign(in_.begin() + static_cast<ptrdiff_t>(pos_), in_.begin() + static_cast<ptrdiff_t>(pos_ + n));
  pos_ += n;
}

void Reader::String(std::string& v, size_t max) {
  v.clear();
  size_t start = pos_;
  Bytes raw;
  Blob(raw, max);
  if (!ok()) return;
  v.assign(raw.begin(), raw.end());
  if (!IsValidUtf8(v)) {
    pos_ = start;
    Fail(errors::kBadUtf8, "string is not valid UTF-8");
    v.clear();
  }
}

void Reader::Raw(Bytes& v, size_t n) {
  v.clear();
  if (!Need(n, "raw bytes")) return;
  v.assign(in_.begin() + static_cast<ptrdiff_t>(pos_), in_.begin() + static_cast<ptrdiff_t>(pos_ + n));
  pos_ += n;
}

Status Reader::Finish() const {
  if (!ok()) return status_;
  if (pos_ != in_.size()) {
    return Status(errors::kTrailingBytes,
                  std::to_string(in_.size() - pos_) + " trailing bytes at offset " + std::to_string(pos_));
  }
  return Status::Ok();
}

}  // namespace cbec::ledger
