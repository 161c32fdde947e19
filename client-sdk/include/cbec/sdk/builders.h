// Typed builders for every contract method (one header per contract), and
// the Call / argument encoder they produce (builders_call.h, which explains
// how arguments are encoded and what is checked locally).
//
//   gov::CreateAccount, gov::Propose{title, action, expires}, gov::Vote, ...
//   enterprise::Register, credit::Rate, lists::Issue, ipr::File,
//   trace::Capture, clearance::SubmitOrder, ...
//
// Each has `Call ToCall() const`; Client::Submit(signer, call) signs and
// sends it.
#pragma once

#include "cbec/sdk/builders_call.h"        // IWYU pragma: export
#include "cbec/sdk/builders_clearance.h"   // IWYU pragma: export
#include "cbec/sdk/builders_credit.h"      // IWYU pragma: export
#include "cbec/sdk/builders_governance.h"  // IWYU pragma: export
#include "cbec/sdk/builders_ipr.h"         // IWYU pragma: export
#include "cbec/sdk/builders_trace.h"       // IWYU pragma: export
