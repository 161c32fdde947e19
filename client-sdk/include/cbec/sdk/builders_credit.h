// Builders of the credit domain: the enterprise register, credit ratings and
// repair, and the joint reward / punishment lists
// (docs/spec/contracts-enterprise.md, contracts-credit.md, contracts-lists.md).
//
// Dates are "YYYY-MM-DD" (UTC+8 calendar days); "" for an optional date
// means "the block's date". Enterprises are named by their 18-character
// Unified Social Credit Code (USCC).
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cbec/sdk/builders_call.h"

namespace cbec::sdk {

namespace enterprise {

// register (market registrar). status: existing, revoked, cancelled, moved_out.
struct Register {
  std::string uscc;
  std::string name;
  std::string status = "existing";
  std::string registered_address;
  std::string legal_representative;
  std::string organisation;  // the member organisation linked to it; "" = none
  Call ToCall() const;
};

// update (market registrar): every field but the link.
struct Update {
  std::string uscc;
  std::string name;
  std::string status;
  std::string registered_address;
  std::string legal_representative;
  Call ToCall() const;
};

// link_organisation (market registrar); "" unlinks.
struct LinkOrganisation {
  std::string uscc;
  std::string organisation;
  Call ToCall() const;
};

}  // namespace enterprise

namespace credit {

// rate: a department rater's rating on its governed scale.
struct Rate {
  std::string uscc;
  std::string rule_set_id;  // e.g. "GACC-282"
  std::string level;        // a level code of that scale, e.g. "dishonest"
  std::string reason;
  std::string legal_basis;
  std::string effective_date;  // "" = the block's date
  Call ToCall() const;
};

// apply_repair: the enterprise's own account applies to repair a rating
// (department) or a list entry (entry_id). Receipt result: the application id.
struct ApplyRepair {
  std::string uscc;
  std::string department;       // for a rating; "" otherwise
  std::string entry_id;         // for a list entry; "" otherwise
  std::string evidence_digest;  // 64 hex digits
  std::string statement;
  Call ToCall() const;
};

// decide_repair: "accept" or "reject"; new_level only for an accepted rating.
struct DecideRepair {
  std::string application_id;
  std::string decision;
  std::string reason;
  std::string new_level;
  Call ToCall() const;
};

// A coded name of a scale level or a composite class.
struct NamedCode {
  std::string code;
  std::string name_en;
  std::string name_zh;
};

// governed: set_scale, a department's rating scale.
struct SetScale {
  std::string department;
  std::string rule_set_id;
  std::string effective_from;  // "YYYY-MM-DD"
  std::vector<NamedCode> levels;
  Call ToCall() const;
};

// One condition of a composite-rule clause: type "level_in" (department,
// levels), "black_list_at_least" (severity) or "red_list".
struct Condition {
  std::string type;
  std::string department;
  std::vector<std::string> levels;
  std::string severity;
};
struct Clause {
  std::string class_code;
  std::vector<Condition> when;
};

// governed: set_composite_rule.
struct SetCompositeRule {
  std::string rule_id;
  std::vector<NamedCode> classes;
  std::vector<Clause> clauses;
  std::string default_class;
  Call ToCall() const;
};

}  // namespace credit

namespace lists {

enum class ListKind : uint8_t { kRed = 1, kBlack = 2 };
enum class Severity : uint8_t { kNone = 0, kMinor = 1, kGeneral = 2, kSerious = 3 };
// "red" / "black"; "none" / "minor" / "general" / "serious".
std::string_view ListKindName(ListKind k);
std::string_view SeverityName(Severity s);

// issue: a department lister publishes an entry. Receipt result: the entry id.
struct Issue {
  std::string subject;  // USCC
  ListKind kind = ListKind::kBlack;
  Severity severity = Severity::kGeneral;  // kNone for a red list
  std::string reason;
  std::string legal_basis;
  std::vector<std::string> measures;  // catalogue codes
  std::string effective_date;         // "YYYY-MM-DD"
  uint32_t period_months = 0;
  Call ToCall() const;
};

// revoke: the issuing department's lister.
struct Revoke {
  std::string entry_id;
  std::string reason;
  Call ToCall() const;
};

// apply_measure: a department reports a measure it applied.
struct ApplyMeasure {
  std::string entry_id;
  std::string measure;
  std::string date;  // "YYYY-MM-DD"
  std::string note;
  Call ToCall() const;
};

// One catalogue measure; departments are organisation kinds (customs, tax,
// fx, market, ...).
struct Measure {
  std::string code;
  ListKind kind = ListKind::kBlack;
  std::vector<std::string> departments;
  std::string name_en;
  std::string name_zh;
};

// governed: set_measures, the whole catalogue.
struct SetMeasures {
  std::vector<Measure> measures;
  Call ToCall() const;
};

}  // namespace lists

}  // namespace cbec::sdk
