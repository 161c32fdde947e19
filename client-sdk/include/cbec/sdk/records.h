// Records a proof bundle carries, decoded without the contracts' code.
//
// The SDK may not link contracts/, yet a verifier must show what the proven
// record says. The byte layout of each record kind a bundle can carry is
// written down declaratively in client-sdk/schemas/records.json (compiled
// into the library; the browser verifier reads the same file; format in
// docs/spec/bundle.md, "Record layouts"). DecodeRecord interprets it; a
// cross-check test (tests/sdk/records_crosscheck_test.cc) encodes records
// with the contracts' own codecs and compares field by field, so the two
// cannot drift apart silently.
//
// Record types: "ipr.Filing", "ipr.AuthRecord", "lists.SubjectRecord",
// "enterprise.Enterprise" (and their nested types, e.g. "ipr.Stamp").
//
// Thread-safety: pure functions; the embedded schema is parsed once, on
// first use, thread-safely.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cbec/base/bytes.h"
#include "cbec/base/status.h"

namespace cbec::sdk {

// The JSON view of a canonical record of `type`, with the schema's field
// names: integers as JSON numbers (u64 in full), bools, strings, blobs and
// fixed bytes (hashes, account ids) as lower-case hex, enums as their value
// names, an absent optional as null, lists as arrays, nested records as
// objects. Decoding is as strict as the codec's (docs/spec/codec.md): every
// byte consumed, minimal varints, bools 0/1, valid UTF-8, every length and
// count within the layout's bound, enum values known. Fails with kBadRecord
// naming the field path ("ipr.Filing.goods[1].code: ...") or an unknown
// type.
Result<nlohmann::json> DecodeRecord(std::string_view type, ByteView bytes);

// What a record says at time `time_ms` (ms since the Unix epoch; a
// bundle's checkpoint time). `record` is DecodeRecord's view, or null for a
// proven absence:
//   "ipr.Filing"            {"active": bool, "status_at": "filed" | "approved"
//                            | "rejected" | "revoked" | "expired" |
//                            "not_on_record"}: active iff approved and
//                            approved_ms <= t < valid_until_ms; status_at as
//                            contracts/ipr.h StatusAt
//   "ipr.AuthRecord"        {"authorised": bool}: some entry with
//                            t < valid_until_ms and (licence_until_ms == 0 or
//                            t < licence_until_ms)
//   "lists.SubjectRecord"   {"on_black_list": bool, "on_red_list": bool}: some
//                            entry of that kind with status active and
//                            effective_ms <= t < expires_ms (minor ones too)
//   "enterprise.Enterprise" {"status": "existing" | ... | "not_registered"}
// Fails with kBadRecord for another type or a record missing a field.
Result<nlohmann::json> RecordVerdict(std::string_view type, const nlohmann::json& record,
                                     uint64_t time_ms);

// The layouts as compiled in: the text of client-sdk/schemas/records.json.
std::string_view RecordLayoutsText();
// The record types DecodeRecord knows (nested ones included), sorted.
std::vector<std::string> RecordTypes();

}  // namespace cbec::sdk
