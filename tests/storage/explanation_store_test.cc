// The explanation requests store (storage/explanation_store.h) on both stores: a request reads
// back as written, is answered once only, the latest open one and the lists in id order, open
// requests found by task or report, communes apart, and rolled-back writes leaving nothing.
#include "storage/explanation_store.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/engine/fixture.h"
#include "tests/support/both_stores.h"
#include "tests/support/store_contract.h"

using namespace dondoc;
using dondoc::testing::at;
using dondoc::testing::day;
using dondoc::testing::on_both_stores;
using dondoc::testing::rows_text;
using dondoc::testing::StoreUnderTest;

namespace {

ExplanationRow about_task(const std::string& body, const std::string& task,
                          const std::string& reason) {
  ExplanationRow r;
  r.body = body;
  r.task = task;
  r.subject = "Nhiệm vụ " + task + ": Tổ chức hội nghị";
  r.reason = reason;
  r.asked_by = "Đ/c Bí thư";
  r.asker_body = "thuong_truc";
  r.asked = at("2026-01-20T08:30+07:00");
  r.due = day("2026-01-27");
  return r;
}

ExplanationRow about_report(const std::string& body, const std::string& cycle,
                            const std::string& period) {
  ExplanationRow r;
  r.body = body;
  r.cycle = cycle;
  r.period = period;
  r.subject = "Báo cáo " + cycle + " " + period;
  r.asked_by = "Chủ tịch";
  r.asked = at("2026-02-21T14:00+07:00");
  r.due = day("2026-02-28");
  return r;
}

std::vector<std::int64_t> ids(const std::vector<ExplanationRow>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& r : rows) out.push_back(r.id);
  return out;
}

const char* const kAll =
    "SELECT id, commune, body, task, cycle, period, subject, reason, asked_by, asker_body, "
    "asked_at, due, answered_at, answer, answered_by FROM explanation_requests ORDER BY id";

}  // namespace

TEST_CASE("explanation store: a request reads back as written and is answered once only",
          "[pg][explanation_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    auto id = insert_explanation(db, about_task("vh_xh", "3", "Quá hạn 10 ngày"));
    REQUIRE(id > 0);
    auto r = find_explanation(db, id);
    REQUIRE(r);
    CHECK(r->id == id);
    CHECK(r->body == "vh_xh");
    CHECK(r->task == "3");
    CHECK(r->cycle.empty());
    CHECK(r->period.empty());
    CHECK(r->subject == "Nhiệm vụ 3: Tổ chức hội nghị");
    CHECK(r->reason == "Quá hạn 10 ngày");
    CHECK(r->asked_by == "Đ/c Bí thư");
    CHECK(r->asker_body == "thuong_truc");
    CHECK(r->asked == at("2026-01-20T08:30+07:00"));
    CHECK(r->due == day("2026-01-27"));
    CHECK_FALSE(r->answered);
    CHECK(r->answer.empty());
    CHECK(r->answered_by.empty());
    CHECK_FALSE(find_explanation(db, id + 1));

    CHECK(set_explanation_answer(db, id, "Chưa có kinh phí, đã đề xuất bổ sung", "Chị Lan",
                                 at("2026-01-22T10:00+07:00")));
    r = find_explanation(db, id);
    REQUIRE(r);
    CHECK(r->answered == at("2026-01-22T10:00+07:00"));
    CHECK(r->answer == "Chưa có kinh phí, đã đề xuất bổ sung");
    CHECK(r->answered_by == "Chị Lan");

    // Answered already, or no such request: refused, nothing written.
    const std::string before = rows_text(db, kAll);
    CHECK_FALSE(
        set_explanation_answer(db, id, "Trả lời lại", "Anh Minh", at("2026-01-23T10:00+07:00")));
    CHECK_FALSE(
        set_explanation_answer(db, id + 7, "Không có", "Anh Minh", at("2026-01-23T10:00+07:00")));
    CHECK(rows_text(db, kAll) == before);
  });
}

TEST_CASE("explanation store: the latest open request, lists in id order, open ones by subject",
          "[pg][explanation_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    CHECK_FALSE(latest_open_explanation(db, "vh_xh"));
    auto first = insert_explanation(db, about_task("vh_xh", "3", "Quá hạn"));
    auto other = insert_explanation(db, about_task("kinh_te", "3", "Quá hạn"));
    auto second = insert_explanation(db, about_report("vh_xh", "monthly", "2026-01"));
    auto third = insert_explanation(db, about_task("vh_xh", "5", "Chưa báo cáo"));
    CHECK(first < other);
    CHECK(other < second);
    CHECK(second < third);

    CHECK(latest_open_explanation(db, "vh_xh")->id == third);
    set_explanation_answer(db, third, "Đã xong", "Chị Lan", at("2026-01-25T10:00+07:00"));
    CHECK(latest_open_explanation(db, "vh_xh")->id == second);
    CHECK(latest_open_explanation(db, "kinh_te")->id == other);
    CHECK_FALSE(latest_open_explanation(db, "cong_an"));

    CHECK(ids(list_explanation_rows(db, "", false)) ==
          std::vector<std::int64_t>{first, other, second, third});
    CHECK(ids(list_explanation_rows(db, "", true)) ==
          std::vector<std::int64_t>{first, other, second});
    CHECK(ids(list_explanation_rows(db, "vh_xh", false)) ==
          std::vector<std::int64_t>{first, second, third});
    CHECK(ids(list_explanation_rows(db, "vh_xh", true)) ==
          std::vector<std::int64_t>{first, second});
    CHECK(list_explanation_rows(db, "cong_an", false).empty());

    // Open requests are found by their exact task, or their exact report.
    CHECK(has_open_explanation(db, "vh_xh", "3", "", ""));
    CHECK_FALSE(has_open_explanation(db, "vh_xh", "5", "", ""));  // answered
    CHECK_FALSE(has_open_explanation(db, "cong_an", "3", "", ""));
    CHECK(has_open_explanation(db, "vh_xh", "", "monthly", "2026-01"));
    CHECK_FALSE(has_open_explanation(db, "vh_xh", "", "monthly", "2026-02"));
    CHECK_FALSE(has_open_explanation(db, "vh_xh", "", "quarterly", "2026-01"));
  });
}

TEST_CASE("explanation store: one commune neither sees nor answers another's requests",
          "[pg][explanation_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::TwoCommunes c(backend.location);
    std::int64_t a_id = 0;
    {
      CommuneScope scope(c.db, c.a);
      a_id = insert_explanation(c.db, about_task("vh_xh", "3", "Quá hạn ở xã A"));
    }
    CommuneScope scope(c.db, c.b);
    auto b_id = insert_explanation(c.db, about_task("vh_xh", "3", "Quá hạn ở xã B"));
    CHECK(b_id != a_id);
    CHECK_FALSE(find_explanation(c.db, a_id));
    CHECK_FALSE(set_explanation_answer(c.db, a_id, "Trả lời nhầm xã", "Người xã B",
                                       at("2026-01-22T10:00+07:00")));
    CHECK(latest_open_explanation(c.db, "vh_xh")->id == b_id);
    CHECK(ids(list_explanation_rows(c.db, "", false)) == std::vector<std::int64_t>{b_id});
    CHECK(
        set_explanation_answer(c.db, b_id, "Đã xong", "Người xã B", at("2026-01-22T10:00+07:00")));
    CHECK_FALSE(has_open_explanation(c.db, "vh_xh", "3", "", ""));
    {
      CommuneScope in_a(c.db, c.a);
      auto a = find_explanation(c.db, a_id);
      REQUIRE(a);
      CHECK(a->reason == "Quá hạn ở xã A");
      CHECK_FALSE(a->answered);  // B's answer went to B's request only
      CHECK(has_open_explanation(c.db, "vh_xh", "3", "", ""));
      CHECK_FALSE(find_explanation(c.db, b_id));
    }
  });
}

TEST_CASE("explanation store: a request or an answer in a rolled-back transaction leaves nothing",
          "[pg][explanation_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    auto id = insert_explanation(db, about_task("vh_xh", "3", "Quá hạn"));
    const std::string before = rows_text(db, kAll);
    {
      WriteTransaction tx(db);
      insert_explanation(db, about_task("vh_xh", "4", "Quá hạn"));
      CHECK(set_explanation_answer(db, id, "Đã xong", "Chị Lan", at("2026-01-22T10:00+07:00")));
    }
    CHECK(rows_text(db, kAll) == before);
    CHECK_FALSE(find_explanation(db, id)->answered);
    CHECK(set_explanation_answer(db, id, "Đã xong", "Chị Lan", at("2026-01-22T10:00+07:00")));
  });
}
