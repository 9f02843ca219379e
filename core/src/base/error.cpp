#include "kws/base/error.h"

namespace kws {

void to_json(Json& j, const Error& e) {
  j = Json{{"code", e.code}, {"path", e.path}, {"message", e.message}};
}

std::string ToString(const Error& e) {
  return (e.path.empty() ? std::string("/") : e.path) + ": [" + e.code + "] " + e.message;
}

}  // namespace kws
