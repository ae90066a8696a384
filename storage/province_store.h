// The deployment's own settings (table province_settings, migration 160): today the province's
// name, which heads the province report. Unscoped (no commune). service/province_report and the
// CLI's `province set`; the thread that owns the Database.
#pragma once

#include <string>
#include <string_view>

#include "storage/database.h"

namespace dondoc {

// "Tỉnh Quảng Nam" as set by `dondoc province set --name`; "" when never set.
std::string province_name(Database& db);
void set_province_name(Database& db, std::string_view name);

}  // namespace dondoc
