// kws/base/ids.h -- deterministic ids.
//
// Kustomer ids are 24-hex Mongo ObjectIds: 4 bytes of seconds, then 8 bytes. IdGenerator makes
// them from the simulated clock and a seeded counter, so the same inputs give the same ids.
#pragma once

#include "kws/base/clock.h"

#include <cstdint>
#include <string>

namespace kws {

class IdGenerator {
 public:
  explicit IdGenerator(uint64_t seed = 0x6b7773616e64ULL) : seed_(seed) {}
  // 24 lowercase hex chars; the first 8 encode `now` in seconds like an ObjectId.
  std::string Next(TimeMs now);
  // A short builder-style step id (9 chars of [A-Za-z0-9_-]) as Kustomer's editor makes.
  std::string NextStepId();
  uint64_t counter() const { return counter_; }
  void Reset(uint64_t seed) { seed_ = seed; counter_ = 0; }

 private:
  uint64_t seed_;
  uint64_t counter_ = 0;
};

bool IsObjectId(std::string_view s);

}  // namespace kws
