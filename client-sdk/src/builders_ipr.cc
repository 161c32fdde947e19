// ipr builders (builders_ipr.h).
#include "cbec/sdk/builders_ipr.h"

#include "cbec/sdk/errors.h"

namespace cbec::sdk::ipr {

using Json = nlohmann::json;

std::string_view IpTypeName(IpType t) {
  switch (t) {
    case IpType::kPatent:
      return "patent";
    case IpType::kCopyright:
      return "copyright";
    case IpType::kTrademark:
      break;
  }
  return "trademark";
}

Result<IpType> ParseIpType(std::string_view name) {
  for (IpType t : {IpType::kTrademark, IpType::kPatent, IpType::kCopyright}) {
    if (IpTypeName(t) == name) return t;
  }
  return Status(errors::kBadArgs, "ip_type must be trademark, patent or copyright, got \"" +
                                      std::string(name.substr(0, 32)) + "\"");
}

namespace {

Json Right(IpType t, const std::string& reg_no) {
  return Json{{"ip_type", std::string(IpTypeName(t))}, {"reg_no", reg_no}};
}

Json GoodsJson(const std::vector<Goods>& goods) {
  Json out = Json::array();
  for (const Goods& g : goods) {
    out.push_back({{"scheme", g.scheme}, {"code", g.code}, {"description", g.description}});
  }
  return out;
}

Json LicencesJson(const std::vector<Licence>& licences) {
  Json out = Json::array();
  for (const Licence& l : licences) {
    Json item{{"uscc", l.uscc},
              {"goods", l.goods == std::vector<std::string>{"all"} ? Json("all") : Json(l.goods)}};
    if (!l.valid_until.empty()) item["valid_until"] = l.valid_until;
    out.push_back(std::move(item));
  }
  return out;
}

Call ReviewCall(const Review& r, const char* method) {
  Json args = Right(r.ip_type, r.reg_no);
  args["decision"] = r.decision;
  args["reason"] = r.reason;
  return {"ipr", method, std::move(args)};
}

Call EndCall(const Withdraw& w, const char* method) {
  Json args = Right(w.ip_type, w.reg_no);
  args["reason"] = w.reason;
  return {"ipr", method, std::move(args)};
}

}  // namespace

Call File::ToCall() const {
  Json args = Right(ip_type, reg_no);
  args["issuing_office"] = issuing_office;
  args["title"] = title;
  args["holder"] = holder;
  args["goods"] = GoodsJson(goods);
  args["licensees"] = LicencesJson(licensees);
  args["evidence_digest"] = evidence_digest;
  args["right_valid_from"] = right_valid_from;
  args["right_valid_until"] = right_valid_until;
  if (!agent.empty()) args["agent"] = agent;
  return {"ipr", "file", std::move(args)};
}

Call Review::ToCall() const { return ReviewCall(*this, "review"); }
Call ReviewRenewal::ToCall() const { return ReviewCall(*this, "review_renewal"); }
Call ReviewAmendment::ToCall() const { return ReviewCall(*this, "review_amendment"); }

Call Renew::ToCall() const {
  Json args = Right(ip_type, reg_no);
  if (!right_valid_until.empty()) args["right_valid_until"] = right_valid_until;
  return {"ipr", "renew", std::move(args)};
}

Call Amend::ToCall() const {
  Json args = Right(ip_type, reg_no);
  if (licensees) args["licensees"] = LicencesJson(*licensees);
  if (goods) args["goods"] = GoodsJson(*goods);
  if (evidence_digest) args["evidence_digest"] = *evidence_digest;
  return {"ipr", "amend", std::move(args)};
}

Call Withdraw::ToCall() const { return EndCall(*this, "withdraw"); }
Call RevokeFiling::ToCall() const { return EndCall(*this, "revoke"); }

Call AuthoriseAgent::ToCall() const {
  return {"ipr", "authorise_agent", Json{{"holder", holder}, {"agent_org", agent_org}}};
}
Call RevokeAgent::ToCall() const {
  return {"ipr", "revoke_agent", Json{{"holder", holder}, {"agent_org", agent_org}}};
}

Call RecordSeizure::ToCall() const {
  Json args = Right(ip_type, reg_no);
  args["exporter"] = exporter;
  if (!declaration_no.empty()) args["declaration_no"] = declaration_no;
  args["goods_description"] = goods_description;
  args["quantity"] = quantity;
  args["unit"] = unit;
  args["port"] = port;
  args["trace_event_ids"] = trace_event_ids;
  args["reason"] = reason;
  return {"ipr", "record_seizure", std::move(args)};
}

Call DecideSeizure::ToCall() const {
  return {"ipr", "decide_seizure", Json{{"id", id}, {"outcome", outcome}, {"reason", reason}}};
}

}  // namespace cbec::sdk::ipr
