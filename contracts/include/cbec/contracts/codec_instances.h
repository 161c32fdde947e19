// Explicit instantiation of a record's `Codec(Ar&, Self&)` template
// (ledger/codec.h) for the writer and the strict reader, so the template's
// body stays in the record's .cc file. Use at namespace scope:
//   CBEC_CODEC_INSTANTIATE(Filing);
#pragma once

#include "cbec/ledger/codec.h"

#define CBEC_CODEC_INSTANTIATE(T)                    \
  template void T::Codec(ledger::Writer&, const T&); \
  template void T::Codec(ledger::Reader&, T&)
