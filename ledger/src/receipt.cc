#include "cbec/ledger/receipt.h"

#include "cbec/ledger/codec.h"
#include "cbec/ledger/errors.h"
#include "cbec/ledger/json.h"
#include "codec_util.h"

namespace cbec::ledger {

namespace {
constexpr std::string_view kOkSlug = "ok";
}  // namespace

Status ValidateSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > kMaxSlugLength) {
    return Status(errors::kBadReceiptSlug,
                  "slug must be 1-64 characters, got " + std::to_string(slug.size()));
  }
  if (slug[0] < 'a' || slug[0] > 'z') {
    return Status(errors::kBadReceiptSlug, "slug must start with a letter a-z");
  }
  for (size_t i = 0; i < slug.size(); ++i) {
    char c = slug[i];
    bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    if (!allowed) {
      return Status(errors::kBadReceiptSlug,
                    "slug may hold only [a-z0-9_.], bad character at " + std::to_string(i));
    }
  }
  return Status::Ok();
}

Receipt Receipt::ForStatus(const Hash32& tx_hash, uint64_t height, uint32_t index,
                           const Status& status, Bytes result) {
  Receipt r;
  r.tx_hash = tx_hash;
  r.height = height;
  r.index = index;
  r.code = status.code();
  r.slug = std::string(status.slug());
  if (status.ok()) r.result = std::move(result);
  return r;
}

Status Receipt::Validate() const {
  CBEC_RETURN_IF_ERROR(ValidateSlug(slug));
  if ((code == 0) != (slug == kOkSlug)) {
    return Status(errors::kBadReceipt, "code " + std::to_string(code) + " with slug '" + slug +
                                           "': code 0 goes with slug 'ok' and only with it");
  }
  if (result.size() > kMaxResultBytes) {
    return Status(errors::kReceiptResultTooLarge,
                  "result of " + std::to_string(result.size()) + " bytes exceeds " +
                      std::to_string(kMaxResultBytes));
  }
  if (code != 0 && !result.empty()) {
    return Status(errors::kBadReceipt, "a failed tx has no result");
  }
  return Status::Ok();
}

template <class Ar, class Self>
void Receipt::Codec(Ar& ar, Self& s) {
  ar.Fixed(s.tx_hash);
  ar.U64(s.height);
  ar.U32(s.index);
  ar.U32(s.code);
  ar.String(s.slug, kMaxSlugLength);
  ar.Blob(s.result, kMaxResultBytes);
  CheckOnRead(ar, [&] { return s.Validate(); });
}
template void Receipt::Codec(Writer&, const Receipt&);
template void Receipt::Codec(Reader&, Receipt&);

nlohmann::json Receipt::ToJson() const {
  return Json{{"tx_hash", tx_hash.ToHex()}, {"height", height},     {"index", index},
              {"code", code},               {"slug", slug},         {"result", HexEncode(result)}};
}

Result<Receipt> Receipt::FromJson(const nlohmann::json& j) {
  return CatchJson("receipt", [&]() -> Result<Receipt> {
    Receipt rc;
    JsonReader r(j, "receipt");
    r.Fixed("tx_hash", rc.tx_hash);
    r.U64("height", rc.height);
    r.U32("index", rc.index);
    r.U32("code", rc.code);
    r.String("slug", rc.slug, kMaxSlugLength);
    r.Hex("result", rc.result, kMaxResultBytes);
    CBEC_RETURN_IF_ERROR(r.Finish());
    Status valid = rc.Validate();
    if (!valid.ok()) return valid.WithContext("receipt");
    return rc;
  });
}

}  // namespace cbec::ledger
