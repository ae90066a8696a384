// One-time link codes are stored as hashes, never in plain (issue 13 item 5): the hash of a code
// as a user types it (upper-cased), compared in constant time, and the same hash as the SQL
// function dondoc_code_hash(code) that migration 64 uses to move old plaintext codes. Any thread.
#pragma once

#include <string>
#include <string_view>

namespace dondoc::sql {
class Connection;
}  // namespace dondoc::sql

namespace dondoc {

// BLAKE2b-256 (libsodium crypto_generichash) of the code upper-cased, as 64 lower-case hex digits.
std::string link_code_hash(std::string_view code);

// True when a and b are equal, in time that depends only on their length (sodium_memcmp).
bool equal_in_constant_time(std::string_view a, std::string_view b);

// Registers dondoc_code_hash(text) -> link_code_hash(text) on an SQLite connection (for its
// migrations); does nothing on another.
void register_code_hash_function(sql::Connection& db);

}  // namespace dondoc
