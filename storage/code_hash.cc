#include "storage/code_hash.h"

#include <sodium.h>
#include <sqlite3.h>

#include "storage/sql_sqlite.h"

#include <array>
#include <cctype>
#include <stdexcept>

namespace dondoc {
namespace {

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

void sql_code_hash(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  if (argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  std::string hash = link_code_hash(
      std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_text(ctx, hash.c_str(), static_cast<int>(hash.size()), SQLITE_TRANSIENT);
}

}  // namespace

std::string link_code_hash(std::string_view code) {
  ensure_sodium();
  std::string upper(code);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(upper.data()), upper.size(), nullptr,
                     0);
  std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  sodium_memzero(upper.data(), upper.size());
  return std::string(hex.data(), digest.size() * 2);
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  ensure_sodium();
  if (a.size() != b.size()) return false;
  return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void register_code_hash_function(sql::Connection& db) {
  sqlite3* handle = sql::sqlite_handle(db);
  if (handle == nullptr) return;  // SQLite's migrations are the only ones that call it
  int rc =
      sqlite3_create_function(handle, "dondoc_code_hash", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                              nullptr, &sql_code_hash, nullptr, nullptr);
  if (rc != SQLITE_OK) throw std::runtime_error("could not register dondoc_code_hash");
}

}  // namespace dondoc
