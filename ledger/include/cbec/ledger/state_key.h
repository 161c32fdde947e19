// Contract state keys: contract / table / key components, in an encoding that keeps
// byte order equal to component order (docs/spec/contracts.md, "State keys").
//
//   string component   its bytes with every 0x00 written as 0x00 0xff,
//                      then a 0x00 terminator
//   fixed component    its N bytes (ids, hashes)
//   u64 component      8 bytes big-endian
//
// A key starts with the contract name and the table name as string
// components, so "governance" / "account" / <20-byte id> is
//   "governance" 00 "account" 00 <id>
// and the prefix of a table (or of any leading components) selects exactly
// its keys in a Scan. Two different component lists never give the same key,
// and strings sort as they do as text (a prefix before its extensions).
//
// They live in ledger/ because clients derive the key of a record to check
// its proof (client-sdk), exactly as the contracts do to store it.
//
// Thread-safety: a single-threaded value.
#pragma once

#include <cstdint>
#include <string_view>

#include "cbec/base/bytes.h"

namespace cbec::ledger {

class KeyBuilder {
 public:
  KeyBuilder(std::string_view contract, std::string_view table) {
    Str(contract);
    Str(table);
  }

  KeyBuilder& Str(std::string_view s);
  template <size_t N>
  KeyBuilder& Fixed(const FixedBytes<N>& b) {
    Append(key_, b.view());
    return *this;
  }
  KeyBuilder& U64(uint64_t v);

  // The key so far (a copy, so a temporary builder cannot dangle).
  Bytes Build() const { return key_; }

 private:
  Bytes key_;
};

// The inverse of KeyBuilder::Str for the component starting at `pos`: the
// string, with `pos` moved past its terminator. Fails with kInvalidArgument if
// no well-formed component starts there.
Result<std::string> ReadKeyString(ByteView key, size_t& pos);

}  // namespace cbec::ledger
