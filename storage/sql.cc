// The parts of storage/sql.h both implementations share: owned column values and their
// conversions (SQLite's rules), one-line queries, and telling a PostgreSQL URL from a file path.
#include "storage/sql.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace dondoc::sql {

Column Column::of_int(std::int64_t v) {
  Column c;
  c.type_ = Type::integer;
  c.int_ = v;
  return c;
}

Column Column::of_double(double v) {
  Column c;
  c.type_ = Type::real;
  c.real_ = v;
  return c;
}

Column Column::of_text(std::string v) {
  Column c;
  c.type_ = Type::text;
  c.text_ = std::move(v);
  return c;
}

Column Column::of_blob(std::string bytes) {
  Column c;
  c.type_ = Type::blob;
  c.text_ = std::move(bytes);
  return c;
}

// Text read as a number the way SQLite casts it: the longest numeric prefix, 0 when there is none.
std::int64_t Column::as_int64() const {
  switch (type_) {
    case Type::integer:
      return int_;
    case Type::real:
      return static_cast<std::int64_t>(real_);
    case Type::text:
    case Type::blob: {
      if (text_ == "t" || text_ == "true") return 1;  // a PostgreSQL boolean
      const char* s = text_.c_str();
      char* end = nullptr;
      long long v = std::strtoll(s, &end, 10);
      if (end != s && (*end == '.' || *end == 'e' || *end == 'E')) {
        return static_cast<std::int64_t>(std::strtod(s, nullptr));
      }
      return end == s ? 0 : static_cast<std::int64_t>(v);
    }
    case Type::null:
      break;
  }
  return 0;
}

double Column::as_double() const {
  switch (type_) {
    case Type::integer:
      return static_cast<double>(int_);
    case Type::real:
      return real_;
    case Type::text:
    case Type::blob:
      return std::strtod(text_.c_str(), nullptr);
    case Type::null:
      break;
  }
  return 0;
}

std::string Column::text() const {
  switch (type_) {
    case Type::integer:
      return std::to_string(int_);
    case Type::real: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.15g", real_);
      std::string s = buf;
      if (std::isfinite(real_) && s.find_first_of(".eEn") == std::string::npos) s += ".0";
      return s;
    }
    case Type::text:
    case Type::blob:
      return text_;
    case Type::null:
      break;
  }
  return {};
}

Column Connection::exec_and_get(const std::string& sql) {
  Statement st(prepare(sql));
  return st.step() ? st.column(0) : Column();
}

bool is_postgresql_url(std::string_view target) {
  return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

}  // namespace dondoc::sql
