#include "service/communes.h"

#include <nlohmann/json.hpp>

#include "engine/kinds.h"

namespace dondoc::service {
namespace {

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '_' && c != '-'))) return false;
  }
  return true;
}

std::string bad_id(const std::string& id) {
  return "Mã xã \"" + id +
         "\" không hợp lệ: dùng 1-64 ký tự a-z, 0-9, _ hoặc -, bắt đầu bằng chữ hoặc số "
         "(ví dụ: truong_giang).";
}

void audit(Database& db, const Commune& c, std::string_view kind, std::string_view source,
           Instant now) {
  CommuneScope scope(db, c.key);
  nlohmann::json detail{{"id", c.id}, {"name", c.name}};
  db.audit(kind, "commune:" + c.id, source, detail.dump(), format_instant(now));
}

}  // namespace

std::string commune_list_text(const std::vector<Commune>& communes) {
  std::string out;
  for (const auto& c : communes) {
    out += (out.empty() ? "" : ", ") + c.id + " (" + c.name + ")";
  }
  return out;
}

Result<Commune> pick_commune(Database& db, const std::optional<std::string>& id) {
  if (id) {
    if (auto c = find_commune(db, *id)) return *c;
    auto all = list_communes(db);
    return Error{"Không có xã \"" + *id + "\" trong cơ sở dữ liệu" +
                 (all.empty() ? std::string(" (chưa có xã nào: dondoc commune add ID --name TÊN).")
                              : "; các xã đang có: " + commune_list_text(all) + ".")};
  }
  auto all = list_communes(db);
  if (all.size() == 1) return all.front();
  if (all.empty()) {
    return Error{
        "Cơ sở dữ liệu chưa có xã nào: tạo bằng `dondoc init --demo` hoặc `dondoc commune add ID "
        "--name TÊN`."};
  }
  return Error{"Cơ sở dữ liệu có " + std::to_string(all.size()) +
               " xã; chọn một bằng --commune ID: " + commune_list_text(all) + "."};
}

Result<Commune> add_commune(Database& db, const std::string& id, const std::string& name,
                            Instant now, std::string_view source) {
  if (!valid_id(id)) return Error{bad_id(id)};
  if (name.empty()) return Error{"Thiếu tên xã (--name \"Xã ...\")."};
  WriteTransaction tx(db);
  if (find_commune(db, id)) return Error{"Đã có xã \"" + id + "\"."};
  Commune c{dondoc::add_commune(db, id, name, format_instant(now)), id, name, format_instant(now),
            "{}"};
  audit(db, c, audit_kind::kCommuneAdded, source, now);
  tx.commit();
  return c;
}

Result<Commune> commune_to_fill(Database& db, const std::optional<std::string>& id,
                                const std::string& name, std::string_view fallback_id, Instant now,
                                std::string_view source) {
  if (id) {
    if (auto c = find_commune(db, *id)) return *c;
    return add_commune(db, *id, name.empty() ? *id : name, now, source);
  }
  auto all = list_communes(db);
  if (all.empty()) return add_commune(db, std::string(fallback_id), name, now, source);
  return pick_commune(db, id);
}

Result<Commune> rename_commune(Database& db, const std::string& id, const std::string& new_id,
                               const std::string& new_name, Instant now) {
  auto c = pick_commune(db, id);
  if (!c) return c;
  Commune out = *c;
  if (!new_id.empty()) {
    if (!valid_id(new_id)) return Error{bad_id(new_id)};
    if (new_id != id && find_commune(db, new_id)) return Error{"Đã có xã \"" + new_id + "\"."};
    out.id = new_id;
  }
  if (!new_name.empty()) out.name = new_name;
  WriteTransaction tx(db);
  dondoc::rename_commune(db, out.key, out.id, out.name);
  audit(db, out, audit_kind::kCommuneRenamed, "cli", now);
  tx.commit();
  return out;
}

}  // namespace dondoc::service
