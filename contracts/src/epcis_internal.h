// Private helpers of the EPCIS 2.0 reader (epcis*.cc): JSON paths, the
// canonical JSON writer and field readers shared by the event and document
// parsers. Not part of the public API.
#pragma once

#include <string>
#include <string_view>

#include "cbec/contracts/epcis.h"

namespace cbec::contracts::epcis::internal {

// `base` + ".key", or `base` + "[\"key\"]" when the key is not a plain name
// (letters, digits, '_', '-', ':', '@').
std::string PathKey(std::string_view base, std::string_view key);
// `base` + "[i]".
std::string PathIndex(std::string_view base, size_t i);

// Status(kind, "<path>: <message>").
Status Fail(const ErrorKind& kind, std::string_view path, std::string_view message);

// Appends the canonical text of `j` (docs/spec/epcis.md section "Canonical
// form") to `out`. `depth` is the nesting depth of `j` itself (the root of a
// document is 1): arrays/objects deeper than kMaxDepth fail with kTooDeep.
// Fails with kBadNumber for a non-finite number, kBadField for strings or keys
// that are not valid UTF-8 or a discarded value; `path` names `j`.
Status AppendCanonical(const Json& j, std::string_view path, size_t depth, std::string& out);

// The canonical text of one JSON number (integers exactly, other numbers in
// the shortest round-trip form with ECMAScript's layout: "2.5", "1e+21").
// REQUIRES: j.is_number(). Fails with kBadNumber if it is not finite.
Result<std::string> CanonicalNumber(const Json& j, std::string_view path);

// True if `s` is well-formed UTF-8 (no overlongs, surrogates or code points
// above U+10FFFF).
bool IsUtf8(std::string_view s);

// Checks an identifier field (EPC, class, parent, location, transaction,
// eventID): a string of at most kMaxEpcBytes (kTooLarge) that is a URI:
// scheme ":" rest, scheme = ALPHA *(ALPHA / DIGIT / "+" / "-" / "."), rest
// non-empty, printable ASCII only (`bad`; kBadEpc for an empty string).
// kBadField if not a string.
Result<std::string> ReadUri(const Json& j, std::string_view path,
                            const ErrorKind& bad = errors::kBadEpc);

// The member `key` of object `j`, or nullptr (also when `j` is no object).
const Json* Find(const Json& j, std::string_view key);

// A CBV vocabulary value (bizStep, disposition, a list's "type"): a bare word
// of letters, digits and '_' or a URI; kBadField otherwise.
Result<std::string> ReadVocabulary(const Json& j, std::string_view path);

// "@context": a string, an object or an array of strings and objects.
Status ReadContext(const Json& f, std::string_view p);

// eventTime, eventTimeZoneOffset, eventID, recordTime, certificationInfo,
// errorDeclaration and "@context" of the event object `j` at `path`.
Status ReadCommonFields(const Json& j, std::string_view path, Event* ev);
// bizStep, disposition, persistentDisposition, readPoint, bizLocation,
// bizTransactionList, sourceList, destinationList, sensorElementList, ilmd.
Status ReadWhyWhereFields(const Json& j, std::string_view path, Event* ev);

}  // namespace cbec::contracts::epcis::internal
