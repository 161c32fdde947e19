// QR codes of bundle texts: libqrencode for the symbol, libpng's simplified
// API (no setjmp) for an 8-bit grey PNG.
#include <png.h>
#include <qrencode.h>

#include <cerrno>
#include <fstream>
#include <memory>

#include "cbec/sdk/bundle.h"
#include "cbec/sdk/errors.h"

namespace cbec::sdk {

namespace {

constexpr int kQuietZone = 4;  // modules of white around the symbol (ISO/IEC 18004)
constexpr int kMaxScale = 32;

struct QrFree {
  void operator()(QRcode* q) const { QRcode_free(q); }
};
using QrPtr = std::unique_ptr<QRcode, QrFree>;

// The symbol at the highest of Q, M, L that fits; kBundleTooLarge if none does.
Result<QrPtr> Encode(const std::string& text) {
  for (QRecLevel level : {QR_ECLEVEL_Q, QR_ECLEVEL_M, QR_ECLEVEL_L}) {
    errno = 0;
    // Version 0: the smallest that fits; case-sensitive so base45 stays
    // alphanumeric and lower case (if any) survives.
    QrPtr q(QRcode_encodeString(text.c_str(), 0, level, QR_MODE_8, 1));
    if (q) return q;
    if (errno != ERANGE) {
      return Status(errors::kQrEncode, "libqrencode failed (errno " + std::to_string(errno) + ")");
    }
  }
  return Status(errors::kBundleTooLarge, std::to_string(text.size()) +
                                             " characters do not fit in one QR code");
}

}  // namespace

Result<Bytes> QrPng(const std::string& text, int scale) {
  if (scale < 1 || scale > kMaxScale) {
    return Status(errors::kQrEncode, "scale must be 1 to " + std::to_string(kMaxScale));
  }
  if (text.find('\0') != std::string::npos) {
    return Status(errors::kQrEncode, "the text holds a NUL byte");
  }
  CBEC_ASSIGN_OR_RETURN(QrPtr q, Encode(text));
  const int modules = q->width + 2 * kQuietZone;
  const int side = modules * scale;
  Bytes pixels(static_cast<size_t>(side) * static_cast<size_t>(side), 0xff);
  for (int y = 0; y < q->width; ++y) {
    for (int x = 0; x < q->width; ++x) {
      if ((q->data[y * q->width + x] & 1) == 0) continue;  // bit 0: a dark module
      for (int dy = 0; dy < scale; ++dy) {
        size_t row = static_cast<size_t>((y + kQuietZone) * scale + dy) * static_cast<size_t>(side);
        size_t col = static_cast<size_t>((x + kQuietZone) * scale);
        std::fill_n(pixels.begin() + static_cast<ptrdiff_t>(row + col), scale, 0x00);
      }
    }
  }
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(side);
  image.height = static_cast<png_uint_32>(side);
  image.format = PNG_FORMAT_GRAY;
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data(), 0, nullptr)) {
    return Status(errors::kQrEncode, std::string("libpng: ") + image.message);
  }
  Bytes png(size);
  if (!png_image_write_to_memory(&image, png.data(), &size, 0, pixels.data(), 0, nullptr)) {
    return Status(errors::kQrEncode, std::string("libpng: ") + image.message);
  }
  png.resize(size);
  return png;
}

Status WriteQrPng(const std::string& text, const std::string& path, int scale) {
  CBEC_ASSIGN_OR_RETURN(Bytes png, QrPng(text, scale));
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
  f.close();
  if (!f) return Status(errors::kBundleIo, "cannot write " + path);
  return Status::Ok();
}

}  // namespace cbec::sdk
