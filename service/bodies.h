// Finding the body a person means: `--body` on the command line and (next) the pages accept a
// body's id, its name or an alias, with or without diacritics. Reads only. Call from the thread
// that owns the Database.
#pragma once

#include <string>
#include <string_view>

#include "rules/result.h"
#include "storage/database.h"

namespace dondoc::service {

// The id of the one body `text` names; an error in Vietnamese naming the text otherwise.
Result<std::string> body_id(Database& db, std::string_view text);

}  // namespace dondoc::service
