// routes_ai.cpp -- what the AI actions need from the simulated org: intent prediction with the
// org's classification models, sentiment + language detection, and conversation automation
// from the knowledge base. The models are mocks/ai/ (kws_ai); route table: docs/api/ai.md.
//
// Index of this file
// [SECTION] Helpers
// [SECTION] Classification models: lookup, training cache, predict
// [SECTION] NLP
// [SECTION] Conversation automation: knowledge-base retrieval, answer or hand off
// [SECTION] InstallAiRoutes

#include "kws/base/strings.h"
#include "kws/mocks/sim_org.h"

#include "mocks/ai/classifier.h"
#include "mocks/ai/language.h"
#include "mocks/ai/sentiment.h"
#include "routes_messaging.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace kws {

namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Helpers
//-------------------------------------------------------------------------------------------------

constexpr const char* kApiBase = "https://api.kustomerapp.com";
constexpr const char* kModelByName = "lowerName";  // classification-model: lowercased name/displayName

using messaging::Attrs;
using messaging::ErrorAnswer;
using messaging::IsDeleted;
using messaging::Member;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

double Round6(double x) { return std::round(x * 1e6) / 1e6; }

HttpResponse Internal(SimOrg& org, const char* method, const std::string& path, const Json& body = Json()) {
  HttpRequest rq;
  rq.method = method;
  rq.url = std::string(kApiBase) + path;
  if (!body.is_null()) {
    rq.json = body;
    rq.body = Dump(body);
    rq.headers["content-type"] = "application/json";
  }
  return org.Handle(rq);
}

// {"data": {"type", "attributes"}}: answers that are results, not stored resources.
HttpResponse Answer(const char* type, Json attributes) {
  return JsonResponse(200, Json{{"data", Json{{"type", type}, {"attributes", std::move(attributes)}}}});
}

// The text member of a body: a string, or a scalar as text; nullopt when absent.
std::optional<std::string> TextMember(const Json& body, const char* key) {
  const Json* v = Find(body, key);
  if (!v || v->is_null() || v->is_structured()) return std::nullopt;
  return ToText(*v);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Classification models
//-------------------------------------------------------------------------------------------------
// A model is trained on first use and kept per model id; it is retrained when the model's rev
// or its examples change (the content hash also catches a fixture re-import that reuses ids).

struct ModelCache {
  struct Entry {
    int64_t rev = 0;
    size_t hash = 0;
    std::shared_ptr<const ai::IntentClassifier> model;
  };
  std::unordered_map<std::string, Entry> by_id;
};

const Resource* FindModel(const SimOrg& org, const std::string& key) {
  const Resource* r = org.Get("classification-model", key);
  if (r && !IsDeleted(*r)) return r;
  return org.FindBy("classification-model", kModelByName, Lower(Trim(key)));
}

std::shared_ptr<const ai::IntentClassifier> TrainedModel(ModelCache& cache, const Resource& model) {
  const Json& a = Attrs(model);
  const Json& examples = Member(a, "examples");
  const int64_t rev = static_cast<int64_t>(GetNumber(a, "rev", 0));
  const size_t hash = std::hash<std::string>{}(Dump(examples));
  ModelCache::Entry& e = cache.by_id[GetString(model, "id")];
  if (e.model && e.rev == rev && e.hash == hash) return e.model;
  std::vector<std::pair<std::string, std::string>> labelled;
  if (examples.is_array()) {
    for (const Json& ex : examples) {
      std::string label = ToText(Member(ex, "label"));
      std::string text = ToText(Member(ex, "text"));
      if (!label.empty() && !text.empty()) labelled.emplace_back(std::move(text), std::move(label));
    }
  }
  auto trained = std::make_shared<ai::IntentClassifier>();
  trained->Train(labelled);
  e.rev = rev;
  e.hash = hash;
  e.model = std::move(trained);
  return e.model;
}

HttpResponse Predict(SimOrg& org, ModelCache& cache, const RouteRequest& rq) {
  const std::string& id = rq.params.at("id");
  const Resource* model = FindModel(org, id);
  if (!model) return ErrorAnswer(404, "not_found", "there is no classification model with id or name \"" + id + "\"");
  std::optional<std::string> text = TextMember(rq.body(), "text");
  if (!text) text = TextMember(rq.body(), "input");
  if (!text) return ErrorAnswer(400, "invalid", "text is required (the text to classify)", "/text");
  std::shared_ptr<const ai::IntentClassifier> classifier = TrainedModel(cache, *model);
  if (!classifier->trained()) {
    return ErrorAnswer(422, "model.untrained",
                       "classification model \"" + GetString(Attrs(*model), "name", id) + "\" has no labelled examples to learn from",
                       "/examples");
  }
  ai::IntentClassifier::Prediction p = classifier->Predict(*text);
  Json scores = Json::array();
  for (const auto& [label, score] : p.scores) scores.push_back(Json{{"label", label}, {"confidence", score}});
  Json attrs = Json::object();
  attrs["model"] = GetString(*model, "id");
  attrs["label"] = p.label;
  attrs["confidence"] = p.confidence;
  attrs["scores"] = std::move(scores);
  return Answer("classification-prediction", std::move(attrs));
}

//-------------------------------------------------------------------------------------------------
// [SECTION] NLP
//-------------------------------------------------------------------------------------------------

HttpResponse Nlp(const SimOrg& org, const RouteRequest& rq) {
  const Json& body = rq.body();
  if (!body.is_object()) return ErrorAnswer(400, "invalid", "expected a JSON object {text, customer, detectLang}");
  std::optional<std::string> text = TextMember(body, "text");
  if (!text) return ErrorAnswer(400, "invalid", "text is required (the text to analyze)", "/text");
  const std::string customer = Trim(ToText(Member(body, "customer")));
  if (!customer.empty()) {
    const Resource* c = org.Get("customer", customer);
    if (!c || IsDeleted(*c)) return ErrorAnswer(404, "not_found", "customer \"" + customer + "\" does not exist", "/customer");
  }
  ai::Sentiment s = ai::AnalyzeSentiment(*text);
  Json attrs = Json::object();
  attrs["sentimentType"] = s.type;
  attrs["sentimentScore"] = s.score;
  attrs["polarity"] = s.polarity;
  if (GetBool(body, "detectLang")) {
    ai::LanguageGuess g = ai::DetectLanguage(*text);
    attrs["dominantLanguage"] = g.code;
    attrs["dominantLanguageScore"] = g.score;
  }
  return Answer("nlp-result", std::move(attrs));
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Conversation automation
//-------------------------------------------------------------------------------------------------
// Retrieval: the message and every live knowledge article become bags of crude stems (case
// folded, stop words dropped, common suffixes stripped, cut to 6 bytes -- enough to match
// "orders"/"order", "arrived"/"arrive", "tracking"/"track" in the languages the demo uses).
// Article terms are weighted: keywords x3, title x2, body x1, times a smoothed IDF over the
// knowledge base. score = sqrt(cosine(message, article) * coverage), where coverage is the
// IDF-weighted share of the message's known terms the article contains: 0 without overlap, 1
// for a message entirely about one article. An article in another language than the message
// (detected with score >= 0.5) counts half. The best article answers when its score reaches the
// threshold: org.settings.automation.threshold, default 0.35.

constexpr double kDefaultThreshold = 0.35;

bool IsWordByte(unsigned char c) { return c >= 0x80 || std::isalnum(c); }

const std::unordered_set<std::string>& StopWords() {
  static const auto* words = new std::unordered_set<std::string>{
      // en
      "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "from", "with", "about", "as",
      "is", "am", "are", "was", "were", "be", "been", "being", "do", "does", "did", "have", "has", "had", "it", "its",
      "this", "that", "these", "those", "i", "me", "my", "we", "our", "you", "your", "he", "she", "they", "them", "their",
      "what", "which", "who", "when", "where", "why", "how", "can", "could", "would", "should", "will", "shall", "may",
      "not", "no", "yes", "so", "than", "too", "very", "just", "there", "here", "please", "thanks", "thank", "hi",
      "hello", "hey", "get", "got", "still", "yet", "any", "some", "all",
      // es
      "el", "la", "los", "las", "un", "una", "y", "o", "de", "del", "en", "por", "para", "con", "que", "es", "mi", "su",
      "se", "lo", "al", "no", "hola", "gracias",
      // fr
      "le", "les", "une", "et", "ou", "du", "des", "est", "mon", "ma", "mes", "je", "vous", "pas", "bonjour", "merci",
      // de
      "der", "die", "das", "und", "ein", "eine", "ist", "ich", "mein", "meine", "nicht", "hallo", "danke",
      // pt / it / nl / sv
      "o", "os", "um", "uma", "meu", "minha", "il", "di", "che", "het", "een", "en", "och", "jag", "är", "hej"};
  return *words;
}

std::string Stem(std::string w) {
  auto strip = [&](const char* suffix) {
    size_t n = std::char_traits<char>::length(suffix);
    if (w.size() >= n + 3 && w.compare(w.size() - n, n, suffix) == 0) {
      w.resize(w.size() - n);
      return true;
    }
    return false;
  };
  if (!strip("ing") && !strip("ed") && !strip("es")) {
    if (!strip("s")) strip("e");
  }
  if (w.size() > 6) w.resize(6);
  return w;
}

std::vector<std::string> Terms(std::string_view text) {
  const std::string folded = ai::FoldCaseUtf8(text);
  std::vector<std::string> out;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && !IsWordByte(static_cast<unsigned char>(folded[i]))) ++i;
    size_t start = i;
    while (i < folded.size() && IsWordByte(static_cast<unsigned char>(folded[i]))) ++i;
    if (i == start) continue;
    std::string w = folded.substr(start, i - start);
    if (w.size() < 2 || StopWords().count(w)) continue;
    out.push_back(Stem(std::move(w)));
  }
  return out;
}

using Vector = std::map<std::string, double>;

double Norm(const Vector& v) {
  double s = 0;
  for (const auto& [k, x] : v) s += x * x;
  return std::sqrt(s);
}

struct Match {
  const Resource* article = nullptr;
  double score = 0;
};

struct Retrieval {
  Match best;
  size_t articles = 0;
};

Retrieval BestArticle(const SimOrg& org, const std::string& message) {
  Retrieval out;
  struct Doc {
    const Resource* r;
    Vector tf;
    std::string lang;
  };
  std::vector<Doc> docs;
  std::map<std::string, int> df;
  for (const Resource* r : org.List("knowledge-article")) {
    if (IsDeleted(*r)) continue;
    const Json& a = Attrs(*r);
    std::string status = GetString(a, "status");
    if (!status.empty() && status != "published") continue;
    Doc d{r, {}, Lower(GetString(a, "lang"))};
    for (const std::string& t : Terms(GetString(a, "body"))) d.tf[t] += 1;
    for (const std::string& t : Terms(GetString(a, "title"))) d.tf[t] += 2;
    if (const Json& kw = Member(a, "keywords"); kw.is_array()) {
      for (const Json& k : kw) {
        for (const std::string& t : Terms(ToText(k))) d.tf[t] += 3;
      }
    }
    for (const auto& [t, n] : d.tf) df[t] += 1;
    docs.push_back(std::move(d));
  }
  out.articles = docs.size();
  if (docs.empty()) return out;
  const double n = static_cast<double>(docs.size());
  auto idf = [&](const std::string& t) {
    auto it = df.find(t);
    return std::log((n + 1) / ((it == df.end() ? 0 : it->second) + 1)) + 1;
  };
  Vector q;
  for (const std::string& t : Terms(message)) {
    if (df.count(t)) q[t] += 1;
  }
  if (q.empty()) return out;
  for (auto& [t, x] : q) x *= idf(t);
  const double qnorm = Norm(q);
  double qmass = 0;
  for (const auto& [t, x] : q) qmass += x;

  ai::LanguageGuess lang = ai::DetectLanguage(message);
  for (Doc& d : docs) {
    for (auto& [t, x] : d.tf) x *= idf(t);
    double dot = 0, covered = 0;
    for (const auto& [t, x] : q) {
      auto it = d.tf.find(t);
      if (it == d.tf.end()) continue;
      dot += x * it->second;
      covered += x;
    }
    if (dot <= 0) continue;
    double cosine = dot / (qnorm * Norm(d.tf));
    double score = std::sqrt(cosine * (covered / qmass));
    if (!d.lang.empty() && lang.score >= 0.5 && d.lang.substr(0, 2) != lang.code) score *= 0.5;
    score = Round6(score);
    if (score > out.best.score) out.best = Match{d.r, score};
  }
  return out;
}

// The team a conversation is handed to: org.settings.automation.handoffTeam when it names a
// live team (by id or name), else the first live team.
const Resource* HandoffTeam(const SimOrg& org) {
  const std::string wanted = ToText(Member(Member(Member(org.org(), "settings"), "automation"), "handoffTeam"));
  if (!wanted.empty()) {
    const Resource* t = org.Get("team", wanted);
    if (t && !IsDeleted(*t)) return t;
    for (const Resource* r : org.List("team")) {
      if (!IsDeleted(*r) && Lower(GetString(Attrs(*r), "name")) == Lower(wanted)) return r;
    }
  }
  for (const Resource* r : org.List("team")) {
    if (!IsDeleted(*r)) return r;
  }
  return nullptr;
}

HttpResponse Automate(SimOrg& org, const RouteRequest& rq) {
  const std::string& id = rq.params.at("id");
  const Resource* conv = org.Get("conversation", id);
  if (!conv || IsDeleted(*conv)) return ErrorAnswer(404, "not_found", "conversation \"" + id + "\" does not exist");
  const std::string customer = SimOrg::RelatedId(*conv, "customer");

  // The last inbound message (newest first).
  std::vector<const Resource*> inbound = messaging::MessagesOfConversation(org, id, "in", /*desc=*/true);
  const Resource* last = inbound.empty() ? nullptr : inbound.front();
  Json attrs = Json::object();
  attrs["conversation"] = id;
  double threshold = GetNumber(Member(Member(org.org(), "settings"), "automation"), "threshold", kDefaultThreshold);
  std::string reason;
  if (last) {
    const Json la = Attrs(*last);  // copy: the org changes below
    std::string text = GetString(la, "body");
    if (text.empty()) text = GetString(la, "preview");
    attrs["inboundMessage"] = GetString(*last, "id");
    Retrieval found = BestArticle(org, text);
    if (found.best.article && found.best.score >= threshold) {
      const Resource& article = *found.best.article;
      const std::string article_id = GetString(article, "id");
      const std::string answer = GetString(Attrs(article), "body");
      std::string channel = GetString(la, "channel", "chat");
      Json msg = Json::object();
      msg["channel"] = channel;
      msg["app"] = GetString(la, "app", messaging::DefaultApp(channel));
      msg["direction"] = "out";
      msg["preview"] = Utf8Prefix(answer, 200);
      msg["body"] = answer;
      msg["auto"] = true;
      if (channel == "email") {
        Json meta = Json::object();
        const Json& in_meta = Member(la, "meta");
        if (const Json* from = Find(in_meta, "from"); from && !from->is_null()) meta["to"] = Json::array({*from});
        if (const Json* to = Find(in_meta, "to"); to && to->is_array() && !to->empty()) meta["from"] = (*to)[0];
        std::string subject = GetString(in_meta, "subject");
        if (!subject.empty()) meta["subject"] = subject.rfind("Re:", 0) == 0 ? subject : "Re: " + subject;
        msg["meta"] = meta;
      }
      if (!customer.empty()) msg["customer"] = customer;
      HttpResponse sent = Internal(org, "POST", "/v1/conversations/" + UrlEncode(id) + "/messages", msg);
      if (sent.status < 200 || sent.status >= 300) return sent;
      attrs["status"] = "answered";
      attrs["articleId"] = article_id;
      attrs["articleTitle"] = GetString(Attrs(article), "title");
      attrs["score"] = found.best.score;
      attrs["threshold"] = threshold;
      attrs["messageId"] = GetString(Member(sent.json, "data"), "id");
      return Answer("conversation-automation", std::move(attrs));
    }
    if (found.articles == 0) reason = "the knowledge base has no article";
    else if (!found.best.article) reason = "no knowledge article shares a word with the message";
    else reason = "the best article scores " + ToText(Json(found.best.score)) + ", below the threshold " + ToText(Json(threshold));
    if (found.best.article) {
      attrs["articleId"] = GetString(*found.best.article, "id");
      attrs["score"] = found.best.score;
    }
  } else {
    reason = "the conversation has no inbound message to answer";
  }

  // Hand off: assign the team (kept with the teams already assigned).
  attrs["status"] = "handed-off";
  const Resource* team = HandoffTeam(org);
  if (!team) {
    attrs["team"] = nullptr;
    attrs["reason"] = reason + "; the org has no team to hand the conversation to";
    return Answer("conversation-automation", std::move(attrs));
  }
  const std::string team_id = GetString(*team, "id");
  Json teams = Json::array();
  if (const Json& have = Member(Attrs(*conv), "assignedTeams"); have.is_array()) teams = have;
  if (std::find(teams.begin(), teams.end(), Json(team_id)) == teams.end()) teams.push_back(team_id);
  org.Update("conversation", id, Json{{"assignedTeams", teams}});
  attrs["team"] = team_id;
  attrs["reason"] = reason;
  return Answer("conversation-automation", std::move(attrs));
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] InstallAiRoutes
//-------------------------------------------------------------------------------------------------

void InstallAiRoutes(SimOrg& org) {
  org.DefineIndex("classification-model", kModelByName, [](const Resource& r) {
    std::vector<std::string> keys;
    for (const char* k : {"name", "displayName"}) {
      std::string name = Lower(Trim(GetString(Attrs(r), k)));
      if (!name.empty()) keys.push_back(std::move(name));
    }
    return keys;
  });
  messaging::DefineMessagingIndexes(org);  // messages by conversation (safe to define twice)
  SimOrg* o = &org;
  auto cache = std::make_shared<ModelCache>();
  o->AddRoute("POST", "/v1/ai/models/:id/predict", [o, cache](const RouteRequest& rq) { return Predict(*o, *cache, rq); });
  o->AddRoute("POST", "/v1/ai/nlp", [o](const RouteRequest& rq) { return Nlp(*o, rq); });
  o->AddRoute("POST", "/v1/conversations/:id/automate", [o](const RouteRequest& rq) { return Automate(*o, rq); });
}

}  // namespace kws
