// web/catalog.cpp -- static catalogues the editor shows (Kustomer event names) and small
// encoders (base64url for share links).
#include "app.h"

namespace kws::web {

const std::vector<std::pair<std::string, std::string>>& KustomerEventNames() {
  // kustomer-format.md §1.2: built-in triggers (DOC-TA), the Kustomer app's own (GH-JOC),
  // installed apps' triggers (GH-DTO) and the patterns for kobjects, hooks and callables.
  static const std::vector<std::pair<std::string, std::string>> kEvents = {
      {"kustomer.conversation.create", "Conversation created"},
      {"kustomer.conversation.update", "Conversation updated"},
      {"kustomer.conversation.sla.breached", "Conversation SLA breached"},
      {"kustomer.customer.create", "Customer created"},
      {"kustomer.customer.update", "Customer updated"},
      {"kustomer.company.create", "Company created"},
      {"kustomer.company.update", "Company updated"},
      {"kustomer.message.create", "Message created (inbound or outbound)"},
      {"kustomer.message.update", "Message updated (e.g. delivery status)"},
      {"kustomer.note.create", "Note created"},
      {"kustomer.note.update", "Note updated"},
      {"kustomer.draft.create", "Draft created"},
      {"kustomer.kobject.<klass>.create", "Custom object created (replace <klass>)"},
      {"kustomer.kobject.<klass>.update", "Custom object updated (replace <klass>)"},
      {"kustomer.work-item.create", "Work item created"},
      {"kustomer.work-item.update", "Work item updated"},
      {"kustomer.work-session.create", "Work session created"},
      {"kustomer.work-session.update", "Work session updated"},
      {"kustomer.team.create", "Team created"},
      {"kustomer.team.update", "Team updated"},
      {"kustomer.user.create", "User created"},
      {"kustomer.user.update", "User updated"},
      {"kustomer.app.chat.message.receive", "Chat: message received"},
      {"kustomer.app.postmark.message.receive", "Postmark: message received"},
      {"kustomer.app.postmark.message.bounce", "Postmark: message bounced"},
      {"kustomer.app.postmark.message.open", "Postmark: message opened"},
      {"kustomer.app.twilio.message.receive", "Twilio: message received"},
      {"kustomer.app.twilio.message.status", "Twilio: message status"},
      {"kustomer.app.shopify.order-update", "Shopify: order updated"},
      {"kustomer.hooks.form.<hookId>.receive", "Form hook received (replace <hookId>)"},
      {"kustomer.hooks.web.<hookId>.receive", "Web hook received (replace <hookId>)"},
      {"kustomer.hooks.email.<hookId>.receive", "Email hook received (replace <hookId>)"},
      {"kustomer.workflow.<workflowId>.call", "Callable workflow (called with inputs)"},
  };
  return kEvents;
}

std::string EventObjectType(std::string_view name) {
  constexpr std::string_view kPrefix = "kustomer.";
  if (name.substr(0, kPrefix.size()) != kPrefix) return "";
  std::string_view rest = name.substr(kPrefix.size());
  if (rest.substr(0, 8) == "kobject.") return "kobject";
  if (rest.substr(0, 4) == "app." || rest.substr(0, 6) == "hooks." || rest.substr(0, 9) == "workflow.") return "";
  size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return "";
  return std::string(rest.substr(0, dot));
}

std::string Base64UrlEncode(std::string_view bytes) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == bytes.size()) {
    uint32_t v = uint8_t(bytes[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (i + 2 == bytes.size()) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-' || c == '+') return 62;  // accept standard base64 too
    if (c == '_' || c == '/') return 63;
    return -1;
  };
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v = value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

}  // namespace kws::web
