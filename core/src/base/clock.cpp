#include "kws/base/clock.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace kws {
namespace {

// Days from civil (Howard Hinnant's algorithm), proleptic Gregorian, UTC.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yy + (*m <= 2);
}

bool ReadInt(std::string_view s, size_t& i, int digits, int* out) {
  int v = 0;
  for (int k = 0; k < digits; ++k) {
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i++] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::string FormatIso(TimeMs t) {
  int64_t days = t >= 0 ? t / 86400000 : -((-t + 86399999) / 86400000);
  int64_t rem = t - days * 86400000;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<long long>(y), m, d,
                static_cast<int>(rem / 3600000), static_cast<int>(rem / 60000 % 60),
                static_cast<int>(rem / 1000 % 60), static_cast<int>(rem % 1000));
  return buf;
}

std::optional<TimeMs> ParseIso(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  // Pure number: milliseconds since epoch.
  bool numeric = true;
  for (size_t k = 0; k < s.size(); ++k) {
    char c = s[k];
    if (!(std::isdigit(static_cast<unsigned char>(c)) || (k == 0 && c == '-'))) numeric = false;
  }
  if (numeric && s.size() > 4) return std::strtoll(std::string(s).c_str(), nullptr, 10);
  size_t i = 0;
  int y, mo, d, h = 0, mi = 0, se = 0, ms = 0;
  if (!ReadInt(s, i, 4, &y) || i >= s.size() || s[i++] != '-' || !ReadInt(s, i, 2, &mo) ||
      i >= s.size() || s[i++] != '-' || !ReadInt(s, i, 2, &d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  int64_t offset_min = 0;
  if (i < s.size() && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
    ++i;
    if (!ReadInt(s, i, 2, &h) || i >= s.size() || s[i++] != ':' || !ReadInt(s, i, 2, &mi)) return std::nullopt;
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!ReadInt(s, i, 2, &se)) return std::nullopt;
      if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        int digits = 0;
        int frac = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
          if (digits < 3) frac = frac * 10 + (s[i] - '0');
          ++digits;
          ++i;
        }
        if (digits == 0) return std::nullopt;
        for (int k = digits; k < 3; ++k) frac *= 10;
        ms = frac;
      }
    }
    if (h > 23 || mi > 59 || se > 60) return std::nullopt;
    if (i < s.size()) {
      if (s[i] == 'Z' || s[i] == 'z') {
        ++i;
      } else if (s[i] == '+' || s[i] == '-') {
        int sign = s[i++] == '-' ? -1 : 1;
        int oh, om = 0;
        if (!ReadInt(s, i, 2, &oh)) return std::nullopt;
        if (i < s.size() && s[i] == ':') ++i;
        if (i < s.size() && !ReadInt(s, i, 2, &om)) return std::nullopt;
        offset_min = sign * (oh * 60 + om);
      }
    }
  }
  if (i != s.size()) return std::nullopt;
  int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return ((days * 24 + h) * 60 + mi - offset_min) * 60000 + se * 1000 + ms;
}

std::optional<TimeMs> ParseDuration(std::string_view s) {
  if (s.empty()) return std::nullopt;
  TimeMs total = 0;
  size_t i = 0;
  bool any = false;
  while (i < s.size()) {
    size_t start = i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    if (start == i) return std::nullopt;
    double v = std::strtod(std::string(s.substr(start, i - start)).c_str(), nullptr);
    std::string_view unit;
    size_t us = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    unit = s.substr(us, i - us);
    double mul;
    if (unit.empty() || unit == "ms") mul = 1;
    else if (unit == "s") mul = 1000;
    else if (unit == "m" || unit == "min") mul = 60000;
    else if (unit == "h") mul = 3600000;
    else if (unit == "d") mul = 86400000;
    else if (unit == "w") mul = 7 * 86400000.0;
    else return std::nullopt;
    total += static_cast<TimeMs>(v * mul);
    any = true;
  }
  return any ? std::optional<TimeMs>(total) : std::nullopt;
}

}  // namespace kws
