#include "kws/base/ids.h"

#include <cstdio>

namespace kws {
namespace {
uint64_t Mix(uint64_t x) {  // splitmix64
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
}  // namespace

std::string IdGenerator::Next(TimeMs now) {
  uint32_t secs = static_cast<uint32_t>(now / 1000);
  uint64_t r = Mix(seed_ ^ Mix(++counter_));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%08x%016llx", secs, static_cast<unsigned long long>(r));
  return std::string(buf, 24);
}

std::string IdGenerator::NextStepId() {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  uint64_t r = Mix(seed_ ^ Mix(++counter_ * 0x100000001b3ULL));
  std::string out(9, 'A');
  for (int i = 0; i < 9; ++i) {
    out[i] = kAlphabet[r & 63];
    r >>= 6;
  }
  if (out[0] == '-' || out[0] == '_') out[0] = 'k';
  return out;
}

bool IsObjectId(std::string_view s) {
  if (s.size() != 24) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

}  // namespace kws
