#include "kws/base/json.h"

#include <cmath>
#include <cstdio>

namespace kws {

std::optional<Json> ParseJson(std::string_view text, std::string* error) {
  // The callback-free, non-throwing parse; on failure parse again with a sax to find the spot.
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false,
                       /*ignore_comments=*/false);
  if (!j.is_discarded()) return j;
  if (error) {
    struct Sax : nlohmann::json_sax<Json> {
      std::string msg;
      bool null() override { return true; }
      bool boolean(bool) override { return true; }
      bool number_integer(number_integer_t) override { return true; }
      bool number_unsigned(number_unsigned_t) override { return true; }
      bool number_float(number_float_t, const string_t&) override { return true; }
      bool string(string_t&) override { return true; }
      bool binary(binary_t&) override { return true; }
      bool start_object(std::size_t) override { return true; }
      bool key(string_t&) override { return true; }
      bool end_object() override { return true; }
      bool start_array(std::size_t) override { return true; }
      bool end_array() override { return true; }
      bool parse_error(std::size_t position, const std::string& last_token,
                       const nlohmann::detail::exception& ex) override {
        std::string what = ex.what();
        // nlohmann's message: "[json.exception.parse_error.101] parse error at line 1, column 3: ..."
        auto pos = what.find("parse error");
        msg = pos == std::string::npos ? what : what.substr(pos);
        (void)position;
        (void)last_token;
        return false;
      }
    } sax;
    Json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json, false);
    *error = sax.msg.empty() ? "invalid JSON" : sax.msg;
  }
  return std::nullopt;
}

const Json* Find(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string GetString(const Json& object, std::string_view key, std::string fallback) {
  const Json* v = Find(object, key);
  if (v && v->is_string()) return v->get_ref<const std::string&>();
  return fallback;
}

bool GetBool(const Json& object, std::string_view key, bool fallback) {
  const Json* v = Find(object, key);
  if (v && v->is_boolean()) return v->get<bool>();
  if (v && v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    if (s == "true") return true;
    if (s == "false") return false;
  }
  return fallback;
}

double GetNumber(const Json& object, std::string_view key, double fallback) {
  const Json* v = Find(object, key);
  if (v && v->is_number()) return v->get<double>();
  if (v && v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && end && *end == '\0') return d;
  }
  return fallback;
}

std::string PointerEscape(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string PointerJoin(std::string_view base, std::string_view token) {
  std::string out(base);
  out += '/';
  out += PointerEscape(token);
  return out;
}

std::string PointerJoin(std::string_view base, size_t index) {
  std::string out(base);
  out += '/';
  out += std::to_string(index);
  return out;
}

std::string Dump(const Json& j, int indent) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

bool IsTruthy(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return false;
    case Json::value_t::boolean: return j.get<bool>();
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return j.get<double>() != 0.0;
    case Json::value_t::string: return !j.get_ref<const std::string&>().empty();
    case Json::value_t::array: return !j.empty();
    case Json::value_t::object: return true;
    default: return false;
  }
}

std::string ToText(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return "";
    case Json::value_t::string: return j.get_ref<const std::string&>();
    case Json::value_t::boolean: return j.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer: return std::to_string(j.get<int64_t>());
    case Json::value_t::number_unsigned: return std::to_string(j.get<uint64_t>());
    case Json::value_t::number_float: {
      double d = j.get<double>();
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) {
        return std::to_string(static_cast<int64_t>(d));
      }
      return j.dump();
    }
    default: return Dump(j);
  }
}

}  // namespace kws
