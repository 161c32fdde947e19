// State tree: the proof format (binary and JSON) and its verification.
#include <bit>
#include <string>

#include <nlohmann/json.hpp>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"
#include "cbec/ledger/state_tree.h"
#include "codec_util.h"

namespace cbec::ledger {

size_t StateProof::depth() const {
  for (size_t i = Hash32::kSize; i-- > 0;) {
    if (bitmap[i] != 0) return 8 * i + (8 - static_cast<size_t>(std::countr_zero(bitmap[i])));
  }
  return 0;
}

Status StateProof::CheckShape() const {
  size_t bits = 0;
  for (size_t i = 0; i < Hash32::kSize; ++i) bits += static_cast<size_t>(std::popcount(bitmap[i]));
  if (bits != siblings.size()) {
    return Status(errors::kStateMalformedProof, "bitmap names " + std::to_string(bits) +
                                                    " siblings, the proof has " +
                                                    std::to_string(siblings.size()));
  }
  for (size_t i = 0; i < siblings.size(); ++i) {
    if (siblings[i].IsZero()) {
      return Status(errors::kStateMalformedProof,
                    "sibling " + std::to_string(i) + " is empty; empty siblings are not listed");
    }
  }
  return Status::Ok();
}

template <class Ar, class Self>
void StateProof::Codec(Ar& ar, Self& s) {
  ar.Fixed(s.bitmap);
  ar.List(s.siblings, kStatePathBits);
  ar.Optional(s.leaf);
  CheckOnRead(ar, [&] { return s.CheckShape(); });
}
template void StateProof::Codec(Writer&, const StateProof&);
template void StateProof::Codec(Reader&, StateProof&);

nlohmann::json StateProof::ToJson() const {
  Json sibs = Json::array();
  for (const Hash32& h : siblings) sibs.push_back(h.ToHex());
  Json out{{"bitmap", bitmap.ToHex()}, {"siblings", std::move(sibs)}, {"leaf", nullptr}};
  if (leaf) {
    out["leaf"] =
        Json{{"key_path", leaf->key_path.ToHex()}, {"value_digest", leaf->value_digest.ToHex()}};
  }
  return out;
}

namespace {

Result<Hash32> LowerHexHash(const Json& j, const std::string& what) {
  if (!j.is_string()) return Status(errors::kBadJson, what + ": expected a hex string");
  const auto& s = j.get_ref<const std::string&>();
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return Status(errors::kBadJson, what + ": expected lower-case hex");
    }
  }
  Result<Hash32> h = Hash32::FromHex(s);
  if (!h.ok()) return Status(errors::kBadJson, what + ": " + h.status().message());
  return h;
}

Result<std::vector<Hash32>> SiblingsFromJson(const Json& j) {
  if (!j.is_array()) return Status(errors::kBadJson, "state_proof.siblings: expected an array");
  if (j.size() > kStatePathBits) {
    return Status(errors::kBadJson, "state_proof.siblings: more than 256 entries");
  }
  std::vector<Hash32> out;
  for (size_t i = 0; i < j.size(); ++i) {
    CBEC_ASSIGN_OR_RETURN(Hash32 h,
                          LowerHexHash(j[i], "state_proof.siblings[" + std::to_string(i) + "]"));
    out.push_back(h);
  }
  return out;
}

Result<std::optional<ProofLeaf>> LeafFromJson(const Json& j) {
  if (j.is_null()) return std::optional<ProofLeaf>();
  ProofLeaf leaf;
  JsonReader r(j, "state_proof.leaf");
  r.Fixed("key_path", leaf.key_path);
  r.Fixed("value_digest", leaf.value_digest);
  CBEC_RETURN_IF_ERROR(r.Finish());
  return std::optional<ProofLeaf>(leaf);
}

}  // namespace

Result<StateProof> StateProof::FromJson(const nlohmann::json& j) {
  return CatchJson("state_proof", [&]() -> Result<StateProof> {
    StateProof p;
    JsonReader r(j, "state_proof");
    r.Fixed("bitmap", p.bitmap);
    r.Nested("siblings", p.siblings, SiblingsFromJson);
    r.Nested("leaf", p.leaf, LeafFromJson);
    CBEC_RETURN_IF_ERROR(r.Finish());
    CBEC_RETURN_IF_ERROR(p.CheckShape());
    return p;
  });
}

namespace {

bool BitmapHas(const Hash32& bitmap, size_t depth) { return PathBit(bitmap, depth); }

// The hash the walk ended on, at depth `depth`, for the claim (key, value).
Result<Hash32> Terminal(crypto::Suite suite, const Hash32& path, const std::optional<Bytes>& value,
                        const StateProof& proof, size_t depth) {
  if (value) {
    if (proof.leaf) {
      return Status(errors::kStateMalformedProof, "a membership proof names no other leaf");
    }
    return StateLeafHash(suite, path, StateValueDigest(suite, *value));
  }
  if (!proof.leaf) return Hash32();
  if (proof.leaf->key_path == path) {
    return Status(errors::kStateBadProof, "the proof ends at the key's own leaf: it is present");
  }
  for (size_t b = 0; b < depth; ++b) {
    if (PathBit(proof.leaf->key_path, b) != PathBit(path, b)) {
      return Status(errors::kStateMalformedProof,
                    "the proof's leaf leaves the key's path at depth " + std::to_string(b));
    }
  }
  return StateLeafHash(suite, proof.leaf->key_path, proof.leaf->value_digest);
}

}  // namespace

Status VerifyStateProof(crypto::Suite suite, const Hash32& root, ByteView key,
                        const std::optional<Bytes>& value, const StateProof& proof) {
  CBEC_RETURN_IF_ERROR(proof.CheckShape());
  const Hash32 path = StateKeyPath(suite, key);
  const size_t depth = proof.depth();
  CBEC_ASSIGN_OR_RETURN(Hash32 node, Terminal(suite, path, value, proof, depth));
  // Fold up from the end of the walk: at each depth the sibling is the next
  // listed one (from the end) if the bitmap says so, else the empty subtree.
  size_t next = proof.siblings.size();
  const Hash32 empty;
  for (size_t b = depth; b-- > 0;) {
    const Hash32& sibling = BitmapHas(proof.bitmap, b) ? proof.siblings[--next] : empty;
    node = PathBit(path, b) ? StateInternalHash(suite, sibling, node)
                            : StateInternalHash(suite, node, sibling);
  }
  if (node != root) {
    return Status(errors::kStateBadProof, std::string(value ? "membership" : "non-membership") +
                                              " proof leads to " + node.ToHex() + ", not to " +
                                              root.ToHex());
  }
  return Status::Ok();
}

}  // namespace cbec::ledger
