// Builders of the ipr contract: customs IP-rights filings, their review,
// renewal and amendment, agents, and seizures (docs/spec/contracts-ipr.md).
//
// A right is (ip_type, reg_no). Goods are "<scheme>:<code>" references with
// scheme "nice" (Nice class, "25") or "hs" (HS heading). Dates "YYYY-MM-DD".
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cbec/sdk/builders_call.h"

namespace cbec::sdk::ipr {

enum class IpType : uint8_t { kTrademark = 1, kPatent = 2, kCopyright = 3 };
// "trademark", "patent", "copyright".
std::string_view IpTypeName(IpType t);
// The inverse; kBadArgs for anything else.
Result<IpType> ParseIpType(std::string_view name);

struct Goods {
  std::string scheme;  // "nice" or "hs"
  std::string code;
  std::string description;
};

// A licensee and the goods references it may export ({"all"} = every good
// of the filing).
struct Licence {
  std::string uscc;
  std::vector<std::string> goods = {"all"};
  std::string valid_until;  // "" = as long as the right
};

// file: the holder's right_holder (or an authorised agent's, naming the
// agent organisation in `agent`).
struct File {
  IpType ip_type = IpType::kTrademark;
  std::string reg_no;
  std::string issuing_office;  // e.g. "CNIPA"
  std::string title;
  std::string holder;  // USCC of the right holder
  std::vector<Goods> goods;
  std::vector<Licence> licensees;
  std::string evidence_digest;  // 64 hex digits
  std::string right_valid_from;
  std::string right_valid_until;
  std::string agent;  // "" = filed by the holder itself
  Call ToCall() const;
};

// review, review_renewal, review_amendment (customs ipr_reviewer):
// decision "approve" or "reject".
struct Review {
  IpType ip_type = IpType::kTrademark;
  std::string reg_no;
  std::string decision = "approve";
  std::string reason;
  Call ToCall() const;
};
struct ReviewRenewal : Review {
  Call ToCall() const;
};
struct ReviewAmendment : Review {
  Call ToCall() const;
};

// renew: in the last 6 months of the recordation.
struct Renew {
  IpType ip_type = IpType::kTrademark;
  std::string reg_no;
  std::string right_valid_until;  // "" = unchanged
  Call ToCall() const;
};

// amend: any of licensees, goods, evidence (unset = unchanged).
struct Amend {
  IpType ip_type = IpType::kTrademark;
  std::string reg_no;
  std::optional<std::vector<Licence>> licensees;
  std::optional<std::vector<Goods>> goods;
  std::optional<std::string> evidence_digest;
  Call ToCall() const;
};

// withdraw (the holder) and revoke (customs ipr_reviewer).
struct Withdraw {
  IpType ip_type = IpType::kTrademark;
  std::string reg_no;
  std::string reason;
  Call ToCall() const;
};
struct RevokeFiling : Withdraw {
  Call ToCall() const;
};

// authorise_agent / revoke_agent: the holder's right_holder or admin.
struct AuthoriseAgent {
  std::string holder;     // USCC
  std::string agent_org;  // organisation id
  Call ToCall() const;
};
struct RevokeAgent : AuthoriseAgent {
  Call ToCall() const;
};

// record_seizure (customs officer). Receipt result: the seizure id.
struct RecordSeizure {
  IpType ip_type = IpType::kTrademark;
  std::string reg_no;
  std::string exporter;        // USCC
  std::string declaration_no;  // "" = none
  std::string goods_description;
  uint64_t quantity = 0;
  std::string unit;
  std::string port;
  std::vector<std::string> trace_event_ids;
  std::string reason;
  Call ToCall() const;
};

// decide_seizure (customs officer, once): "confirmed_infringing" or "released".
struct DecideSeizure {
  std::string id;
  std::string outcome;
  std::string reason;
  Call ToCall() const;
};

}  // namespace cbec::sdk::ipr
