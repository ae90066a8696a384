// The tables whose changes give a commune a new view stamp (migration 181 on both stores): what
// the dashboard's cached snapshot and memoised pages are computed from, besides the configuration
// tables that already stamp their changes in config_stamps (migration 105). Frozen with migration
// 181: a table added later gets its triggers in its own migration (tests/storage/view_stamp_test.cc
// names every table of the schema, stamped or not, and fails on one it does not know).
#pragma once

namespace dondoc::view_stamps {

// How a row names its commune: its `commune` column, its `key` (the communes table), or not at
// all (a deployment-wide row: commune 0, which every commune's stamp includes).
enum class Scope { commune_column, key_column, deployment };

struct Table {
  const char* name;
  Scope scope;
  // engine_meta: its last_tick row changes at every tick and no view reads it.
  bool skip_last_tick;
};

inline constexpr Table kTables181[] = {
    {"api_tokens", Scope::commune_column, false},
    {"audit", Scope::commune_column, false},
    {"body_report_attachments", Scope::commune_column, false},
    {"body_report_versions", Scope::commune_column, false},
    {"body_reports", Scope::commune_column, false},
    {"chat_links", Scope::commune_column, false},
    {"communes", Scope::key_column, false},
    {"engine_meta", Scope::commune_column, true},
    {"engine_obligations", Scope::commune_column, false},
    {"explanation_requests", Scope::commune_column, false},
    {"feed_tokens", Scope::commune_column, false},
    {"indicator_values", Scope::commune_column, false},
    {"link_codes", Scope::commune_column, false},
    {"province_settings", Scope::deployment, false},
    {"send_log", Scope::commune_column, false},
    {"users", Scope::commune_column, false},
};

}  // namespace dondoc::view_stamps
