// Keystore files: atomic, private (0600) writes and bounded reads.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "cbec/crypto/errors.h"
#include "cbec/crypto/keystore.h"

namespace cbec::crypto {

namespace {

Status IoError(const std::string& what, const std::string& path, int err) {
  return Status(errors::kKeystoreIo, what + " " + path + ": " + std::strerror(err));
}

// Closes a file descriptor on every return path.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now, reporting the error close() may carry (NFS, full disks).
  int Close() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("cannot write", path, errno);
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status WriteTemp(const std::string& tmp, std::string_view content) {
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (fd.get() < 0) return IoError("cannot create", tmp, errno);
  // The umask may only have removed bits; make the mode exactly 0600.
  if (::fchmod(fd.get(), 0600) != 0) return IoError("cannot chmod", tmp, errno);
  CBEC_RETURN_IF_ERROR(WriteAll(fd.get(), content, tmp));
  if (::fsync(fd.get()) != 0) return IoError("cannot fsync", tmp, errno);
  if (fd.Close() != 0) return IoError("cannot close", tmp, errno);
  return Status::Ok();
}

// Makes the rename durable.
Status SyncDirectory(const std::string& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return IoError("cannot open directory", dir, errno);
  if (::fsync(fd.get()) != 0) return IoError("cannot fsync directory", dir, errno);
  return Status::Ok();
}

Status WriteAtomically(const std::string& path, std::string_view content) {
  std::array<uint8_t, 8> rnd{};
  RandomBytes(rnd);
  const std::string tmp = path + ".tmp-" + HexEncode(rnd);
  Status s = WriteTemp(tmp, content);
  if (s.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) s = IoError("cannot rename to", path, errno);
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  std::string dir = std::filesystem::path(path).parent_path().string();
  return SyncDirectory(dir.empty() ? "." : dir);
}

Result<std::string> ReadBounded(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return Status(errors::kKeystoreNotFound, "no keystore at " + path);
    return IoError("cannot open", path, errno);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return IoError("cannot stat", path, errno);
  if (!S_ISREG(st.st_mode)) return Status(errors::kKeystoreIo, path + " is not a regular file");
  std::string out;
  char buf[4096];
  while (true) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("cannot read", path, errno);
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > kKeystoreMaxBytes) {
      return Status(errors::kKeystoreFormat, path + " is larger than " +
                                                 std::to_string(kKeystoreMaxBytes) + " bytes");
    }
  }
  return out;
}

}  // namespace

Status SaveKeystore(const std::string& path, const PrivateKey& key, std::string_view passphrase,
                    const KeystoreOptions& options) {
  CBEC_ASSIGN_OR_RETURN(std::string text, EncryptKeystore(key, passphrase, options));
  return WriteAtomically(path, text);
}

Result<PrivateKey> LoadKeystore(const std::string& path, std::string_view passphrase) {
  CBEC_ASSIGN_OR_RETURN(std::string text, ReadBounded(path));
  Result<PrivateKey> key = DecryptKeystore(text, passphrase);
  if (!key.ok()) return key.status().WithContext(path);
  return key;
}

}  // namespace cbec::crypto
