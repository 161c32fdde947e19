// Known-answer vectors for bundle verifiers (the browser verifier, issue 9):
// a genesis, valid bundles as text with what they verify to, and tampered
// variants with the error slug a verifier must report. Deterministic: fixed
// key seeds, fixed times, records built with the contracts' own codecs.
//
// `sdk-vectors PATH` writes them (client-sdk/tests/vectors/bundles.json);
// bundle_vectors_test.cc checks that file is what the code makes today and
// that every vector verifies as it says.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "cbec/base/status.h"

namespace cbec::sdk::vectors {

// {"about", "genesis", "valid": [{"name", "text", "expect"}],
//  "tampered": [{"name", "text", "error"}]}.
nlohmann::json MakeBundleVectors();

// MakeBundleVectors() as the file holds it: dump(2) and a newline.
std::string BundleVectorsText();

}  // namespace cbec::sdk::vectors
