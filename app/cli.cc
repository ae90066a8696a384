#include "app/cli.h"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "service/communes.h"
#include "storage/database.h"

namespace dondoc::cli {
namespace {

struct Entry {
  std::string usage;
  CommandFn fn;
  std::set<std::string, std::less<>> options;  // without the dashes
};

// Every `--name` of a usage line, and "output" for its `-o`.
std::set<std::string, std::less<>> options_of(const std::string& usage) {
  std::set<std::string, std::less<>> out{"db", "commune", "help"};
  for (std::size_t i = usage.find('-'); i != std::string::npos; i = usage.find('-', i + 1)) {
    bool word_start = i == 0 || usage[i - 1] == ' ' || usage[i - 1] == '[' || usage[i - 1] == '(' ||
                      usage[i - 1] == '|';
    if (!word_start) continue;
    if (usage.compare(i, 3, "-o ") == 0) out.insert("output");
    if (usage.compare(i, 2, "--") != 0) continue;
    std::size_t end = i + 2;
    while (end < usage.size() &&
           (std::islower(static_cast<unsigned char>(usage[end])) != 0 ||
            std::isdigit(static_cast<unsigned char>(usage[end])) != 0 || usage[end] == '-')) {
      ++end;
    }
    if (end > i + 2) out.insert(usage.substr(i + 2, end - i - 2));
    i = end - 1;
  }
  return out;
}

// The first option or flag given that the command does not take.
std::optional<std::string> unknown_option(const Entry& e, const Args& args) {
  for (const auto& [name, value] : args.options) {
    if (e.options.count(name) == 0) return name;
  }
  for (const auto& name : args.flags) {
    if (e.options.count(name) == 0) return name;
  }
  return std::nullopt;
}

std::map<std::string, Entry, std::less<>>& registry() {
  static std::map<std::string, Entry, std::less<>> r;
  return r;
}

void print_usage(std::ostream& os) {
  os << "dondoc: đôn đốc thực hiện kế hoạch hành động.\n"
        "Cách dùng: dondoc [--db FILE] [--commune ID] <lệnh> ... [--json]\n"
        "  --commune ID: xã (phường, đặc khu) lệnh làm việc với; không cần khi cơ sở dữ liệu chỉ "
        "có một xã.\n\nCác lệnh:\n";
  for (const auto& [words, entry] : registry()) os << "  dondoc " << entry.usage << "\n";
}

}  // namespace

Registration::Registration(std::string words, std::string usage, CommandFn fn,
                           std::vector<std::string> more_options) {
  auto options = options_of(usage);
  options.insert(more_options.begin(), more_options.end());
  registry()[std::move(words)] = Entry{std::move(usage), fn, std::move(options)};
}

std::optional<std::string> Args::option(std::string_view name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

int bad_input(Io& io, std::string_view message) {
  io.err << "dondoc: " << message << "\n";
  return kExitBadInput;
}

bool database_exists(const std::string& path) {
  if (sql::is_postgresql_url(path)) return true;
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

std::string db_path(const Args& args) {
  if (auto db = args.option("db")) return *db;
  if (const char* env = std::getenv("DONDOC_DB"); env != nullptr && *env != '\0') return env;
  return "dondoc.db";
}

std::optional<Commune> commune(const Args& args, Io& io, Database& db) {
  auto c = service::pick_commune(db, args.option("commune"));
  if (!c) {
    bad_input(io, c.error());
    return std::nullopt;
  }
  return *c;
}

std::optional<std::string> read_file(const std::string& path, std::size_t max_bytes,
                                     std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": không mở được tệp (cannot open file)";
    return std::nullopt;
  }
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size < 0) {
    error = path + ": không đọc được tệp (cannot read file)";
    return std::nullopt;
  }
  if (static_cast<std::size_t>(size) > max_bytes) {
    error = path + ": tệp quá lớn (" + std::to_string(size) + " byte, tối đa " +
            std::to_string(max_bytes) + ")";
    return std::nullopt;
  }
  in.seekg(0);
  std::string data(static_cast<std::size_t>(size), '\0');
  in.read(data.data(), size);
  if (!in) {
    error = path + ": không đọc được tệp (cannot read file)";
    return std::nullopt;
  }
  return data;
}

std::optional<int> int_option(const Args& args, std::string_view name, int min, int max,
                              std::string& error) {
  auto v = args.option(name);
  if (!v) return std::nullopt;
  int n = 0;
  const char* end = v->data() + v->size();
  auto [ptr, ec] = std::from_chars(v->data(), end, n);
  if (v->empty() || ec != std::errc() || ptr != end || n < min || n > max) {
    error = "--" + std::string(name) + ": cần một số nguyên từ " + std::to_string(min) + " đến " +
            std::to_string(max) + ", không phải \"" + *v + "\"";
    return std::nullopt;
  }
  return n;
}

std::optional<Instant> now(const Args& args, const Io& io, std::string& error) {
  auto text = args.option("now");
  if (!text) return io.clock.now();
  auto t = parse_instant(*text);
  if (!t) error = "--now: thời điểm không hợp lệ \"" + *text + "\" (YYYY-MM-DDTHH:MM+07:00)";
  return t;
}

int run(int argc, char** argv, Io& io) {
  Args args;
  std::vector<std::string> words;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string name = a.substr(2);
      if (auto eq = name.find('='); eq != std::string::npos) {
        args.options[name.substr(0, eq)] = name.substr(eq + 1);
      } else if (kFlags.count(name) > 0) {
        args.flags.insert(name);
      } else if (i + 1 < argc) {
        args.options[name] = argv[++i];
      } else {
        return bad_input(io, "tùy chọn --" + name + " cần một giá trị (option needs a value)");
      }
    } else {
      words.push_back(std::move(a));
    }
  }
  if (words.empty() || args.flag("help")) {
    print_usage(words.empty() && !args.flag("help") ? io.err : io.out);
    return words.empty() && !args.flag("help") ? kExitBadInput : kExitOk;
  }
  // Longest registered prefix of the words wins: "calendar import" before "calendar".
  for (std::size_t n = std::min<std::size_t>(words.size(), 3); n > 0; --n) {
    std::string key = words[0];
    for (std::size_t k = 1; k < n; ++k) key += " " + words[k];
    auto it = registry().find(key);
    if (it == registry().end()) continue;
    args.positional.assign(words.begin() + static_cast<long>(n), words.end());
    if (auto bad = unknown_option(it->second, args)) {
      return bad_input(io, "tùy chọn --" + *bad + " không dùng với lệnh \"" + key +
                               "\" (unknown option); cách dùng: dondoc " + it->second.usage);
    }
    try {
      return it->second.fn(args, io);
    } catch (const DatabaseUnusable& e) {  // read-only, missing, another version: nothing changed
      return bad_input(io, e.what());
    } catch (const std::exception& e) {
      io.err << "dondoc: lỗi nội bộ (internal error): " << e.what() << "\n";
      return kExitInternal;
    }
  }
  io.err << "dondoc: lệnh không rõ (unknown command): " << words[0] << "\n";
  print_usage(io.err);
  return kExitBadInput;
}

}  // namespace dondoc::cli
