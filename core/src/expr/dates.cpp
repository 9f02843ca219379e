// expr/dates.cpp -- UTC calendar arithmetic and moment.js-style formatting.
//
// Kustomer's date helpers (dateFormat, date, dateDiff, dateAdd) are moment.js underneath; we
// reproduce moment's English-locale output in UTC. The simulated org has no time zones.
//
// Index of this file:
// [SECTION] Calendar
// [SECTION] Units, parsing, add and diff
// [SECTION] moment.js formatting
#include "expr/expr_internal.h"

#include <cmath>
#include <cstdio>

namespace kws::expr_internal {

//-------------------------------------------------------------------------------------------
// [SECTION] Calendar
//-------------------------------------------------------------------------------------------

namespace {

constexpr int64_t kMsPerDay = 86400000;

// Howard Hinnant's civil-date algorithms (proleptic Gregorian).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
  int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  Civil c;
  c.day = doy - (153 * mp + 2) / 5 + 1;
  c.month = mp < 10 ? mp + 3 : mp - 9;
  c.year = yy + (c.month <= 2);
  return c;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Broken-down UTC time.
struct Tm {
  int64_t days;  // since epoch
  Civil civil;
  int hour, minute, second, ms;
  int weekday;  // 0 = Sunday
  int yday;     // 0-based day of year
};

Tm Decompose(TimeMs t) {
  Tm tm;
  tm.days = FloorDiv(t, kMsPerDay);
  int64_t rem = t - tm.days * kMsPerDay;
  tm.civil = CivilFromDays(tm.days);
  tm.hour = static_cast<int>(rem / 3600000);
  tm.minute = static_cast<int>(rem / 60000 % 60);
  tm.second = static_cast<int>(rem / 1000 % 60);
  tm.ms = static_cast<int>(rem % 1000);
  tm.weekday = static_cast<int>(((tm.days % 7) + 7 + 4) % 7);  // 1970-01-01 was a Thursday
  tm.yday = static_cast<int>(tm.days - DaysFromCivil(tm.civil.year, 1, 1));
  return tm;
}

TimeMs AddMonths(TimeMs t, int64_t months) {
  Tm tm = Decompose(t);
  int64_t total = tm.civil.year * 12 + (tm.civil.month - 1) + months;
  int64_t y = FloorDiv(total, 12);
  unsigned m = static_cast<unsigned>(total - y * 12) + 1;
  unsigned d = std::min(tm.civil.day, DaysInMonth(y, m));
  return DaysFromCivil(y, m, d) * kMsPerDay + (t - tm.days * kMsPerDay);
}

double RoundHalfUp(double x) { return std::floor(x + 0.5); }

// Keeps arithmetic on absurd inputs (count=1e300) finite and overflow-free.
constexpr double kMaxAbsMs = 8.64e15;  // +-273,790 years, the JS Date range

}  // namespace

//-------------------------------------------------------------------------------------------
// [SECTION] Units, parsing, add and diff
//-------------------------------------------------------------------------------------------

bool ParseTimeUnit(std::string_view s, TimeUnit* unit) {
  // Short forms are case-sensitive like moment ("M" months vs "m" minutes).
  if (s == "y") { *unit = TimeUnit::kYears; return true; }
  if (s == "Q") { *unit = TimeUnit::kQuarters; return true; }
  if (s == "M") { *unit = TimeUnit::kMonths; return true; }
  if (s == "w") { *unit = TimeUnit::kWeeks; return true; }
  if (s == "d") { *unit = TimeUnit::kDays; return true; }
  if (s == "h") { *unit = TimeUnit::kHours; return true; }
  if (s == "m") { *unit = TimeUnit::kMinutes; return true; }
  if (s == "s") { *unit = TimeUnit::kSeconds; return true; }
  if (s == "ms") { *unit = TimeUnit::kMilliseconds; return true; }
  std::string l = AsciiLower(TrimView(s));
  if (!l.empty() && l.back() == 's' && l != "ms") l.pop_back();
  if (l == "year") *unit = TimeUnit::kYears;
  else if (l == "quarter") *unit = TimeUnit::kQuarters;
  else if (l == "month") *unit = TimeUnit::kMonths;
  else if (l == "week") *unit = TimeUnit::kWeeks;
  else if (l == "day") *unit = TimeUnit::kDays;
  else if (l == "hour") *unit = TimeUnit::kHours;
  else if (l == "minute") *unit = TimeUnit::kMinutes;
  else if (l == "second") *unit = TimeUnit::kSeconds;
  else if (l == "millisecond" || l == "ms") *unit = TimeUnit::kMilliseconds;
  else return false;
  return true;
}

std::optional<TimeMs> AsTime(const Json& j) {
  if (j.is_number()) {
    double d = j.get<double>();
    if (!std::isfinite(d) || std::fabs(d) > kMaxAbsMs) return std::nullopt;
    return static_cast<TimeMs>(d);
  }
  if (j.is_string()) {
    std::optional<TimeMs> t = ParseIso(j.get_ref<const std::string&>());
    if (t && (*t > kMaxAbsMs || *t < -kMaxAbsMs)) return std::nullopt;
    return t;
  }
  return std::nullopt;
}

TimeMs AddTime(TimeMs t, double amount, TimeUnit unit) {
  if (!std::isfinite(amount)) return t;
  auto clamp_ms = [](double ms) {
    if (ms > kMaxAbsMs) ms = kMaxAbsMs;
    if (ms < -kMaxAbsMs) ms = -kMaxAbsMs;
    return static_cast<TimeMs>(ms);
  };
  auto months = [&](double m) {
    m = RoundHalfUp(m);
    if (std::fabs(m) > 4e6) m = m > 0 ? 4e6 : -4e6;  // ~333k years, past the range anyway
    return clamp_ms(static_cast<double>(AddMonths(t, static_cast<int64_t>(m))));
  };
  switch (unit) {
    case TimeUnit::kYears: return months(amount * 12);
    case TimeUnit::kQuarters: return months(amount * 3);
    case TimeUnit::kMonths: return months(amount);
    case TimeUnit::kWeeks: return clamp_ms(static_cast<double>(t) + RoundHalfUp(amount * 7) * kMsPerDay);
    case TimeUnit::kDays: return clamp_ms(static_cast<double>(t) + RoundHalfUp(amount) * kMsPerDay);
    case TimeUnit::kHours: return clamp_ms(static_cast<double>(t) + std::round(amount * 3600000));
    case TimeUnit::kMinutes: return clamp_ms(static_cast<double>(t) + std::round(amount * 60000));
    case TimeUnit::kSeconds: return clamp_ms(static_cast<double>(t) + std::round(amount * 1000));
    case TimeUnit::kMilliseconds: return clamp_ms(static_cast<double>(t) + std::round(amount));
  }
  return t;
}

namespace {

// moment's monthDiff(a, b): months from a to b, negated -- ported as is so end-of-month cases
// match what Kustomer shows.
double MomentMonthDiff(TimeMs a, TimeMs b, int guard = 0) {
  Tm ta = Decompose(a), tb = Decompose(b);
  if (ta.civil.day < tb.civil.day && guard == 0) return -MomentMonthDiff(b, a, 1);
  int64_t whole = (tb.civil.year - ta.civil.year) * 12 +
                  (static_cast<int64_t>(tb.civil.month) - static_cast<int64_t>(ta.civil.month));
  TimeMs anchor = AddMonths(a, whole);
  double adjust;
  if (b - anchor < 0) {
    TimeMs anchor2 = AddMonths(a, whole - 1);
    adjust = static_cast<double>(b - anchor) / static_cast<double>(anchor - anchor2);
  } else {
    TimeMs anchor2 = AddMonths(a, whole + 1);
    adjust = static_cast<double>(b - anchor) / static_cast<double>(anchor2 - anchor);
  }
  double r = -(static_cast<double>(whole) + adjust);
  return r == 0 ? 0 : r;
}

}  // namespace

double DiffTime(TimeMs from, TimeMs to, TimeUnit unit) {
  double delta = static_cast<double>(to) - static_cast<double>(from);
  switch (unit) {
    case TimeUnit::kYears: return MomentMonthDiff(to, from) / 12;
    case TimeUnit::kQuarters: return MomentMonthDiff(to, from) / 3;
    case TimeUnit::kMonths: return MomentMonthDiff(to, from);
    case TimeUnit::kWeeks: return delta / (7.0 * kMsPerDay);
    case TimeUnit::kDays: return delta / kMsPerDay;
    case TimeUnit::kHours: return delta / 3600000;
    case TimeUnit::kMinutes: return delta / 60000;
    case TimeUnit::kSeconds: return delta / 1000;
    case TimeUnit::kMilliseconds: return delta;
  }
  return delta;
}

//-------------------------------------------------------------------------------------------
// [SECTION] moment.js formatting
//-------------------------------------------------------------------------------------------
// Tokens (English locale, UTC): YYYYYY YYYYY YYYY YY Y, Q Qo, M Mo MM MMM MMMM, D Do DD,
// DDD DDDo DDDD (day of year), d do dd ddd dddd, e E, w wo ww (US weeks), W Wo WW (ISO weeks),
// gg gggg GG GGGG (week years), H HH h hh k kk, m mm, s ss, S..SSSSSSSSS, A a, X x, Z ZZ, z zz.
// Presets: LT LTS L LL LLL LLLL l ll lll llll. [text] is literal, \c escapes one char.

namespace {

const char* const kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
const char* const kWeekdayNames[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

std::string Pad(int64_t v, int width) {
  char buf[32];
  bool neg = v < 0;
  unsigned long long a = neg ? static_cast<unsigned long long>(-(v + 1)) + 1 : static_cast<unsigned long long>(v);
  std::snprintf(buf, sizeof buf, "%0*llu", width, a);
  return neg ? std::string("-") + buf : std::string(buf);
}

std::string Ordinal(int64_t n) {
  int64_t mod100 = ((n % 100) + 100) % 100;
  int64_t mod10 = ((n % 10) + 10) % 10;
  const char* suffix = "th";
  if (mod100 < 11 || mod100 > 13) {
    if (mod10 == 1) suffix = "st";
    else if (mod10 == 2) suffix = "nd";
    else if (mod10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

// Presets as moment's "en" locale defines them.
std::string_view Preset(std::string_view token) {
  if (token == "LTS") return "h:mm:ss A";
  if (token == "LT") return "h:mm A";
  if (token == "LLLL") return "dddd, MMMM D, YYYY h:mm A";
  if (token == "LLL") return "MMMM D, YYYY h:mm A";
  if (token == "LL") return "MMMM D, YYYY";
  if (token == "L") return "MM/DD/YYYY";
  if (token == "llll") return "ddd, MMM D, YYYY h:mm A";
  if (token == "lll") return "MMM D, YYYY h:mm A";
  if (token == "ll") return "MMM D, YYYY";
  if (token == "l") return "M/D/YYYY";
  return {};
}

// Expands presets outside [brackets] (moment's expandFormat, one pass: presets do not nest).
std::string ExpandPresets(std::string_view f) {
  std::string out;
  size_t i = 0;
  while (i < f.size()) {
    char c = f[i];
    if (c == '[') {
      size_t close = f.find(']', i + 1);
      if (close != std::string_view::npos) {
        out.append(f.substr(i, close - i + 1));
        i = close + 1;
        continue;
      }
    }
    if (c == '\\' && i + 1 < f.size()) {
      out.append(f.substr(i, 2));
      i += 2;
      continue;
    }
    if (c == 'L' || c == 'l') {
      size_t n = 0;
      if (c == 'L' && f.substr(i, 3) == "LTS") n = 3;
      else if (c == 'L' && f.substr(i, 2) == "LT") n = 2;
      else {
        while (i + n < f.size() && f[i + n] == c && n < 4) ++n;
      }
      out.append(Preset(f.substr(i, n)));
      i += n;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

// Length of the run of `c` starting at i (capped).
size_t Run(std::string_view f, size_t i, char c, size_t cap) {
  size_t n = 0;
  while (i + n < f.size() && f[i + n] == c && n < cap) ++n;
  return n;
}

int IsoWeekday(const Tm& tm) { return tm.weekday == 0 ? 7 : tm.weekday; }

// ISO 8601 week and week-year: the week belongs to the year of its Thursday.
void IsoWeek(const Tm& tm, int* week, int64_t* year) {
  int64_t thursday = tm.days - (IsoWeekday(tm) - 1) + 3;
  Civil c = CivilFromDays(thursday);
  *year = c.year;
  *week = static_cast<int>((thursday - DaysFromCivil(c.year, 1, 1)) / 7 + 1);
}

// US weeks (moment "en": weeks start Sunday, week 1 contains Jan 1): the year of the Saturday.
void LocaleWeek(const Tm& tm, int* week, int64_t* year) {
  int64_t saturday = tm.days + (6 - tm.weekday);
  Civil c = CivilFromDays(saturday);
  *year = c.year;
  *week = static_cast<int>((saturday - DaysFromCivil(c.year, 1, 1)) / 7 + 1);
}

}  // namespace

std::string FormatMoment(TimeMs t, std::string_view format) {
  std::string expanded = ExpandPresets(format.empty() ? std::string_view("YYYY-MM-DDTHH:mm:ssZ") : format);
  std::string_view f = expanded;
  Tm tm = Decompose(t);
  const int64_t year = tm.civil.year;
  std::string out;
  size_t i = 0;
  while (i < f.size()) {
    char c = f[i];
    size_t n = 1;
    switch (c) {
      case '[': {
        size_t close = f.find(']', i + 1);
        if (close == std::string_view::npos) {
          out += c;
        } else {
          out.append(f.substr(i + 1, close - i - 1));
          n = close - i + 1;
        }
        break;
      }
      case '\\':
        if (i + 1 < f.size()) {
          out += f[i + 1];
          n = 2;
        }
        break;
      case 'Y': {
        n = Run(f, i, 'Y', 6);
        if (n == 6) {
          out += year < 0 ? '-' : '+';
          out += Pad(year < 0 ? -year : year, 6);
        }
        else if (n == 5) out += Pad(year, 5);
        else if (n == 4) out += Pad(year, 4);
        else if (n >= 2) { n = 2; out += Pad(((year % 100) + 100) % 100, 2); }
        else if (year <= 9999) out += Pad(year, 4);
        else {
          out += '+';
          out += std::to_string(year);
        }
        break;
      }
      case 'Q':
        if (f.substr(i, 2) == "Qo") { out += Ordinal((tm.civil.month - 1) / 3 + 1); n = 2; }
        else out += std::to_string((tm.civil.month - 1) / 3 + 1);
        break;
      case 'M':
        if (f.substr(i, 2) == "Mo") { out += Ordinal(tm.civil.month); n = 2; break; }
        n = Run(f, i, 'M', 4);
        if (n == 4) out += kMonthNames[tm.civil.month - 1];
        else if (n == 3) out += std::string(kMonthNames[tm.civil.month - 1]).substr(0, 3);
        else if (n == 2) out += Pad(tm.civil.month, 2);
        else out += std::to_string(tm.civil.month);
        break;
      case 'D':
        if (f.substr(i, 2) == "Do") { out += Ordinal(tm.civil.day); n = 2; break; }
        if (f.substr(i, 4) == "DDDo") { out += Ordinal(tm.yday + 1); n = 4; break; }
        n = Run(f, i, 'D', 4);
        if (n == 4) out += Pad(tm.yday + 1, 3);
        else if (n == 3) out += std::to_string(tm.yday + 1);
        else if (n == 2) out += Pad(tm.civil.day, 2);
        else out += std::to_string(tm.civil.day);
        break;
      case 'd':
        if (f.substr(i, 2) == "do") { out += Ordinal(tm.weekday); n = 2; break; }
        n = Run(f, i, 'd', 4);
        if (n == 4) out += kWeekdayNames[tm.weekday];
        else if (n == 3) out += std::string(kWeekdayNames[tm.weekday]).substr(0, 3);
        else if (n == 2) out += std::string(kWeekdayNames[tm.weekday]).substr(0, 2);
        else out += std::to_string(tm.weekday);
        break;
      case 'e': out += std::to_string(tm.weekday); break;
      case 'E': out += std::to_string(IsoWeekday(tm)); break;
      case 'w':
      case 'W': {
        int week;
        int64_t wy;
        if (c == 'w') LocaleWeek(tm, &week, &wy);
        else IsoWeek(tm, &week, &wy);
        if (i + 1 < f.size() && f[i + 1] == 'o') { out += Ordinal(week); n = 2; }
        else if (i + 1 < f.size() && f[i + 1] == c) { out += Pad(week, 2); n = 2; }
        else out += std::to_string(week);
        break;
      }
      case 'g':
      case 'G': {
        int week;
        int64_t wy;
        if (c == 'g') LocaleWeek(tm, &week, &wy);
        else IsoWeek(tm, &week, &wy);
        n = Run(f, i, c, 5);
        if (n >= 4) { out += Pad(wy, n == 5 ? 5 : 4); }
        else if (n >= 2) { out += Pad(((wy % 100) + 100) % 100, 2); n = 2; }
        else out += c;  // a lone g/G is not a token
        break;
      }
      case 'H':
        n = Run(f, i, 'H', 2);
        out += n == 2 ? Pad(tm.hour, 2) : std::to_string(tm.hour);
        break;
      case 'h': {
        n = Run(f, i, 'h', 2);
        int h12 = tm.hour % 12 == 0 ? 12 : tm.hour % 12;
        out += n == 2 ? Pad(h12, 2) : std::to_string(h12);
        break;
      }
      case 'k': {
        n = Run(f, i, 'k', 2);
        int k = tm.hour == 0 ? 24 : tm.hour;
        out += n == 2 ? Pad(k, 2) : std::to_string(k);
        break;
      }
      case 'm':
        n = Run(f, i, 'm', 2);
        out += n == 2 ? Pad(tm.minute, 2) : std::to_string(tm.minute);
        break;
      case 's':
        n = Run(f, i, 's', 2);
        out += n == 2 ? Pad(tm.second, 2) : std::to_string(tm.second);
        break;
      case 'S': {
        n = Run(f, i, 'S', 9);
        std::string frac = Pad(tm.ms, 3) + "000000";
        out += frac.substr(0, n);
        break;
      }
      case 'A': out += tm.hour < 12 ? "AM" : "PM"; break;
      case 'a': out += tm.hour < 12 ? "am" : "pm"; break;
      case 'X': out += std::to_string(FloorDiv(t, 1000)); break;
      case 'x': out += std::to_string(t); break;
      case 'Z':
        n = Run(f, i, 'Z', 2);
        out += n == 2 ? "+0000" : "+00:00";
        break;
      case 'z':
        n = Run(f, i, 'z', 2);
        out += "UTC";
        break;
      default: out += c; break;
    }
    i += n;
  }
  return out;
}

}  // namespace kws::expr_internal
