#include "cbec/base/status.h"

namespace cbec {

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(error_->kind.slug);
  if (!error_->message.empty()) {
    out += ": ";
    out += error_->message;
  }
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string msg(context);
  msg += ": ";
  msg += error_->message;
  return Status(error_->kind, std::move(msg));
}

}  // namespace cbec
