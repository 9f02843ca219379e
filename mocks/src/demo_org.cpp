// demo_org.cpp -- the built-in demo org: Northwind Outfitters, an outdoor-gear shop with
// customers in eight countries, a year of orders, a support team working in six languages, and
// everything the sample workflows (mocks/fixtures/workflows/) act on.
//
// Deterministic: no clock, no std::random; the only randomness is a fixed-seed splitmix64.
// Ids are fixed 24-hex strings "66a0c0de" + 2-hex family + 14-hex counter (1-based), so the
// sample workflows, the tests and the browser's event templates can name them:
//
//   family  type                    notable ids
//   00      org                     66a0c0de0000000000000001
//   01      customer                ...0100000000000001 Emily Carter (VIP, platinum, en-US)
//   02      company                 ...0200000000000001 Alpine Guides Co.
//   03      conversation            100 of them, in creation order of the customers' threads
//   04      message                 05 note   06 draft
//   07      user                    ...07..01 Olivia Bennett ... ...07..06 Northwind Automation (machine)
//   08      team                    ...08..01 Tier 1 Support, 02 Multilingual Support, 03 VIP Care
//   09      queue                   ...09..01 General Support, 02 VIP & Escalations
//   0a      work_item               0b work_session
//   0c      tag                     01 vip 02 refund 03 shipping 04 bug 05 spam 06 urgent ... (kTags)
//   0d      snippet                 0e klass (01 order, 02 subscription)   0f kobject
//   10      classification-model    01 customer-intents, 02 urgency
//   11      knowledge-article       12 assistant   13 command   14 hook (01 website form)
//   15      workflow-variable       16 brand
//   17      sample workflows        ids the callable samples use (mocks/fixtures/workflows/)
//
// Index of this file
// [SECTION] Ids, time, PRNG, resource helpers
// [SECTION] Reference data: tags, users, teams, companies, products, customers
// [SECTION] Message threads (en, es, fr, de, pt, it)
// [SECTION] Builders: directory, customers, custom objects
// [SECTION] Builders: conversations, messages, notes, work items, drafts
// [SECTION] Builders: AI (models, knowledge base, assistants), commands, hooks, snippets, variables
// [SECTION] DemoOrgFixture

#include "kws/mocks/sandbox.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

namespace kws {

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Ids, time, PRNG, resource helpers
//-------------------------------------------------------------------------------------------------

enum Family : int {
  kOrgF = 0x00, kCustomerF = 0x01, kCompanyF = 0x02, kConversationF = 0x03, kMessageF = 0x04, kNoteF = 0x05,
  kDraftF = 0x06, kUserF = 0x07, kTeamF = 0x08, kQueueF = 0x09, kWorkItemF = 0x0a, kWorkSessionF = 0x0b,
  kTagF = 0x0c, kSnippetF = 0x0d, kKlassF = 0x0e, kKobjectF = 0x0f, kModelF = 0x10, kArticleF = 0x11,
  kAssistantF = 0x12, kCommandF = 0x13, kHookF = 0x14, kVariableF = 0x15, kBrandF = 0x16,
};

std::string Id(int family, int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "66a0c0de%02x%014x", family, n);
  return buf;
}

// The demo's "now": 2024-06-03T09:00:00.000Z (a Monday morning, the Sandbox's default start).
constexpr TimeMs kNow = 1717405200000;
constexpr TimeMs kMinute = 60 * 1000;
constexpr TimeMs kHour = 60 * kMinute;
constexpr TimeMs kDay = 24 * kHour;

std::string Iso(TimeMs t) { return FormatIso(t); }

// splitmix64 with a fixed seed: the only source of variety, so every build gives the same org.
class Prng {
 public:
  explicit Prng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int Below(int n) { return n <= 0 ? 0 : static_cast<int>(Next() % static_cast<uint64_t>(n)); }
  int Between(int lo, int hi) { return lo + Below(hi - lo + 1); }  // inclusive

 private:
  uint64_t s_;
};

Json Rel(const char* type, const std::string& id) { return Json{{"data", Json{{"type", type}, {"id", id}}}}; }

Json RelMany(const char* type, const std::vector<std::string>& ids) {
  Json data = Json::array();
  for (const std::string& id : ids) data.push_back(Json{{"type", type}, {"id", id}});
  return Json{{"data", std::move(data)}};
}

// A JSON:API resource with Kustomer's bookkeeping attributes (createdAt/updatedAt/modifiedAt/rev)
// and the org relationship.
Json Res(const char* type, const std::string& id, Json attributes, Json relationships, TimeMs created,
         TimeMs updated = 0, int rev = 1) {
  if (updated < created) updated = created;
  attributes["createdAt"] = Iso(created);
  attributes["updatedAt"] = Iso(updated);
  attributes["modifiedAt"] = Iso(updated);
  attributes["rev"] = rev;
  if (!relationships.is_object()) relationships = Json::object();
  relationships["org"] = Rel("org", Id(kOrgF, 1));
  return Json{{"type", type}, {"id", id}, {"attributes", std::move(attributes)}, {"relationships", std::move(relationships)}};
}

std::string Replace(std::string text, const std::string& key, const std::string& value) {
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
  return text;
}

// The first `n` bytes of UTF-8 text without cutting a character.
std::string Utf8BytePrefix(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Reference data
//-------------------------------------------------------------------------------------------------

constexpr const char* kDomain = "northwind-outfitters.example";
constexpr const char* kSupportEmail = "support@northwind-outfitters.example";
constexpr const char* kSupportPhone = "+14155550100";
constexpr const char* kFacebookPageId = "104729384756102";
constexpr const char* kInstagramPageId = "17841400123456789";

// Tags: index + 1 is the counter of the tag id (Id(kTagF, i + 1)).
struct TagSpec {
  const char* name;
  const char* color;
};
constexpr TagSpec kTags[] = {
    {"vip", "#f5a623"},          {"refund", "#d0021b"},     {"shipping", "#4a90e2"},   {"bug", "#9013fe"},
    {"spam", "#7f8c8d"},         {"urgent", "#e74c3c"},     {"order-status", "#50e3c2"}, {"login", "#8b572a"},
    {"feedback", "#7ed321"},     {"complaint", "#c0392b"},  {"subscription", "#bd10e0"}, {"wholesale", "#417505"},
    {"negative-sentiment", "#ff6f61"}, {"auto-answered", "#00b894"}, {"lead", "#0984e3"}, {"non-english", "#6c5ce7"},
};
int TagIndex(std::string_view name) {
  for (size_t i = 0; i < std::size(kTags); ++i) {
    if (name == kTags[i].name) return static_cast<int>(i) + 1;
  }
  return 0;
}
std::string TagId(std::string_view name) { return Id(kTagF, TagIndex(name)); }

struct UserSpec {
  const char* name;
  const char* display;
  const char* email;
  const char* type;    // user | machine
  const char* title;   // for the signature
  const char* langs;   // languages the agent answers in
};
constexpr UserSpec kUsers[] = {
    {"Olivia Bennett", "Olivia", "olivia.bennett@northwind-outfitters.example", "user", "Customer Care Specialist", "en"},
    {"Diego Fernández", "Diego", "diego.fernandez@northwind-outfitters.example", "user", "Especialista de Atención al Cliente", "es pt"},
    {"Camille Laurent", "Camille", "camille.laurent@northwind-outfitters.example", "user", "Conseillère Service Client", "fr it"},
    {"Jonas Weber", "Jonas", "jonas.weber@northwind-outfitters.example", "user", "Kundenservice", "de"},
    {"Priya Raman", "Priya", "priya.raman@northwind-outfitters.example", "user", "Support Team Lead, VIP Care", "en"},
    {"Northwind Automation", "Automation", "automation@northwind-outfitters.example", "machine", "", ""},
};
constexpr int kUserOlivia = 1, kUserDiego = 2, kUserCamille = 3, kUserJonas = 4, kUserPriya = 5, kUserBot = 6;

struct TeamSpec {
  const char* name;
  const char* display;
  const char* icon;
  std::initializer_list<int> members;
};
const TeamSpec kTeams[] = {
    {"tier-1-support", "Tier 1 Support", "headset", {kUserOlivia, kUserPriya}},
    {"multilingual-support", "Multilingual Support", "globe", {kUserDiego, kUserCamille, kUserJonas}},
    {"vip-care", "VIP Care", "star", {kUserPriya, kUserOlivia}},
};
constexpr int kTeamTier1 = 1, kTeamMultilingual = 2, kTeamVip = 3;
constexpr int kQueueGeneral = 1, kQueueVip = 2;

struct CompanySpec {
  const char* name;
  const char* external_id;
  const char* domain;
  const char* country;
  int employees;
  const char* segment;
};
constexpr CompanySpec kCompanies[] = {
    {"Alpine Guides Co.", "acct-alpine-guides", "alpineguides.example", "US", 48, "guiding"},
    {"Club Montaña Sierra Norte", "acct-sierra-norte", "sierranorte.example", "ES", 120, "club"},
    {"Bergsport Huber GmbH", "acct-bergsport-huber", "bergsport-huber.example", "AT", 35, "retail"},
    {"Trilhas do Brasil Ltda", "acct-trilhas-brasil", "trilhasdobrasil.example", "BR", 22, "tour operator"},
    {"Rifugi Dolomiti S.r.l.", "acct-rifugi-dolomiti", "rifugidolomiti.example", "IT", 60, "hospitality"},
};

struct Product {
  const char* sku;
  const char* name;
  double price;  // in the customer's currency units (kept simple: same figure)
};
constexpr Product kProducts[] = {
    {"NW-JKT-SUMMIT", "Summit Rain Jacket", 189.0},     {"NW-SHO-RIDGE", "Ridge Trail Runners", 129.0},
    {"NW-TNT-CASC2", "Cascade 2P Tent", 349.0},         {"NW-BAG-ALPDWN", "Alpine Down Sleeping Bag", 259.0},
    {"NW-PCK-TRL30", "Trailhead 30L Backpack", 119.0},  {"NW-BAS-MERINO", "Merino Base Layer", 79.0},
    {"NW-FLC-POLAR", "Polar Fleece Pullover", 89.0},    {"NW-LMP-HL400", "Headlamp 400", 39.0},
    {"NW-POL-TREK", "Trekking Poles (pair)", 69.0},     {"NW-BTL-INS1L", "Insulated Bottle 1L", 34.0},
};

struct CustomerSpec {
  const char* first;
  const char* last;
  const char* email;
  const char* phone;       // E.164
  const char* locale;
  const char* tz;
  const char* country;
  const char* city;
  const char* currency;
  int company;             // 1-based index into kCompanies; 0 = none
  const char* tier;        // bronze | silver | gold | platinum
  bool vip;
  bool whatsapp;           // the phone is also a WhatsApp number
  const char* twitter_id;  // numeric Twitter id, or nullptr
  const char* twitter_user;
  const char* fb_user;     // Messenger PSID on the brand's page, or nullptr
  const char* ig_user;     // Instagram username, or nullptr
};

// 50 customers in 8 countries. Emails use the reserved example domains; phones use the
// fictional ranges where countries have one (US 555-01xx, UK 07700 900xxx, AU 0491 570xxx).
const CustomerSpec kCustomers[] = {
    {"Emily", "Carter", "emily.carter@example.com", "+14155550123", "en-US", "America/Los_Angeles", "US", "San Francisco", "USD", 1, "platinum", true, true, "1478523690", "emilyhikes", "6182390457712345", "emily.on.trails"},
    {"James", "Whitaker", "james.whitaker@example.net", "+12125550147", "en-US", "America/New_York", "US", "New York", "USD", 0, "silver", false, false, "2039485761", "jwhitaker", nullptr, nullptr},
    {"Aisha", "Johnson", "aisha.johnson@example.org", "+13125550188", "en-US", "America/Chicago", "US", "Chicago", "USD", 0, "gold", false, true, nullptr, nullptr, "6182390457712346", "aisha.outdoors"},
    {"Michael", "Chen", "michael.chen@example.com", "+16505550102", "en-US", "America/Los_Angeles", "US", "Palo Alto", "USD", 1, "gold", true, false, "3948576102", "mchen_climbs", nullptr, nullptr},
    {"Sarah", "O'Connor", "sarah.oconnor@example.com", "+16175550164", "en-US", "America/New_York", "US", "Boston", "USD", 0, "bronze", false, false, nullptr, nullptr, "6182390457712347", nullptr},
    {"Daniel", "Kim", "daniel.kim@example.net", "+12065550139", "en-US", "America/Los_Angeles", "US", "Seattle", "USD", 0, "silver", false, true, "5129384756", "dkim_pnw", nullptr, "danielkim.pnw"},
    {"Olivia", "Martinez", "olivia.martinez@example.org", "+17135550111", "en-US", "America/Chicago", "US", "Houston", "USD", 0, "bronze", false, true, nullptr, nullptr, "6182390457712348", nullptr},
    {"Ethan", "Brooks", "ethan.brooks@example.com", "+15035550176", "en-US", "America/Los_Angeles", "US", "Portland", "USD", 1, "silver", false, false, "6230948571", "ethanbrooks", nullptr, nullptr},
    {"Charlotte", "Davies", "charlotte.davies@example.co.uk", "+447700900123", "en-GB", "Europe/London", "GB", "Manchester", "GBP", 0, "gold", true, true, nullptr, nullptr, "6182390457712349", "charlotte.fells"},
    {"Oliver", "Hughes", "oliver.hughes@example.co.uk", "+447700900456", "en-GB", "Europe/London", "GB", "Bristol", "GBP", 0, "bronze", false, false, "7340958612", "ollyhughes", nullptr, nullptr},
    {"Amelia", "Clarke", "amelia.clarke@example.co.uk", "+447700900789", "en-GB", "Europe/London", "GB", "Edinburgh", "GBP", 0, "silver", false, true, nullptr, nullptr, nullptr, "amelia.munros"},
    {"Harry", "Patel", "harry.patel@example.co.uk", "+447700900321", "en-GB", "Europe/London", "GB", "Leeds", "GBP", 0, "bronze", false, false, nullptr, nullptr, "6182390457712350", nullptr},
    {"Chloe", "Nguyen", "chloe.nguyen@example.com.au", "+61491570156", "en-AU", "Australia/Sydney", "AU", "Sydney", "AUD", 0, "gold", false, true, "8451069723", "chloe_bushwalks", nullptr, "chloe.bushwalks"},
    {"Liam", "O'Brien", "liam.obrien@example.com.au", "+61491570110", "en-AU", "Australia/Melbourne", "AU", "Melbourne", "AUD", 0, "bronze", false, false, nullptr, nullptr, nullptr, nullptr},
    {"María", "García López", "maria.garcia@example.es", "+34612480157", "es-ES", "Europe/Madrid", "ES", "Madrid", "EUR", 2, "platinum", true, true, "9562170834", "mariagl_monte", "6182390457712351", "maria.montana"},
    {"Javier", "Fernández", "javier.fernandez@example.es", "+34622593018", "es-ES", "Europe/Madrid", "ES", "Sevilla", "EUR", 2, "silver", false, true, nullptr, nullptr, nullptr, nullptr},
    {"Lucía", "Martín", "lucia.martin@example.es", "+34633704829", "es-ES", "Europe/Madrid", "ES", "Valencia", "EUR", 0, "bronze", false, true, nullptr, nullptr, "6182390457712352", nullptr},
    {"Pablo", "Sánchez", "pablo.sanchez@example.es", "+34644815930", "es-ES", "Europe/Madrid", "ES", "Bilbao", "EUR", 0, "gold", false, false, "1673281945", "pablo_picos", nullptr, nullptr},
    {"Carmen", "Ruiz", "carmen.ruiz@example.es", "+34655926041", "es-ES", "Atlantic/Canary", "ES", "Las Palmas", "EUR", 0, "bronze", false, true, nullptr, nullptr, nullptr, "carmen.teide"},
    {"Sofía", "Hernández", "sofia.hernandez@example.com.mx", "+525512345678", "es-MX", "America/Mexico_City", "MX", "Ciudad de México", "MXN", 0, "silver", false, true, nullptr, nullptr, "6182390457712353", nullptr},
    {"Diego", "Ramírez", "diego.ramirez@example.com.mx", "+523398765432", "es-MX", "America/Mexico_City", "MX", "Guadalajara", "MXN", 0, "bronze", false, true, "2784392056", "diegoram", nullptr, nullptr},
    {"Valentina", "Torres", "valentina.torres@example.com.mx", "+528112398765", "es-MX", "America/Monterrey", "MX", "Monterrey", "MXN", 0, "gold", true, true, nullptr, nullptr, "6182390457712354", "vale.torres"},
    {"Camille", "Dubois", "camille.dubois@example.fr", "+33612345678", "fr-FR", "Europe/Paris", "FR", "Lyon", "EUR", 0, "gold", false, true, nullptr, nullptr, "6182390457712355", "camille.alpes"},
    {"Louis", "Moreau", "louis.moreau@example.fr", "+33623456789", "fr-FR", "Europe/Paris", "FR", "Paris", "EUR", 0, "bronze", false, false, "3895403167", "louismoreau", nullptr, nullptr},
    {"Léa", "Lefèvre", "lea.lefevre@example.fr", "+33634567890", "fr-FR", "Europe/Paris", "FR", "Grenoble", "EUR", 0, "silver", false, true, nullptr, nullptr, nullptr, nullptr},
    {"Hugo", "Bernard", "hugo.bernard@example.fr", "+33645678901", "fr-FR", "Europe/Paris", "FR", "Annecy", "EUR", 0, "platinum", true, false, "4906514278", "hugo_cimes", "6182390457712356", nullptr},
    {"Manon", "Girard", "manon.girard@example.fr", "+33656789012", "fr-FR", "Europe/Paris", "FR", "Bordeaux", "EUR", 0, "bronze", false, true, nullptr, nullptr, nullptr, "manon.randos"},
    {"Gabriel", "Tremblay", "gabriel.tremblay@example.ca", "+15145550199", "fr-CA", "America/Toronto", "CA", "Montréal", "CAD", 0, "silver", false, false, nullptr, nullptr, "6182390457712357", nullptr},
    {"Lukas", "Müller", "lukas.mueller@example.de", "+4915112345678", "de-DE", "Europe/Berlin", "DE", "München", "EUR", 0, "gold", false, true, "5017625389", "lukas_berge", nullptr, nullptr},
    {"Anna", "Schmidt", "anna.schmidt@example.de", "+4915223456789", "de-DE", "Europe/Berlin", "DE", "Hamburg", "EUR", 0, "silver", false, false, nullptr, nullptr, "6182390457712358", "anna.wandert"},
    {"Felix", "Wagner", "felix.wagner@example.de", "+4916034567890", "de-DE", "Europe/Berlin", "DE", "Freiburg", "EUR", 0, "bronze", false, true, nullptr, nullptr, nullptr, nullptr},
    {"Sophie", "Becker", "sophie.becker@example.de", "+4917045678901", "de-DE", "Europe/Berlin", "DE", "Dresden", "EUR", 0, "bronze", false, false, "6128736490", "sophiebecker", nullptr, nullptr},
    {"Maximilian", "Huber", "maximilian.huber@example.at", "+436641234567", "de-AT", "Europe/Vienna", "AT", "Innsbruck", "EUR", 3, "platinum", true, true, nullptr, nullptr, "6182390457712359", "max.huber.alpin"},
    {"Lena", "Keller", "lena.keller@example.ch", "+41791234567", "de-CH", "Europe/Zurich", "CH", "Zürich", "CHF", 0, "gold", false, true, nullptr, nullptr, nullptr, nullptr},
    {"João", "Silva", "joao.silva@example.com.br", "+5511987654321", "pt-BR", "America/Sao_Paulo", "BR", "São Paulo", "BRL", 4, "gold", false, true, "7239847501", "joaosilva_trilhas", "6182390457712360", "joao.trilhas"},
    {"Ana", "Oliveira", "ana.oliveira@example.com.br", "+5521998765432", "pt-BR", "America/Sao_Paulo", "BR", "Rio de Janeiro", "BRL", 0, "bronze", false, true, nullptr, nullptr, "6182390457712361", nullptr},
    {"Pedro", "Santos", "pedro.santos@example.com.br", "+5531987651234", "pt-BR", "America/Sao_Paulo", "BR", "Belo Horizonte", "BRL", 4, "silver", false, true, nullptr, nullptr, nullptr, "pedro.serra"},
    {"Beatriz", "Costa", "beatriz.costa@example.com.br", "+5541991234567", "pt-BR", "America/Sao_Paulo", "BR", "Curitiba", "BRL", 0, "bronze", false, true, "8340958612", "biacosta", nullptr, nullptr},
    {"Inês", "Ferreira", "ines.ferreira@example.pt", "+351912345678", "pt-PT", "Europe/Lisbon", "PT", "Lisboa", "EUR", 0, "silver", false, true, nullptr, nullptr, "6182390457712362", nullptr},
    {"Tiago", "Rodrigues", "tiago.rodrigues@example.pt", "+351923456789", "pt-PT", "Europe/Lisbon", "PT", "Porto", "EUR", 0, "bronze", false, false, nullptr, nullptr, nullptr, "tiago.geres"},
    {"Giulia", "Rossi", "giulia.rossi@example.it", "+393471234567", "it-IT", "Europe/Rome", "IT", "Milano", "EUR", 5, "platinum", true, true, "9451069723", "giulia_vette", "6182390457712363", "giulia.dolomiti"},
    {"Marco", "Bianchi", "marco.bianchi@example.it", "+393482345678", "it-IT", "Europe/Rome", "IT", "Torino", "EUR", 0, "silver", false, true, nullptr, nullptr, nullptr, nullptr},
    {"Francesca", "Romano", "francesca.romano@example.it", "+393493456789", "it-IT", "Europe/Rome", "IT", "Bologna", "EUR", 5, "bronze", false, false, nullptr, nullptr, "6182390457712364", nullptr},
    {"Alessandro", "Ricci", "alessandro.ricci@example.it", "+393404567890", "it-IT", "Europe/Rome", "IT", "Trento", "EUR", 0, "gold", false, true, "1562170834", "ale_ricci", nullptr, "ale.ricci.trek"},
    {"Chiara", "Esposito", "chiara.esposito@example.it", "+393415678901", "it-IT", "Europe/Rome", "IT", "Napoli", "EUR", 0, "bronze", false, true, nullptr, nullptr, nullptr, nullptr},
    {"Kenji", "Tanaka", "kenji.tanaka@example.jp", "+819012345678", "ja-JP", "Asia/Tokyo", "JP", "Tokyo", "JPY", 0, "silver", false, false, "2673281945", "kenji_alps", nullptr, nullptr},
    {"Fatima", "Al-Sayed", "fatima.alsayed@example.ae", "+971501234567", "ar-AE", "Asia/Dubai", "AE", "Dubai", "AED", 0, "gold", false, true, nullptr, nullptr, "6182390457712365", nullptr},
    {"Noah", "Andersen", "noah.andersen@example.dk", "+4520123456", "da-DK", "Europe/Copenhagen", "DK", "Aarhus", "DKK", 0, "bronze", false, false, nullptr, nullptr, nullptr, "noah.fjeld"},
    {"Priyanka", "Sharma", "priyanka.sharma@example.in", "+919812345678", "en-IN", "Asia/Kolkata", "IN", "Bengaluru", "INR", 0, "silver", false, true, "3784392056", "priyanka_treks", nullptr, nullptr},
    {"Sven", "Lindqvist", "sven.lindqvist@example.se", "+46701234567", "sv-SE", "Europe/Stockholm", "SE", "Göteborg", "SEK", 0, "bronze", false, false, nullptr, nullptr, "6182390457712366", nullptr},
};
constexpr int kCustomerCount = static_cast<int>(std::size(kCustomers));

// The language a customer writes in: their locale's, English for the languages the demo has no
// threads in.
std::string LangOf(const CustomerSpec& c) {
  std::string l(c.locale, 2);
  for (const char* k : {"en", "es", "fr", "de", "pt", "it"}) {
    if (l == k) return l;
  }
  return "en";
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Message threads
//-------------------------------------------------------------------------------------------------
// Each topic is a six-message thread (in, out, in, out, in, out); a conversation uses its first
// 1..6 messages. {first} is the customer's first name, {order} their latest order number.

struct Topic {
  const char* lang;
  const char* key;       // contact reason
  const char* subject;
  const char* tags;      // space separated tag names
  int priority;
  const char* messages[6];
  const char* note;      // internal note (English), or nullptr
};

const Topic kTopics[] = {
    // ---- en ----
    {"en", "order_status", "Where is my order {order}?", "order-status shipping", 2,
     {"Hi, I ordered a rain jacket last week (order {order}) and the tracking page hasn't updated in four days. Can you tell me where it is?",
      "Hi {first}, thanks for reaching out! I checked order {order}: it left our warehouse on Friday and is with the carrier now. You should see an update within 24 hours.",
      "Okay, thanks. Is there any way to get it before the weekend? I need it for a hiking trip on Saturday.",
      "I've asked the carrier to prioritise it. The current estimate is Thursday, so you should have it in time for your trip.",
      "Great, that's a relief. Thanks for your help!",
      "You're welcome, {first}! Enjoy the hike and let us know if anything else comes up."},
     "Carrier confirmed the parcel is at the Reno hub; expedite requested."},
    {"en", "refund", "Refund for returned boots", "refund", 3,
     {"Hello, I returned a pair of hiking boots two weeks ago but I still haven't received my refund. The return was for order {order}.",
      "Hi {first}, sorry about the wait. I can see the boots arrived at our returns centre on Tuesday. Refunds are issued within 5 business days of arrival.",
      "It's been more than five days now. Can you please check again?",
      "You're right, the refund was stuck in review. I've approved it just now: 129.00 back to your original payment method.",
      "Thank you. How long until it shows up on my card?",
      "Usually 3-5 business days depending on your bank. I've also sent you a confirmation email."},
     "Refund was stuck in the fraud review queue. Approved manually, flagged to finance."},
    {"en", "login", "Can't log in to my account", "login bug", 3,
     {"I can't log in to my account. The password reset email never arrives.",
      "Hi {first}, I'm sorry about that. Could you check your spam folder? I've just triggered a new reset link to the email on your profile.",
      "Found it in spam, but the link says it has expired.",
      "Reset links are valid for 30 minutes. I've sent a fresh one. Please use it right away and let me know if it works.",
      "That worked, I'm in now. Thanks!",
      "Glad to hear it! We've also reported the spam-filter issue to our email team."},
     "Third report this week of reset emails landing in spam. Filed BUG-2291 with the email team."},
    {"en", "praise", "Thank you!", "feedback", 1,
     {"Just wanted to say the new trail running shoes are amazing. Best purchase I've made this year!",
      "That's wonderful to hear, {first}! I'll share your feedback with the product team, they'll be thrilled.",
      "Also, your customer service has always been super helpful. Keep it up.",
      "Thank you so much! As a small thank-you, here's a 10% code for your next order: THANKS10.",
      "Wow, that's very kind. I'll definitely use it.",
      "Enjoy! Happy trails from all of us at Northwind Outfitters."},
     nullptr},
    {"en", "complaint", "Damaged tent, very disappointed", "complaint urgent", 4,
     {"I'm really disappointed. The tent I received (order {order}) has a torn rain fly and one pole is broken. This is unacceptable for the price.",
      "I'm very sorry, {first}. That's not the quality we stand for. Could you send a photo of the damage so we can file it with the carrier?",
      "Photo attached. I need a working tent by next week, I have a camping trip planned.",
      "Thank you. I've shipped a replacement tent by express at no cost; it should arrive within 2 business days. You can keep or recycle the damaged one.",
      "Okay, that's a good solution. I appreciate the quick response.",
      "Of course. Tracking for the replacement is on its way to your inbox. Have a great trip!"},
     "Damage claim filed with the carrier (claim 88-4410). Replacement sent by express."},
    {"en", "subscription", "Cancel my Trail Club subscription", "subscription", 2,
     {"Hi, I'd like to cancel my Trail Club subscription. I'm moving abroad next month.",
      "Hi {first}, sorry to see you go! I can cancel it now, or pause it for up to 3 months if you'd like to keep your member pricing.",
      "A pause sounds good actually. Can you pause it until September?",
      "Done! Your subscription is paused until September 1st and you won't be charged in the meantime.",
      "Perfect, thanks for making it easy.",
      "Anytime. Good luck with the move!"},
     "Customer chose a pause over cancellation (retention offer accepted)."},
    {"en", "wrong_item", "Wrong size delivered", "refund shipping", 2,
     {"I ordered a fleece in size M but received size XL. Can I exchange it?",
      "Hi {first}, sorry for the mix-up! I've created a free exchange; you'll get a prepaid return label by email.",
      "Do I need to send the XL back before you ship the M?",
      "No need to wait. We're shipping the size M today and you can return the XL within 30 days.",
      "Perfect, thank you!",
      "My pleasure. Your new tracking number will arrive shortly."},
     "Picking error at the Reno warehouse; reported to ops."},
    {"en", "shipping_intl", "Shipping costs and customs", "shipping", 2,
     {"Do you ship internationally, and will I have to pay customs fees on delivery?",
      "Hi {first}! We ship to over 30 countries. For most of them duties are included at checkout, so there's nothing to pay on delivery.",
      "How long does shipping usually take?",
      "Standard international shipping takes 5-8 business days; express takes 2-4.",
      "Great, I'll place my order today then.",
      "Sounds good! Let us know if you need help choosing a size."},
     nullptr},
    // ---- es ----
    {"es", "order_status", "¿Dónde está mi pedido {order}?", "order-status shipping", 2,
     {"Hola, hice un pedido hace una semana ({order}) y todavía no ha llegado. ¿Podéis decirme dónde está?",
      "Hola {first}, gracias por escribirnos. Tu pedido {order} salió del almacén el viernes y ahora está con la empresa de transporte. Debería llegar en dos o tres días.",
      "Vale, ¿me podéis enviar el número de seguimiento?",
      "Claro, te lo acabo de enviar por correo electrónico. También puedes verlo en tu cuenta, en la sección Mis pedidos.",
      "Perfecto, ya lo tengo. ¡Muchas gracias!",
      "¡De nada! Si necesitas algo más, aquí estamos."},
     "Parcel held at the Madrid sorting centre; carrier says delivery Wednesday."},
    {"es", "refund", "Reembolso de una devolución", "refund", 3,
     {"Buenos días, devolví unas botas hace dos semanas y todavía no he recibido el reembolso.",
      "Hola {first}, disculpa la espera. Las botas llegaron a nuestro almacén el martes; los reembolsos se procesan en un plazo de 5 días laborables.",
      "Ya han pasado más de cinco días. ¿Podéis revisarlo, por favor?",
      "Tienes razón, el reembolso estaba retenido. Lo acabo de aprobar: 129,00 € a tu método de pago original.",
      "Gracias. ¿Cuánto tardará en aparecer en mi tarjeta?",
      "Normalmente entre 3 y 5 días laborables, según tu banco."},
     "Refund approved manually after review."},
    {"es", "complaint", "Mochila dañada", "complaint urgent", 4,
     {"Estoy muy decepcionado. La mochila que recibí tiene la cremallera rota y una costura abierta. Es inaceptable.",
      "Lo sentimos mucho, {first}. ¿Podrías enviarnos una foto del daño para tramitarlo?",
      "Adjunto la foto. Necesito una mochila nueva antes del viernes.",
      "Gracias. Te hemos enviado una mochila nueva por envío urgente sin coste; llegará en 48 horas.",
      "Vale, me parece una buena solución.",
      "Gracias por tu paciencia. Te enviamos el seguimiento por correo."},
     "Quality issue on the Trailhead 30L zip; batch reported to the supplier."},
    {"es", "login", "No puedo iniciar sesión", "login bug", 3,
     {"No puedo iniciar sesión en mi cuenta, me dice que la contraseña es incorrecta.",
      "Hola {first}, te he enviado un enlace para restablecer la contraseña a tu correo electrónico.",
      "El enlace dice que ha caducado.",
      "Los enlaces caducan a los 30 minutos. Te acabo de enviar uno nuevo, úsalo ahora mismo.",
      "Ya funciona, gracias.",
      "¡Genial! Cualquier otra cosa, aquí estamos."},
     nullptr},
    {"es", "praise", "¡Gracias!", "feedback", 1,
     {"Solo quería deciros que la chaqueta es fantástica. ¡Me encanta!",
      "¡Qué alegría leerlo, {first}! Compartiré tu comentario con el equipo.",
      "Y la atención al cliente siempre es excelente.",
      "¡Muchas gracias! Aquí tienes un código del 10% para tu próxima compra: GRACIAS10.",
      "¡Qué detalle! Lo usaré seguro.",
      "¡Disfrútalo! Un saludo de todo el equipo de Northwind Outfitters."},
     nullptr},
    // ---- fr ----
    {"fr", "order_status", "Où est ma commande {order} ?", "order-status shipping", 2,
     {"Bonjour, j'ai passé la commande {order} il y a une semaine et je ne l'ai toujours pas reçue. Pouvez-vous me dire où elle en est ?",
      "Bonjour {first}, merci pour votre message. Votre commande a quitté notre entrepôt vendredi et se trouve chez le transporteur. Elle devrait arriver d'ici deux jours.",
      "D'accord. Pouvez-vous m'envoyer le numéro de suivi ?",
      "Bien sûr, je viens de vous l'envoyer par e-mail. Vous le trouverez aussi dans votre compte, rubrique Mes commandes.",
      "Parfait, merci beaucoup !",
      "Avec plaisir ! Bonne journée."},
     "Colis en transit via Lyon, livraison prévue jeudi."},
    {"fr", "refund", "Remboursement en attente", "refund", 3,
     {"Bonjour, j'ai retourné un sac de couchage il y a deux semaines et je n'ai pas encore été remboursé.",
      "Bonjour {first}, désolé pour l'attente. Le colis est arrivé mardi à notre centre de retours ; le remboursement est effectué sous 5 jours ouvrés.",
      "Cela fait plus de cinq jours. Pouvez-vous vérifier, s'il vous plaît ?",
      "Vous avez raison, le remboursement était bloqué. Je viens de le valider : 89,00 € sur votre moyen de paiement d'origine.",
      "Merci. Combien de temps avant de le voir sur ma carte ?",
      "En général 3 à 5 jours ouvrés selon votre banque."},
     "Refund released after manual check."},
    {"fr", "complaint", "Livraison très en retard", "complaint shipping urgent", 4,
     {"Je suis très mécontent. Ma commande {order} a dix jours de retard et personne ne répond à mes e-mails.",
      "Je suis vraiment désolé, {first}. J'ai contacté le transporteur : le colis était bloqué au centre de tri de Lyon.",
      "J'en ai besoin pour ce week-end. Que pouvez-vous faire ?",
      "Je vous ai envoyé un nouveau colis en express, livré demain avant 13 h, et je vous rembourse les frais de port.",
      "D'accord, merci pour votre réactivité.",
      "C'est la moindre des choses. Toutes nos excuses pour ce désagrément."},
     "Lost parcel claim opened with the carrier; reshipped by express."},
    {"fr", "praise", "Merci pour le service", "feedback", 1,
     {"Je voulais simplement vous remercier : les chaussures de randonnée sont parfaites et très confortables.",
      "Merci beaucoup, {first} ! Votre message fait plaisir à toute l'équipe.",
      "Je recommanderai votre boutique à mes amis.",
      "C'est très gentil ! Voici un code de 10 % pour votre prochaine commande : MERCI10.",
      "Super, merci encore !",
      "Bonnes randonnées !"},
     nullptr},
    // ---- de ----
    {"de", "order_status", "Wo ist meine Bestellung {order}?", "order-status shipping", 2,
     {"Hallo, ich habe vor einer Woche die Bestellung {order} aufgegeben und sie ist immer noch nicht angekommen. Können Sie nachsehen?",
      "Hallo {first}, danke für Ihre Nachricht. Ihre Bestellung hat unser Lager am Freitag verlassen und ist jetzt beim Versanddienstleister. Sie sollte in zwei Tagen ankommen.",
      "Können Sie mir bitte die Sendungsnummer schicken?",
      "Natürlich, ich habe sie Ihnen gerade per E-Mail geschickt. Sie finden sie auch in Ihrem Konto unter Meine Bestellungen.",
      "Super, vielen Dank!",
      "Gern geschehen! Einen schönen Tag noch."},
     "Paket im Verteilzentrum Leipzig, Zustellung morgen."},
    {"de", "refund", "Rückerstattung fehlt", "refund", 3,
     {"Guten Tag, ich habe vor zwei Wochen eine Jacke zurückgeschickt, aber noch keine Rückerstattung erhalten.",
      "Hallo {first}, entschuldigen Sie die Wartezeit. Die Jacke ist am Dienstag bei uns eingegangen; Erstattungen erfolgen innerhalb von 5 Werktagen.",
      "Es sind schon mehr als fünf Tage vergangen. Können Sie das bitte prüfen?",
      "Sie haben recht, die Erstattung hing in der Prüfung fest. Ich habe sie gerade freigegeben: 149,00 € auf Ihr ursprüngliches Zahlungsmittel.",
      "Danke. Wann sehe ich das Geld auf meiner Karte?",
      "In der Regel nach 3 bis 5 Werktagen, je nach Bank."},
     "Refund approved manually."},
    {"de", "login", "Anmeldung funktioniert nicht", "login bug", 3,
     {"Ich kann mich nicht in mein Konto einloggen. Die E-Mail zum Zurücksetzen des Passworts kommt nicht an.",
      "Hallo {first}, das tut mir leid. Bitte schauen Sie auch im Spam-Ordner nach; ich habe Ihnen gerade einen neuen Link geschickt.",
      "Gefunden, aber der Link ist abgelaufen.",
      "Die Links sind 30 Minuten gültig. Ich habe Ihnen einen neuen geschickt, bitte verwenden Sie ihn gleich.",
      "Jetzt hat es geklappt, danke!",
      "Sehr gut! Melden Sie sich gern, wenn noch etwas ist."},
     "Same spam-folder issue as BUG-2291."},
    {"de", "complaint", "Beschädigte Ware", "complaint urgent", 4,
     {"Ich bin sehr enttäuscht. Das Zelt aus Bestellung {order} kam mit einer gebrochenen Stange an.",
      "Das tut mir sehr leid, {first}. Könnten Sie uns ein Foto des Schadens schicken?",
      "Foto ist angehängt. Ich brauche das Zelt bis nächste Woche.",
      "Danke. Wir haben Ihnen kostenlos ein Ersatzzelt per Express geschickt; es kommt in zwei Werktagen an.",
      "In Ordnung, das ist eine gute Lösung.",
      "Vielen Dank für Ihre Geduld. Die Sendungsnummer kommt per E-Mail."},
     "Damage claim filed; replacement shipped by express."},
    // ---- pt ----
    {"pt", "order_status", "Onde está meu pedido {order}?", "order-status shipping", 2,
     {"Olá, fiz o pedido {order} há uma semana e ainda não chegou. Vocês podem verificar onde ele está?",
      "Olá {first}, obrigado pelo contato. Seu pedido saiu do nosso armazém na sexta-feira e está com a transportadora. Deve chegar em até dois dias úteis.",
      "Pode me mandar o código de rastreamento?",
      "Claro, acabei de enviar por e-mail. Você também encontra na sua conta, em Meus pedidos.",
      "Perfeito, muito obrigado!",
      "Por nada! Qualquer coisa, estamos à disposição."},
     "Pacote liberado na alfândega de Curitiba."},
    {"pt", "refund", "Reembolso da devolução", "refund", 3,
     {"Bom dia, devolvi uma mochila há duas semanas e ainda não recebi o reembolso.",
      "Olá {first}, desculpe pela demora. A mochila chegou ao nosso centro de devoluções na terça; os reembolsos são feitos em até 5 dias úteis.",
      "Já passaram mais de cinco dias. Podem verificar, por favor?",
      "Você tem razão, o reembolso estava parado em análise. Acabei de aprovar: R$ 459,00 no seu meio de pagamento original.",
      "Obrigado. Quanto tempo leva para aparecer no cartão?",
      "Normalmente de 3 a 5 dias úteis, dependendo do banco."},
     "Refund approved manually."},
    {"pt", "complaint", "Produto com defeito", "complaint urgent", 4,
     {"Estou muito insatisfeito. A lanterna que comprei parou de funcionar depois de dois dias.",
      "Sinto muito, {first}. Pode nos enviar uma foto ou vídeo do problema?",
      "Enviei o vídeo. Quero uma solução rápida.",
      "Obrigado. Já enviamos uma lanterna nova por entrega expressa, sem custo; chega em 48 horas.",
      "Tudo bem, obrigado pela rapidez.",
      "Nós que agradecemos pela paciência!"},
     "Headlamp 400 battery contact defect; third case this month."},
    {"pt", "praise", "Adorei!", "feedback", 1,
     {"Só queria dizer que adorei o saco de dormir. Muito quentinho e leve!",
      "Que bom saber, {first}! Vou compartilhar seu comentário com a equipe.",
      "O atendimento de vocês também é ótimo.",
      "Muito obrigado! Aqui vai um cupom de 10% para a próxima compra: OBRIGADO10.",
      "Que gentileza! Vou usar com certeza.",
      "Aproveite! Um abraço da equipe Northwind Outfitters."},
     nullptr},
    // ---- it ----
    {"it", "order_status", "Dov'è il mio ordine {order}?", "order-status shipping", 2,
     {"Buongiorno, ho effettuato l'ordine {order} una settimana fa e non è ancora arrivato. Potete controllare dove si trova?",
      "Buongiorno {first}, grazie per averci scritto. Il suo ordine ha lasciato il magazzino venerdì ed è ora con il corriere. Dovrebbe arrivare entro due giorni.",
      "Potete mandarmi il numero di tracciamento?",
      "Certo, gliel'ho appena inviato via e-mail. Lo trova anche nel suo account, nella sezione I miei ordini.",
      "Perfetto, grazie mille!",
      "Prego! Buona giornata."},
     "Pacco in consegna da Verona."},
    {"it", "refund", "Rimborso non ricevuto", "refund", 3,
     {"Salve, ho restituito un paio di scarponi due settimane fa ma non ho ancora ricevuto il rimborso.",
      "Salve {first}, ci scusi per l'attesa. Gli scarponi sono arrivati martedì al nostro centro resi; i rimborsi vengono emessi entro 5 giorni lavorativi.",
      "Sono passati più di cinque giorni. Potete verificare, per favore?",
      "Ha ragione, il rimborso era bloccato in verifica. L'ho appena approvato: 139,00 € sul metodo di pagamento originale.",
      "Grazie. Quanto tempo ci vorrà per vederlo sulla carta?",
      "Di solito da 3 a 5 giorni lavorativi, a seconda della banca."},
     "Refund approved manually."},
    {"it", "login", "Non riesco ad accedere", "login bug", 3,
     {"Non riesco ad accedere al mio account: dice che la password è sbagliata.",
      "Salve {first}, le ho inviato un link per reimpostare la password al suo indirizzo e-mail.",
      "Il link risulta scaduto.",
      "I link scadono dopo 30 minuti. Gliene ho appena inviato uno nuovo, lo usi subito.",
      "Adesso funziona, grazie!",
      "Ottimo! Per qualsiasi cosa siamo qui."},
     nullptr},
    {"it", "complaint", "Pacco danneggiato", "complaint urgent", 4,
     {"Sono molto deluso. Lo zaino dell'ordine {order} è arrivato con la cerniera rotta.",
      "Siamo davvero spiacenti, {first}. Può inviarci una foto del danno?",
      "Ecco la foto. Mi serve uno zaino nuovo entro venerdì.",
      "Grazie. Le abbiamo spedito uno zaino nuovo con corriere espresso, senza costi; arriverà in 48 ore.",
      "Va bene, è una buona soluzione.",
      "Grazie per la pazienza. Le invieremo il tracciamento via e-mail."},
     "Zip defect on the Trailhead 30L again; supplier informed."},
};

//-------------------------------------------------------------------------------------------------
// [SECTION] Builders: directory, customers, custom objects
//-------------------------------------------------------------------------------------------------

struct Builder {
  Json resources = Json::array();
  Prng rng{0x4e6f727468776e64ULL};  // "Northwnd"

  // Per customer: order numbers (newest last) and conversation bookkeeping.
  std::vector<std::vector<std::string>> orders = std::vector<std::vector<std::string>>(kCustomerCount);
  struct ConvSummary {
    std::string id;
    std::string status;
    std::string channel;
    std::vector<std::string> tags;
    TimeMs created = 0;
    TimeMs last_in = 0;
    std::string last_in_channel;
  };
  std::vector<std::vector<ConvSummary>> convs = std::vector<std::vector<ConvSummary>>(kCustomerCount);

  int next_message = 0, next_note = 0, next_work_item = 0, next_kobject = 0, next_draft = 0;

  void Add(Json r) { resources.push_back(std::move(r)); }

  void Directory() {
    for (size_t i = 0; i < std::size(kTags); ++i) {
      Add(Res("tag", Id(kTagF, static_cast<int>(i) + 1), Json{{"name", kTags[i].name}, {"color", kTags[i].color}},
              Json::object(), kNow - 400 * kDay + static_cast<TimeMs>(i) * kMinute));
    }
    for (size_t i = 0; i < std::size(kUsers); ++i) {
      const UserSpec& u = kUsers[i];
      const bool machine = std::strcmp(u.type, "machine") == 0;
      Json a{{"name", u.name}, {"displayName", u.display}, {"email", u.email}, {"userType", u.type}};
      a["emailVerifiedAt"] = machine ? Json(nullptr) : Json(Iso(kNow - 380 * kDay + static_cast<TimeMs>(i) * kHour));
      a["emailSignature"] = machine ? std::string("Northwind Outfitters Customer Care\nsupport@") + kDomain
                                    : std::string(u.name) + "\n" + u.title + " · Northwind Outfitters\n" + kDomain;
      a["roles"] = machine ? Json::array({"org.user.workflow"}) : Json::array({"org.user.agent"});
      a["locale"] = machine ? "en-US" : (std::string(u.langs).substr(0, 2) == "en" ? "en-US" : std::string(u.langs).substr(0, 2));
      a["avatarUrl"] = "https://" + std::string(kDomain) + "/avatars/" + std::to_string(i + 1) + ".png";
      Add(Res("user", Id(kUserF, static_cast<int>(i) + 1), std::move(a), Json::object(), kNow - 390 * kDay + static_cast<TimeMs>(i) * kHour));
    }
    for (size_t i = 0; i < std::size(kTeams); ++i) {
      Json members = Json::array();
      for (int m : kTeams[i].members) members.push_back(Id(kUserF, m));
      Add(Res("team", Id(kTeamF, static_cast<int>(i) + 1),
              Json{{"name", kTeams[i].name}, {"displayName", kTeams[i].display}, {"icon", kTeams[i].icon}, {"members", members}},
              Json::object(), kNow - 385 * kDay + static_cast<TimeMs>(i) * kHour));
    }
    Add(Res("queue", Id(kQueueF, kQueueGeneral),
            Json{{"name", "general-support"}, {"displayName", "General Support"}, {"description", "Every inbound conversation that is not VIP or escalated."},
                 {"priority", 1}, {"itemSize", 1}, {"restrictTransfersByUsers", false}},
            Json::object(), kNow - 380 * kDay));
    Add(Res("queue", Id(kQueueF, kQueueVip),
            Json{{"name", "vip-escalations"}, {"displayName", "VIP & Escalations"}, {"description", "VIP customers and urgent complaints: routed first."},
                 {"priority", 3}, {"itemSize", 1}, {"restrictTransfersByUsers", false}},
            Json::object(), kNow - 380 * kDay + kHour));
    Add(Res("brand", Id(kBrandF, 1),
            Json{{"name", "Northwind Outfitters"}, {"color", "#1f6f5c"}, {"logoUrl", "https://" + std::string(kDomain) + "/brand/logo.svg"},
                 {"default", true}, {"email", kSupportEmail}, {"domain", kDomain}},
            Json::object(), kNow - 400 * kDay));
  }

  void Companies() {
    for (size_t i = 0; i < std::size(kCompanies); ++i) {
      const CompanySpec& c = kCompanies[i];
      Json a{{"name", c.name}, {"externalId", c.external_id}};
      a["domains"] = Json::array({Json{{"domain", c.domain}}});
      a["emails"] = Json::array({Json{{"type", "work"}, {"email", std::string("purchasing@") + c.domain}}});
      a["employeeCount"] = c.employees;
      a["locations"] = Json::array({Json{{"countryCode", c.country}}});
      a["tags"] = Json::array({TagId("wholesale")});
      a["custom"] = Json{{"segmentStr", c.segment}, {"accountManagerStr", "Priya Raman"}, {"wholesaleBool", true},
                         {"annualVolumeNum", 15000 + 2500 * static_cast<int>(i)}};
      a["defaultLang"] = std::string(c.country) == "US" ? "en" : std::string(c.country) == "ES" ? "es" : std::string(c.country) == "AT" ? "de"
                         : std::string(c.country) == "BR" ? "pt" : "it";
      Add(Res("company", Id(kCompanyF, static_cast<int>(i) + 1), std::move(a), Json::object(), kNow - 300 * kDay + static_cast<TimeMs>(i) * kDay));
    }
  }

  // Orders (1-3 per customer) and subscriptions (every third customer) as kobjects, before the
  // conversations so threads can name the customer's latest order.
  void CustomObjects() {
    Add(Res("klass", Id(kKlassF, 1),
            Json{{"name", "order"}, {"displayName", "Order"}, {"icon", "cart"}, {"color", "#2f80ed"}, {"status", "enabled"},
                 {"mixins", Json::array()},
                 {"description", "Webshop orders synced from the storefront (Shopify)."}},
            Json::object(), kNow - 365 * kDay));
    Add(Res("klass", Id(kKlassF, 2),
            Json{{"name", "subscription"}, {"displayName", "Subscription"}, {"icon", "repeat"}, {"color", "#9b51e0"}, {"status", "enabled"},
                 {"mixins", Json::array()},
                 {"description", "Trail Club memberships and Gear Box subscriptions."}},
            Json::object(), kNow - 365 * kDay + kHour));
    static constexpr const char* kStatuses[] = {"processing", "shipped", "shipped", "delivered", "delivered", "delivered", "returned", "refunded"};
    static constexpr const char* kCarriers[] = {"UPS", "DHL Express", "FedEx", "Correos", "La Poste", "Poste Italiane", "CTT", "Correios"};
    int order_no = 100200;
    for (int c = 0; c < kCustomerCount; ++c) {
      const CustomerSpec& cs = kCustomers[c];
      const int n = 1 + rng.Below(3);
      TimeMs placed = kNow - (40 + rng.Below(200)) * kDay - rng.Below(1440) * kMinute;
      for (int k = 0; k < n; ++k) {
        const std::string number = "NW-" + std::to_string(++order_no);
        orders[c].push_back(number);
        Json items = Json::array();
        double total = 0;
        const int lines = 1 + rng.Below(3);
        for (int l = 0; l < lines; ++l) {
          const Product& p = kProducts[rng.Below(static_cast<int>(std::size(kProducts)))];
          const int qty = 1 + (rng.Below(5) == 0 ? 1 : 0);
          items.push_back(Json{{"sku", p.sku}, {"name", p.name}, {"quantity", qty}, {"price", p.price}});
          total += p.price * qty;
        }
        // The newest order of a customer is the one still moving.
        const bool newest = k == n - 1;
        const char* status = newest ? (rng.Below(2) ? "shipped" : "processing") : kStatuses[3 + rng.Below(5)];
        const char* carrier = kCarriers[rng.Below(static_cast<int>(std::size(kCarriers)))];
        char tracking[32];
        std::snprintf(tracking, sizeof tracking, "1Z%06dNW%08d", order_no % 1000000, static_cast<int>(rng.Below(100000000)));
        Json data{{"orderNumber", number}, {"currency", cs.currency}, {"total", total}, {"items", items},
                  {"carrier", carrier}, {"trackingNumber", tracking}, {"shippingCountry", cs.country}};
        Json custom{{"orderNumberStr", number}, {"statusStr", status}, {"totalNum", total}, {"currencyStr", cs.currency},
                    {"carrierStr", carrier}, {"trackingNumberStr", tracking}, {"placedAt", Iso(placed)},
                    {"itemCountNum", static_cast<int>(items.size())}};
        Json a{{"klassName", "order"}, {"title", "Order " + number}, {"externalId", number},
               {"description", std::to_string(items.size()) + " item(s), " + std::string(cs.currency) + " " + std::to_string(static_cast<int>(total))},
               {"data", data}, {"custom", custom}, {"tags", Json::array()}};
        Add(Res("kobject", Id(kKobjectF, ++next_kobject), std::move(a),
                Json{{"klass", Rel("klass", "order")}, {"customer", Rel("customer", Id(kCustomerF, c + 1))}}, placed,
                placed + (newest ? 2 * kDay : 9 * kDay), newest ? 2 : 4));
        placed += (10 + rng.Below(40)) * kDay;
        if (placed > kNow - 5 * kDay) placed = kNow - 5 * kDay + k * kHour;
      }
    }
    struct Plan {
      const char* plan;
      const char* display;
      const char* interval;
      double price;
    };
    static constexpr Plan kPlans[] = {{"trail-club-monthly", "Trail Club Monthly", "month", 9.99},
                                      {"trail-club-annual", "Trail Club Annual", "year", 99.0},
                                      {"gear-box-quarterly", "Gear Box Quarterly", "quarter", 59.0}};
    static constexpr const char* kSubStatuses[] = {"active", "active", "active", "paused", "cancelled"};
    int sub_no = 2000;
    for (int c = 0; c < kCustomerCount; c += 2) {
      if (c % 3 == 2) continue;
      const Plan& p = kPlans[rng.Below(3)];
      const char* status = kSubStatuses[rng.Below(5)];
      const std::string number = "SUB-" + std::to_string(++sub_no);
      const TimeMs started = kNow - (60 + rng.Below(300)) * kDay;
      const TimeMs renews = kNow + (1 + rng.Below(28)) * kDay;
      Json a{{"klassName", "subscription"}, {"title", std::string(p.display) + " (" + number + ")"}, {"externalId", number},
             {"description", std::string(p.display) + ", " + status},
             {"data", Json{{"plan", p.plan}, {"interval", p.interval}, {"price", p.price}, {"currency", kCustomers[c].currency}}},
             {"custom", Json{{"planStr", p.plan}, {"statusStr", status}, {"priceNum", p.price}, {"startedAt", Iso(started)},
                             {"renewsAt", std::strcmp(status, "cancelled") == 0 ? Json(nullptr) : Json(Iso(renews))}}},
             {"tags", Json::array({TagId("subscription")})}};
      Add(Res("kobject", Id(kKobjectF, ++next_kobject), std::move(a),
              Json{{"klass", Rel("klass", "subscription")}, {"customer", Rel("customer", Id(kCustomerF, c + 1))}}, started,
              started + 30 * kDay, 3));
    }
  }

  //-----------------------------------------------------------------------------------------------
  // [SECTION] Builders: conversations, messages, notes, work items, drafts
  //-----------------------------------------------------------------------------------------------

  static std::string AppOf(const std::string& channel) {
    if (channel == "email") return "postmark";
    if (channel == "sms") return "twilio";
    if (channel == "whatsapp") return "twilio_whatsapp";
    if (channel == "facebook") return "facebook";
    return "chat";
  }

  static int AgentFor(const std::string& lang) {
    if (lang == "es" || lang == "pt") return kUserDiego;
    if (lang == "fr" || lang == "it") return kUserCamille;
    if (lang == "de") return kUserJonas;
    return kUserOlivia;
  }

  std::vector<int> TopicsOf(const std::string& lang) const {
    std::vector<int> out;
    for (size_t i = 0; i < std::size(kTopics); ++i) {
      if (lang == kTopics[i].lang) out.push_back(static_cast<int>(i));
    }
    return out;
  }

  void Conversations() {
    // Who writes: every customer once, then 50 more picked by the PRNG.
    std::vector<int> who;
    for (int c = 0; c < kCustomerCount; ++c) who.push_back(c);
    while (who.size() < 100) who.push_back(rng.Below(kCustomerCount));
    static constexpr const char* kCycle[] = {"chat", "email", "sms", "whatsapp", "facebook"};
    std::vector<std::vector<int>> used_topics(kCustomerCount);
    for (int i = 0; i < 100; ++i) {
      const int c = who[i];
      const CustomerSpec& cs = kCustomers[c];
      const std::string lang = LangOf(cs);
      // Topic: one the customer has not written about yet, when possible.
      std::vector<int> topics = TopicsOf(lang);
      int topic = topics[rng.Below(static_cast<int>(topics.size()))];
      for (int tries = 0; tries < 8 && std::count(used_topics[c].begin(), used_topics[c].end(), topic); ++tries) {
        topic = topics[rng.Below(static_cast<int>(topics.size()))];
      }
      used_topics[c].push_back(topic);
      // Channel: round robin over the five, falling back to what the customer can use.
      std::string channel = kCycle[i % 5];
      if ((channel == "whatsapp" && !cs.whatsapp) || (channel == "facebook" && !cs.fb_user)) channel = rng.Below(2) ? "chat" : "email";
      // Status and how far the thread got: open threads end with the customer's message.
      const int roll = rng.Below(100);
      const std::string status = roll < 45 ? "open" : roll < 60 ? "snoozed" : "done";
      int count = status == "open" ? 1 + 2 * rng.Below(3) : 2 + 2 * rng.Below(3);
      // Open ones are recent; done ones anywhere in the last 30 days.
      TimeMs start = status == "open" ? kNow - (2 * kHour + rng.Below(3 * 24 * 60) * kMinute)
                                      : kNow - (1 * kDay + rng.Below(29 * 24 * 60) * kMinute);
      Conversation(i + 1, c, topic, channel, status, count, start);
    }
  }

  void Conversation(int n, int c, int topic_index, const std::string& channel, const std::string& status, int count, TimeMs start) {
    const CustomerSpec& cs = kCustomers[c];
    const Topic& t = kTopics[topic_index];
    const std::string conv_id = Id(kConversationF, n);
    const std::string customer_id = Id(kCustomerF, c + 1);
    const std::string order = orders[c].empty() ? "NW-100000" : orders[c].back();
    const int agent = AgentFor(t.lang);
    const std::string app = AppOf(channel);
    auto fill = [&](const char* text) {
      return Replace(Replace(Replace(text, "{first}", cs.first), "{order}", order), "{agent}", kUsers[agent - 1].display);
    };
    const std::string subject = fill(t.subject);
    const std::string customer_email = cs.email;
    const std::string customer_address = channel == "email" ? customer_email
                                         : channel == "sms" ? std::string(cs.phone)
                                         : channel == "whatsapp" ? "whatsapp:" + std::string(cs.phone)
                                         : channel == "facebook" ? std::string(cs.fb_user)
                                                                 : customer_id;
    const std::string org_address = channel == "email" ? std::string(kSupportEmail)
                                    : channel == "sms" ? std::string(kSupportPhone)
                                    : channel == "whatsapp" ? "whatsapp:" + std::string(kSupportPhone)
                                    : channel == "facebook" ? std::string(kFacebookPageId)
                                                            : std::string("northwind-chat");

    Json first_in, last_in, last_out, first_out;
    int in_count = 0, out_count = 0;
    TimeMs at = start;
    std::string last_text;
    std::string last_direction;
    for (int k = 0; k < count; ++k) {
      const bool inbound = k % 2 == 0;
      const std::string text = fill(t.messages[k]);
      const std::string mid = Id(kMessageF, ++next_message);
      Json a{{"channel", channel}, {"app", app}, {"direction", inbound ? "in" : "out"}};
      a["directionType"] = k == 0 ? "initial-in" : inbound ? "followup-in" : "response-out";
      a["preview"] = Utf8BytePrefix(text, 200);
      a["body"] = text;
      if (channel == "email") a["subject"] = k == 0 ? subject : "Re: " + subject;
      Json meta{{"from", inbound ? customer_address : org_address}, {"to", Json::array({inbound ? org_address : customer_address})}};
      if (channel == "email") meta["subject"] = k == 0 ? subject : "Re: " + subject;
      a["meta"] = meta;
      a["size"] = static_cast<int>(text.size());
      a["status"] = inbound ? "received" : "sent";
      a["sentAt"] = Iso(at);
      a["lang"] = t.lang;
      a["auto"] = false;
      a["externalId"] = channel + "-" + std::to_string(1000000 + next_message);
      Json rels{{"conversation", Rel("conversation", conv_id)}, {"customer", Rel("customer", customer_id)}};
      if (!inbound) rels["createdBy"] = Rel("user", Id(kUserF, agent));
      Add(Res("message", mid, std::move(a), std::move(rels), at));
      Json stamp{{"id", mid}, {"sentAt", Iso(at)}, {"channel", channel}};
      if (inbound) {
        ++in_count;
        if (first_in.is_null()) first_in = stamp;
        last_in = stamp;
      } else {
        ++out_count;
        if (first_out.is_null()) first_out = stamp;
        last_out = stamp;
      }
      last_text = text;
      last_direction = inbound ? "in" : "out";
      if (k + 1 < count) at += (inbound ? 4 + rng.Below(90) : 20 + rng.Below(600)) * kMinute;
    }
    const TimeMs last_at = at;

    // Tags: the topic's, plus vip for VIP customers.
    std::vector<std::string> tag_names;
    {
      std::string s = t.tags;
      size_t b = 0;
      while (b < s.size()) {
        size_t e = s.find(' ', b);
        if (e == std::string::npos) e = s.size();
        tag_names.push_back(s.substr(b, e - b));
        b = e + 1;
      }
    }
    if (cs.vip) tag_names.push_back("vip");
    Json tags = Json::array();
    for (const std::string& name : tag_names) tags.push_back(TagId(name));

    const bool escalated = cs.vip || t.priority >= 4;
    const int queue = escalated ? kQueueVip : kQueueGeneral;
    const int team = escalated ? kTeamVip : (std::string(t.lang) == "en" ? kTeamTier1 : kTeamMultilingual);
    // Open conversations: a third are still waiting in the queue with nobody assigned.
    const bool assigned = status != "open" || rng.Below(3) != 0;
    const int assignee = escalated ? kUserPriya : agent;

    Json a{{"name", subject}, {"externalId", "nw-conv-" + std::to_string(5000 + n)}};
    a["preview"] = Utf8BytePrefix(last_text, 200);
    a["channels"] = Json::array({channel});
    a["status"] = status;
    a["priority"] = std::min(5, t.priority + (cs.vip ? 1 : 0));
    a["direction"] = "in";
    a["messageCount"] = count;
    a["inboundMessageCount"] = in_count;
    a["outboundMessageCount"] = out_count;
    a["firstMessageIn"] = first_in;
    a["lastMessageIn"] = last_in;
    if (!first_out.is_null()) {
      a["firstMessageOut"] = first_out;
      a["lastMessageOut"] = last_out;
      a["firstResponse"] = Json{{"time", ParseIso(first_out["sentAt"].get<std::string>()).value_or(start) - start}};
    }
    a["lastMessageAt"] = Iso(last_at);
    a["lastMessageDirection"] = last_direction;
    a["tags"] = tags;
    a["assignedUsers"] = assigned ? Json::array({Id(kUserF, assignee)}) : Json::array();
    a["assignedTeams"] = Json::array({Id(kTeamF, team)});
    a["defaultLang"] = t.lang;
    a["locale"] = cs.locale;
    a["custom"] = Json{{"contactReasonStr", t.key}};
    if (std::string(t.key) != "praise" && std::string(t.key) != "login" && std::string(t.key) != "shipping_intl") {
      a["custom"]["orderNumberStr"] = order;
    }
    a["satisfaction"] = status == "done" ? Json(t.priority >= 4 ? 3 : 5) : Json(nullptr);
    a["spam"] = false;
    a["ended"] = status == "done";
    if (status == "done") {
      a["lastDone"] = Json{{"createdAt", Iso(last_at + 5 * kMinute)}, {"byType", "user"}};
      a["doneCount"] = 1;
    }
    if (status == "snoozed") {
      a["snooze"] = Json{{"time", Iso(kNow + (2 + rng.Below(46)) * kHour)}, {"status", "open"}};
      a["snoozeCount"] = 1;
    }
    a["lastActivityAt"] = Iso(last_at);
    Json rels{{"customer", Rel("customer", customer_id)}, {"queue", Rel("queue", Id(kQueueF, queue))},
              {"brand", Rel("brand", Id(kBrandF, 1))}, {"createdBy", Rel("user", Id(kUserF, kUserBot))}};

    // Notes: about half the conversations that went past the first reply.
    int notes = 0;
    if (t.note && count >= 2 && rng.Below(2) == 0) {
      const bool by_bot = rng.Below(4) == 0;
      const std::string body = by_bot ? std::string("Auto: customer ") + cs.first + " " + cs.last + " (" + (cs.tier) +
                                            " tier) contacted us about \"" + subject + "\"."
                                      : std::string(t.note);
      Json na{{"body", body}, {"externalId", "nw-note-" + std::to_string(next_note + 1)}, {"userMentions", Json::array()}};
      if (by_bot) na["createdByWorkflow"] = true;
      if (!by_bot && escalated) na["userMentions"] = Json::array({Json{{"user", Id(kUserF, kUserPriya)}}});
      Add(Res("note", Id(kNoteF, ++next_note), std::move(na),
              Json{{"conversation", Rel("conversation", conv_id)}, {"customer", Rel("customer", customer_id)},
                   {"createdBy", Rel("user", Id(kUserF, by_bot ? kUserBot : assignee))}},
              start + 3 * kMinute));
      ++notes;
    }
    a["noteCount"] = notes;
    Add(Res("conversation", conv_id, std::move(a), std::move(rels), start, last_at, count + notes + 1));

    // Routing: open and snoozed conversations have a work item in their queue.
    if (status != "done") {
      std::string wi_status = status == "snoozed" ? "assigned" : assigned ? (rng.Below(3) == 0 ? "routed" : "assigned") : "queued";
      Json wa{{"resourceType", "conversation"}, {"status", wi_status}, {"paused", status == "snoozed"}, {"channel", channel},
              {"priority", queue == kQueueVip ? 3 : 1}, {"itemSize", 1}, {"queuedCount", 1},
              {"firstEnterQueueAt", Iso(start + kMinute)}, {"resourceRev", count + 1}, {"resourceCreatedAt", Iso(start)},
              {"resourceDirection", "in"}, {"workItemNumber", 7000 + n},
              {"lastRevision", Json{{"enteredQueueAt", Iso(start + kMinute)}, {"queueTime", wi_status == "queued" ? 0 : 4 * 60 * 1000}}}};
      Json wr{{"queue", Rel("queue", Id(kQueueF, queue))}, {"resource", Rel("conversation", conv_id)}};
      if (wi_status != "queued") {
        wr["assignedTo"] = Rel("user", Id(kUserF, assignee));
        if (wi_status == "assigned") wr["acceptedBy"] = Rel("user", Id(kUserF, assignee));
      }
      Add(Res("work_item", Id(kWorkItemF, ++next_work_item), std::move(wa), std::move(wr), start + kMinute, last_at, 2));
    }

    convs[c].push_back(ConvSummary{conv_id, status, channel, tag_names, start, ParseIso(last_in["sentAt"].get<std::string>()).value_or(start), channel});
  }

  void WorkSessions() {
    struct SessionSpec {
      int user;
      const char* status;
      std::initializer_list<int> queues;
      int team;
    };
    const SessionSpec kSessions[] = {
        {kUserOlivia, "available", {kQueueGeneral, kQueueVip}, kTeamTier1},
        {kUserDiego, "available", {kQueueGeneral}, kTeamMultilingual},
        {kUserCamille, "busy", {kQueueGeneral}, kTeamMultilingual},
        {kUserJonas, "unavailable", {kQueueGeneral}, kTeamMultilingual},
        {kUserPriya, "available", {kQueueVip, kQueueGeneral}, kTeamVip},
    };
    int n = 0;
    for (const SessionSpec& s : kSessions) {
      std::vector<std::string> queues;
      for (int q : s.queues) queues.push_back(Id(kQueueF, q));
      const bool busy = std::strcmp(s.status, "busy") == 0;
      const int load = busy ? 3 : std::strcmp(s.status, "available") == 0 ? 1 : 0;
      Json a{{"routable", std::strcmp(s.status, "unavailable") != 0}, {"statusType", s.status}, {"workItemCount", load},
             {"capacity", Json::array({Json{{"priority", 1}, {"limit", 3}, {"remaining", 3 - load}}})},
             {"capacityRemaining", 3 - load}, {"totalCapacity", 3}, {"capacityStatus", busy ? "full" : "available"},
             {"handledItemCount", 12 + 7 * n}, {"signedInAt", Iso(kNow - (90 - 10 * n) * kMinute)},
             {"lastAssignedItemAt", Iso(kNow - (25 + 5 * n) * kMinute)}};
      ++n;
      Add(Res("work_session", Id(kWorkSessionF, n), std::move(a),
              Json{{"user", Rel("user", Id(kUserF, s.user))}, {"team", Rel("team", Id(kTeamF, s.team))}, {"queues", RelMany("queue", queues)}},
              kNow - (90 - 10 * n) * kMinute, kNow - 5 * kMinute, 4));
    }
  }

  void Customers() {
    for (int c = 0; c < kCustomerCount; ++c) {
      const CustomerSpec& cs = kCustomers[c];
      const std::string id = Id(kCustomerF, c + 1);
      const TimeMs signup = kNow - (60 + (c * 37) % 700) * kDay - (c * 131 % 1440) * kMinute;
      Json a;
      a["name"] = std::string(cs.first) + " " + cs.last;
      a["displayName"] = a["name"];
      a["firstName"] = cs.first;
      a["lastName"] = cs.last;
      const std::string ext = "nw-cus-" + std::to_string(10001 + c);
      a["externalId"] = ext;
      a["externalIds"] = Json::array({Json{{"externalId", ext}, {"verified", true}}});
      a["emails"] = Json::array({Json{{"type", "home"}, {"email", cs.email}, {"verified", true}}});
      Json phones = Json::array({Json{{"type", "mobile"}, {"phone", cs.phone}, {"verified", c % 4 != 3}}});
      a["phones"] = phones;
      a["whatsapps"] = cs.whatsapp ? Json::array({Json{{"type", "mobile"}, {"phone", std::string("whatsapp:") + cs.phone}, {"verified", true}}})
                                   : Json::array();
      a["socials"] = cs.twitter_id ? Json::array({Json{{"type", "twitter"}, {"userid", cs.twitter_id}, {"username", cs.twitter_user},
                                                       {"url", std::string("https://twitter.com/") + cs.twitter_user}, {"verified", true}}})
                                   : Json::array();
      a["facebookIds"] = cs.fb_user ? Json::array({Json{{"pageId", kFacebookPageId}, {"userId", cs.fb_user}, {"name", a["name"]}}})
                                    : Json::array();
      if (cs.ig_user) {
        char thread[40];
        std::snprintf(thread, sizeof thread, "3402823668417103%05d", 10000 + 97 * c);
        char igid[32];
        std::snprintf(igid, sizeof igid, "178414%011d", 1000 + 7919 * c);
        a["instagramIds"] = Json::array({Json{{"pageId", kInstagramPageId}, {"threadId", thread}, {"username", cs.ig_user}, {"instagramId", igid}}});
      } else {
        a["instagramIds"] = Json::array();
      }
      a["locale"] = cs.locale;
      a["timeZone"] = cs.tz;
      a["defaultLang"] = LangOf(cs);
      a["locations"] = Json::array({Json{{"type", "home"}, {"address", std::string(cs.city) + ", " + cs.country}, {"countryCode", cs.country}}});
      a["signedUpAt"] = Iso(signup);
      a["verified"] = true;
      a["deleted"] = false;
      a["tags"] = cs.vip ? Json::array({TagId("vip")}) : Json::array();
      // Lifetime value from the orders the customer has.
      double ltv = 0;
      for (const Json& r : resources) {
        if (GetString(r, "type") != "kobject" || SubRelId(r, "customer") != id) continue;
        if (GetString(r["attributes"], "klassName") == "order") ltv += r["attributes"]["custom"]["totalNum"].get<double>();
      }
      a["custom"] = Json{{"tierStr", cs.tier}, {"lifetimeValueNum", ltv}, {"vipBool", cs.vip}, {"signupAt", Iso(signup)},
                         {"preferredChannelStr", cs.whatsapp ? "whatsapp" : "email"}, {"newsletterBool", c % 3 != 1},
                         {"loyaltyPointsNum", static_cast<int>(ltv) / 10}};
      // Conversation bookkeeping, as Kustomer keeps it on the customer.
      Json counts{{"all", 0}, {"open", 0}, {"snoozed", 0}, {"done", 0}};
      const ConvSummary* last = nullptr;
      const ConvSummary* last_in = nullptr;
      for (const ConvSummary& s : convs[c]) {
        counts["all"] = counts["all"].get<int>() + 1;
        counts[s.status] = counts[s.status].get<int>() + 1;
        if (!last || s.created > last->created) last = &s;
        if (!last_in || s.last_in > last_in->last_in) last_in = &s;
      }
      a["conversationCounts"] = counts;
      TimeMs updated = signup;
      if (last) {
        Json ltags = Json::array();
        for (const std::string& t : last->tags) ltags.push_back(TagId(t));
        a["lastConversation"] = Json{{"id", last->id}, {"channels", Json::array({last->channel})}, {"tags", ltags}};
      }
      if (last_in) {
        a["lastMessageIn"] = Json{{"channel", last_in->last_in_channel}, {"sentAt", Iso(last_in->last_in)}};
        a["lastActivityAt"] = Iso(last_in->last_in);
        a["lastCustomerActivityAt"] = Iso(last_in->last_in);
        updated = last_in->last_in;
      }
      Json rels = Json::object();
      if (cs.company) rels["company"] = Rel("company", Id(kCompanyF, cs.company));
      Add(Res("customer", id, std::move(a), std::move(rels), signup, updated, 3 + static_cast<int>(convs[c].size())));
    }
  }

  static std::string SubRelId(const Json& r, const char* key) {
    const Json* rels = Find(r, "relationships");
    const Json* rel = rels ? Find(*rels, key) : nullptr;
    const Json* data = rel ? Find(*rel, "data") : nullptr;
    return data ? GetString(*data, "id") : std::string();
  }

  // Drafts: replies agents prepared, some scheduled to go out in the next hours (advance the
  // clock to send them), plus a note draft.
  void Drafts() {
    struct DraftSpec {
      int conversation;   // 1-based conversation counter
      const char* channel;
      const char* status; // scheduled | draft
      int minutes;        // sendAt = now + minutes (scheduled only)
      const char* body;
      const char* subject;
    };
    const DraftSpec kDrafts[] = {
        {2, "email", "scheduled", 30, "Hi {first}, just checking in: did everything arrive in good shape? Reply to this email if there's anything we can do.", "Following up on your request"},
        {6, "email", "scheduled", 90, "Hi {first}, a quick reminder that your prepaid return label is attached to our previous email. It's valid for 30 days.", "Your return label"},
        {11, "chat", "scheduled", 120, "Hi {first}! Your replacement has been dispatched and should arrive within two business days.", nullptr},
        {13, "sms", "scheduled", 240, "Northwind Outfitters: your order is out for delivery today. Reply STOP to opt out.", nullptr},
        {21, "whatsapp", "scheduled", 360, "Hi {first}, your refund has been processed. It may take 3-5 business days to appear on your statement.", nullptr},
        {27, "email", "draft", 0, "Hi {first}, thanks for your patience. I'm still waiting to hear back from the warehouse and will update you tomorrow.", "Update on your order"},
        {34, "chat", "draft", 0, "Could you share a photo of the label on the parcel? That will help us trace it with the carrier.", nullptr},
        {40, "note", "draft", 0, "Customer asked twice about the delivery date; consider offering express shipping on the next order.", nullptr},
    };
    for (const DraftSpec& d : kDrafts) {
      const Json* conv = nullptr;
      const std::string conv_id = Id(kConversationF, d.conversation);
      for (const Json& r : resources) {
        if (GetString(r, "type") == "conversation" && GetString(r, "id") == conv_id) conv = &r;
      }
      if (!conv) continue;
      const std::string customer_id = SubRelId(*conv, "customer");
      int c = 0;
      for (int k = 0; k < kCustomerCount; ++k) {
        if (Id(kCustomerF, k + 1) == customer_id) c = k;
      }
      const CustomerSpec& cs = kCustomers[c];
      const std::string channel = d.channel;
      const bool scheduled = std::strcmp(d.status, "scheduled") == 0;
      const int agent = AgentFor(LangOf(cs));
      Json a{{"channel", channel}, {"app", channel == "note" ? "kustomer" : AppOf(channel)}, {"status", d.status},
             {"body", Replace(d.body, "{first}", cs.first)}, {"auto", false}, {"scheduled", scheduled}, {"lang", LangOf(cs)}};
      if (scheduled) a["sendAt"] = Iso(kNow + d.minutes * kMinute);
      if (channel == "email") {
        a["subject"] = d.subject;
        a["from"] = kSupportEmail;
        a["to"] = Json::array({cs.email});
      } else if (channel == "sms") {
        a["from"] = kSupportPhone;
        a["to"] = Json::array({cs.phone});
      } else if (channel == "whatsapp") {
        a["from"] = std::string("whatsapp:") + kSupportPhone;
        a["to"] = Json::array({std::string("whatsapp:") + cs.phone});
      } else if (channel == "note") {
        a["userMentions"] = Json::array({Json{{"user", Id(kUserF, kUserPriya)}}});
      }
      ++next_draft;
      Add(Res("draft", Id(kDraftF, next_draft), std::move(a),
              Json{{"customer", Rel("customer", customer_id)}, {"conversation", Rel("conversation", conv_id)},
                   {"createdBy", Rel("user", Id(kUserF, agent))}},
              kNow - (20 + 3 * next_draft) * kMinute));
    }
  }

  //-----------------------------------------------------------------------------------------------
  // [SECTION] Builders: AI, commands, hooks, snippets, variables
  //-----------------------------------------------------------------------------------------------

  void Ai() {
    struct Example {
      const char* text;
      const char* label;
    };
    static constexpr Example kIntents[] = {
        {"Where is my order? It still hasn't arrived.", "order_status"},
        {"Can you tell me when my package will be delivered?", "order_status"},
        {"The tracking page hasn't updated in days", "order_status"},
        {"Has my order shipped yet?", "order_status"},
        {"I need my tracking number", "order_status"},
        {"My parcel is late, where is it?", "order_status"},
        {"When will my jacket arrive?", "order_status"},
        {"Is my delivery still on the way?", "order_status"},
        {"I want a refund for my order", "refund"},
        {"I returned the boots, where is my money?", "refund"},
        {"Please give me my money back", "refund"},
        {"How long does a refund take?", "refund"},
        {"I was charged twice, I need a refund", "refund"},
        {"Can I return this item and get reimbursed?", "refund"},
        {"The refund still isn't on my card", "refund"},
        {"I'd like to return my order for a refund", "refund"},
        {"I can't log in to my account", "account_access"},
        {"The password reset email never arrives", "account_access"},
        {"I forgot my password", "account_access"},
        {"My account is locked", "account_access"},
        {"The reset link has expired", "account_access"},
        {"How do I change the email on my account?", "account_access"},
        {"I can't sign in on the app", "account_access"},
        {"Login keeps failing with an error", "account_access"},
        {"Is this jacket waterproof?", "product_question"},
        {"What size should I get for the trail runners?", "product_question"},
        {"Does the tent fit two people with backpacks?", "product_question"},
        {"How warm is the down sleeping bag?", "product_question"},
        {"Is the backpack carry-on size?", "product_question"},
        {"What material is the base layer made of?", "product_question"},
        {"Do the trekking poles fold?", "product_question"},
        {"Is the headlamp rechargeable?", "product_question"},
        {"Please cancel my subscription", "cancel_subscription"},
        {"I want to stop my Trail Club membership", "cancel_subscription"},
        {"How do I pause my Gear Box?", "cancel_subscription"},
        {"Stop charging me every month", "cancel_subscription"},
        {"I'd like to end my membership", "cancel_subscription"},
        {"Cancel the annual plan before it renews", "cancel_subscription"},
        {"Unsubscribe me from the monthly box", "cancel_subscription"},
        {"Can I skip next quarter's box?", "cancel_subscription"},
        {"The tent arrived broken, this is unacceptable", "complaint"},
        {"Your service is terrible, nobody answers", "complaint"},
        {"I'm really disappointed with the quality", "complaint"},
        {"The zip broke after one use", "complaint"},
        {"This is the third time my order is wrong", "complaint"},
        {"Very unhappy, the item was damaged", "complaint"},
        {"I am angry about the delay", "complaint"},
        {"The product stopped working after two days", "complaint"},
        {"The new shoes are amazing, thank you!", "praise"},
        {"Great service, you were super helpful", "praise"},
        {"I love my new jacket", "praise"},
        {"Thanks for the quick help, much appreciated", "praise"},
        {"Best outdoor shop ever", "praise"},
        {"The sleeping bag is wonderful", "praise"},
        {"Your team is fantastic", "praise"},
        {"Really happy with my purchase", "praise"},
    };
    Json examples = Json::array();
    for (const Example& e : kIntents) examples.push_back(Json{{"text", e.text}, {"label", e.label}});
    Add(Res("classification-model", Id(kModelF, 1),
            Json{{"name", "customer-intents"}, {"displayName", "Customer intents"},
                 {"description", "What the customer wants, from the first inbound message."},
                 {"labels", Json::array({"order_status", "refund", "account_access", "product_question", "cancel_subscription", "complaint", "praise"})},
                 {"examples", examples}},
            Json::object(), kNow - 120 * kDay));
    static constexpr Example kUrgency[] = {
        {"I need this fixed today, my trip is tomorrow", "high"},
        {"This is urgent, I was charged twice", "high"},
        {"The tent is broken and I leave this weekend", "high"},
        {"Nobody has answered for a week, I will dispute the charge", "high"},
        {"My account was hacked, please help now", "high"},
        {"I'm furious, this is the third wrong order", "high"},
        {"Please call me immediately", "high"},
        {"The product is unsafe, the stove leaks gas", "high"},
        {"ASAP please, the delivery is missing", "high"},
        {"Just a quick question about sizes", "low"},
        {"No rush, when will the new colours be available?", "low"},
        {"Thanks for the great service", "low"},
        {"Can you send me the catalogue?", "low"},
        {"I'd like to update my address for future orders", "low"},
        {"Do you have a store in Madrid?", "low"},
        {"What are your opening hours?", "low"},
        {"I love the new jacket", "low"},
        {"Could you tell me more about the Trail Club?", "low"},
    };
    Json urgency = Json::array();
    for (const Example& e : kUrgency) urgency.push_back(Json{{"text", e.text}, {"label", e.label}});
    Add(Res("classification-model", Id(kModelF, 2),
            Json{{"name", "urgency"}, {"displayName", "Urgency"}, {"description", "Whether a message needs a reply within the hour."},
                 {"labels", Json::array({"low", "high"})}, {"examples", urgency}},
            Json::object(), kNow - 110 * kDay));

    struct Article {
      const char* lang;
      const char* title;
      const char* body;
      std::initializer_list<const char*> keywords;
    };
    const Article kArticles[] = {
        {"en", "Tracking your order",
         "Every order gets a tracking number by email as soon as it leaves our warehouse. You can also find it under My orders in your "
         "account. Orders arrive in 3-5 business days in the US and 5-8 business days internationally. If tracking has not updated "
         "for 3 days, reply to this message and we will contact the carrier.",
         {"order", "tracking", "shipping", "delivery", "arrive", "package", "where"}},
        {"en", "Returns and refunds",
         "You can return unused gear within 30 days for a full refund. Start a return from My orders to get a prepaid label. Refunds are "
         "issued within 5 business days after the return arrives at our returns centre, and your bank may take 3-5 more days to show it.",
         {"refund", "return", "money", "reimburse", "label"}},
        {"en", "Resetting your password",
         "To reset your password, click Forgot password on the sign-in page. The reset link is valid for 30 minutes. If the email does "
         "not arrive, check your spam folder or ask us to send a new link.",
         {"password", "login", "log", "sign", "reset", "account", "locked"}},
        {"en", "Shipping times and costs",
         "Standard shipping is free on orders over 75. Express shipping takes 1-2 business days in the US. We ship to over 30 countries "
         "and most international orders include duties at checkout, so there are no customs fees on delivery.",
         {"shipping", "customs", "international", "express", "cost", "fees"}},
        {"en", "Pausing or cancelling your Trail Club subscription",
         "You can pause your Trail Club or Gear Box subscription for up to 3 months, or cancel it at any time from Subscriptions in your "
         "account. Cancelling stops the next renewal; you keep your benefits until the end of the paid period.",
         {"subscription", "cancel", "pause", "membership", "trail", "club", "renewal"}},
        {"en", "Warranty on our gear",
         "All Northwind gear has a 2-year warranty against manufacturing defects such as broken zips, seams or poles. Send us a photo of "
         "the defect and your order number and we will repair or replace the item.",
         {"warranty", "defect", "broken", "repair", "replace", "zip", "pole"}},
        {"en", "Exchanging for a different size",
         "Exchanges are free within 30 days. Start an exchange from My orders; we ship the new size right away and you send the original "
         "back with the prepaid label.",
         {"exchange", "size", "fit", "swap"}},
        {"es", "Seguimiento de tu pedido",
         "Cada pedido recibe un número de seguimiento por correo electrónico en cuanto sale de nuestro almacén. También puedes verlo en "
         "Mis pedidos, en tu cuenta. Los pedidos llegan en 3-5 días laborables en España y en 5-8 días laborables al resto del mundo.",
         {"pedido", "seguimiento", "envío", "entrega", "llegado", "paquete", "dónde"}},
        {"es", "Devoluciones y reembolsos",
         "Puedes devolver el material sin usar en un plazo de 30 días y te reembolsamos el importe completo. Los reembolsos se emiten en "
         "5 días laborables desde que la devolución llega a nuestro almacén.",
         {"reembolso", "devolución", "devolver", "dinero", "devolví"}},
        {"es", "Restablecer tu contraseña",
         "Para restablecer tu contraseña, pulsa ¿Has olvidado tu contraseña? en la página de inicio de sesión. El enlace es válido durante "
         "30 minutos; si no llega, revisa la carpeta de spam.",
         {"contraseña", "sesión", "iniciar", "cuenta", "enlace", "restablecer"}},
    };
    int n = 0;
    for (const Article& art : kArticles) {
      Json kw = Json::array();
      for (const char* k : art.keywords) kw.push_back(k);
      ++n;
      Add(Res("knowledge-article", Id(kArticleF, n),
              Json{{"title", art.title}, {"body", art.body}, {"lang", art.lang}, {"keywords", kw}, {"status", "published"},
                   {"slug", std::string("kb-") + std::to_string(n)}},
              Json::object(), kNow - (200 - n) * kDay));
    }

    Add(Res("assistant", Id(kAssistantF, 1),
            Json{{"name", "Order Helper"}, {"publicId", "northwind-order-helper"}, {"channel", "chat"},
                 {"greeting", "Hi! I'm the Northwind order helper. What's your order number? It starts with NW-."},
                 {"lang", "en"}, {"enabled", true}},
            Json{{"team", Rel("team", Id(kTeamF, kTeamTier1))}}, kNow - 90 * kDay));
    Add(Res("assistant", Id(kAssistantF, 2),
            Json{{"name", "Asistente de pedidos"}, {"publicId", "northwind-asistente-pedidos"}, {"channel", "chat"},
                 {"greeting", "¡Hola! Soy el asistente de pedidos de Northwind. ¿Cuál es tu número de pedido? Empieza por NW-."},
                 {"lang", "es"}, {"enabled", true}},
            Json{{"team", Rel("team", Id(kTeamF, kTeamMultilingual))}}, kNow - 80 * kDay));
  }

  void Tooling() {
    Add(Res("command", Id(kCommandF, 1),
            Json{{"name", "get-customer-profile"}, {"displayName", "Get customer profile"}, {"app", "kustomer"},
                 {"description", "Reads a customer from the Kustomer API (works offline: the sandbox answers it)."},
                 {"request", Json{{"method", "GET"}, {"url", "https://api.kustomerapp.com/v1/customers/{{customerId}}"},
                                  {"headers", Json{{"accept", "application/json"}}}}},
                 {"inputs", Json::array({Json{{"name", "customerId"}, {"type", "string"}, {"required", true}}})}},
            Json::object(), kNow - 60 * kDay));
    Add(Res("command", Id(kCommandF, 2),
            Json{{"name", "get-conversation"}, {"displayName", "Get conversation"}, {"app", "kustomer"},
                 {"description", "Reads a conversation from the Kustomer API."},
                 {"request", Json{{"method", "GET"}, {"url", "https://api.kustomerapp.com/v1/conversations/{{conversationId}}"},
                                  {"headers", Json{{"accept", "application/json"}}}}},
                 {"inputs", Json::array({Json{{"name", "conversationId"}, {"type", "string"}, {"required", true}}})}},
            Json::object(), kNow - 60 * kDay + kHour));

    const std::string form_id = Id(kHookF, 1);
    const std::string form_hash = "4f8c2a9d1e7b6035c9a8f1e2d3b4c5a6978e1f2a3b4c5d6e7f8091a2b3c4d5e6";
    Add(Res("hook", form_id,
            Json{{"name", "Website contact form"}, {"type", "form"}, {"description", "The contact form on northwind-outfitters.example/contact."},
                 {"eventName", "kustomer.hooks.form." + form_id + ".receive"}, {"hash", form_hash},
                 {"url", "https://api.kustomerapp.com/v1/hooks/form/" + Id(kOrgF, 1) + "/" + form_hash}, {"debug", false}},
            Json::object(), kNow - 150 * kDay));
    const std::string web_id = Id(kHookF, 2);
    const std::string web_hash = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    Add(Res("hook", web_id,
            Json{{"name", "Storefront order webhook"}, {"type", "web"}, {"description", "Order updates posted by the storefront."},
                 {"eventName", "kustomer.hooks.web." + web_id + ".receive"}, {"hash", web_hash},
                 {"url", "https://api.kustomerapp.com/v1/hooks/web/" + Id(kOrgF, 1) + "/" + web_hash}, {"debug", false}},
            Json::object(), kNow - 140 * kDay));

    struct SnippetSpec {
      const char* name;
      const char* key;
      const char* en;
      const char* es;
    };
    static constexpr SnippetSpec kSnippets[] = {
        {"Fifteen minutes", "sn.kustomer.chat.fifteen_minutes", "Thanks for your message! An agent will get back to you within 15 minutes.",
         "¡Gracias por tu mensaje! Un agente te responderá en menos de 15 minutos."},
        {"Refund policy", "sn.northwind.refund_policy",
         "You can return unused gear within 30 days for a full refund. Refunds are issued within 5 business days after we receive the return.",
         "Puedes devolver el material sin usar en 30 días y te reembolsamos el importe completo en 5 días laborables desde que recibimos la devolución."},
        {"Shipping times", "sn.northwind.shipping_times", "Orders arrive in 3-5 business days (5-8 internationally). You'll get a tracking number by email.",
         "Los pedidos llegan en 3-5 días laborables (5-8 internacionales). Recibirás el número de seguimiento por correo."},
        {"Password reset", "sn.northwind.password_reset",
         "I've sent you a password reset link. It's valid for 30 minutes, so please use it right away (and check your spam folder).",
         "Te he enviado un enlace para restablecer la contraseña. Es válido durante 30 minutos (revisa también la carpeta de spam)."},
        {"Thanks for the feedback", "sn.northwind.thanks", "Thank you so much for your kind words! We've shared them with the whole team.",
         "¡Muchas gracias por tus palabras! Las hemos compartido con todo el equipo."},
        {"Satisfaction survey", "sn.northwind.csat", "How did we do? Tell us in one click: {{csatUrl}}",
         "¿Qué tal lo hicimos? Cuéntanoslo con un clic: {{csatUrl}}"},
    };
    int n = 0;
    for (const SnippetSpec& s : kSnippets) {
      ++n;
      Add(Res("snippet", Id(kSnippetF, n),
              Json{{"name", s.name}, {"key", s.key}, {"app", "kustomer"},
                   {"langs", Json::array({Json{{"lang", "en"}, {"text", s.en}}, Json{{"lang", "es"}, {"text", s.es}}})}},
              Json::object(), kNow - (100 - n) * kDay));
    }

    struct VarSpec {
      const char* name;
      const char* value;
    };
    static constexpr VarSpec kVars[] = {
        {"supportEmail", "support@northwind-outfitters.example"},
        {"csatSurveyUrl", "https://northwind-outfitters.example/csat"},
        {"refundWindowDays", "30"},
        {"firstReplySlaMinutes", "15"},
    };
    n = 0;
    for (const VarSpec& v : kVars) {
      ++n;
      Add(Res("workflow-variable", Id(kVariableF, n), Json{{"name", v.name}, {"value", v.value}, {"type", "string"}}, Json::object(),
              kNow - (50 - n) * kDay));
    }
  }
};

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] DemoOrgFixture
//-------------------------------------------------------------------------------------------------

Json DemoOrgFixture() {
  Builder b;
  b.Directory();
  b.Companies();
  b.CustomObjects();
  b.Conversations();
  b.WorkSessions();
  b.Drafts();
  b.Customers();
  b.Ai();
  b.Tooling();
  // Kustomer lists resources per type; keep one stable order (type groups in the order built,
  // customers first so the explorer opens on people).
  Json resources = Json::array();
  for (const Json& r : b.resources) {
    if (GetString(r, "type") == "customer") resources.push_back(r);
  }
  for (Json& r : b.resources) {
    if (GetString(r, "type") != "customer") resources.push_back(std::move(r));
  }
  Json org{{"id", Id(kOrgF, 1)},
           {"name", "northwind-outfitters"},
           {"displayName", "Northwind Outfitters"},
           {"domain", kDomain},
           {"brand", Json{{"id", Id(kBrandF, 1)}, {"name", "Northwind Outfitters"}, {"color", "#1f6f5c"},
                          {"logoUrl", std::string("https://") + kDomain + "/brand/logo.svg"}}},
           {"now", Iso(kNow)},
           {"locale", "en-US"},
           {"timeZone", "America/Los_Angeles"},
           {"settings", Json{{"automation", Json{{"handoffTeam", Id(kTeamF, kTeamTier1)}, {"threshold", 0.35}}},
                             {"supportEmail", kSupportEmail},
                             {"businessHours", Json{{"timeZone", "America/Los_Angeles"}, {"start", "08:00"}, {"end", "18:00"}}}}}};
  return Json{{"org", std::move(org)}, {"resources", std::move(resources)}};
}

}  // namespace kws
