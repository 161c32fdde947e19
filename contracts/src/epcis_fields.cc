// Readers of the EPCIS 2.0 event fields shared by every event type: time,
// identifiers, the "why" and "where" dimensions and the kept-verbatim parts
// (sensor data, ILMD, certification, error declaration), plus the CBV
// vocabulary normalisation.
#include <array>

#include "epcis_internal.h"

namespace cbec::contracts::epcis {

using internal::Fail;
using internal::PathIndex;
using internal::PathKey;
using internal::ReadUri;
using internal::ReadVocabulary;

namespace {

// The CBV prefixes whose bare word is kept: the EPCIS 1.x URN form, the CBV
// 2.0 web form and the GS1 Web Vocabulary form.
std::string Normalize(std::string_view v, std::string_view urn, std::string_view web) {
  const std::array<std::string, 4> prefixes = {std::string(urn),
                                               "https://ref.gs1.org/cbv/" + std::string(web) + "-",
                                               "https://gs1.org/voc/" + std::string(web) + "-",
                                               "http://gs1.org/voc/" + std::string(web) + "-"};
  for (const std::string& p : prefixes) {
    if (v.size() > p.size() && v.substr(0, p.size()) == p) return std::string(v.substr(p.size()));
  }
  return std::string(v);
}

bool IsBareWord(std::string_view s) {
  if (s.empty() || s.size() > kMaxEpcBytes) return false;
  for (char c : s) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Reads a string field that may be absent; kBadField if present and not a string.
Status OptionalString(const Json& j, std::string_view key, std::string_view path,
                      const std::string** out) {
  *out = nullptr;
  const Json* f = internal::Find(j, key);
  if (f == nullptr) return Status::Ok();
  if (!f->is_string()) return Fail(errors::kBadField, PathKey(path, key), "expected a string");
  *out = &f->get_ref<const std::string&>();
  return Status::Ok();
}

Status ReadTimeField(const Json& j, std::string_view key, std::string_view path, bool required,
                     int64_t* ms) {
  const Json* f = internal::Find(j, key);
  std::string p = PathKey(path, key);
  if (f == nullptr) {
    return required ? Fail(errors::kMissingField, p, "missing field") : Status::Ok();
  }
  if (!f->is_string()) return Fail(errors::kBadField, p, "expected a date-time string");
  Result<int64_t> t = ParseEventTime(f->get_ref<const std::string&>());
  if (!t.ok()) return Fail(errors::kBadTime, p, t.status().message());
  if (ms != nullptr) *ms = *t;
  return Status::Ok();
}

Status ReadUriArray(const Json& f, std::string_view p, const ErrorKind& bad) {
  if (!f.is_array()) return Fail(errors::kBadField, p, "expected an array of URIs");
  if (f.size() > kMaxEpcsPerEvent) return Fail(errors::kTooLarge, p, "too many entries");
  for (size_t i = 0; i < f.size(); ++i) {
    Result<std::string> u = ReadUri(f[i], PathIndex(p, i), bad);
    if (!u.ok()) return u.status();
  }
  return Status::Ok();
}

Status ReadErrorDeclaration(const Json& f, std::string_view p) {
  if (!f.is_object()) return Fail(errors::kBadField, p, "expected an object");
  CBEC_RETURN_IF_ERROR(ReadTimeField(f, "declarationTime", p, /*required=*/true, nullptr));
  const std::string* reason = nullptr;
  CBEC_RETURN_IF_ERROR(OptionalString(f, "reason", p, &reason));
  if (const Json* ids = internal::Find(f, "correctiveEventIDs")) {
    CBEC_RETURN_IF_ERROR(ReadUriArray(*ids, PathKey(p, "correctiveEventIDs"), errors::kBadField));
  }
  return Status::Ok();
}

// readPoint / bizLocation: {"id": URI, extensions...}.
Status ReadLocation(const Json& j, std::string_view key, std::string_view path, std::string* id) {
  const Json* f = internal::Find(j, key);
  if (f == nullptr) return Status::Ok();
  std::string p = PathKey(path, key);
  if (!f->is_object()) return Fail(errors::kBadField, p, "expected an object with an id");
  const Json* v = internal::Find(*f, "id");
  if (v == nullptr) return Fail(errors::kMissingField, PathKey(p, "id"), "missing field");
  CBEC_ASSIGN_OR_RETURN(*id, ReadUri(*v, PathKey(p, "id")));
  return Status::Ok();
}

// bizTransactionList / sourceList / destinationList.
Status ReadTypedList(const Json& j, std::string_view key, std::string_view id_key,
                     bool type_required, std::string (*normalize)(std::string_view),
                     std::string_view path, std::vector<TypedId>* out) {
  const Json* f = internal::Find(j, key);
  if (f == nullptr) return Status::Ok();
  std::string p = PathKey(path, key);
  if (!f->is_array()) return Fail(errors::kBadField, p, "expected an array of objects");
  if (f->size() > kMaxEpcsPerEvent) return Fail(errors::kTooLarge, p, "too many entries");
  for (size_t i = 0; i < f->size(); ++i) {
    const Json& e = (*f)[i];
    std::string ep = PathIndex(p, i);
    if (!e.is_object()) return Fail(errors::kBadField, ep, "expected an object");
    TypedId t;
    const Json* v = internal::Find(e, id_key);
    if (v == nullptr) return Fail(errors::kMissingField, PathKey(ep, id_key), "missing field");
    CBEC_ASSIGN_OR_RETURN(t.id, ReadUri(*v, PathKey(ep, id_key)));
    const Json* type = internal::Find(e, "type");
    if (type == nullptr && type_required) {
      return Fail(errors::kMissingField, PathKey(ep, "type"), "missing field");
    }
    if (type != nullptr) {
      CBEC_ASSIGN_OR_RETURN(std::string raw, ReadVocabulary(*type, PathKey(ep, "type")));
      t.type = normalize(raw);
    }
    out->push_back(std::move(t));
  }
  return Status::Ok();
}

Status ReadPersistentDisposition(const Json& f, std::string_view p) {
  if (!f.is_object()) return Fail(errors::kBadField, p, "expected an object");
  for (std::string_view key : {"set", "unset"}) {
    const Json* list = internal::Find(f, key);
    if (list == nullptr) continue;
    std::string lp = PathKey(p, key);
    if (!list->is_array()) return Fail(errors::kBadField, lp, "expected an array");
    if (list->size() > kMaxEpcsPerEvent) return Fail(errors::kTooLarge, lp, "too many entries");
    for (size_t i = 0; i < list->size(); ++i) {
      CBEC_RETURN_IF_ERROR(ReadVocabulary((*list)[i], PathIndex(lp, i)).status());
    }
  }
  return Status::Ok();
}

Status ReadObjectArray(const Json& j, std::string_view key, std::string_view path) {
  const Json* f = internal::Find(j, key);
  if (f == nullptr) return Status::Ok();
  std::string p = PathKey(path, key);
  if (!f->is_array()) return Fail(errors::kBadField, p, "expected an array of objects");
  for (size_t i = 0; i < f->size(); ++i) {
    if (!(*f)[i].is_object()) return Fail(errors::kBadField, PathIndex(p, i), "expected an object");
  }
  return Status::Ok();
}

}  // namespace

std::string NormalizeBizStep(std::string_view v) {
  return Normalize(v, "urn:epcglobal:cbv:bizstep:", "BizStep");
}
std::string NormalizeDisposition(std::string_view v) {
  return Normalize(v, "urn:epcglobal:cbv:disp:", "Disp");
}
std::string NormalizeBizTransactionType(std::string_view v) {
  return Normalize(v, "urn:epcglobal:cbv:btt:", "BTT");
}
std::string NormalizeSourceDestType(std::string_view v) {
  return Normalize(v, "urn:epcglobal:cbv:sdt:", "SDT");
}

namespace internal {

Status ReadContext(const Json& f, std::string_view p) {
  if (f.is_string() || f.is_object()) return Status::Ok();
  if (!f.is_array()) return Fail(errors::kBadField, p, "expected a string, object or array");
  for (size_t i = 0; i < f.size(); ++i) {
    if (!f[i].is_string() && !f[i].is_object()) {
      return Fail(errors::kBadField, PathIndex(p, i), "expected a string or object");
    }
  }
  return Status::Ok();
}

const Json* Find(const Json& j, std::string_view key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(std::string(key));
  return it == j.end() ? nullptr : &*it;
}

Result<std::string> ReadVocabulary(const Json& j, std::string_view path) {
  if (!j.is_string()) return Fail(errors::kBadField, path, "expected a string");
  const auto& s = j.get_ref<const std::string&>();
  if (IsBareWord(s)) return s;
  Result<std::string> uri = ReadUri(j, path, errors::kBadField);
  if (!uri.ok()) {
    return Fail(errors::kBadField, path, "expected a CBV word (letters, digits, _) or a URI");
  }
  return uri;
}

Status ReadCommonFields(const Json& j, std::string_view path, Event* ev) {
  const Json* f = Find(j, "eventTime");
  if (f == nullptr) return Fail(errors::kMissingField, PathKey(path, "eventTime"), "missing field");
  CBEC_RETURN_IF_ERROR(ReadTimeField(j, "eventTime", path, true, &ev->event_time_ms));
  ev->event_time = f->get_ref<const std::string&>();
  f = Find(j, "eventTimeZoneOffset");
  std::string p = PathKey(path, "eventTimeZoneOffset");
  if (f == nullptr) return Fail(errors::kMissingField, p, "missing field");
  if (!f->is_string()) return Fail(errors::kBadField, p, "expected a string");
  if (!IsTimeZoneOffset(f->get_ref<const std::string&>())) {
    return Fail(errors::kBadTime, p, "expected +hh:mm or -hh:mm between -14:00 and +14:00");
  }
  ev->tz_offset = f->get_ref<const std::string&>();
  if ((f = Find(j, "eventID")) != nullptr) {
    CBEC_ASSIGN_OR_RETURN(ev->event_id, ReadUri(*f, PathKey(path, "eventID"), errors::kBadField));
  }
  CBEC_RETURN_IF_ERROR(ReadTimeField(j, "recordTime", path, false, nullptr));
  if ((f = Find(j, "certificationInfo")) != nullptr) {
    p = PathKey(path, "certificationInfo");
    if (f->is_string()) {
      CBEC_RETURN_IF_ERROR(ReadUri(*f, p, errors::kBadField).status());
    } else {
      CBEC_RETURN_IF_ERROR(ReadUriArray(*f, p, errors::kBadField));
    }
  }
  if ((f = Find(j, "errorDeclaration")) != nullptr) {
    CBEC_RETURN_IF_ERROR(ReadErrorDeclaration(*f, PathKey(path, "errorDeclaration")));
  }
  if ((f = Find(j, "@context")) != nullptr) {
    CBEC_RETURN_IF_ERROR(ReadContext(*f, PathKey(path, "@context")));
  }
  return Status::Ok();
}

Status ReadWhyWhereFields(const Json& j, std::string_view path, Event* ev) {
  const Json* f = Find(j, "bizStep");
  if (f != nullptr) {
    CBEC_ASSIGN_OR_RETURN(std::string v, ReadVocabulary(*f, PathKey(path, "bizStep")));
    ev->biz_step = NormalizeBizStep(v);
  }
  if ((f = Find(j, "disposition")) != nullptr) {
    CBEC_ASSIGN_OR_RETURN(std::string v, ReadVocabulary(*f, PathKey(path, "disposition")));
    ev->disposition = NormalizeDisposition(v);
  }
  if ((f = Find(j, "persistentDisposition")) != nullptr) {
    CBEC_RETURN_IF_ERROR(ReadPersistentDisposition(*f, PathKey(path, "persistentDisposition")));
  }
  CBEC_RETURN_IF_ERROR(ReadLocation(j, "readPoint", path, &ev->read_point));
  CBEC_RETURN_IF_ERROR(ReadLocation(j, "bizLocation", path, &ev->biz_location));
  CBEC_RETURN_IF_ERROR(ReadTypedList(j, "bizTransactionList", "bizTransaction", false,
                                     NormalizeBizTransactionType, path, &ev->biz_transactions));
  CBEC_RETURN_IF_ERROR(
      ReadTypedList(j, "sourceList", "source", true, NormalizeSourceDestType, path, &ev->sources));
  CBEC_RETURN_IF_ERROR(ReadTypedList(j, "destinationList", "destination", true,
                                     NormalizeSourceDestType, path, &ev->destinations));
  CBEC_RETURN_IF_ERROR(ReadObjectArray(j, "sensorElementList", path));
  if ((f = Find(j, "ilmd")) != nullptr && !f->is_object()) {
    return Fail(errors::kBadField, PathKey(path, "ilmd"), "expected an object");
  }
  return Status::Ok();
}

}  // namespace internal

}  // namespace cbec::contracts::epcis
