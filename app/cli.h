// The command-line front: argument parsing shared by every command and a registry that each
// app/cmd_*.cc file adds its commands to at static-initialisation time. Main thread only.
#pragma once

#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ports.h"
#include "storage/commune_store.h"
#include "storage/database.h"

namespace dondoc::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;

// Parsed arguments of one command. `--name value` and `--name=value` are options; the names in
// kFlags are value-less flags. Options may appear anywhere, before or after the command words.
struct Args {
  std::vector<std::string> positional;                      // after the command words
  std::map<std::string, std::string, std::less<>> options;  // "db" -> "file.db" (no dashes)
  std::set<std::string, std::less<>> flags;                 // "json", "force", ...

  bool flag(std::string_view name) const { return flags.count(name) > 0; }
  std::optional<std::string> option(std::string_view name) const;
  bool json() const { return flag("json"); }
};

// Flags that never take a value.
inline const std::set<std::string, std::less<>> kFlags = {
    "json", "force",   "demo",           "overdue",     "no-scheduler", "help",
    "once", "verbose", "password-stdin", "no-telegram", "no-zalo"};

// Where a command writes, and the clock it reads the time from (app/system_clock.h in main()).
struct Io {
  std::ostream& out;
  std::ostream& err;
  const Clock& clock;
};

// A command returns its exit code: kExitOk, kExitBadInput (nothing changed) or kExitInternal.
using CommandFn = int (*)(const Args& args, Io& io);

// Registers `words` ("import tasks", "parse deadline", "tick") with a one-line usage string.
// Use at namespace scope: `const cli::Registration kReg{"tick", "tick --now ISO [--json]", &run};`
// The usage is also the list of options the command accepts: every `--name` in it ("-o" for
// --output), --db, --commune and --help; `more_options` names those a short usage leaves out.
// Any other option is refused (exit 2) before the command runs.
struct Registration {
  Registration(std::string words, std::string usage, CommandFn fn,
               std::vector<std::string> more_options = {});
};

// Splits argv into command words + Args, finds the longest registered command and runs it.
// Catches exceptions (internal error, exit 1) so no command escapes with a stack trace.
int run(int argc, char** argv, Io& io);

// The database path: --db, else $DONDOC_DB, else "dondoc.db" in the working directory.
// Commands that only list open it Database::Access::read_only (they work on a read-only file or
// mount); a DatabaseUnusable escaping a command becomes exit 2 with its message.
std::string db_path(const Args& args);
// Whether the database is there to be read: the file exists, or it names a PostgreSQL server
// (whether that answers is found by opening it).
bool database_exists(const std::string& path);

// The commune the command acts on: --commune ID, else the database's only commune. nullopt after
// printing why (unknown id, none yet, several: they are listed). The caller then holds
// `CommuneScope scope(db, c->key)` for as long as it works on the commune.
std::optional<Commune> commune(const Args& args, Io& io, Database& db);

// Helpers for commands: write an error line "dondoc: message" to io.err and return kExitBadInput.
int bad_input(Io& io, std::string_view message);
// Reads a whole file; nullopt and a message on failure or when larger than max_bytes.
std::optional<std::string> read_file(const std::string& path, std::size_t max_bytes,
                                     std::string& error);
// The moment a command acts at: `--now ISO` when given, else io.clock. nullopt and a message
// naming the option when --now is malformed.
std::optional<Instant> now(const Args& args, const Io& io, std::string& error);
// Parses an integer option whole (std::from_chars: no sign but '-', no spaces, no trailing text)
// into [min, max]. nullopt when absent; nullopt and a message naming the option and the range in
// `error` when malformed or out of range (the caller exits 2, nothing changed).
std::optional<int> int_option(const Args& args, std::string_view name, int min, int max,
                              std::string& error);

}  // namespace dondoc::cli
