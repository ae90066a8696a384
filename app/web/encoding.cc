#include "app/web/encoding.h"

#include <string.h>  // memmem
#include <zlib.h>

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>
#include <string>

namespace dondoc::app::web {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals_ascii(s.substr(0, prefix.size()), prefix);
}

// A weight of "q=0", "q=0.", "q=0.0" .. "q=0.000": the coding is refused.
bool zero_weight(std::string_view params) {
  while (!params.empty()) {
    auto semi = params.find(';');
    std::string_view p = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (p.size() < 2 || !iequals_ascii(p.substr(0, 2), "q=")) continue;
    std::string_view v = p.substr(2);
    if (v.empty() || v.front() != '0') return false;
    return v.find_first_not_of("0.", 1) == std::string_view::npos;
  }
  return false;
}

// Raw DEFLATE (the gzip wrapper is gzip_join's) at one of the two levels, one stream per thread
// and level, reset for each piece.
z_stream& deflater(Compression level) {
  struct Stream {
    explicit Stream(int level)
        : ok(deflateInit2(&zs, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK) {}
    ~Stream() {
      if (ok) deflateEnd(&zs);
    }
    z_stream zs{};
    bool ok;
  };
  thread_local Stream fast(1), thorough(Z_DEFAULT_COMPRESSION);
  Stream& s = level == Compression::fast ? fast : thorough;
  if (!s.ok) throw std::runtime_error("zlib: deflateInit2 failed");
  return s.zs;
}

void put_le32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  std::optional<bool> gzip_ok, any_ok;
  while (!accept_encoding.empty()) {
    auto comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    auto semi = item.find(';');
    std::string_view coding = trim(item.substr(0, semi));
    std::string_view params =
        semi == std::string_view::npos ? std::string_view() : item.substr(semi + 1);
    bool ok = !zero_weight(params);
    if (iequals_ascii(coding, "gzip") || iequals_ascii(coding, "x-gzip")) {
      gzip_ok = ok;
    } else if (coding == "*") {
      any_ok = ok;
    }
  }
  return gzip_ok.value_or(any_ok.value_or(false));
}

bool compressible(const HttpOut& out) {
  if (out.body.size() < kMinCompressed || out.header("Content-Encoding")) return false;
  static constexpr std::array<std::string_view, 10> kTypes{"text/html",
                                                           "text/css",
                                                           "text/plain",
                                                           "text/csv",
                                                           "text/calendar",
                                                           "text/javascript",
                                                           "application/javascript",
                                                           "application/json",
                                                           "image/svg+xml",
                                                           "application/xml"};
  return std::any_of(kTypes.begin(), kTypes.end(),
                     [&](std::string_view t) { return starts_with_ci(out.content_type, t); });
}

void encode_answer(std::string_view accept_encoding, HttpOut& out) {
  if (!compressible(out)) return;
  if (std::string* vary = out.header("Vary")) {
    *vary = vary->empty() ? "Accept-Encoding" : *vary + ", Accept-Encoding";
  } else {
    out.headers.emplace_back("Vary", "Accept-Encoding");
  }
  if (!accepts_gzip(accept_encoding)) return;
  DeflatedPiece all = deflate_piece(out.body);
  const DeflatedPiece* pieces[] = {&all};
  out.body = gzip_join(pieces);
  out.headers.emplace_back("Content-Encoding", "gzip");
  std::string* etag = out.header("ETag");
  if (etag && etag->size() >= 2 && etag->front() == '"' && etag->back() == '"') {
    etag->insert(etag->size() - 1, ".gz");
  }
}

DeflatedPiece deflate_piece(std::string_view text, Compression level) {
  DeflatedPiece p;
  p.size = text.size();
  p.crc = static_cast<std::uint32_t>(
      crc32_z(crc32_z(0, nullptr, 0), reinterpret_cast<const Bytef*>(text.data()), text.size()));
  z_stream& zs = deflater(level);
  if (deflateReset(&zs) != Z_OK) throw std::runtime_error("zlib: deflateReset failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  // deflateBound covers the blocks; a sync flush adds an empty stored block (5 bytes) at most.
  p.blocks.resize(deflateBound(&zs, static_cast<uLong>(text.size())) + 16);
  std::size_t used = 0;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(p.blocks.data() + used);
    zs.avail_out = static_cast<uInt>(p.blocks.size() - used);
    int rc = deflate(&zs, Z_SYNC_FLUSH);
    used = p.blocks.size() - zs.avail_out;
    if (rc != Z_OK && rc != Z_BUF_ERROR) throw std::runtime_error("zlib: deflate failed");
    if (zs.avail_out != 0) break;  // all input taken and flushed
    p.blocks.resize(p.blocks.size() * 2);
  }
  p.blocks.resize(used);
  return p;
}

std::string gzip_join(std::span<const DeflatedPiece* const> pieces) {
  static constexpr char kHeader[] = {'\x1f', '\x8b', 8, 0, 0, 0, 0, 0, 0, 3};  // deflate, Unix
  static constexpr char kLastBlock[] = {3, 0};  // an empty final block (fixed Huffman)
  std::size_t total = sizeof kHeader + sizeof kLastBlock + 8;
  for (const DeflatedPiece* p : pieces) total += p->blocks.size();
  std::string out;
  out.reserve(total);
  out.append(kHeader, sizeof kHeader);
  uLong crc = crc32_z(0, nullptr, 0);
  std::uint64_t size = 0;
  for (const DeflatedPiece* p : pieces) {
    out += p->blocks;
    crc = crc32_combine64(crc, p->crc, static_cast<z_off64_t>(p->size));
    size += p->size;
  }
  out.append(kLastBlock, sizeof kLastBlock);
  put_le32(out, static_cast<std::uint32_t>(crc));
  put_le32(out, static_cast<std::uint32_t>(size));  // ISIZE: the length modulo 2^32
  return out;
}

DeflatedParts deflate_around(std::string_view text, std::string_view slot, Compression level) {
  DeflatedParts d;
  std::size_t from = 0;
  while (true) {
    const void* hit =
        slot.empty() || from >= text.size()
            ? nullptr
            : memmem(text.data() + from, text.size() - from, slot.data(), slot.size());
    std::size_t at =
        hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - text.data()) : text.size();
    d.parts.push_back(deflate_piece(text.substr(from, at - from), level));
    if (!hit) return d;
    from = at + slot.size();
  }
}

}  // namespace dondoc::app::web
