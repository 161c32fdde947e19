// Error kinds raised by node/metrics (codes 3180-3199 of the HTTP range 3100-3199;
// never renumbered). Registration errors are programming mistakes caught at
// start-up, but they are still values: the node refuses to start rather than
// abort in the middle of a scrape.
#pragma once

#include "cbec/base/status.h"

namespace cbec::node::metrics::errors {

inline constexpr ErrorKind kBadName{3180, "metrics.bad_name"};
inline constexpr ErrorKind kDuplicate{3181, "metrics.duplicate"};
inline constexpr ErrorKind kBadBuckets{3182, "metrics.bad_buckets"};

}  // namespace cbec::node::metrics::errors
