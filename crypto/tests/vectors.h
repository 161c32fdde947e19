// Reads the shared known-answer files in tests/vectors/ (also used by the web
// verifier), so C++ and JavaScript check the same bytes.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cbec/base/bytes.h"
#include "cbec/base/hex.h"

namespace cbec::crypto::testutil {

// The parsed file, or a null json after recording a test failure.
inline nlohmann::json ReadVectors(const std::string& name) {
  const std::string path = std::string(CBEC_SOURCE_DIR) + "/tests/vectors/" + name;
  std::ifstream in(path);
  if (!in) {
    ADD_FAILURE() << "cannot open " << path;
    return nullptr;
  }
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    ADD_FAILURE() << path << " is not valid JSON";
    return nullptr;
  }
  return j;
}

// Hex from a vector file; records a failure (and returns empty) on bad hex.
inline Bytes Unhex(const nlohmann::json& j) {
  Result<Bytes> b = HexDecode(j.get<std::string>());
  if (!b.ok()) {
    ADD_FAILURE() << b.status().ToString();
    return {};
  }
  return *b;
}

inline Hash32 UnhexHash(const nlohmann::json& j) {
  Result<Hash32> h = Hash32::FromHex(j.get<std::string>());
  if (!h.ok()) {
    ADD_FAILURE() << h.status().ToString();
    return {};
  }
  return *h;
}

}  // namespace cbec::crypto::testutil
