// sdk-vectors: writes the proof bundle vectors for bundle verifiers (the
// browser verifier) to PATH; see bundle_vectors.h.
//
//   build/bin/sdk-vectors client-sdk/tests/vectors/bundles.json
#include <cstdio>
#include <fstream>
#include <string>

#include "bundle_vectors.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT.json\n", argv[0]);
    return 2;
  }
  std::string text = cbec::sdk::vectors::BundleVectorsText();
  std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", argv[1]);
    return 1;
  }
  std::printf("wrote %zu bytes to %s\n", text.size(), argv[1]);
  return 0;
}
