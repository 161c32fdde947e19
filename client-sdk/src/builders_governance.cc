// governance builders (builders_governance.h).
#include "cbec/sdk/builders_governance.h"

namespace cbec::sdk::gov {

using Json = nlohmann::json;

namespace {
Call Gov(std::string method, Json args) {
  return {"governance", std::move(method), std::move(args)};
}
}  // namespace

Call CreateAccount::ToCall() const {
  return Gov("create_account", {{"organisation", organisation}, {"keys", keys}, {"roles", roles}});
}
Call AddKey::ToCall() const { return Gov("add_key", {{"account", account}, {"key", key}}); }
Call RevokeKey::ToCall() const { return Gov("revoke_key", {{"account", account}, {"key", key}}); }
Call SetRoles::ToCall() const { return Gov("set_roles", {{"account", account}, {"roles", roles}}); }
Call SuspendAccount::ToCall() const { return Gov("suspend_account", {{"account", account}}); }
Call ReactivateAccount::ToCall() const { return Gov("reactivate_account", {{"account", account}}); }

Call Propose::ToCall() const {
  return Gov("propose", {{"title", title}, {"action", action.ToJson()}, {"expires", expires}});
}
Call Vote::ToCall() const { return Gov("vote", {{"proposal", proposal}, {"approve", approve}}); }

Call AddOrg::ToCall() const {
  return Gov("add_org", {{"id", id}, {"kind", kind}, {"name", name}, {"admin_keys", admin_keys}});
}
Call SetOrgStatus::ToCall() const {
  return Gov("set_org_status", {{"id", id}, {"status", status}});
}
Call AddValidator::ToCall() const {
  return Gov("add_validator", {{"name", name}, {"public_key", public_key}});
}
Call RemoveValidator::ToCall() const { return Gov("remove_validator", {{"name", name}}); }
Call SetKindRoles::ToCall() const {
  return Gov("set_kind_roles", {{"kind", kind}, {"roles", roles}});
}
Call SetProposalThreshold::ToCall() const {
  return Gov("set_proposal_threshold", {{"threshold", threshold}});
}

}  // namespace cbec::sdk::gov
