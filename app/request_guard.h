// Who may call `serve`'s endpoints: a webhook needs its platform's secret header exactly once and
// equal (in constant time) to the configured secret; /metrics, when the config sets a token, needs
// "Authorization: Bearer <token>". Pure functions of the request; called on the io thread by
// cmd_serve's routing.
#pragma once

#include <optional>
#include <string>

#include "app/server.h"

namespace dondoc::app {

// nullopt when the request carries `header` once with `secret`; else the answer: 400 when the
// header comes twice, 401 when it is missing or wrong (or no secret is configured).
std::optional<HttpOut> webhook_refusal(const HttpIn& in, const std::string& header,
                                       const std::string& secret);

// nullopt when /metrics may be read: no token configured, or "Authorization: Bearer <token>"
// sent once; else the 400 (header twice) or 401 answer.
std::optional<HttpOut> metrics_refusal(const HttpIn& in, const std::string& token);

}  // namespace dondoc::app
