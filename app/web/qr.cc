// QR codes drawn as SVG from libqrencode's module matrix.
#include "app/web/qr.h"

#include <qrencode.h>

#include <memory>

#include "app/web/svg.h"

namespace dondoc::app::web {
namespace {

constexpr int kQuiet = 4;

struct QrFree {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

bool bot_name_ok(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

// One "M x y h 1 v 1 h -1 z" square per dark module, runs of a row merged into one rectangle.
std::string modules_path(const QRcode& q) {
  std::string d;
  for (int y = 0; y < q.width; ++y) {
    for (int x = 0; x < q.width;) {
      if (!(q.data[y * q.width + x] & 1)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < q.width && (q.data[y * q.width + x + run] & 1)) ++run;
      d += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h" +
           std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  return d;
}

}  // namespace

std::string link_qr_text(std::string_view bot_name, std::string_view code) {
  if (bot_name.starts_with('@')) bot_name.remove_prefix(1);
  if (bot_name_ok(bot_name)) {
    return "https://t.me/" + std::string(bot_name) + "?start=" + std::string(code);
  }
  return "DK " + std::string(code);
}

std::optional<std::string> qr_svg(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::string copy(text);  // libqrencode wants a NUL-terminated string
  std::unique_ptr<QRcode, QrFree> q(QRcode_encodeString8bit(copy.c_str(), 0, QR_ECLEVEL_M));
  if (!q) return std::nullopt;
  std::string size = std::to_string(q->width + 2 * kQuiet);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" viewBox=\"0 0 " +
         size + " " + size +
         "\" shape-rendering=\"crispEdges\" aria-label=\"Mã QR: " + xml_escape(text) +
         "\"><rect width=\"" + size + "\" height=\"" + size +
         "\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"" + modules_path(*q) + "\"/></svg>";
}

}  // namespace dondoc::app::web
