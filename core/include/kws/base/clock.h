// kws/base/clock.h -- simulated time and time formatting.
//
// All time in the engine and the simulated org comes from a Clock; the sandbox uses SimClock,
// advanced explicitly by the user or a test. Times are milliseconds since the Unix epoch (UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kws {

using TimeMs = int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeMs Now() const = 0;
};

class SimClock final : public Clock {
 public:
  // Default start: 2024-06-03T09:00:00.000Z (a Monday morning, good for demos).
  explicit SimClock(TimeMs start = 1717405200000) : now_(start) {}
  TimeMs Now() const override { return now_; }
  void Set(TimeMs t) { now_ = t; }
  void Advance(TimeMs delta) { now_ += delta; }

 private:
  TimeMs now_;
};

// "2024-06-03T09:00:00.000Z"
std::string FormatIso(TimeMs t);
// Accepts ISO 8601 / RFC 3339 dates ("2024-06-03", "2024-06-03T09:00:00Z",
// "2024-06-03T09:00:00.123+02:00") and numbers as milliseconds. nullopt if unparseable.
std::optional<TimeMs> ParseIso(std::string_view text);
// "90s", "15m", "2h", "3d", "1w", "500ms", "1h30m", or a plain number of milliseconds.
std::optional<TimeMs> ParseDuration(std::string_view text);

}  // namespace kws
