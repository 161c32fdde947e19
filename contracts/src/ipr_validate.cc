// Validation of filing data shared by file and amend.
#include <algorithm>
#include <set>

#include "cbec/contracts/args_json.h"
#include "cbec/contracts/dates.h"
#include "cbec/contracts/enterprise.h"
#include "cbec/contracts/ipr.h"
#include "cbec/contracts/ipr_errors.h"
#include "ipr_internal.h"

namespace cbec::contracts::ipr {

Result<uint64_t> ParseLastDay(std::string_view date) {
  CBEC_ASSIGN_OR_RETURN(uint64_t label, ParseDate(date));
  return CstStartOfLabel(label + kMsPerDay);
}

Result<std::vector<Goods>> ValidateGoods(const std::vector<GoodsArg>& goods) {
  if (goods.empty() || goods.size() > kMaxGoods) {
    return Status(errors::kBadGoods, "a filing covers 1-" + std::to_string(kMaxGoods) +
                                         " goods, got " + std::to_string(goods.size()));
  }
  std::vector<Goods> out;
  for (size_t i = 0; i < goods.size(); ++i) {
    std::string at = "goods[" + std::to_string(i) + "]";
    Goods g;
    CBEC_ASSIGN_OR_RETURN(g.scheme, ParseGoodsScheme(goods[i].scheme));
    CBEC_RETURN_IF_ERROR(ValidateGoodsCode(g.scheme, goods[i].code).WithContext(at));
    CBEC_RETURN_IF_ERROR(ValidateText(goods[i].description, kMaxGoodsDescriptionLength,
                                      errors::kBadGoodsDescription, at + ".description", false));
    g.code = goods[i].code;
    g.description = goods[i].description;
    out.push_back(std::move(g));
  }
  std::sort(out.begin(), out.end(),
            [](const Goods& a, const Goods& b) { return a.Ref() < b.Ref(); });
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i].Ref() == out[i - 1].Ref()) {
      return Status(errors::kBadGoods, "goods " + out[i].Ref() + " are named twice");
    }
  }
  return out;
}

namespace {

// The goods a licence names: "all", or distinct references to `goods`.
Status LicenceGoods(const LicenceArg& a, const std::vector<Goods>& goods, Licence& out) {
  if (a.goods == std::vector<std::string>{"all"}) {
    out.all_goods = true;
    return Status::Ok();
  }
  if (a.goods.empty() || a.goods.size() > kMaxGoods) {
    return Status(errors::kBadLicenceGoods,
                  a.uscc + ": a licence names \"all\" or 1-" + std::to_string(kMaxGoods) + " goods");
  }
  std::set<std::string> refs;
  for (const std::string& ref : a.goods) {
    bool covered = std::any_of(goods.begin(), goods.end(),
                               [&](const Goods& g) { return g.Ref() == ref; });
    if (!covered) {
      return Status(errors::kBadLicenceGoods,
                    a.uscc + ": \"" + ref + "\" is not among the filing's goods");
    }
    if (!refs.insert(ref).second) {
      return Status(errors::kBadLicenceGoods, a.uscc + ": \"" + ref + "\" is named twice");
    }
  }
  out.all_goods = false;
  out.goods.assign(refs.begin(), refs.end());
  return Status::Ok();
}

}  // namespace

Result<std::vector<Licence>> ValidateLicensees(const StateView& state,
                                               const std::vector<LicenceArg>& licensees,
                                               const std::vector<Goods>& goods,
                                               std::string_view holder, uint64_t now_ms) {
  if (licensees.size() > kMaxLicensees) {
    return Status(errors::kBadLicensees, "at most " + std::to_string(kMaxLicensees) +
                                             " licensees, got " +
                                             std::to_string(licensees.size()));
  }
  std::vector<Licence> out;
  std::set<std::string> seen;
  for (const LicenceArg& a : licensees) {
    CBEC_RETURN_IF_ERROR(enterprise::RequireEnterprise(state, a.uscc).status());
    if (a.uscc == holder) {
      return Status(errors::kBadLicensees, "the holder " + a.uscc + " cannot be its own licensee");
    }
    if (!seen.insert(a.uscc).second) {
      return Status(errors::kBadLicensees, a.uscc + " is named twice");
    }
    Licence l;
    l.uscc = a.uscc;
    CBEC_RETURN_IF_ERROR(LicenceGoods(a, goods, l));
    if (!a.valid_until.empty()) {
      CBEC_ASSIGN_OR_RETURN(l.valid_until_ms, ParseLastDay(a.valid_until));
      if (l.valid_until_ms <= now_ms) {
        return Status(errors::kBadLicenceDate,
                      a.uscc + ": the licence ended on " + a.valid_until + ", before the block");
      }
    }
    out.push_back(std::move(l));
  }
  std::sort(out.begin(), out.end(),
            [](const Licence& x, const Licence& y) { return x.uscc < y.uscc; });
  return out;
}

}  // namespace cbec::contracts::ipr
