// kws/base/strings.h -- small text helpers shared by the actions and the simulated org.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kws {

// `s` without leading and trailing white space (ASCII isspace).
std::string Trim(std::string_view s);
// First `n` code points of UTF-8 text (never splits a multi-byte sequence).
std::string Utf8Prefix(std::string_view s, size_t n);
// Digits of a phone number: formatting (spaces, dashes, dots, parentheses, slashes) dropped, a
// leading "+" or "00" international prefix dropped, a "whatsapp:" prefix dropped. "" if it
// holds letters or other symbols. The key every phone lookup and index uses.
std::string PhoneDigits(std::string_view phone);

}  // namespace kws
