// Server-drawn SVG charts: the stacked bar of a body's buckets and the on-time rate chart.
#include "app/web/svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace dondoc::app::web {
namespace {

constexpr int kBarHeight = 28;
constexpr int kMinLabelWidth = 22;  // a segment narrower than this shows its count only as tooltip

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}

std::string aria_of(std::string_view name, std::span<const Segment> segments) {
  std::string out = std::string(name) + ": ";
  bool first = true;
  for (const Segment& s : segments) {
    if (s.count <= 0) continue;
    out += (first ? "" : ", ") + std::to_string(s.count) + " " + s.label;
    first = false;
  }
  if (first) out += "chưa có nhiệm vụ";
  return out;
}

std::string rect(int x, int y, int w, int h, std::string_view fill) {
  return "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
         std::to_string(w) + "\" height=\"" + std::to_string(h) + "\" fill=\"" + std::string(fill) +
         "\">";
}

std::string text(double x, int y, std::string_view anchor, std::string_view fill,
                 std::string_view body) {
  return "<text x=\"" + num(x) + "\" y=\"" + std::to_string(y) + "\" text-anchor=\"" +
         std::string(anchor) + "\" fill=\"" + std::string(fill) + "\">" + xml_escape(body) +
         "</text>";
}

std::string svg_open(int width, int height, std::string_view aria) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 " +
         std::to_string(width) + " " + std::to_string(height) + "\" width=\"" +
         std::to_string(width) + "\" height=\"" + std::to_string(height) + "\" aria-label=\"" +
         xml_escape(aria) + "\" font-family=\"system-ui, sans-serif\" font-size=\"13\">";
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string_view colour_of(std::string_view key) {
  if (key == "done_on_time") return "#2e7d32";
  if (key == "done_late") return "#e67e00";
  if (key == "in_progress") return "#1565c0";
  if (key == "overdue") return "#c62828";
  if (key == "blocked") return "#6a1b9a";
  if (key == "extension_requested") return "#00838f";
  return "#8a8f98";  // not_started and anything else
}

std::vector<int> segment_widths(std::span<const Segment> segments, int width) {
  std::vector<int> out(segments.size(), 0);
  long total = 0;
  for (const Segment& s : segments) total += std::max(0, s.count);
  if (total == 0 || width <= 0) return out;
  std::vector<std::pair<long, std::size_t>> remainders;  // (remainder, index)
  int used = 0;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    long scaled = static_cast<long>(std::max(0, segments[i].count)) * width;
    out[i] = static_cast<int>(scaled / total);
    used += out[i];
    remainders.push_back({scaled % total, i});
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; used < width && k < remainders.size(); ++k, ++used) {
    ++out[remainders[k].second];
  }
  return out;
}

std::string stacked_bar(std::string_view name, std::span<const Segment> segments, int width) {
  std::string aria = aria_of(name, segments);
  std::string out = svg_open(width, kBarHeight, aria) + "<title>" + xml_escape(aria) + "</title>";
  std::vector<int> widths = segment_widths(segments, width);
  if (std::accumulate(widths.begin(), widths.end(), 0) == 0) {
    out += rect(0, 0, width, kBarHeight, "#eef1f5") + "</rect>";
    out += text(width / 2.0, 18, "middle", "#59616b", "Chưa có nhiệm vụ");
    return out + "</svg>";
  }
  int x = 0;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (widths[i] == 0) continue;
    const Segment& s = segments[i];
    out += "<g class=\"s-" + xml_escape(s.key) + "\">";
    out += rect(x, 0, widths[i], kBarHeight, colour_of(s.key));
    out += "<title>" + xml_escape(s.label) + ": " + std::to_string(s.count) + "</title></rect>";
    if (widths[i] >= kMinLabelWidth) {
      out += text(x + widths[i] / 2.0, 18, "middle", "#ffffff", std::to_string(s.count));
    }
    out += "</g>";
    x += widths[i];
  }
  return out + "</svg>";
}

std::string rate_chart(std::span<const RateBar> bars, int width) {
  constexpr int kRow = 26, kLabel = 280, kValue = 56;  // kLabel: a long body name fits
  int track = std::max(40, width - kLabel - kValue);
  int height = std::max(1, static_cast<int>(bars.size())) * kRow;
  std::string out = svg_open(width, height, "Tỷ lệ hoàn thành đúng hạn theo cơ quan");
  out += "<title>Tỷ lệ hoàn thành đúng hạn theo cơ quan</title>";
  if (bars.empty()) return out + text(0, 17, "start", "#59616b", "Chưa có cơ quan") + "</svg>";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const RateBar& b = bars[i];
    int y = static_cast<int>(i) * kRow;
    std::string value = b.rate ? num(std::clamp(*b.rate, 0.0, 1.0) * 100) + "%" : "—";
    out += "<g>" + text(kLabel - 8, y + 17, "end", "#1b1f24", b.name);
    out += rect(kLabel, y + 4, track, kRow - 8, "#eef1f5") + "</rect>";
    if (b.rate) {
      int w = static_cast<int>(std::lround(std::clamp(*b.rate, 0.0, 1.0) * track));
      out += rect(kLabel, y + 4, w, kRow - 8, colour_of("done_on_time"));
      out += "<title>" + xml_escape(b.name) + ": " + value + " đúng hạn</title></rect>";
    }
    out += text(kLabel + track + 6, y + 17, "start", "#1b1f24", value) + "</g>";
  }
  return out + "</svg>";
}

}  // namespace dondoc::app::web
