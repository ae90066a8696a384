// Charts drawn on the server as SVG text: a body's tasks as one horizontal bar stacked by the
// tracking's buckets, and the on-time rate of each body as a bar chart. Pure functions from
// numbers and names to an escaped SVG string (inline in a page or served as image/svg+xml);
// any thread. The colours are dondoc.css's (app/web/assets/), one colour code everywhere.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "service/dashboard.h"

namespace dondoc::app::web {

// One bucket of a stacked bar: its key is the CSS class suffix (service::to_string(Standing)).
struct Segment {
  std::string key;    // "done_on_time", ...
  std::string label;  // "Hoàn thành đúng hạn", ...
  int count = 0;
};

// The five buckets of `c` in the tracking's order, labelled in Vietnamese (service::label_vi).
std::vector<Segment> segments_of(const service::Counts& c);

// The fill colour of a bucket key ("#2e7d32"); grey for an unknown key.
std::string_view colour_of(std::string_view key);

// Pixel widths of the segments on a bar `width` wide: proportional to the counts, summing to
// exactly `width` when any count is positive (largest remainder), all 0 when none is.
// Requires: width >= 0; negative counts are taken as 0.
std::vector<int> segment_widths(std::span<const Segment> segments, int width);

// <svg role="img" aria-label="NAME: 3 Hoàn thành đúng hạn, …"> one bar, each segment a <rect>
// with a <title> tooltip and its count as text when wide enough; "Chưa có nhiệm vụ" when empty.
std::string stacked_bar(std::string_view name, std::span<const Segment> segments, int width = 480);

struct RateBar {
  std::string name;            // the body's name
  std::optional<double> rate;  // 0..1; nullopt: nothing fell due yet
};
// One row per body: its name, a bar for the on-time rate and the percentage ("—" without one).
std::string rate_chart(std::span<const RateBar> bars, int width = 640);

// Text made safe for SVG/XML content and attribute values (& < > " ').
std::string xml_escape(std::string_view text);

}  // namespace dondoc::app::web
