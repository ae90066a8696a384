// The overview's large tables' rows as HTML (app/web/overview_rows.h).
#include "app/web/overview_rows.h"

#include "app/web/parse.h"
#include "app/web/svg.h"
#include "app/web/view.h"

namespace dondoc::app::web {
namespace {

void body_row(std::string& out, const Request& r, const service::BodyLine& b,
              const std::vector<std::string>& keys) {
  out += "      <tr data-body=\"";
  append_escaped(out, b.body);
  out += "\">\n        <td class=\"body-name\"><a href=\"";
  append_escaped(out, r.url("/co-quan/" + b.body));
  out += "\">";
  append_escaped(out, b.name);
  out += "</a><div class=\"body-bar\">";
  out += stacked_bar(b.name, segments_of(b.counts), 240);
  out += "</div></td>\n        ";
  for (const auto& key : keys) {
    out += "<td class=\"num\" data-key=\"";
    append_escaped(out, key);
    out += "\">";
    out += std::to_string(count_of(b.counts, key));
    out += "</td>";
  }
  out += "\n        <td class=\"num\">";
  append_escaped(out, percent(b.counts.on_time_rate));
  out += "</td>\n        <td>";
  append_escaped(out, b.last_reply ? vn_time(*b.last_reply) : "—");
  out += "</td>\n        <td>";
  out += b.linked_chats > 0 ? "Đã liên kết" : "<span class=\"tone-red\">Chưa liên kết</span>";
  out += "</td>\n      </tr>\n";
}

}  // namespace

int count_of(const service::Counts& c, const std::string& key) {
  if (key == "overdue") return c.overdue;
  if (key == "done_on_time") return c.done_on_time;
  if (key == "done_late") return c.done_late;
  if (key == "in_progress") return c.in_progress;
  if (key == "not_started") return c.not_started;
  if (key == "blocked") return c.blocked;
  if (key == "extension_requested") return c.extension_requested;
  return 0;
}

void append_escaped(std::string& out, std::string_view text) {
  std::size_t from = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* entity = nullptr;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&apos;";
        break;
      default:
        continue;
    }
    out.append(text, from, i - from).append(entity);
    from = i + 1;
  }
  out.append(text, from, std::string_view::npos);
}

std::string body_rows_html(const Request& r, const std::vector<service::BodyLine>& bodies,
                           const std::vector<std::string>& keys) {
  std::string out;
  out.reserve(bodies.size() * 1400);
  for (const auto& b : bodies) body_row(out, r, b, keys);
  return out;
}

std::string grid_rows_html(const Request& r, const service::ReportGrid& grid, bool can_ask) {
  std::string out;
  out.reserve(grid.rows.size() * 900);
  std::string ask;
  for (const auto& row : grid.rows) {
    out += "<tr><td>";
    append_escaped(out, row.name);
    out += "</td>";
    if (can_ask) {
      ask.clear();
      append_escaped(ask, r.url("/giai-trinh?body=") + url_encode(row.body) +
                              "&cycle=" + url_encode(grid.cycle) + "&period=");
    }
    for (const auto& c : row.cells) {
      out += "<td class=\"report-";
      append_escaped(out, c.state);
      out += "\" title=\"Hạn ";
      append_escaped(out, vn_date(c.due));
      out += "\">";
      append_escaped(out, c.state_vi);
      if (can_ask && c.state == "missing") {
        std::string period = url_encode(c.period);
        out += "\n      <a class=\"ask-explanation\" href=\"";
        out.append(ask);
        append_escaped(out, period);
        out += "\" hx-get=\"";
        out.append(ask);
        append_escaped(out, period);
        out += "\">Yêu cầu giải trình</a>";
      }
      out += "</td>";
    }
    out += "</tr>";
  }
  return out;
}

}  // namespace dondoc::app::web
