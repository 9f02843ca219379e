// kws/base/strings.cpp -- see strings.h.
#include "kws/base/strings.h"

#include <algorithm>
#include <cctype>

namespace kws {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string Utf8Prefix(std::string_view s, size_t n) {
  size_t i = 0, count = 0;
  while (i < s.size() && count < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    i = std::min(s.size(), i + len);
    ++count;
  }
  return std::string(s.substr(0, i));
}

std::string PhoneDigits(std::string_view phone) {
  std::string s = Trim(phone);
  std::string_view v(s);
  constexpr std::string_view kWhatsapp = "whatsapp:";
  if (v.size() >= kWhatsapp.size()) {
    bool prefix = true;
    for (size_t i = 0; i < kWhatsapp.size() && prefix; ++i) {
      prefix = std::tolower(static_cast<unsigned char>(v[i])) == kWhatsapp[i];
    }
    if (prefix) v.remove_prefix(kWhatsapp.size());
  }
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/') {
      continue;
    } else {
      return "";
    }
  }
  if (!plus && digits.size() > 2 && digits[0] == '0' && digits[1] == '0') digits.erase(0, 2);
  return digits;
}

}  // namespace kws
