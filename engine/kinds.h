// The names the audit trail and the outbox use, in one place: audit kinds (what happened) and
// message kinds (what a queued message is). Storage writes and reads them as they are and never
// interprets them; the engine, the bot and the service layer name them only through these
// constants. Plain constants; any thread.
#pragma once

#include <string_view>

namespace dondoc::audit_kind {

inline constexpr std::string_view kImport = "import";
inline constexpr std::string_view kRulesLoad = "rules_load";
inline constexpr std::string_view kCalendarImport = "calendar_import";
inline constexpr std::string_view kTrackingReset = "tracking_reset";
inline constexpr std::string_view kStatusChange = "status_change";
inline constexpr std::string_view kAcknowledged = "acknowledged";
inline constexpr std::string_view kEscalation = "escalation";
inline constexpr std::string_view kHistoryStart = "history_start";
inline constexpr std::string_view kMessageQueued = "message_queued";
// A tick's one entry for the messages it queues: a store writes it only if it queued some, with
// subject "outbox:FIRST-LAST" and detail {queued, by_kind, recipients} of those rows.
inline constexpr std::string_view kMessagesQueued = "messages_queued";
inline constexpr std::string_view kMessageSent = "message_sent";
inline constexpr std::string_view kLinkCodeCreated = "link_code_created";
inline constexpr std::string_view kChatLinked = "chat_linked";
inline constexpr std::string_view kCommuneAdded = "commune_added";
inline constexpr std::string_view kCommuneRenamed = "commune_renamed";
inline constexpr std::string_view kLinkAttemptFailed = "link_attempt_failed";
inline constexpr std::string_view kLinkAttemptsThrottled = "link_attempts_throttled";
// A body's report stored (service/body_reports.h): subject the report obligation's id, detail
// {cycle, period, version, on_time, late, attachments}.
inline constexpr std::string_view kReportReceived = "report_received";
// Explanation requests (service/explanations.h): subject "GT<id>", detail {body, subject, ...}.
inline constexpr std::string_view kExplanationRequested = "explanation_requested";
inline constexpr std::string_view kExplanationAnswered = "explanation_answered";

// Dashboard accounts (service/accounts.h): subject the user name or "token:<id>"; never a
// password or a token in the detail.
inline constexpr std::string_view kUserAdded = "user_added";
inline constexpr std::string_view kPasswordChanged = "password_changed";
inline constexpr std::string_view kUserDisabled = "user_disabled";
inline constexpr std::string_view kSignedIn = "signed_in";
inline constexpr std::string_view kSignInFailed = "sign_in_failed";
inline constexpr std::string_view kSignedOut = "signed_out";
inline constexpr std::string_view kTokenAdded = "token_added";
inline constexpr std::string_view kTokenRevoked = "token_revoked";
inline constexpr std::string_view kChatSignInCreated = "chat_sign_in_created";
inline constexpr std::string_view kChatSignInUsed = "chat_sign_in_used";

}  // namespace dondoc::audit_kind
