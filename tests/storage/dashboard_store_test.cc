// The dashboard's reads (storage/dashboard_store.h) on both stores: the audit filtered and paged
// with its total, its kinds, the rows about a task or a body (and not those of a task or body
// whose id merely contains it), outbox rows filtered newest first, a body's chats oldest link
// first with their counts, each in its own commune only; and the data version moving when another
// connection commits.
#include "storage/dashboard_store.h"

#include <catch2/catch.hpp>

#include <string>
#include <unordered_map>
#include <vector>

#include "storage/chat_store.h"
#include "storage/engine_store.h"
#include "tests/engine/fixture.h"
#include "tests/support/both_stores.h"
#include "tests/support/store_contract.h"

using namespace dondoc;
using dondoc::testing::at;
using dondoc::testing::on_both_stores;
using dondoc::testing::StoreUnderTest;

namespace {

// Commune A's trail, oldest first; B has rows under the same kinds and subjects.
void fill_audit(Database& db) {
  db.audit("status_change", "task|2|vh_xh", "chat", R"({"task":"2","body":"vh_xh"})",
           "2026-01-05T08:00+07:00");
  db.audit("message_queued", "2", "tick", R"({"count":1})", "2026-01-05T09:00+07:00");
  db.audit("status_change", "task|22|kinh_te", "cli", R"({"task":"22","body":"kinh_te"})",
           "2026-01-06T08:00+07:00");
  db.audit("report_received", "report|monthly|2026-01|vh_xh", "chat", R"({"cycle":"monthly"})",
           "2026-01-06T09:00+07:00");
  db.audit("extension", "x|vh_xh", "web", R"({"note":"vh_xh"})", "2026-01-07T08:00+07:00");
  db.audit("import", "plan", "plan.json", R"({"file":"plan.json","body":"vh_xh"})",
           "2026-01-07T09:00+07:00");
  db.audit("status_change", "vh_xh", "web", "{}", "2026-01-08T08:00+07:00");
}

std::vector<std::string> subjects(const std::vector<AuditRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.subject);
  return out;
}

Message message(const std::string& key, const std::string& recipient, MessageKind kind,
                const std::string& task, const std::string& cycle, const char* when) {
  Message m;
  m.key = key;
  m.recipient = recipient;
  m.kind = kind;
  m.task = task;
  m.cycle = cycle;
  m.text = "Nhắc việc " + key;
  m.not_before = at(when);
  return m;
}

std::vector<std::string> keys(const std::vector<OutboxItem>& items) {
  std::vector<std::string> out;
  for (const auto& m : items) out.push_back(m.text.substr(std::string("Nhắc việc ").size()));
  return out;
}

std::vector<std::string> chats(const std::vector<ChatLinkRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.channel + ":" + r.chat_id);
  return out;
}

}  // namespace

TEST_CASE("dashboard store: the audit filtered and paged newest first, with its total and kinds",
          "[pg][dashboard_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::TwoCommunes c(backend.location);
    {
      CommuneScope scope(c.db, c.b);
      c.db.audit("status_change", "task|2|vh_xh", "chat", R"({"task":"2","body":"vh_xh"})",
                 "2026-01-05T08:00+07:00");
      c.db.audit("b_only", "2", "tick", "{}", "2026-01-06T08:00+07:00");
    }
    CommuneScope scope(c.db, c.a);
    CHECK(audit_slice(c.db, {}).total == 0);
    fill_audit(c.db);

    auto all = audit_slice(c.db, {});
    CHECK(all.total == 7);
    CHECK(subjects(all.rows) == std::vector<std::string>{"vh_xh", "plan", "x|vh_xh",
                                                         "report|monthly|2026-01|vh_xh",
                                                         "task|22|kinh_te", "2", "task|2|vh_xh"});
    REQUIRE(all.rows.size() == 7);
    CHECK(all.rows[1].kind == "import");
    CHECK(all.rows[1].source == "plan.json");
    CHECK(all.rows[1].at == "2026-01-07T09:00+07:00");
    CHECK(all.rows[1].detail == R"({"file":"plan.json","body":"vh_xh"})");

    AuditQuery by_kind;
    by_kind.kind = "status_change";
    auto s = audit_slice(c.db, by_kind);
    CHECK(s.total == 3);
    CHECK(subjects(s.rows) == std::vector<std::string>{"vh_xh", "task|22|kinh_te", "task|2|vh_xh"});

    AuditQuery by_subject;
    by_subject.subject = "2";
    CHECK(subjects(audit_slice(c.db, by_subject).rows) == std::vector<std::string>{"2"});

    AuditQuery window;  // since inclusive, until exclusive
    window.since_iso = "2026-01-06T08:00+07:00";
    window.until_iso = "2026-01-07T08:00+07:00";
    s = audit_slice(c.db, window);
    CHECK(s.total == 2);
    CHECK(subjects(s.rows) ==
          std::vector<std::string>{"report|monthly|2026-01|vh_xh", "task|22|kinh_te"});
    window.kind = "status_change";
    CHECK(subjects(audit_slice(c.db, window).rows) == std::vector<std::string>{"task|22|kinh_te"});

    AuditQuery page;
    page.offset = 1;
    page.limit = 2;
    s = audit_slice(c.db, page);
    CHECK(s.total == 7);  // before offset and limit
    CHECK(subjects(s.rows) == std::vector<std::string>{"plan", "x|vh_xh"});
    page.offset = 5;
    page.limit = -1;  // every row after the offset
    s = audit_slice(c.db, page);
    CHECK(s.total == 7);
    CHECK(subjects(s.rows) == std::vector<std::string>{"2", "task|2|vh_xh"});
    page.offset = -3;  // read as 0 on both stores
    page.limit = 2;
    CHECK(subjects(audit_slice(c.db, page).rows) == std::vector<std::string>{"vh_xh", "plan"});
    page.offset = 7;
    page.limit = 10;
    s = audit_slice(c.db, page);
    CHECK(s.total == 7);
    CHECK(s.rows.empty());

    CHECK(audit_kinds(c.db) == std::vector<std::string>{"extension", "import", "message_queued",
                                                        "report_received", "status_change"});
    {
      CommuneScope in_b(c.db, c.b);
      CHECK(audit_slice(c.db, {}).total == 2);
      CHECK(audit_kinds(c.db) == std::vector<std::string>{"b_only", "status_change"});
      CHECK(audit_slice(c.db, by_kind).total == 1);
    }
  });
}

TEST_CASE("dashboard store: the audit rows about a task or a body, not about one like it",
          "[pg][dashboard_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::TwoCommunes c(backend.location);
    {
      CommuneScope scope(c.db, c.b);
      fill_audit(c.db);
    }
    CommuneScope scope(c.db, c.a);
    fill_audit(c.db);
    // Its id as subject, an obligation of it, or a detail naming it; task 22 is not task 2.
    CHECK(subjects(audit_about_task(c.db, "2", 10)) ==
          std::vector<std::string>{"2", "task|2|vh_xh"});
    CHECK(subjects(audit_about_task(c.db, "2", 1)) == std::vector<std::string>{"2"});
    CHECK(subjects(audit_about_task(c.db, "22", 10)) ==
          std::vector<std::string>{"task|22|kinh_te"});
    CHECK(audit_about_task(c.db, "9", 10).empty());
    // Its id as subject, a detail naming it, or a task's or report's obligation ending with it;
    // "x|vh_xh" is neither, and "xh" is no body here.
    CHECK(
        subjects(audit_about_body(c.db, "vh_xh", 10)) ==
        std::vector<std::string>{"vh_xh", "plan", "report|monthly|2026-01|vh_xh", "task|2|vh_xh"});
    CHECK(subjects(audit_about_body(c.db, "vh_xh", 2)) ==
          std::vector<std::string>{"vh_xh", "plan"});
    CHECK(subjects(audit_about_body(c.db, "kinh_te", 10)) ==
          std::vector<std::string>{"task|22|kinh_te"});
    CHECK(audit_about_body(c.db, "xh", 10).empty());
    // B's identical rows are not A's.
    CHECK(audit_about_body(c.db, "vh_xh", 100).size() == 4);
    // A negative limit: every row (PostgreSQL refuses LIMIT -1).
    CHECK(audit_about_body(c.db, "vh_xh", -1).size() == 4);
    CHECK(subjects(audit_about_task(c.db, "2", -1)) ==
          std::vector<std::string>{"2", "task|2|vh_xh"});
  });
}

TEST_CASE("dashboard store: outbox rows filtered, newest first, in their commune only",
          "[pg][dashboard_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::TwoCommunes c(backend.location);
    {
      CommuneScope scope(c.db, c.b);
      Batch b;
      b.messages.push_back(
          message("k1", "vh_xh", MessageKind::reminder, "2", "", "2026-01-05T09:00+07:00"));
      SqliteEngineStore(c.db).apply(b);
    }
    CommuneScope scope(c.db, c.a);
    Batch batch;
    batch.messages = {
        message("k1", "vh_xh", MessageKind::reminder, "2", "", "2026-01-05T09:00+07:00"),
        message("k2", "kinh_te", MessageKind::escalation, "2", "", "2026-01-06T09:00+07:00"),
        message("k3", "vh_xh", MessageKind::reminder, "", "monthly", "2026-01-07T09:00+07:00"),
        message("k4", "vh_xh", MessageKind::digest, "5", "", "2026-01-08T09:00+07:00")};
    SqliteEngineStore store(c.db);
    CHECK(store.apply(batch) == 4);

    auto all = outbox_items(c.db, {});
    CHECK(keys(all) == std::vector<std::string>{"k4", "k3", "k2", "k1"});
    REQUIRE(all.size() == 4);
    CHECK(all[1].task.empty());
    CHECK(all[1].cycle == "monthly");
    CHECK(all[1].kind == "reminder");
    CHECK(all[1].recipient == "vh_xh");
    CHECK(all[1].status == "pending");
    CHECK(all[1].sent_at.empty());
    CHECK(all[1].created_at == "2026-01-07T09:00+07:00");
    CHECK(all[0].id > all[1].id);

    OutboxQuery q;
    q.task = "2";
    CHECK(keys(outbox_items(c.db, q)) == std::vector<std::string>{"k2", "k1"});
    q = {};
    q.recipient = "vh_xh";
    CHECK(keys(outbox_items(c.db, q)) == std::vector<std::string>{"k4", "k3", "k1"});
    q.kinds = {"reminder"};
    CHECK(keys(outbox_items(c.db, q)) == std::vector<std::string>{"k3", "k1"});
    q = {};
    q.kinds = {"escalation", "digest"};
    CHECK(keys(outbox_items(c.db, q)) == std::vector<std::string>{"k4", "k2"});
    q = {};
    q.since_iso = "2026-01-06T09:00+07:00";
    CHECK(keys(outbox_items(c.db, q)) == std::vector<std::string>{"k4", "k3", "k2"});
    q.limit = 2;
    CHECK(keys(outbox_items(c.db, q)) == std::vector<std::string>{"k4", "k3"});
    q.limit = -1;  // every row (PostgreSQL refuses LIMIT -1)
    CHECK(keys(outbox_items(c.db, q)) == std::vector<std::string>{"k4", "k3", "k2"});

    store.mark_sent(all[3].id, at("2026-01-05T09:01+07:00"));
    q = {};
    q.task = "2";
    q.recipient = "vh_xh";
    auto sent = outbox_items(c.db, q);
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].status == "sent");
    CHECK(sent[0].sent_at == "2026-01-05T09:01+07:00");
    {
      CommuneScope in_b(c.db, c.b);
      auto b = outbox_items(c.db, {});
      REQUIRE(b.size() == 1);
      CHECK(b[0].status == "pending");  // A's k1 was sent, not B's
    }
  });
}

TEST_CASE("dashboard store: a body's chats oldest link first, and the counts per body",
          "[pg][dashboard_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::TwoCommunes c(backend.location);
    {
      CommuneScope scope(c.db, c.b);
      bind_chat(c.db, {"telegram", "44", false}, "vh_xh", "Cán bộ xã B", "2026-01-04T08:00+07:00");
    }
    CommuneScope scope(c.db, c.a);
    CHECK(chat_links_of_body(c.db, "vh_xh").empty());
    CHECK(linked_chat_counts(c.db).empty());
    bind_chat(c.db, {"telegram", "11", false}, "vh_xh", "Chị Lan", "2026-01-06T08:00+07:00");
    bind_chat(c.db, {"zalo", "22", false}, "vh_xh", "Anh Minh", "2026-01-05T08:00+07:00");
    bind_chat(c.db, {"telegram", "33", true}, "kinh_te", "Nhóm Kinh tế", "2026-01-05T08:00+07:00");
    bind_chat(c.db, {"telegram", "10", false}, "vh_xh", "Chị Hoa", "2026-01-06T08:00+07:00");

    auto links = chat_links_of_body(c.db, "vh_xh");
    CHECK(chats(links) == std::vector<std::string>{"zalo:22", "telegram:10", "telegram:11"});
    REQUIRE(links.size() == 3);
    CHECK(links[0].name == "Anh Minh");
    CHECK(links[0].linked_at == "2026-01-05T08:00+07:00");
    CHECK(linked_chat_counts(c.db) ==
          std::unordered_map<std::string, int>{{"vh_xh", 3}, {"kinh_te", 1}});
    // A chat moved to another body counts there only.
    bind_chat(c.db, {"zalo", "22", false}, "kinh_te", "Anh Minh", "2026-01-07T08:00+07:00");
    CHECK(chats(chat_links_of_body(c.db, "kinh_te")) ==
          std::vector<std::string>{"telegram:33", "zalo:22"});
    CHECK(linked_chat_counts(c.db) ==
          std::unordered_map<std::string, int>{{"vh_xh", 2}, {"kinh_te", 2}});
    {
      CommuneScope in_b(c.db, c.b);
      CHECK(chats(chat_links_of_body(c.db, "vh_xh")) == std::vector<std::string>{"telegram:44"});
      CHECK(linked_chat_counts(c.db) == std::unordered_map<std::string, int>{{"vh_xh", 1}});
    }
  });
}
