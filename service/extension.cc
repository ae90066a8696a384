#include "service/extension.h"

namespace dondoc::service {

Result<CommandOutcome> decide_extension(Database& db, const ExtensionDecision& d) {
  Command c;
  c.kind = d.approve ? Command::Kind::approve_extension : Command::Kind::reject_extension;
  c.task = d.task;
  c.body = d.body;
  c.cycle = d.cycle;
  c.period = d.period;
  c.at = d.at;
  c.source = "approval:" + (d.by.empty() ? std::string("secretariat") : d.by);
  return apply(db, c);
}

}  // namespace dondoc::service
