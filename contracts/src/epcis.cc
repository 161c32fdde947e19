// ParseDocument / ParseDocumentText: EPCIS 2.0 documents, query documents,
// single events and arrays of events -> validated, canonical events.
#include <map>

#include "epcis_internal.h"

namespace cbec::contracts::epcis {

using internal::Fail;
using internal::Find;
using internal::PathIndex;
using internal::PathKey;

namespace {

constexpr size_t kTextDepthLimit = 4 * kMaxDepth;

// The member `key` of the object `j` at `path`: an array if `want_array`,
// else an object (kMissingField / kBadField otherwise).
Result<const Json*> Member(const Json& j, std::string_view path, std::string_view key,
                           bool want_array) {
  const Json* f = Find(j, key);
  std::string p = PathKey(path, key);
  if (f == nullptr) return Fail(errors::kMissingField, p, "missing field");
  if (want_array ? !f->is_array() : !f->is_object()) {
    return Fail(errors::kBadField, p, want_array ? "expected an array" : "expected an object");
  }
  return f;
}

// Parses every event of `list` (at `path`). `context` is the enclosing
// document's "@context" (or nullptr): an event without its own receives a
// copy, so that each stored event is self-describing JSON-LD.
Status ParseEventList(const Json& list, std::string_view path, const Json* context, Document* doc) {
  if (list.size() > kMaxEventsPerDocument) {
    return Fail(errors::kTooLarge, path,
                "more than " + std::to_string(kMaxEventsPerDocument) + " events");
  }
  std::map<std::string, size_t> ids;
  for (size_t i = 0; i < list.size(); ++i) {
    std::string p = PathIndex(path, i);
    const Json& e = list[i];
    Result<Event> ev = [&] {
      if (context == nullptr || !e.is_object() || e.contains("@context")) return ParseEvent(e, p);
      Json with = e;
      with["@context"] = *context;
      return ParseEvent(with, p);
    }();
    if (!ev.ok()) return ev.status();
    auto [it, fresh] = ids.emplace(ev->id, i);
    if (!fresh) {
      return Fail(errors::kBadField, p,
                  "same event id as " + PathIndex(path, it->second) + " (" + ev->id + ")");
    }
    doc->events.push_back(std::move(ev).value());
  }
  return Status::Ok();
}

// EPCISDocument: epcisBody.eventList; EPCISQueryDocument:
// epcisBody.queryResults.resultsBody.eventList.
Status ParseDocumentBody(const Json& j, bool query, Document* doc) {
  const Json* context = Find(j, "@context");
  if (context != nullptr) CBEC_RETURN_IF_ERROR(internal::ReadContext(*context, "$.@context"));
  CBEC_ASSIGN_OR_RETURN(const Json* body, Member(j, "$", "epcisBody", false));
  std::string path = "$.epcisBody";
  if (query) {
    CBEC_ASSIGN_OR_RETURN(body, Member(*body, path, "queryResults", false));
    path += ".queryResults";
    CBEC_ASSIGN_OR_RETURN(body, Member(*body, path, "resultsBody", false));
    path += ".resultsBody";
  }
  CBEC_ASSIGN_OR_RETURN(const Json* list, Member(*body, path, "eventList", true));
  return ParseEventList(*list, path + ".eventList", context, doc);
}

Status ParseTopObject(const Json& j, Document* doc) {
  std::string_view key = "type";
  const Json* type = Find(j, key);
  if (type == nullptr && (type = Find(j, "isA")) != nullptr) key = "isA";  // see ReadType
  if (type == nullptr || !type->is_string()) {
    return Fail(errors::kNotEpcis, "$",
                "neither an EPCIS document nor an event (no string \"type\")");
  }
  const auto& name = type->get_ref<const std::string&>();
  if (name == "EPCISDocument") return ParseDocumentBody(j, /*query=*/false, doc);
  if (name == "EPCISQueryDocument") return ParseDocumentBody(j, /*query=*/true, doc);
  if (name == "EPCISMasterDataDocument") {
    // Master data (vocabularies) only: a valid EPCIS document without events.
    CBEC_ASSIGN_OR_RETURN(const Json* body, Member(j, "$", "epcisBody", false));
    CBEC_RETURN_IF_ERROR(Member(*body, "$.epcisBody", "vocabularyList", true).status());
    return Status::Ok();
  }
  if (Find(j, "eventTime") == nullptr && Find(j, "epcisBody") == nullptr) {
    bool is_event = false;
    for (auto t : {EventType::kObject, EventType::kAggregation, EventType::kTransformation,
                   EventType::kTransaction, EventType::kAssociation}) {
      is_event = is_event || name == EventTypeName(t);
    }
    if (!is_event) {
      return Fail(errors::kNotEpcis, PathKey("$", key),
                  "neither an EPCIS document type nor an event type");
    }
  }
  CBEC_ASSIGN_OR_RETURN(Event ev, ParseEvent(j, "$"));
  doc->events.push_back(std::move(ev));
  return Status::Ok();
}

}  // namespace

Result<std::string> CanonicalJson(const Json& value) {
  std::string out;
  CBEC_RETURN_IF_ERROR(internal::AppendCanonical(value, "$", 1, out));
  return out;
}

Result<Document> ParseDocument(const Json& input) {
  try {
    Document doc;
    CBEC_RETURN_IF_ERROR(internal::AppendCanonical(input, "$", 1, doc.canonical_json));
    if (input.is_array()) {
      CBEC_RETURN_IF_ERROR(ParseEventList(input, "$", nullptr, &doc));
    } else if (input.is_object()) {
      CBEC_RETURN_IF_ERROR(ParseTopObject(input, &doc));
    } else {
      return Fail(errors::kNotEpcis, "$", "expected an EPCIS document, an event or an array");
    }
    return doc;
  } catch (const Json::exception& e) {
    return Fail(errors::kBadField, "$", e.what());  // not expected: see ParseEvent
  }
}

Result<Document> ParseDocumentText(std::string_view text) {
  // Parsed to a depth beyond kMaxDepth (nlohmann's parser is iterative), so
  // that the canonical walk can name the path of a too-deep value; only
  // absurdly deep text is cut off by the parser, with the path "$".
  Result<Json> j = ledger::ParseJson(text, kTextDepthLimit);
  if (!j.ok()) {
    const Status s = j.status();
    if (s.Is(ledger::errors::kJsonTooDeep)) return Fail(errors::kTooDeep, "$", s.message());
    // nlohmann refuses numbers like 1e999 with out_of_range.406 ("number overflow").
    if (s.message().find("out_of_range.406") != std::string::npos) {
      return Fail(errors::kBadNumber, "$", s.message());
    }
    return Fail(errors::kBadJson, "$", s.message());
  }
  return ParseDocument(*j);
}

}  // namespace cbec::contracts::epcis
