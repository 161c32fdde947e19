// RecordVerdict: what a decoded record says at a checkpoint's time. Each rule
// restates the contract's own function (named below); the cross-check test
// compares them on the same records and times.
#include <string>

#include "cbec/sdk/errors.h"
#include "cbec/sdk/records.h"

namespace cbec::sdk {

namespace {

using Json = nlohmann::json;

// Field `key` of `j` as T; kBadRecord naming it if absent or of another type.
template <typename T>
Result<T> Get(const Json& j, std::string_view type, const char* key) {
  if (!j.is_object() || !j.contains(key)) {
    return Status(errors::kBadRecord, std::string(type) + ": no field " + key);
  }
  const Json& v = j[key];
  bool fits = false;
  if constexpr (std::is_same_v<T, uint64_t>) {
    fits = v.is_number_unsigned() || (v.is_number_integer() && v.get<int64_t>() >= 0);
  } else if constexpr (std::is_same_v<T, std::string>) {
    fits = v.is_string();
  } else {
    fits = v.is_array();
  }
  if (!fits) return Status(errors::kBadRecord, std::string(type) + "." + key + ": wrong type");
  return v.get<T>();
}

// contracts/ipr.h ActiveAt and StatusAt.
Result<Json> FilingVerdict(const Json& f, uint64_t t) {
  if (f.is_null()) return Json{{"active", false}, {"status_at", "not_on_record"}};
  constexpr std::string_view kType = "ipr.Filing";
  CBEC_ASSIGN_OR_RETURN(std::string status, Get<std::string>(f, kType, "status"));
  CBEC_ASSIGN_OR_RETURN(uint64_t approved_ms, Get<uint64_t>(f, kType, "approved_ms"));
  CBEC_ASSIGN_OR_RETURN(uint64_t valid_until_ms, Get<uint64_t>(f, kType, "valid_until_ms"));
  CBEC_ASSIGN_OR_RETURN(uint64_t right_until_ms, Get<uint64_t>(f, kType, "right_valid_until_ms"));
  bool active = status == "approved" && approved_ms <= t && t < valid_until_ms;
  std::string at = status;
  if ((status == "approved" && t >= valid_until_ms) || (status == "filed" && t >= right_until_ms)) {
    at = "expired";
  }
  return Json{{"active", active}, {"status_at", at}};
}

// contracts/ipr.h AuthRecord::AuthorisedAt (AuthEntry::ActiveAt).
Result<Json> AuthVerdict(const Json& a, uint64_t t) {
  if (a.is_null()) return Json{{"authorised", false}};
  constexpr std::string_view kType = "ipr.AuthRecord";
  CBEC_ASSIGN_OR_RETURN(Json entries, Get<Json>(a, kType, "entries"));
  bool authorised = false;
  for (const Json& e : entries) {
    CBEC_ASSIGN_OR_RETURN(uint64_t until, Get<uint64_t>(e, "ipr.AuthEntry", "valid_until_ms"));
    CBEC_ASSIGN_OR_RETURN(uint64_t licence, Get<uint64_t>(e, "ipr.AuthEntry", "licence_until_ms"));
    authorised = authorised || (t < until && (licence == 0 || t < licence));
  }
  return Json{{"authorised", authorised}};
}

// contracts/lists SubjectEntry::InForce, by kind (SubjectRecord::OnBlackList
// for black; the subject query's "on_red_list" for red).
Result<Json> ListVerdict(const Json& s, uint64_t t) {
  bool black = false, red = false;
  if (!s.is_null()) {
    CBEC_ASSIGN_OR_RETURN(Json entries, Get<Json>(s, "lists.SubjectRecord", "entries"));
    for (const Json& e : entries) {
      constexpr std::string_view kType = "lists.SubjectEntry";
      CBEC_ASSIGN_OR_RETURN(std::string kind, Get<std::string>(e, kType, "kind"));
      CBEC_ASSIGN_OR_RETURN(std::string status, Get<std::string>(e, kType, "status"));
      CBEC_ASSIGN_OR_RETURN(uint64_t from, Get<uint64_t>(e, kType, "effective_ms"));
      CBEC_ASSIGN_OR_RETURN(uint64_t until, Get<uint64_t>(e, kType, "expires_ms"));
      if (status != "active" || t < from || t >= until) continue;
      (kind == "black" ? black : red) = true;
    }
  }
  return Json{{"on_black_list", black}, {"on_red_list", red}};
}

// The registration status as stored (contracts/enterprise.h); no time rule.
Result<Json> EnterpriseVerdict(const Json& e) {
  if (e.is_null()) return Json{{"status", "not_registered"}};
  CBEC_ASSIGN_OR_RETURN(std::string status,
                        Get<std::string>(e, "enterprise.Enterprise", "status"));
  return Json{{"status", status}};
}

}  // namespace

Result<nlohmann::json> RecordVerdict(std::string_view type, const nlohmann::json& record,
                                     uint64_t time_ms) {
  if (type == "ipr.Filing") return FilingVerdict(record, time_ms);
  if (type == "ipr.AuthRecord") return AuthVerdict(record, time_ms);
  if (type == "lists.SubjectRecord") return ListVerdict(record, time_ms);
  if (type == "enterprise.Enterprise") return EnterpriseVerdict(record);
  return Status(errors::kBadRecord, "no verdict for record type \"" + std::string(type) + "\"");
}

}  // namespace cbec::sdk
