#include "cbec/base/status.h"

namespace cbec {

Status Status::Remote(uint32_t code, std::string slug, ErrorClass error_class,
                      std::string message) {
  Status s(ErrorKind{code, "", error_class}, std::move(message));
  s.error_->remote_slug = slug.empty() ? "remote" : std::move(slug);
  return s;
}

std::string_view Status::slug() const {
  if (!error_) return "ok";
  return error_->remote_slug.empty() ? error_->kind.slug : error_->remote_slug;
}

ErrorKind Status::kind() const {
  if (!error_) return ErrorKind{0, "ok"};
  return ErrorKind{error_->kind.code, slug(), error_->kind.error_class};
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(slug());
  if (!error_->message.empty()) {
    out += ": ";
    out += error_->message;
  }
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  Status out = *this;
  std::string msg(context);
  msg += ": ";
  msg += error_->message;
  out.error_->message = std::move(msg);
  return out;
}

}  // namespace cbec
