// Enterprise records: the USCC check, statuses, codecs, JSON views, keys and
// record access for other contracts.
#include <array>

#include "cbec/contracts/dates.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/enterprise_errors.h"
#include "cbec/ledger/state_key.h"
#include "cbec/ledger/codec.h"

namespace cbec::contracts::enterprise {

namespace {

// 3^(i-1) mod 31 for positions i = 1..17 (GB 32100-2015, section 4.3).
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};

constexpr std::array<std::string_view, 4> kStatusNames = {"existing", "revoked", "cancelled",
                                                          "moved_out"};

// The value (0-30) of `c`, or -1 if it is not in the charset.
int CharValue(char c) {
  size_t pos = kUsccCharset.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::string_view ChangeName(ChangeKind k) {
  switch (k) {
    case ChangeKind::kRegistered:
      return "registered";
    case ChangeKind::kUpdated:
      return "updated";
    case ChangeKind::kLinked:
      return "linked";
  }
  return "unknown";
}

ledger::KeyBuilder Table(std::string_view table) { return ledger::KeyBuilder(kContractName, table); }

}  // namespace

// ---- USCC ----

char UsccCheckChar(std::string_view first17) {
  if (first17.size() != kUsccLength - 1) return '\0';
  int sum = 0;
  for (size_t i = 0; i < first17.size(); ++i) {
    int v = CharValue(first17[i]);
    if (v < 0) return '\0';
    sum += v * kWeights[i];
  }
  int check = 31 - sum % 31;
  return kUsccCharset[check == 31 ? 0 : static_cast<size_t>(check)];
}

Status ValidateUscc(std::string_view uscc) {
  if (uscc.size() != kUsccLength) {
    return Status(errors::kBadUsccLength,
                  "a USCC has 18 characters, got " + std::to_string(uscc.size()));
  }
  for (size_t i = 0; i < uscc.size(); ++i) {
    if (CharValue(uscc[i]) < 0) {
      return Status(errors::kBadUsccChar, "position " + std::to_string(i + 1) +
                                              ": not one of 0-9 and A-Z without I, O, S, V, Z");
    }
  }
  char expected = UsccCheckChar(uscc.substr(0, kUsccLength - 1));
  if (uscc.back() != expected) {
    return Status(errors::kBadUsccCheck, std::string("check character is '") + uscc.back() +
                                             "', expected '" + expected + "'");
  }
  return Status::Ok();
}

// ---- statuses ----

std::string_view EnterpriseStatusName(EnterpriseStatus s) {
  if (!IsKnown(s)) return "unknown";
  return kStatusNames[static_cast<size_t>(s) - 1];
}

Result<EnterpriseStatus> ParseEnterpriseStatus(std::string_view name) {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<EnterpriseStatus>(i + 1);
  }
  return Status(errors::kBadStatus, "unknown status '" + std::string(name) +
                                        "' (existing, revoked, cancelled, moved_out)");
}

// ---- JSON ----

Json Enterprise::ToJson() const {
  return Json{{"uscc", uscc},
              {"name", name},
              {"status", std::string(EnterpriseStatusName(status))},
              {"registered_address", registered_address},
              {"legal_representative", legal_representative},
              {"organisation", organisation.empty() ? Json(nullptr) : Json(organisation)},
              {"registrar_org", registrar_org},
              {"registered_ms", registered_ms},
              {"registered_date", FormatDate(registered_ms)},
              {"updated_ms", updated_ms},
              {"updated_date", FormatDate(updated_ms)},
              {"version", version}};
}

Json Enterprise::ToPublicJson() const {
  return Json{{"uscc", uscc},
              {"name", name},
              {"status", std::string(EnterpriseStatusName(status))},
              {"organisation", organisation.empty() ? Json(nullptr) : Json(organisation)}};
}

Json EnterpriseVersion::ToJson() const {
  return Json{{"version", record.version},
              {"change", std::string(ChangeName(change))},
              {"height", height},
              {"time_ms", time_ms},
              {"date", FormatDate(time_ms)},
              {"tx_hash", tx_hash.ToHex()},
              {"officer", officer.ToHex()},
              {"record", record.ToJson()}};
}

// ---- codecs ----

template <class Ar, class Self>
void Enterprise::Codec(Ar& ar, Self& s) {
  ar.String(s.uscc, kUsccLength);
  ar.String(s.name, kMaxNameLength);
  ar.Enum(s.status);
  ar.String(s.registered_address, kMaxAddressLength);
  ar.String(s.legal_representative, kMaxLegalRepLength);
  ar.String(s.organisation, 64);
  ar.String(s.registrar_org, 64);
  ar.Varint(s.registered_ms);
  ar.Varint(s.updated_ms);
  ar.Varint(s.version);
}

template <class Ar, class Self>
void EnterpriseVersion::Codec(Ar& ar, Self& s) {
  ar.Object(s.record);
  ar.Enum(s.change);
  ar.Varint(s.height);
  ar.Varint(s.time_ms);
  ar.Fixed(s.tx_hash);
  ar.Fixed(s.officer);
}

template void Enterprise::Codec(ledger::Writer&, const Enterprise&);
template void Enterprise::Codec(ledger::Reader&, Enterprise&);
template void EnterpriseVersion::Codec(ledger::Writer&, const EnterpriseVersion&);
template void EnterpriseVersion::Codec(ledger::Reader&, EnterpriseVersion&);

// ---- keys ----

Bytes EnterpriseKey(std::string_view uscc) { return Table("ent").Str(uscc).Build(); }
Bytes EnterprisePrefix() { return Table("ent").Build(); }
Bytes VersionKey(std::string_view uscc, uint64_t version) {
  return Table("version").Str(uscc).U64(version).Build();
}
Bytes VersionPrefix(std::string_view uscc) { return Table("version").Str(uscc).Build(); }
Bytes ByOrgKey(std::string_view org, std::string_view uscc) {
  return Table("by_org").Str(org).Str(uscc).Build();
}
Bytes ByOrgPrefix(std::string_view org) { return Table("by_org").Str(org).Build(); }

// ---- access ----

Result<std::optional<Enterprise>> LoadEnterprise(const StateView& state, std::string_view uscc) {
  if (!ValidateUscc(uscc).ok()) return std::optional<Enterprise>();
  return GetRecord<Enterprise>(state, EnterpriseKey(uscc));
}

Result<Enterprise> RequireEnterprise(const StateView& state, std::string_view uscc) {
  CBEC_RETURN_IF_ERROR(ValidateUscc(uscc));
  CBEC_ASSIGN_OR_RETURN(std::optional<Enterprise> e, LoadEnterprise(state, uscc));
  if (!e) {
    return Status(errors::kUnknownEnterprise, "no enterprise " + std::string(uscc));
  }
  return std::move(*e);
}

bool IsEnterpriseReader(const QueryContext& q, const Enterprise& e) {
  return !e.organisation.empty() && q.reader && q.reader->org == e.organisation;
}

bool IsEnterpriseSigner(const ExecContext& ctx, const Enterprise& e) {
  return !e.organisation.empty() && !ctx.by_governance && ctx.signer_org == e.organisation;
}

}  // namespace cbec::contracts::enterprise
