#include "service/import_rules.h"

#include <algorithm>
#include <functional>

#include "rules/rules_file.h"
#include "storage/rules_store.h"

namespace dondoc::service {

RulesLoad import_rules(Database& db, std::string_view text, std::string_view source, Instant now) {
  RulesLoad out;
  WriteTransaction tx(db);
  std::vector<std::string> ids = body_ids(db);  // sorted
  out.body_table_empty = ids.empty();
  std::function<bool(std::string_view)> known = [&ids](std::string_view id) {
    return std::binary_search(ids.begin(), ids.end(), id);
  };
  RulesParse parsed = parse_rules(text, &known);
  if (!parsed.ok()) {
    out.errors = std::move(parsed.errors);
    return out;  // the transaction rolls back: nothing was written
  }
  out.version = store_rules(db, text, source, format_instant(now));
  tx.commit();
  return out;
}

}  // namespace dondoc::service
