#include "cbec/ledger/state_key.h"

#include "cbec/base/status.h"

namespace cbec::ledger {

KeyBuilder& KeyBuilder::Str(std::string_view s) {
  for (char c : s) {
    key_.push_back(static_cast<uint8_t>(c));
    if (c == '\0') key_.push_back(0xff);
  }
  key_.push_back(0x00);
  return *this;
}

KeyBuilder& KeyBuilder::U64(uint64_t v) {
  for (int i = 7; i >= 0; --i) key_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  return *this;
}

Result<std::string> ReadKeyString(ByteView key, size_t& pos) {
  std::string out;
  for (size_t i = pos; i < key.size(); ++i) {
    if (key[i] != 0x00) {
      out.push_back(static_cast<char>(key[i]));
      continue;
    }
    if (i + 1 < key.size() && key[i + 1] == 0xff) {
      out.push_back('\0');
      ++i;
      continue;
    }
    pos = i + 1;
    return out;
  }
  return Status(cbec::errors::kInvalidArgument, "key string component has no terminator");
}

}  // namespace cbec::ledger
