// The recorded obligation states a chat's reply needs, added to an EngineState that
// SqliteEngineStore::load_for_body("") loaded without states (storage/engine_store.cc). A reply
// naming one task needs only that task's states; reading all the body's (hundreds of rows on as
// many pages, in a province each reply in another commune) is what made a province's replies
// read pages that one commune's find in the cache. The thread that owns the Database.
#pragma once

#include <string>

#include "engine/state.h"
#include "storage/database.h"

namespace dondoc {

// Adds the current commune's states that compute_body_obligations needs for `body` (nothing when
// body is ""): with `task` only those a command on that task needs (its own states of the task,
// and its leads' where they count: a one-off task's closing, the extension a coordinator
// follows), else all the body's (load_for_body's; a report cycle's reporters depend on every
// one-off task). A state already in `st` is kept: the caller's own changes, applied with
// apply_batch, stay.
void load_body_states(Database& db, EngineState& st, const std::string& body,
                      const std::string* task);

}  // namespace dondoc
