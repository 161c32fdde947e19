// state-tamper: alters a stopped validator's application state on disk, as a
// failing disk or a careless operator might, for tests/e2e/proofs_test.py:
// the node must notice through checkpoint comparison and halt.
//
//   state-tamper --data DIR --delete-key HEX
//
// Deletes the key from the `state` column family only (the tree keeps its
// nodes), then exits 0; 1 on any failure.
#include <CLI/CLI.hpp>
#include <rocksdb/db.h>

#include <cstdio>
#include <memory>
#include <vector>

#include "cbec/base/hex.h"

int main(int argc, char** argv) {
  CLI::App app{"state-tamper: delete one state key of a stopped node"};
  std::string dir, key_hex;
  app.add_option("--data", dir, "the node's data directory")->required();
  app.add_option("--delete-key", key_hex, "the state key, hex")->required();
  CLI11_PARSE(app, argc, argv);
  auto key = cbec::HexDecode(key_hex);
  if (!key.ok()) {
    std::printf("bad key: %s\n", key.status().ToString().c_str());
    return 1;
  }
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names);
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  if (s.ok()) s = rocksdb::DB::Open(rocksdb::DBOptions(), dir, cfs, &handles, &raw);
  if (!s.ok()) {
    std::printf("open %s: %s\n", dir.c_str(), s.ToString().c_str());
    return 1;
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  int status = 1;
  for (auto* h : handles) {
    if (h->GetName() != "state") continue;
    std::string value;
    rocksdb::Slice k(reinterpret_cast<const char*>(key->data()), key->size());
    if (db->Get(rocksdb::ReadOptions(), h, k, &value).ok() &&
        db->Delete(rocksdb::WriteOptions(), h, k).ok()) {
      status = 0;
    }
  }
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  std::printf(status == 0 ? "deleted\n" : "key not found\n");
  return status;
}
