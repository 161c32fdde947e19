// libFuzzer target: the strict decoders of state-tree node bodies and node
// keys, which the node reads back from disk (docs/fuzzing.md): a body that
// decodes must encode back to exactly the same bytes.
#include "cbec/ledger/state_tree.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cbec::ledger;  // NOLINT(google-build-using-namespace)
  cbec::ByteView in(data, size);
  auto node = DecodeTreeNode(in);
  if (node.ok()) {
    cbec::Bytes again = EncodeTreeNode(*node);
    FUZZ_CHECK(again.size() == size && std::equal(again.begin(), again.end(), in.begin()));
  }
  auto key = DecodeNodeKey(in);
  if (key.ok()) {
    cbec::Bytes again = EncodeNodeKey(key->version, key->path);
    FUZZ_CHECK(again.size() == size && std::equal(again.begin(), again.end(), in.begin()));
  }
  auto stale = DecodeStaleIndexKey(in);
  if (stale.ok()) {
    cbec::Bytes again = StaleIndexKey(*stale);
    FUZZ_CHECK(again.size() == size && std::equal(again.begin(), again.end(), in.begin()));
  }
  return 0;
}
