// The parts of the PostgreSQL implementation of storage/sql.h (storage/sql_pg.cc) that tests
// check directly: the placeholder rewriting and the SQLSTATE classification. Only storage/ and its
// tests include this header; open_postgresql() itself is declared in storage/sql.h.
#pragma once

#include <string>
#include <string_view>

#include "storage/sql.h"

namespace dondoc::sql::pg {

// `?` (numbered after the largest index so far, as SQLite numbers it) and `?N` become `$N`,
// outside string literals, quoted identifiers, dollar-quoted bodies and comments. *count is set to
// the largest parameter index used (0 for none).
std::string rewrite_placeholders(std::string_view sql, int* count);

// The kind a SQLSTATE maps to: 23xxx constraint; 40001, 40P01, 55P03 busy; 08xxx connection;
// 53xxx, 58xxx, 25006, 42501 storage_fault; anything else other.
ErrorKind kind_of_sqlstate(std::string_view state);

// A SQLSTATE packed as PostgreSQL's MAKE_SQLSTATE does: six bits per character, into 30 bits.
int pack_sqlstate(std::string_view state);

// The URL with its password removed (user:secret@ -> user@, password=… dropped), for messages.
std::string url_without_password(std::string_view url);

}  // namespace dondoc::sql::pg
