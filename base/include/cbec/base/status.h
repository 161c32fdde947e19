// Status and Result<T>: errors as values.
//
// Every path that untrusted input can reach returns a Status or a Result<T>
// instead of throwing. An error names an ErrorKind: a number that is never
// renumbered or reused, and a stable slug ("codec.trailing_bytes") that the HTTP
// API, transaction receipts and the SDK all share. The free-text message is for
// humans only and never enters anything that is hashed or signed.
//
// Two families of failure (after Bitcoin Core's validation states):
//   kInvalid  - the input is wrong: the sender's fault; maps to HTTP 4xx.
//   kInternal - we failed: I/O, corruption, a broken invariant; maps to HTTP 5xx.
//
// Thread-safety: values; const methods are safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace cbec {

enum class ErrorClass : uint8_t { kInvalid = 1, kInternal = 2 };

// An error kind. Define each one once, as an `inline constexpr ErrorKind` in the
// errors header of the module that raises it. Code ranges per module are listed in
// docs/spec/error-codes.md; a code, once published, keeps its meaning forever.
struct ErrorKind {
  uint32_t code;
  std::string_view slug;
  ErrorClass error_class = ErrorClass::kInvalid;

  friend constexpr bool operator==(const ErrorKind& a, const ErrorKind& b) {
    return a.code == b.code;
  }
};

namespace errors {
// Base-module kinds (codes 1-99).
inline constexpr ErrorKind kInternal{1, "internal", ErrorClass::kInternal};
inline constexpr ErrorKind kInvalidArgument{2, "invalid_argument"};
inline constexpr ErrorKind kOverflow{3, "overflow"};
inline constexpr ErrorKind kBadHex{4, "hex.invalid"};
inline constexpr ErrorKind kNotFound{5, "not_found"};
inline constexpr ErrorKind kIo{6, "io", ErrorClass::kInternal};
inline constexpr ErrorKind kCorruption{7, "corruption", ErrorClass::kInternal};
}  // namespace errors

class [[nodiscard]] Status {
 public:
  // An OK status.
  Status() = default;
  Status(const ErrorKind& kind, std::string message)
      : error_(Error{kind, std::move(message)}) {}

  static Status Ok() { return Status(); }
  // An error reported by another process (a node's answer to a client): its
  // code and slug are kept as received, so callers test them exactly as they
  // test local ones. An empty slug becomes "remote".
  static Status Remote(uint32_t code, std::string slug, ErrorClass error_class,
                       std::string message);

  bool ok() const { return !error_.has_value(); }
  // REQUIRES: !ok() for kind(); an OK status reports code 0 and slug "ok".
  uint32_t code() const { return error_ ? error_->kind.code : 0; }
  std::string_view slug() const;
  // The kind; for a Remote error its slug views this Status (do not keep it
  // beyond the Status's lifetime).
  ErrorKind kind() const;
  bool Is(const ErrorKind& k) const { return error_ && error_->kind == k; }
  bool IsInternal() const {
    return error_ && error_->kind.error_class == ErrorClass::kInternal;
  }
  const std::string& message() const {
    static const std::string kEmpty;
    return error_ ? error_->message : kEmpty;
  }
  // "slug: message", or "ok".
  std::string ToString() const;

  // Prefixes the message with context ("tx 3: ..."), keeping the kind.
  Status WithContext(std::string_view context) const;

  // Ignoring a Status must be written out (RocksDB's PermitUncheckedError).
  void IgnoreError() const {}

 private:
  struct Error {
    ErrorKind kind;
    std::string message;
    std::string remote_slug;  // set by Remote(); kind.slug is then empty
  };
  std::optional<Error> error_;
};

// A value or an error. Implicitly constructible from either, so functions can
// `return value;` or `return Status(kind, "...");`.
template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::decay_t<T>, Status>);

 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT
  Result(const ErrorKind& kind, std::string message)
      : v_(Status(kind, std::move(message))) {}

  bool ok() const { return std::holds_alternative<T>(v_); }
  // The error, or an OK status.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

  // REQUIRES: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  T value_or(T fallback) const { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace cbec

// Early return on error. Works in functions returning Status or Result<U>.
#define CBEC_RETURN_IF_ERROR(expr)              \
  do {                                          \
    ::cbec::Status cbec_status_ = (expr);       \
    if (!cbec_status_.ok()) return cbec_status_; \
  } while (0)

#define CBEC_CONCAT_INNER_(a, b) a##b
#define CBEC_CONCAT_(a, b) CBEC_CONCAT_INNER_(a, b)
#define CBEC_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()

// `CBEC_ASSIGN_OR_RETURN(auto x, Parse(...));`
#define CBEC_ASSIGN_OR_RETURN(lhs, expr) \
  CBEC_ASSIGN_OR_RETURN_IMPL_(CBEC_CONCAT_(cbec_result_, __LINE__), lhs, expr)
