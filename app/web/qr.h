// QR codes as SVG for the link codes (Cơ quan page): the Telegram deep link when the bot's name is
// known, else the text "DK CODE" to send to the bot. Pure apart from libqrencode; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dondoc::app::web {

// "https://t.me/BOT?start=CODE" when `bot_name` is a Telegram bot name ([A-Za-z0-9_], a leading
// '@' dropped); "DK CODE" otherwise (an empty or odd name).
std::string link_qr_text(std::string_view bot_name, std::string_view code);

// An SVG (class="qr", role="img", aria-label naming the text) of the QR code of `text` at error
// correction level M, with a 4-module quiet zone, one <path> of dark modules. nullopt when the
// text cannot be encoded (empty, or too long for a QR code).
std::optional<std::string> qr_svg(std::string_view text);

}  // namespace dondoc::app::web
