// Compressed answers: a page, a JSON answer, the CSS or htmx is sent gzip-compressed to a client
// that accepts it (every browser does), one tenth of the bytes over a commune's mobile data and
// through the server's socket. Compressed off the io thread (the web reader or a worker): what is
// compressed at every answer at zlib's fastest level (the dashboard's HTML: 10-15x at ~500 MB/s),
// a memoised page once at its default level (Compression below).
// Pure; any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/server.h"

namespace dondoc::app::web {

// Whether an Accept-Encoding header value lets the answer be gzip: a "gzip" (or "*") coding
// without q=0 (RFC 9110 §12.5.3; names and parameters case-insensitive). "" is false.
bool accepts_gzip(std::string_view accept_encoding);

// Whether out is text worth compressing: HTML, CSS, JavaScript, JSON, SVG, CSV, calendars, plain
// text (not images, PDF or the ZIP-based XLSX/DOCX, which are compressed already), of at least
// kMinCompressed bytes, with no Content-Encoding yet.
bool compressible(const HttpOut& out);
inline constexpr std::size_t kMinCompressed = 1024;

// Adds `Vary: Accept-Encoding` to a compressible answer and, when the client accepts gzip,
// replaces its body with the gzip of it (Content-Encoding: gzip; a strong ETag "X" becomes
// "X.gz", the variant's own).
void encode_answer(std::string_view accept_encoding, HttpOut& out);

// A text compressed on its own, to be joined with others into one gzip answer (gzip_join): a
// memoised page is compressed once, and each request compresses only what differs from one
// request to the next (the layout around it, the CSRF token in its slots). The pieces share no
// back-references, so each costs its own compression only.
struct DeflatedPiece {
  std::string blocks;      // raw DEFLATE blocks, none final, ending on a byte boundary
  std::uint32_t crc = 0;   // the text's CRC-32
  std::uint64_t size = 0;  // the text's length
};
// fast: zlib's level 1, for what is compressed at every request (~500 MB/s on the dashboard's
// HTML); thorough: zlib's default level 6, for what is compressed once and sent many times (a
// memoised page: a fifth fewer bytes than level 1, at a few times its cost).
enum class Compression { fast, thorough };
DeflatedPiece deflate_piece(std::string_view text, Compression level = Compression::fast);
// One gzip member (RFC 1952) whose text is the pieces' texts in order.
std::string gzip_join(std::span<const DeflatedPiece* const> pieces);

// text cut at each occurrence of `slot`, each part deflated: parts.size() is the number of slots
// plus one. A memoised page's content with its CSRF slots.
struct DeflatedParts {
  std::vector<DeflatedPiece> parts;
};
DeflatedParts deflate_around(std::string_view text, std::string_view slot,
                             Compression level = Compression::fast);

}  // namespace dondoc::app::web
