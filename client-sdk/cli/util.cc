// Small helpers shared by the command files (cli.h).
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "cli.h"

namespace cbec::cli {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status(errors::kLocalFile, "cannot read '" + path + "': " + std::strerror(errno));
  }
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status(errors::kLocalFile, "error reading '" + path + "'");
  return data;
}

Status WriteFile(const std::string& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    return Status(errors::kLocalFile, "cannot write '" + path + "': " + std::strerror(errno));
  }
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) return Status(errors::kLocalFile, "error writing '" + path + "'");
  return Status::Ok();
}

Result<Json> ParseJsonArg(std::string_view option, const std::string& text) {
  const bool from_file = !text.empty() && text.front() == '@';
  std::string body = text;
  if (from_file) {
    CBEC_ASSIGN_OR_RETURN(body, ReadFile(text.substr(1)));
  }
  Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return Status(errors::kUsage, std::string(option) + ": not valid JSON" +
                                      (from_file ? " in '" + text.substr(1) + "'" : ""));
  }
  return j;
}

std::string Dashed(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '_') c = '-';
  }
  return out;
}

std::vector<std::string> SplitList(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::stringstream ss{std::string(text)};
  while (std::getline(ss, item, sep)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace cbec::cli
