// `dondoc explain ask --body B (--task N | --cycle C --period P) [--reason T]`, `dondoc explain
// answer --body B [--id N] --text T`, `dondoc explain list [--body B] [--json]`: explanation
// requests (yêu cầu giải trình, service/explanations.h) from the command line.
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "app/explanation_json.h"
#include "service/bodies.h"
#include "service/explanations.h"

namespace dondoc {
namespace {

std::string ref(std::int64_t id) { return explanation_ref(id); }

// The request's state as the secretariat says it ("open" -> "chưa trả lời", ...).
std::string state_vi(const std::string& state) {
  if (state == "answered") return "đã trả lời";
  if (state == "overdue") return "quá hạn, chưa trả lời";
  return "chưa trả lời";
}

std::string line_of(const service::ExplanationRequest& e) {
  std::string s = ref(e.id) + "  " + e.body_name + "  " + e.subject + "  hạn " +
                  format_date_vn(e.due) + "  " + state_vi(e.state);
  return e.answer.empty() ? s : s + "\n    " + e.answer;
}

int print(const cli::Args& args, cli::Io& io, const Result<service::ExplanationRequest>& r) {
  if (!r) return cli::bad_input(io, r.error());
  if (args.json()) {
    io.out << explanation_json(*r).dump() << "\n";
  } else {
    io.out << line_of(*r) << "\n";
  }
  return cli::kExitOk;
}

// Opens the database in the commune and resolves --body; runs `f(db, body, at)`.
template <class F>
int with_body(const cli::Args& args, cli::Io& io, F&& f) {
  std::string error;
  auto at = cli::now(args, io, error);
  if (!at) return cli::bad_input(io, error);
  auto body = args.option("body");
  if (!body) return cli::bad_input(io, "thiếu --body");
  Database db(cli::db_path(args));
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  auto id = service::body_id(db, *body);
  if (!id) return cli::bad_input(io, "--body: " + id.error());
  return print(args, io, f(db, *id, *at));
}

int run_ask(const cli::Args& args, cli::Io& io) {
  return with_body(args, io, [&](Database& db, const std::string& body, Instant at) {
    service::AskExplanation a;
    a.body = body;
    a.task = args.option("task").value_or("");
    a.cycle = args.option("cycle").value_or("");
    a.period = args.option("period").value_or("");
    a.reason = args.option("reason").value_or("");
    a.asked_by = "cli:" + args.option("by").value_or("operator");
    a.asker_body = args.option("from").value_or("");
    a.at = at;
    return service::ask_explanation(db, a);
  });
}

int run_answer(const cli::Args& args, cli::Io& io) {
  std::int64_t id = 0;
  if (auto raw = args.option("id")) {
    auto parsed = service::parse_explanation_ref(*raw);
    if (!parsed) return cli::bad_input(io, "--id: \"" + *raw + "\" không hợp lệ (ví dụ GT12)");
    id = *parsed;
  }
  auto text = args.option("text");
  if (!text) return cli::bad_input(io, "thiếu --text");
  return with_body(args, io, [&](Database& db, const std::string& body, Instant at) {
    return service::answer_explanation(db, body, id, *text,
                                       "cli:" + args.option("by").value_or("operator"), at);
  });
}

int run_list(const cli::Args& args, cli::Io& io) {
  std::string error;
  auto at = cli::now(args, io, error);
  if (!at) return cli::bad_input(io, error);
  Database db(cli::db_path(args), Database::Access::read_only);
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  std::string body = args.option("body").value_or("");
  if (!body.empty()) {
    auto id = service::body_id(db, body);
    if (!id) return cli::bad_input(io, "--body: " + id.error());
    body = *id;
  }
  auto list = service::list_explanations(db, body, Date{}, *parse_date("2999-12-31"), *at);
  if (!list) return cli::bad_input(io, list.error());
  if (args.json()) {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const auto& e : *list) j.push_back(explanation_json(e));
    io.out << j.dump() << "\n";
    return cli::kExitOk;
  }
  if (list->empty()) io.out << "Chưa có yêu cầu giải trình nào.\n";
  for (const auto& e : *list) io.out << line_of(e) << "\n";
  return cli::kExitOk;
}

const cli::Registration kAsk{"explain ask",
                             "explain ask --body B (--task N | --cycle C --period P) "
                             "[--reason TEXT] [--from BODY] [--now ISO] [--by WHO] [--json]",
                             &run_ask};
const cli::Registration kAnswer{
    "explain answer", "explain answer --body B [--id GT12] --text TEXT [--now ISO] [--json]",
    &run_answer};
const cli::Registration kList{"explain list", "explain list [--body B] [--json]", &run_list};

}  // namespace
}  // namespace dondoc
