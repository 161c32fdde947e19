// Exact decimal parsing for amounts (money.h).
#include "cbec/contracts/money.h"

#include "cbec/base/checked.h"
#include "cbec/contracts/clearance_errors.h"

namespace cbec::contracts {

namespace {

Status Bad(std::string_view text, std::string why) {
  std::string shown(text.substr(0, 40));
  return Status(clearance::errors::kBadAmount, "\"" + shown + "\": " + std::move(why));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Result<uint64_t> ParseScaled(std::string_view text, unsigned decimals) {
  if (text.empty()) return Bad(text, "empty");
  size_t point = text.find('.');
  std::string_view whole = text.substr(0, point);
  std::string_view frac =
      point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  if (whole.empty()) return Bad(text, "no digit before the decimal point");
  if (point != std::string_view::npos && frac.empty())
    return Bad(text, "no digit after the decimal point");
  for (std::string_view part : {whole, frac}) {
    for (char c : part) {
      if (!IsDigit(c)) return Bad(text, "only digits and one '.' are allowed");
    }
  }
  if (whole.size() > 1 && whole[0] == '0') return Bad(text, "superfluous leading zero");
  if (frac.size() > decimals) {
    return Bad(text, "at most " + std::to_string(decimals) + " decimals");
  }
  uint64_t value = 0;
  auto push = [&](char c) -> bool {
    auto times = CheckedMul<uint64_t>(value, 10);
    if (!times) return false;
    auto plus = CheckedAdd<uint64_t>(*times, static_cast<uint64_t>(c - '0'));
    if (!plus || *plus > kMaxScaled) return false;
    value = *plus;
    return true;
  };
  for (char c : whole) {
    if (!push(c)) return Bad(text, "too large");
  }
  for (unsigned i = 0; i < decimals; ++i) {
    if (!push(i < frac.size() ? frac[i] : '0')) return Bad(text, "too large");
  }
  return value;
}

Result<Fen> ParseFen(std::string_view text) { return ParseScaled(text, kFenDecimals); }

std::string FormatScaled(uint64_t value, unsigned decimals) {
  uint64_t scale = 1;
  for (unsigned i = 0; i < decimals; ++i) scale *= 10;
  std::string out = std::to_string(value / scale);
  if (decimals == 0) return out;
  std::string frac = std::to_string(value % scale);
  return out + "." + std::string(decimals - frac.size(), '0') + frac;
}

std::string FormatFen(Fen fen) { return FormatScaled(fen, kFenDecimals); }

}  // namespace cbec::contracts
