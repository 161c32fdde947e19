// Proof bundles: kinds and their state keys, the compact binary form and the
// "CB1:" text form (docs/spec/bundle.md is the format).
#include "cbec/sdk/bundle.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/state_key.h"
#include "cbec/sdk/errors.h"

namespace cbec::sdk {

namespace {

constexpr std::string_view kTextPrefix = "CB1:";
constexpr size_t kMaxSubjectParts = 4;
constexpr size_t kMaxSubjectLength = 256;
// A signer bitmap covers at most ValidatorSet::kMaxValidators indexes.
constexpr size_t kMaxBitmapBytes = (ledger::ValidatorSet::kMaxValidators + 7) / 8;
constexpr size_t kMaxRegNoLength = 64;

constexpr std::array<std::string_view, 4> kKindNames = {"ipr_filing", "ipr_auth",
                                                        "list_subject", "enterprise"};

Status BadSubject(BundleKind kind, const std::string& why) {
  return Status(errors::kBadBundle, std::string(BundleKindName(kind)) + " subject: " + why);
}

// GB 32100-2015: 18 characters of the charset, the last the check character
// (the same rule as contracts/enterprise.h ValidateUscc).
bool IsWellFormedUscc(std::string_view s) {
  static constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                                   29, 25, 13, 8,  24, 10, 30, 28};
  if (s.size() != 18) return false;
  int sum = 0;
  for (size_t i = 0; i < 18; ++i) {
    size_t v = kCharset.find(s[i]);
    if (v == std::string_view::npos) return false;
    if (i < 17) sum += static_cast<int>(v) * kWeights[i];
  }
  int check = 31 - sum % 31;
  return s[17] == kCharset[check == 31 ? 0 : static_cast<size_t>(check)];
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "nice:1".."nice:45" or "hs:" + 4-10 digits (contracts/ipr.h ValidateGoodsCode).
bool IsGoodsRef(std::string_view ref) {
  size_t colon = ref.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view scheme = ref.substr(0, colon), code = ref.substr(colon + 1);
  if (!AllDigits(code)) return false;
  if (scheme == "nice") {
    return code.size() <= 2 && code[0] != '0' && std::stoi(std::string(code)) <= 45;
  }
  return scheme == "hs" && code.size() >= 4 && code.size() <= 10;
}

// ---- signer bitmaps ----

// Varint byte length L (minimal: the last byte non-zero), L bytes (bit i =
// validator i, MSB first), then the signatures in index order.
void WriteSigners(ledger::Writer& w, const ledger::QuorumSignatures& q) {
  auto sigs = q.sigs;
  std::stable_sort(sigs.begin(), sigs.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  sigs.erase(std::unique(sigs.begin(), sigs.end(),
                         [](const auto& a, const auto& b) { return a.first == b.first; }),
             sigs.end());
  Bytes bitmap(sigs.empty() ? 0 : sigs.back().first / 8 + 1, 0);
  for (const auto& [index, sig] : sigs) bitmap[index / 8] |= static_cast<uint8_t>(0x80 >> (index % 8));
  w.Blob(bitmap);
  for (const auto& [index, sig] : sigs) w.Fixed(sig);
}

struct RawSigners {
  Bytes bitmap;
  std::vector<crypto::Signature> sigs;
};

void ReadSigners(ledger::Reader& r, RawSigners& out) {
  r.Blob(out.bitmap, kMaxBitmapBytes);
  if (!r.ok()) return;
  r.Check(out.bitmap.empty() || out.bitmap.back() != 0, "signer bitmap has a zero last byte");
  size_t count = 0;
  for (uint8_t b : out.bitmap) count += static_cast<size_t>(std::popcount(b));
  r.Check(count * crypto::Signature::kSize <= r.remaining(), "signatures truncated");
  out.sigs.resize(r.ok() ? count : 0);
  for (crypto::Signature& s : out.sigs) r.Fixed(s);
}

// The signatures of a set of `n` validators; kBadBundle for a bit at n or above.
Result<ledger::QuorumSignatures> Resolve(const RawSigners& raw, size_t n, std::string_view what) {
  ledger::QuorumSignatures q;
  size_t next = 0;
  for (size_t i = 0; i < raw.bitmap.size() * 8; ++i) {
    if ((raw.bitmap[i / 8] & (0x80 >> (i % 8))) == 0) continue;
    if (i >= n) {
      return Status(errors::kBadBundle, std::string(what) + ": signer " + std::to_string(i) +
                                            " outside a set of " + std::to_string(n));
    }
    q.sigs.emplace_back(static_cast<ledger::ValidatorIndex>(i), raw.sigs[next++]);
  }
  return q;
}

// ---- compact checkpoints: chain id and set hash implied ----

void WriteCompact(ledger::Writer& w, const ledger::Checkpoint& cp) {
  w.Varint(cp.height);
  w.Fixed(cp.block_hash);
  w.Fixed(cp.state_root);
  w.Fixed(cp.tx_log_root);
  w.Varint(cp.tx_count);
  w.Varint(cp.time);
}

void ReadCompact(ledger::Reader& r, ledger::Checkpoint& cp) {
  r.Varint(cp.height);
  r.Fixed(cp.block_hash);
  r.Fixed(cp.state_root);
  r.Fixed(cp.tx_log_root);
  r.Varint(cp.tx_count);
  r.Varint(cp.time);
}

struct RawChange {
  ledger::Checkpoint checkpoint;
  RawSigners signers;
  Bytes record;
  ledger::StateProof proof;
};

// Everything but the signatures, parsed; Resolve then needs the sets.
struct RawBundle {
  Bundle b;
  uint64_t epoch = 0;
  RawSigners signers;
  std::vector<RawChange> changes;
};

void ReadBody(ledger::Reader& r, RawBundle& raw) {
  Bundle& b = raw.b;
  uint64_t parts = 0;
  r.Varint(parts);
  r.Check(parts >= 1 && parts <= kMaxSubjectParts, "subject has 1 to 4 parts");
  b.subject.resize(r.ok() ? parts : 0);
  for (std::string& s : b.subject) r.String(s, kMaxSubjectLength);
  bool present = false;
  r.Bool(present);
  if (present && r.ok()) {
    b.value.emplace();
    r.Blob(*b.value, Bundle::kMaxBinaryBytes);
  }
  r.Object(b.proof);
  ReadCompact(r, b.checkpoint.checkpoint);
  r.Varint(raw.epoch);
  ReadSigners(r, raw.signers);
  uint64_t changes = 0;
  r.Varint(changes);
  r.Check(changes == raw.epoch, "the epoch changes do not lead to the signing epoch");
  raw.changes.resize(r.ok() ? changes : 0);
  for (RawChange& c : raw.changes) {
    if (!r.ok()) break;
    ReadCompact(r, c.checkpoint);
    ReadSigners(r, c.signers);
    r.Blob(c.record, Bundle::kMaxBinaryBytes);
    r.Object(c.proof);
  }
}

// Restores what the compact form leaves out, from the anchor and the sets
// the epoch changes name (decoded, not yet verified: VerifyBundle does).
Result<Bundle> Restore(RawBundle raw, const TrustAnchor& anchor) {
  Bundle b = std::move(raw.b);
  ledger::ValidatorSet set = anchor.validators;
  for (size_t i = 0; i < raw.changes.size(); ++i) {
    RawChange& c = raw.changes[i];
    std::string what = "epoch change " + std::to_string(i + 1);
    EpochChange change;
    change.checkpoint.checkpoint = std::move(c.checkpoint);
    change.checkpoint.checkpoint.chain_id = anchor.chain_id;
    change.checkpoint.checkpoint.validator_set_hash = set.Hash();
    CBEC_ASSIGN_OR_RETURN(change.checkpoint.signatures, Resolve(c.signers, set.size(), what));
    auto next = DecodeValidatorSetRecord(anchor.suite, c.record);
    if (!next.ok()) return Status(errors::kBadBundle, what + ": " + next.status().ToString());
    set = std::move(next->first);
    change.record = std::move(c.record);
    change.proof = std::move(c.proof);
    b.epoch_changes.push_back(std::move(change));
  }
  b.checkpoint.checkpoint.chain_id = anchor.chain_id;
  b.checkpoint.checkpoint.validator_set_hash = set.Hash();
  CBEC_ASSIGN_OR_RETURN(b.checkpoint.signatures, Resolve(raw.signers, set.size(), "checkpoint"));
  CBEC_RETURN_IF_ERROR(BundleKey(b.kind, b.subject).status());
  return b;
}

}  // namespace

std::string_view BundleKindName(BundleKind k) {
  return IsKnown(k) ? kKindNames[static_cast<size_t>(k) - 1] : "unknown";
}

Result<BundleKind> ParseBundleKind(std::string_view name) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<BundleKind>(i + 1);
  }
  return Status(errors::kBadBundle, "unknown bundle kind \"" + std::string(name) +
                                        "\" (ipr_filing, ipr_auth, list_subject, enterprise)");
}

Result<Bytes> BundleKey(BundleKind kind, const std::vector<std::string>& subject) {
  if (!IsKnown(kind)) return Status(errors::kBadBundle, "unknown bundle kind");
  size_t parts = (kind == BundleKind::kIprFiling || kind == BundleKind::kIprAuth) ? 2 : 1;
  if (subject.size() != parts) {
    return BadSubject(kind, std::to_string(parts) + " parts expected, got " +
                                std::to_string(subject.size()));
  }
  switch (kind) {
    case BundleKind::kIprFiling: {
      const std::string& type = subject[0];
      if (type != "trademark" && type != "patent" && type != "copyright") {
        return BadSubject(kind, "ip_type must be trademark, patent or copyright");
      }
      const std::string& reg_no = subject[1];
      if (reg_no.empty() || reg_no.size() > kMaxRegNoLength || !ledger::IsValidUtf8(reg_no)) {
        return BadSubject(kind, "reg_no must be 1-64 bytes of UTF-8");
      }
      return ledger::KeyBuilder("ipr", "filing").Str(type).Str(reg_no).Build();
    }
    case BundleKind::kIprAuth:
      if (!IsWellFormedUscc(subject[0])) return BadSubject(kind, "exporter is not a valid USCC");
      if (!IsGoodsRef(subject[1])) {
        return BadSubject(kind, "goods must be \"nice:1\"..\"nice:45\" or \"hs:\" + 4-10 digits");
      }
      return ledger::KeyBuilder("ipr", "auth").Str(subject[0]).Str(subject[1]).Build();
    case BundleKind::kListSubject:
    case BundleKind::kEnterprise:
      if (!IsWellFormedUscc(subject[0])) return BadSubject(kind, "not a valid USCC");
      return kind == BundleKind::kListSubject
                 ? ledger::KeyBuilder("lists", "subject").Str(subject[0]).Build()
                 : ledger::KeyBuilder("enterprise", "ent").Str(subject[0]).Build();
  }
  return Status(errors::kBadBundle, "unknown bundle kind");
}

Bytes Bundle::Encode() const {
  ledger::Writer w(1536);
  w.U8(kVersion);
  w.Enum(kind);
  w.Varint(subject.size());
  for (const std::string& s : subject) w.Blob(AsBytes(s));
  w.Bool(value.has_value());
  if (value) w.Blob(*value);
  w.Object(proof);
  WriteCompact(w, checkpoint.checkpoint);
  w.Varint(epoch_changes.size());
  WriteSigners(w, checkpoint.signatures);
  w.Varint(epoch_changes.size());
  for (const EpochChange& c : epoch_changes) {
    WriteCompact(w, c.checkpoint.checkpoint);
    WriteSigners(w, c.checkpoint.signatures);
    w.Blob(c.record);
    w.Object(c.proof);
  }
  return w.Take();
}

Result<Bundle> Bundle::Decode(ByteView binary, const TrustAnchor& anchor) {
  if (binary.size() > kMaxBinaryBytes) {
    return Status(errors::kBadBundle, "a bundle is at most " + std::to_string(kMaxBinaryBytes) +
                                          " bytes, got " + std::to_string(binary.size()));
  }
  if (binary.empty()) return Status(errors::kBadBundle, "empty bundle");
  if (binary[0] != kVersion) {
    return Status(errors::kBundleVersion, "bundle version " + std::to_string(binary[0]) +
                                              ", this SDK reads version " +
                                              std::to_string(kVersion));
  }
  ledger::Reader r(binary.subspan(1));
  RawBundle raw;
  uint8_t kind = 0;
  r.U8(kind);
  raw.b.kind = static_cast<BundleKind>(kind);
  r.Check(IsKnown(raw.b.kind), "unknown bundle kind " + std::to_string(kind));
  ReadBody(r, raw);
  Status s = r.Finish();
  if (!s.ok()) {
    return Status(errors::kBadBundle,
                  "at byte " + std::to_string(r.position() + 1) + ": " + s.ToString());
  }
  return Restore(std::move(raw), anchor);
}

std::string Bundle::ToText() const {
  return std::string(kTextPrefix) + Base45Encode(Encode());
}

Result<Bundle> Bundle::FromText(std::string_view text, const TrustAnchor& anchor) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  // A base45 text never ends in a space (its last digit is at most 32), so
  // trimming trailing whitespace cannot cut a digit off.
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!upper.starts_with(kTextPrefix)) {
    if (upper.size() >= 4 && upper.starts_with("CB") && upper[3] == ':' &&
        std::isdigit(static_cast<unsigned char>(upper[2])) != 0) {
      return Status(errors::kBundleVersion, "bundle text of version " + upper.substr(2, 1) +
                                                ", this SDK reads CB1:");
    }
    return Status(errors::kBadBundleText, "a bundle text starts with \"CB1:\"");
  }
  CBEC_ASSIGN_OR_RETURN(Bytes binary, Base45Decode(std::string_view(upper).substr(kTextPrefix.size())));
  return Decode(binary, anchor);
}

}  // namespace cbec::sdk
