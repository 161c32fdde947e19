// Error kinds raised by node/src/storage (codes 3200-3299; never renumbered).
// docs/spec/storage.md section 5 says when each is raised. RocksDB statuses
// are mapped to these; none is thrown or ignored.
#pragma once

#include "cbec/base/status.h"

namespace cbec::node::storage::errors {

// RocksDB or the file system failed (disk full, permissions, ...).
inline constexpr ErrorKind kIo{3200, "storage.io", ErrorClass::kInternal};
// Stored data does not decode or does not match its key.
inline constexpr ErrorKind kCorruption{3201, "storage.corruption", ErrorClass::kInternal};
// The data directory has a storage format this node does not read.
inline constexpr ErrorKind kFormatVersion{3202, "storage.format_version", ErrorClass::kInternal};
// The data directory belongs to a chain with another genesis hash.
inline constexpr ErrorKind kGenesisMismatch{3203, "storage.genesis_mismatch",
                                            ErrorClass::kInternal};
// No such block, height, tx, receipt or checkpoint.
inline constexpr ErrorKind kNotFound{3204, "storage.not_found"};
// CommitBlock got a block that does not extend the head, or receipts that do
// not match it: a bug of the caller, refused before anything is written.
inline constexpr ErrorKind kBadCommit{3205, "storage.bad_commit", ErrorClass::kInternal};
// Another process has the data directory open (RocksDB's LOCK file).
inline constexpr ErrorKind kLocked{3206, "storage.locked", ErrorClass::kInternal};

}  // namespace cbec::node::storage::errors
