// Error kinds raised by the enterprise contract (codes 1200-1299; never
// renumbered). docs/spec/contracts-enterprise.md lists which method raises which.
#pragma once

#include "cbec/base/status.h"

namespace cbec::contracts::enterprise::errors {

// The Unified Social Credit Code (1200-1209).
inline constexpr ErrorKind kBadUsccLength{1200, "ent.bad_uscc_length"};
inline constexpr ErrorKind kBadUsccChar{1201, "ent.bad_uscc_char"};
inline constexpr ErrorKind kBadUsccCheck{1202, "ent.bad_uscc_check"};

// Records (1210-1239).
inline constexpr ErrorKind kUnknownEnterprise{1210, "ent.unknown_enterprise"};
inline constexpr ErrorKind kEnterpriseExists{1211, "ent.enterprise_exists"};
inline constexpr ErrorKind kBadName{1212, "ent.bad_name"};
inline constexpr ErrorKind kBadStatus{1213, "ent.bad_status"};
inline constexpr ErrorKind kBadAddress{1214, "ent.bad_address"};
inline constexpr ErrorKind kBadLegalRepresentative{1215, "ent.bad_legal_representative"};
inline constexpr ErrorKind kUnknownOrganisation{1216, "ent.unknown_organisation"};
inline constexpr ErrorKind kNotEnterpriseOrg{1217, "ent.not_enterprise_org"};
inline constexpr ErrorKind kUnchanged{1218, "ent.unchanged"};

}  // namespace cbec::contracts::enterprise::errors
