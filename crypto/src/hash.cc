#include "cbec/crypto/hash.h"

#include <cryptopp/sha.h>
#include <cryptopp/sm3.h>

#include <new>

#include "cbec/crypto/errors.h"

namespace cbec::crypto {

namespace {
static_assert(sizeof(CryptoPP::SHA256) <= 256 && alignof(CryptoPP::SHA256) <= 16);
static_assert(sizeof(CryptoPP::SM3) <= 256 && alignof(CryptoPP::SM3) <= 16);

CryptoPP::HashTransformation* Impl(Suite suite, unsigned char* state) {
  if (suite == Suite::kGuomi) return std::launder(reinterpret_cast<CryptoPP::SM3*>(state));
  return std::launder(reinterpret_cast<CryptoPP::SHA256*>(state));
}
}  // namespace

std::string_view SuiteName(Suite s) {
  switch (s) {
    case Suite::kStandard:
      return "standard";
    case Suite::kGuomi:
      return "guomi";
  }
  return "unknown";
}

Result<Suite> ParseSuite(std::string_view name) {
  if (name == "standard") return Suite::kStandard;
  if (name == "guomi") return Suite::kGuomi;
  return Status(errors::kUnknownSuite,
                "unknown crypto suite '" + std::string(name) + "' (expected standard or guomi)");
}

Hasher::Hasher(Suite suite) : suite_(suite) {
  if (suite_ == Suite::kGuomi) {
    new (state_) CryptoPP::SM3();
  } else {
    new (state_) CryptoPP::SHA256();
  }
}

Hasher::~Hasher() {
  if (suite_ == Suite::kGuomi) {
    std::launder(reinterpret_cast<CryptoPP::SM3*>(state_))->~SM3();
  } else {
    std::launder(reinterpret_cast<CryptoPP::SHA256*>(state_))->~SHA256();
  }
}

Hasher& Hasher::Update(ByteView data) {
  Impl(suite_, state_)->Update(data.data(), data.size());
  return *this;
}

Hash Hasher::Final() {
  Hash out;
  Impl(suite_, state_)->Final(out.data());
  return out;
}

Hash Digest(Suite suite, ByteView data) { return Hasher(suite).Update(data).Final(); }

Hash TaggedDigest(Suite suite, Domain domain, ByteView data) {
  return Hasher(suite).Update(static_cast<uint8_t>(domain)).Update(data).Final();
}

Hash TaggedDigest2(Suite suite, Domain domain, ByteView a, ByteView b) {
  return Hasher(suite).Update(static_cast<uint8_t>(domain)).Update(a).Update(b).Final();
}

}  // namespace cbec::crypto
