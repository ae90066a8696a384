// The raw table of the files of app/web/assets/ compiled into the binary, generated at build time
// by cmake/embed_assets.cmake. Only app/web/assets.cc reads it; everyone else calls find_asset.
#pragma once

#include <cstddef>
#include <span>

namespace dondoc::app::web {

struct EmbeddedAsset {
  const char* name;    // file name, "dondoc.css"
  const char* data;    // its bytes (NUL-terminated for convenience, not part of size)
  std::size_t size;    // number of bytes
  const char* sha256;  // lowercase hex of the bytes' SHA-256
};

std::span<const EmbeddedAsset> embedded_assets();

}  // namespace dondoc::app::web
