// Error kinds raised by the governance contract (codes 1100-1199; never
// renumbered). docs/spec/contracts.md lists which method raises which.
#pragma once

#include "cbec/base/status.h"

namespace cbec::contracts::governance::errors {

// Organisations (1100-1119).
inline constexpr ErrorKind kBadOrgId{1100, "gov.bad_org_id"};
inline constexpr ErrorKind kOrgExists{1101, "gov.org_exists"};
inline constexpr ErrorKind kUnknownOrg{1102, "gov.unknown_org"};
inline constexpr ErrorKind kBadOrgName{1103, "gov.bad_org_name"};
inline constexpr ErrorKind kBadOrgKind{1104, "gov.bad_org_kind"};

// Accounts and keys (1120-1149).
inline constexpr ErrorKind kAccountExists{1120, "gov.account_exists"};
inline constexpr ErrorKind kUnknownAccount{1121, "gov.unknown_account"};
inline constexpr ErrorKind kBadKey{1122, "gov.bad_key"};
inline constexpr ErrorKind kKeyExists{1123, "gov.key_exists"};
inline constexpr ErrorKind kTooManyKeys{1124, "gov.too_many_keys"};
inline constexpr ErrorKind kNoKeys{1125, "gov.no_keys"};
inline constexpr ErrorKind kKeyNotFound{1126, "gov.key_not_found"};
inline constexpr ErrorKind kKeyAlreadyRevoked{1127, "gov.key_already_revoked"};
inline constexpr ErrorKind kLastKey{1128, "gov.last_key"};
inline constexpr ErrorKind kAlreadySuspended{1129, "gov.already_suspended"};
inline constexpr ErrorKind kNotSuspended{1130, "gov.not_suspended"};
inline constexpr ErrorKind kAccountIdMismatch{1131, "gov.account_id_mismatch"};

// Roles (1150-1169).
inline constexpr ErrorKind kUnknownRole{1150, "gov.unknown_role"};
inline constexpr ErrorKind kRoleNotAllowed{1151, "gov.role_not_allowed"};
inline constexpr ErrorKind kBadRoles{1152, "gov.bad_roles"};
inline constexpr ErrorKind kLastAdmin{1153, "gov.last_admin"};
inline constexpr ErrorKind kAdminRoleRequired{1154, "gov.admin_role_required"};

// Proposals, votes and governed changes (1170-1199).
inline constexpr ErrorKind kNotDepartment{1170, "gov.not_a_department"};
inline constexpr ErrorKind kNotGovernedMethod{1171, "gov.not_governed_method"};
inline constexpr ErrorKind kBadTitle{1172, "gov.bad_title"};
inline constexpr ErrorKind kBadExpiry{1173, "gov.bad_expiry"};
inline constexpr ErrorKind kUnknownProposal{1174, "gov.unknown_proposal"};
inline constexpr ErrorKind kProposalClosed{1175, "gov.proposal_closed"};
inline constexpr ErrorKind kProposalExpired{1176, "gov.proposal_expired"};
inline constexpr ErrorKind kAlreadyVoted{1177, "gov.already_voted"};
inline constexpr ErrorKind kBadThreshold{1178, "gov.bad_threshold"};
inline constexpr ErrorKind kBadValidator{1179, "gov.bad_validator"};
inline constexpr ErrorKind kUnknownValidator{1180, "gov.unknown_validator"};
inline constexpr ErrorKind kValidatorChangePending{1181, "gov.validator_change_pending"};
inline constexpr ErrorKind kLastValidator{1182, "gov.last_validator"};
inline constexpr ErrorKind kBadOrgStatus{1183, "gov.bad_org_status"};
inline constexpr ErrorKind kOrgStatusUnchanged{1184, "gov.org_status_unchanged"};
inline constexpr ErrorKind kBadActionArgs{1185, "gov.bad_action_args"};
inline constexpr ErrorKind kNoDepartments{1186, "gov.no_departments"};

}  // namespace cbec::contracts::governance::errors
