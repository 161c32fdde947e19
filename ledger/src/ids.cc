#include "cbec/ledger/ids.h"

#include "cbec/crypto/hash.h"
#include "cbec/ledger/errors.h"

namespace cbec::ledger {

namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Quotes a character for an error message; control and non-ASCII bytes as hex.
std::string Describe(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return std::string("'") + c + "'";
  static constexpr char kDigits[] = "0123456789abcdef";
  return std::string("byte 0x") + kDigits[u >> 4] + kDigits[u & 0xf];
}

// [a-z][a-z0-9_]* of 1..max characters.
Status ValidateName(std::string_view what, std::string_view name, size_t max) {
  if (name.empty() || name.size() > max) {
    return Status(errors::kBadName, std::string(what) + " name must be 1-" +
                                        std::to_string(max) + " characters, got " +
                                        std::to_string(name.size()));
  }
  if (!IsLower(name[0])) {
    return Status(errors::kBadName,
                  std::string(what) + " name must start with a letter a-z, got " +
                      Describe(name[0]));
  }
  for (size_t i = 1; i < name.size(); ++i) {
    char c = name[i];
    if (!IsLower(c) && !IsDigit(c) && c != '_') {
      return Status(errors::kBadName, std::string(what) + " name may hold only [a-z0-9_], got " +
                                          Describe(c) + " at " + std::to_string(i));
    }
  }
  return Status::Ok();
}

}  // namespace

AccountId DeriveAccountId(const crypto::PublicKey& key) {
  crypto::Hash h = crypto::TaggedDigest(key.suite(), crypto::Domain::kAccountId, key.view());
  AccountId id;
  std::copy_n(h.data(), AccountId::kSize, id.data());
  return id;
}

Result<AccountId> ParseAccountId(std::string_view text) {
  if (text.size() != 2 * AccountId::kSize || !IsLowerHex(text)) {
    return Status(errors::kBadAccountId, "an account id is 40 lower-case hex digits");
  }
  auto id = AccountId::FromHex(text);
  if (!id.ok()) return Status(errors::kBadAccountId, id.status().message());
  return *id;
}

Status ValidateChainId(std::string_view id) {
  if (id.empty() || id.size() > kMaxChainIdLength) {
    return Status(errors::kBadChainId, "chain id must be 1-64 characters, got " +
                                           std::to_string(id.size()));
  }
  for (size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    if (!IsLower(c) && !IsDigit(c) && c != '.' && c != '-') {
      return Status(errors::kBadChainId, "chain id may hold only [a-z0-9.-], got " +
                                             Describe(c) + " at " + std::to_string(i));
    }
  }
  return Status::Ok();
}

Status ValidateContractName(std::string_view name) {
  return ValidateName("contract", name, kMaxContractNameLength);
}

Status ValidateMethodName(std::string_view name) {
  return ValidateName("method", name, kMaxMethodNameLength);
}

bool IsLowerHex(std::string_view s) {
  if (s.size() % 2 != 0) return false;
  for (char c : s) {
    if (!IsDigit(c) && !(c >= 'a' && c <= 'f')) return false;
  }
  return true;
}

}  // namespace cbec::ledger
