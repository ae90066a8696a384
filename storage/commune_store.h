// Communes (xã, phường, đặc khu) in one database: the records every scoped table's `commune` column
// points at. Listing and lookup by id for the CLI and the service layer; adding and renaming inside
// the caller's transaction when there is one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace dondoc {

struct Commune {
  std::int64_t key = 0;  // communes.key: what scoped rows store
  std::string id;        // "truong_giang": what users type
  std::string name;      // "Xã Trường Giang"
  std::string created_at;
  std::string settings = "{}";  // JSON object
};

std::vector<Commune> list_communes(Database& db);  // by id
std::optional<Commune> find_commune(Database& db, std::string_view id);
std::optional<Commune> commune_by_key(Database& db, std::int64_t key);
// Adds a commune; returns its key. Throws when the id exists (check with find_commune first).
std::int64_t add_commune(Database& db, std::string_view id, std::string_view name,
                         std::string_view at_iso);
// Replaces a commune's settings (a JSON object's text). False when `key` is unknown.
bool set_commune_settings(Database& db, std::int64_t key, std::string_view settings_json);
// Changes a commune's id and name (same key, so its rows follow). False when `key` is unknown.
bool rename_commune(Database& db, std::int64_t key, std::string_view new_id,
                    std::string_view new_name);

}  // namespace dondoc
