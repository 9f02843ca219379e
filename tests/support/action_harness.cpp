#include "support/action_harness.h"

#include <cstdio>
#include <cstring>

namespace kws::testing {
namespace {

Json Rel(const char* type, const std::string& id) { return Json{{"data", Json{{"type", type}, {"id", id}}}}; }

Json Res(const char* type, const std::string& id, Json attributes, Json relationships = Json::object()) {
  if (!attributes.contains("createdAt")) attributes["createdAt"] = "2024-05-01T10:00:00.000Z";
  if (!attributes.contains("updatedAt")) attributes["updatedAt"] = attributes["createdAt"];
  if (!attributes.contains("modifiedAt")) attributes["modifiedAt"] = attributes["createdAt"];
  if (!attributes.contains("rev")) attributes["rev"] = 1;
  return Json{{"type", type}, {"id", id}, {"attributes", std::move(attributes)}, {"relationships", std::move(relationships)}};
}

}  // namespace

std::string FixtureId(int family, int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "6650a1b2c3d4e5f6%02d%06d", family, n);
  return buf;
}

Json SmallOrgFixture() {
  Json r = Json::array();
  using namespace ids;
  // Customers
  r.push_back(Res("customer", kCustomerAda,
                  Json{{"name", "Ada Lovelace"}, {"displayName", "Ada Lovelace"}, {"firstName", "Ada"}, {"lastName", "Lovelace"},
                       {"externalId", "cust-ada"},
                       {"emails", Json::array({Json{{"type", "home"}, {"email", "ada@example.com"}}})},
                       {"phones", Json::array({Json{{"type", "mobile"}, {"phone", "+14155550101"}}})},
                       {"whatsapps", Json::array({Json{{"type", "mobile"}, {"phone", "whatsapp:+14155550101"}}})},
                       {"socials", Json::array({Json{{"type", "twitter"}, {"userid", "99887766"}, {"username", "ada"}}})},
                       {"facebookIds", Json::array({Json{{"pageId", "111222333"}, {"userId", "444555666"}, {"name", "Ada L"}}})},
                       {"instagramIds", Json::array({Json{{"pageId", "777"}, {"threadId", "ig-thread-ada"}, {"username", "ada.ig"}}})},
                       {"locale", "en-US"}, {"tags", Json::array()}, {"custom", Json{{"tierStr", "gold"}}},
                       {"createdAt", "2024-05-01T10:00:00.000Z"}},
                  Json{{"company", Rel("company", kCompanyAcme)}}));
  r.push_back(Res("customer", kCustomerBo,
                  Json{{"name", "Bo Svensson"}, {"firstName", "Bo"}, {"lastName", "Svensson"}, {"externalId", "cust-bo"},
                       {"emails", Json::array({Json{{"type", "work"}, {"email", "bo@example.com"}}})},
                       {"phones", Json::array({Json{{"type", "mobile"}, {"phone", "+46701234567"}}})},
                       {"locale", "sv-SE"}, {"custom", Json::object()}, {"createdAt", "2024-05-02T10:00:00.000Z"}}));
  r.push_back(Res("customer", kCustomerCy,
                  Json{{"name", "Cy Twombly"}, {"emails", Json::array()}, {"phones", Json::array()}, {"custom", Json::object()},
                       {"createdAt", "2024-05-03T10:00:00.000Z"}}));
  // Companies
  r.push_back(Res("company", kCompanyAcme, Json{{"name", "Acme Corp"}, {"externalId", "acme-1"}, {"domains", Json::array({Json{{"domain", "acme.example"}}})}, {"custom", Json::object()}}));
  r.push_back(Res("company", FixtureId(2, 2), Json{{"name", "Globex"}, {"externalId", "globex-1"}, {"custom", Json::object()}}));
  // Users, teams
  r.push_back(Res("user", kUserAlex, Json{{"name", "Alex Agent"}, {"displayName", "Alex"}, {"email", "alex@sandbox.example"}, {"userType", "user"},
                                          {"emailVerifiedAt", "2024-01-02T09:00:00.000Z"}, {"emailSignature", "Alex | Support"}}));
  r.push_back(Res("user", kUserBot, Json{{"name", "Workflow Bot"}, {"displayName", "Bot"}, {"email", "bot@sandbox.example"}, {"userType", "machine"}}));
  r.push_back(Res("team", kTeamSupport, Json{{"name", "Support"}, {"displayName", "Support"}, {"members", Json::array({kUserAlex})}}));
  // Tags
  r.push_back(Res("tag", kTagVip, Json{{"name", "vip"}, {"color", "#f5a623"}}));
  r.push_back(Res("tag", kTagRefund, Json{{"name", "refund"}, {"color", "#d0021b"}}));
  // Queue, work items, work sessions
  r.push_back(Res("queue", kQueueGeneral, Json{{"name", "general"}, {"displayName", "General"}, {"priority", 2}, {"itemSize", 1}}));
  // Conversations
  r.push_back(Res("conversation", kConvAdaChat,
                  Json{{"name", "Where is my order?"}, {"externalId", "conv-ext-1"}, {"status", "open"}, {"channels", Json::array({"chat"})},
                       {"direction", "in"}, {"priority", 3}, {"tags", Json::array({kTagVip})}, {"assignedUsers", Json::array()},
                       {"assignedTeams", Json::array()}, {"messageCount", 3}, {"noteCount", 1}, {"custom", Json::object()},
                       {"createdAt", "2024-06-01T08:00:00.000Z"}},
                  Json{{"customer", Rel("customer", kCustomerAda)}}));
  r.push_back(Res("conversation", kConvAdaEmail,
                  Json{{"name", "Invoice question"}, {"status", "done"}, {"channels", Json::array({"email"})}, {"tags", Json::array()},
                       {"assignedUsers", Json::array({kUserAlex})}, {"assignedTeams", Json::array({kTeamSupport})}, {"custom", Json::object()},
                       {"createdAt", "2024-05-20T08:00:00.000Z"}},
                  Json{{"customer", Rel("customer", kCustomerAda)}}));
  r.push_back(Res("conversation", kConvBo,
                  Json{{"name", "Hej"}, {"status", "open"}, {"channels", Json::array({"sms"})}, {"tags", Json::array()},
                       {"assignedUsers", Json::array()}, {"assignedTeams", Json::array()}, {"custom", Json::object()},
                       {"createdAt", "2024-06-02T08:00:00.000Z"}},
                  Json{{"customer", Rel("customer", kCustomerBo)}}));
  // Messages on the chat conversation: in, out, in.
  const char* bodies[] = {"Hi, where is my order #1234?", "Let me check that for you.", "Thanks, it was due yesterday."};
  const char* dirs[] = {"in", "out", "in"};
  for (int i = 0; i < 3; ++i) {
    char at[40];
    std::snprintf(at, sizeof at, "2024-06-01T08:0%d:00.000Z", i + 1);
    r.push_back(Res("message", FixtureId(8, i + 1),
                    Json{{"channel", "chat"}, {"app", "chat"}, {"direction", dirs[i]}, {"preview", bodies[i]}, {"body", bodies[i]},
                         {"externalId", "msg-ext-" + std::to_string(i + 1)}, {"size", static_cast<int>(std::strlen(bodies[i]))},
                         {"status", dirs[i][0] == 'i' ? "received" : "sent"}, {"sentAt", at}, {"createdAt", at}},
                    Json{{"conversation", Rel("conversation", kConvAdaChat)}, {"customer", Rel("customer", kCustomerAda)}}));
  }
  r.push_back(Res("message", FixtureId(8, 4),
                  Json{{"channel", "sms"}, {"app", "twilio"}, {"direction", "in"}, {"preview", "Hej, jag behöver hjälp"}, {"body", "Hej, jag behöver hjälp"},
                       {"status", "received"}, {"createdAt", "2024-06-02T08:01:00.000Z"}},
                  Json{{"conversation", Rel("conversation", kConvBo)}, {"customer", Rel("customer", kCustomerBo)}}));
  // Notes
  r.push_back(Res("note", FixtureId(9, 1), Json{{"body", "Customer is a VIP, be quick."}, {"externalId", "note-ext-1"}, {"userMentions", Json::array()}},
                  Json{{"conversation", Rel("conversation", kConvAdaChat)}, {"customer", Rel("customer", kCustomerAda)},
                       {"createdBy", Rel("user", kUserAlex)}}));
  r.push_back(Res("note", FixtureId(9, 2), Json{{"body", "Auto: order looked up."}, {"externalId", "note-ext-2"}, {"userMentions", Json::array()}},
                  Json{{"conversation", Rel("conversation", kConvAdaChat)}, {"customer", Rel("customer", kCustomerAda)},
                       {"createdBy", Rel("user", kUserBot)}}));
  // Work items and sessions
  r.push_back(Res("work_item", FixtureId(10, 1),
                  Json{{"resourceType", "conversation"}, {"status", "queued"}, {"paused", false}, {"channel", "chat"}, {"priority", 2},
                       {"itemSize", 1}, {"queuedCount", 1}, {"firstEnterQueueAt", "2024-06-01T08:01:00.000Z"}, {"resourceRev", 3},
                       {"resourceCreatedAt", "2024-06-01T08:00:00.000Z"}},
                  Json{{"queue", Rel("queue", kQueueGeneral)}, {"resource", Rel("conversation", kConvAdaChat)}}));
  r.push_back(Res("work_item", FixtureId(10, 2),
                  Json{{"resourceType", "conversation"}, {"status", "queued"}, {"paused", false}, {"channel", "sms"}, {"priority", 2},
                       {"itemSize", 1}, {"queuedCount", 1}, {"firstEnterQueueAt", "2024-06-02T08:01:00.000Z"}, {"resourceRev", 1},
                       {"resourceCreatedAt", "2024-06-02T08:00:00.000Z"}},
                  Json{{"queue", Rel("queue", kQueueGeneral)}, {"resource", Rel("conversation", kConvBo)}}));
  r.push_back(Res("work_session", FixtureId(11, 1),
                  Json{{"routable", true}, {"statusType", "available"}, {"workItemCount", 0}, {"capacityRemaining", 3}, {"totalCapacity", 3},
                       {"signedInAt", "2024-06-03T08:00:00.000Z"}},
                  Json{{"user", Rel("user", kUserAlex)}, {"queues", Json{{"data", Json::array({Json{{"type", "queue"}, {"id", kQueueGeneral}}})}}}}));
  // Klass + kobjects
  r.push_back(Res("klass", FixtureId(12, 1), Json{{"name", "order"}, {"displayName", "Order"}, {"status", "enabled"}, {"icon", "cart"}}));
  r.push_back(Res("kobject", FixtureId(13, 1),
                  Json{{"klassName", "order"}, {"title", "Order #1234"}, {"externalId", "order-1234"}, {"data", Json{{"total", 42.5}}},
                       {"custom", Json{{"statusStr", "shipped"}}}, {"createdAt", "2024-05-30T10:00:00.000Z"}},
                  Json{{"klass", Rel("klass", "order")}, {"customer", Rel("customer", kCustomerAda)}}));
  r.push_back(Res("kobject", FixtureId(13, 2),
                  Json{{"klassName", "order"}, {"title", "Order #1300"}, {"externalId", "order-1300"}, {"data", Json{{"total", 12}}},
                       {"custom", Json{{"statusStr", "processing"}}}, {"createdAt", "2024-06-01T10:00:00.000Z"}},
                  Json{{"klass", Rel("klass", "order")}, {"customer", Rel("customer", kCustomerAda)}}));
  // Snippets, hooks, variables
  r.push_back(Res("snippet", FixtureId(14, 1),
                  Json{{"name", "Fifteen minutes"}, {"key", "sn.kustomer.chat.fifteen_minutes"}, {"app", "kustomer"},
                       {"langs", Json::array({Json{{"lang", "en"}, {"text", "We will get back to you within 15 minutes."}},
                                              Json{{"lang", "es"}, {"text", "Le responderemos en 15 minutos."}}})}}));
  r.push_back(Res("hook", FixtureId(15, 1), Json{{"name", "Order form"}, {"type", "form"}, {"eventName", "kustomer.hooks.form." + FixtureId(15, 1) + ".receive"},
                                          {"hash", "3f1c"}, {"url", "https://api.kustomerapp.com/v1/hooks/form/" + FixtureId(15, 1) + "/3f1c"}}));
  r.push_back(Res("workflow-variable", FixtureId(16, 1), Json{{"name", "backendUrl"}, {"value", "https://backend.example.com"}, {"type", "string"}}));
  // AI: classification model, knowledge base, assistant, command
  Json examples = Json::array();
  const char* intents[][2] = {{"where is my package", "shipping"}, {"my order has not arrived", "shipping"}, {"tracking number please", "shipping"},
                              {"I want my money back", "refund"}, {"please refund my order", "refund"}, {"return and refund", "refund"},
                              {"I forgot my password", "account"}, {"cannot log in to my account", "account"}, {"reset my password", "account"}};
  for (auto& e : intents) examples.push_back(Json{{"text", e[0]}, {"label", e[1]}});
  r.push_back(Res("classification-model", FixtureId(17, 1), Json{{"name", "intents"}, {"displayName", "Customer intents"},
                                                           {"labels", Json::array({"shipping", "refund", "account"})}, {"examples", examples}}));
  r.push_back(Res("knowledge-article", FixtureId(18, 1), Json{{"title", "Tracking your order"}, {"lang", "en"},
                                                       {"body", "You can track your order from the link in your shipping confirmation email. Orders arrive in 3-5 business days."},
                                                       {"keywords", Json::array({"order", "tracking", "shipping", "arrive"})}}));
  r.push_back(Res("assistant", FixtureId(19, 1), Json{{"name", "Order helper"}, {"publicId", "asst-orders"}, {"channel", "chat"},
                                               {"greeting", "Hi! I am the order helper. What is your order number?"}},
                  Json{{"team", Rel("team", kTeamSupport)}}));
  r.push_back(Res("command", FixtureId(20, 1), Json{{"name", "lookup-order"}, {"displayName", "Look up order"}, {"app", "orders"},
                                             {"request", Json{{"method", "GET"}, {"url", "https://orders.example.com/orders/{{orderId}}"}}}}));
  return Json{{"org", Json{{"id", "6650a1b2c3d4e5f600000000"}, {"name", "acme-support"}, {"displayName", "Acme Support"},
                           {"domain", "acme.example"}, {"now", "2024-06-03T09:00:00.000Z"},
                           {"settings", Json{{"automation", Json{{"handoffTeam", kTeamSupport}}}}}}},
              {"resources", r}};
}

ActionResult RunAction(Sandbox& sb, const std::string& action, const Json& params, const Json& inputs) {
  Json props = Json::object();
  for (auto it = inputs.begin(); it != inputs.end(); ++it) props[it.key()] = Json{{"type", "string"}};
  Json wf = Json{{"name", "action-under-test"},
                 {"trigger", Json{{"id", "1"}, {"callable", true}, {"schema", Json{{"properties", props}, {"required", Json::array()}}},
                                  {"transitions", Json::array({Json{{"target", "s"}, {"condition", Json{{"op", "true"}, {"values", Json::array({true})}}}}})}}},
                 {"steps", Json::array({Json{{"id", "s"}, {"action", action}, {"params", params}, {"transitions", Json::array()}}})}};
  ActionResult out;
  Errors problems;
  std::vector<std::string> ids = sb.LoadWorkflows(wf, &problems);
  if (ids.empty()) {
    out.status = "not-loaded";
    out.error = problems.empty() ? Error{"test.load", "", "workflow not loaded"} : problems.front();
    return out;
  }
  Json before = sb.org().Export();
  size_t outbox_before = sb.org().outbox().size();
  size_t runs_before = sb.engine().runs().size();
  auto r = sb.Call(ids.front(), inputs);
  if (!r.ok()) {
    out.status = "call-failed";
    out.error = r.error();
    return out;
  }
  const Run* run = sb.engine().FindRun(*r);
  out.status = RunStatusName(run->status);
  for (const StepRecord& rec : run->records) {
    if (rec.step_id != "s") continue;
    out.input = rec.input;
    out.output = rec.output;
    out.error = rec.error;
  }
  out.org_diff = SimOrg::DiffSnapshots(before, sb.org().Export());
  out.outbox = Json::array();
  for (size_t i = outbox_before; i < sb.org().outbox().size(); ++i) out.outbox.push_back(sb.org().outbox()[i]);
  (void)runs_before;
  out.report = sb.Report(false);
  sb.engine().RemoveWorkflow(ids.front());
  return out;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace kws::testing
