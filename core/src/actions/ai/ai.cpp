// actions/ai/ai.cpp -- the AI actions: Conversation Automate, Intent Identification Prediction,
// Natural Language Processing.
//
// The models run in the simulated org (mocks/src/routes_ai.cpp over mocks/ai/): the actions
// only render requests to its routes, so the same workflow runs against a real
// Kustomer-compatible API through the fetch connector.
//   POST /v1/conversations/:id/automate   -> {status: answered|handed-off, ...}
//   POST /v1/ai/models/:id/predict {text} -> {label, confidence, scores}
//   POST /v1/ai/nlp {text, customer, detectLang} -> {sentimentType, sentimentScore, ...}

#include "actions/action_kit.h"
#include "kws/actions/registry.h"

namespace kws {

namespace {

using namespace action_kit;

// The answers are JSON:API-shaped ({"data": {"type", "id"?, "attributes"}}); outputs are the
// attributes (and the id when there is one), like every flattened output.
Json AnswerAttributes(const CallResult& r) {
  const Json& data = r.data();
  if (data.is_object()) {
    Json flat = FlattenResource(data);
    if (flat.is_object()) return flat;
  }
  return r.response.json.is_object() ? r.response.json : Json::object();
}

//---------------------------------------------------------------------------------------------
// Conversation Automate
//---------------------------------------------------------------------------------------------

Outcome RunConversationAutomate(ActionContext& ctx) {
  const std::string conversation = ctx.String("conversationId");
  KWS_AWAIT(r, ctx.Api("POST", "/v1/conversations/" + Seg(conversation) + "/automate", Json::object()));
  if (r.status() == 404) {
    return Outcome::Fail("kustomer.not_found", "conversation \"" + conversation + "\" does not exist", "conversationId");
  }
  if (!r.ok()) return FailFromApi(r, "automating conversation \"" + conversation + "\"", "conversationId");
  return Outcome::Ok(AnswerAttributes(r));
}

ActionDescriptor ConversationAutomate() {
  ActionDescriptor d;
  d.id = "kustomer.app.ai.conversation-automate";
  d.id_inferred = true;
  d.aliases = {"kustomer.app.ai.conversation.automate", "kustomer.conversation.automate"};
  d.app = "AI";
  d.app_version = "ai-^1.0.0";
  d.display_name = "Conversation Automate";
  d.description =
      "Answers the conversation's last inbound message from the org's knowledge base, or hands the conversation to a team.";
  d.inputs = {In("conversationId", FieldType::kId, true, "ConversationID", "ID of the conversation", "conversation")};
  d.outputs = {
      Out("status", FieldType::kString, "\"answered\" (a knowledge-base answer was sent) or \"handed-off\".", "Status"),
      Out("articleId", FieldType::kId, "answered: the knowledge article used.", "ArticleId"),
      Out("score", FieldType::kNumber, "answered: how well the article matched the message, 0 to 1.", "Score"),
      Out("messageId", FieldType::kId, "answered: the outbound message sent.", "MessageId"),
      Out("team", FieldType::kId, "handed-off: the team the conversation was assigned to.", "Team"),
      Out("reason", FieldType::kString, "handed-off: why no answer was sent.", "Reason"),
  };
  d.output_help =
      "The seed lists no output. The sandbox outputs what the automation did: {status: \"answered\", articleId, score, "
      "messageId} or {status: \"handed-off\", team, reason}.";
  d.handler = RunConversationAutomate;
  return d;
}

//---------------------------------------------------------------------------------------------
// Intent Identification Prediction
//---------------------------------------------------------------------------------------------

Outcome RunIntentPrediction(ActionContext& ctx) {
  const std::string model = Trim(ctx.String("id"));
  Json body = Json{{"text", ctx.String("input")}};
  KWS_AWAIT(r, ctx.Api("POST", "/v1/ai/models/" + Seg(model) + "/predict", body));
  if (r.status() == 404) {
    return Outcome::Fail("ai.model.not_found",
                         "there is no classification model with id or name \"" + model + "\" (" + r.Describe() + ")", "id");
  }
  if (r.status() == 422) {
    return Outcome::Fail("ai.model.untrained", "classification model \"" + model + "\" cannot predict: " + r.Describe(), "id");
  }
  if (!r.ok()) return FailFromApi(r, "predicting with classification model \"" + model + "\"", "");
  Json a = AnswerAttributes(r);
  Json out = Json::object();
  out["label"] = a.contains("label") ? a["label"] : Json("");
  out["confidence"] = a.contains("confidence") ? a["confidence"] : Json(0);
  return Outcome::Ok(std::move(out));
}

ActionDescriptor IntentPrediction() {
  ActionDescriptor d;
  d.id = "kustomer.app.ai.intent-prediction";
  d.id_inferred = true;
  d.aliases = {"kustomer.app.ai.intent-identification-prediction", "kustomer.app.ai.predict-intent",
               "kustomer.app.ai.classification-predict"};
  d.app = "AI";
  d.app_version = "ai-^1.0.0";
  d.display_name = "Intent Identification Prediction";
  d.description =
      "Uses a conversation classification model to give the inputed text a label based on the available values in the "
      "given model.";
  d.inputs = {
      In("input", FieldType::kText, true, "Input", "Text you would like to run the classification model on."),
      In("id", FieldType::kString, true, "Id", "Name of the classification model you'd like to use.", "classification-model"),
  };
  d.inputs[0].example = "Where is my package?";
  d.inputs[1].example = "intents";
  d.outputs = {
      Out("label", FieldType::kString, "The value that the model classified the text as.", "Label"),
      Out("confidence", FieldType::kNumber,
          "Number between 0 and 1 indicating how confident the model is that the predicted label is accurate.",
          "Confidence"),
  };
  d.output_help =
      "Label: The value that the model classified the text as. Confidence: Number between 0 and 1 indicating how confident "
      "the model is that the predicted label is accurate.";
  d.handler = RunIntentPrediction;
  return d;
}

//---------------------------------------------------------------------------------------------
// Natural Language Processing
//---------------------------------------------------------------------------------------------

Outcome RunNlp(ActionContext& ctx) {
  const bool detect = ctx.Bool("detectLang", false);
  const std::string customer = Trim(ctx.String("customer"));
  Json body = Json::object();
  body["text"] = ctx.String("text");
  body["customer"] = customer;
  body["detectLang"] = detect;
  KWS_AWAIT(r, ctx.Api("POST", "/v1/ai/nlp", body));
  if (r.status() == 404) {
    return Outcome::Fail("kustomer.not_found", "customer \"" + customer + "\" does not exist", "customer");
  }
  if (!r.ok()) return FailFromApi(r, "natural language processing", "text");
  Json a = AnswerAttributes(r);
  Json out = Json::object();
  out["sentimentType"] = a.contains("sentimentType") ? a["sentimentType"] : Json(0);
  out["sentimentScore"] = a.contains("sentimentScore") ? a["sentimentScore"] : Json(0);
  if (detect) {
    out["dominantLanguage"] = a.contains("dominantLanguage") ? a["dominantLanguage"] : Json("");
    out["dominantLanguageScore"] = a.contains("dominantLanguageScore") ? a["dominantLanguageScore"] : Json(0);
  }
  return Outcome::Ok(std::move(out));
}

ActionDescriptor NaturalLanguageProcessing() {
  ActionDescriptor d;
  d.id = "kustomer.app.ai.nlp";
  d.aliases = {"kustomer.app.ai.natural-language-processing"};
  d.app = "AI";
  d.app_version = "ai-^1.0.0";
  d.display_name = "Natural Language Processing";
  d.description = "Detects the sentiment of the inputed text, and can also be used to detect the language.";
  d.inputs = {
      In("text", FieldType::kText, true, "Text", "Text you would like to process."),
      In("customer", FieldType::kId, true, "Customer", "Customer ID", "customer"),
      In("detectLang", FieldType::kBoolean, true, "DetectLang", "(true/false) determines whether language detection occurs."),
  };
  d.inputs[2].example = true;
  d.outputs = {
      Out("sentimentType", FieldType::kNumber,
          "(-1,0,1). -1 indicates a negative sentiment, 0 indicates a neutral sentiment, 1 indicates a positive sentiment.",
          "SentimentType"),
      Out("sentimentScore", FieldType::kNumber,
          "Number between 0 and 1 indicating how confident the model is that the predicted sentiment is accurate.",
          "SentimentScore"),
      Out("dominantLanguage", FieldType::kString, "The detected language (ISO 639-1 code).", "DominantLanguage"),
      Out("dominantLanguageScore", FieldType::kNumber,
          "Number between 0 and 1 indicating how confident the model is that the predicted language is accurate.",
          "DominantLanguageScore"),
  };
  d.output_help =
      "SentimentType: (-1,0,1). -1 indicates a negative sentiment, 0 indicates a neutral sentiment, 1 indicates a positive "
      "sentiment. SentimentScore: Number between 0 and 1 indicating how confident the model is that the predicted sentiment "
      "is accurate. DominantLanguage: The detected language. DominantLanguageScore: Number between 0 and 1 indicating how "
      "confident the model is that the predicted language is accurate.";
  d.handler = RunNlp;
  return d;
}

}  // namespace

void RegisterAiActions(ActionRegistry& r) {
  r.Add(ConversationAutomate());
  r.Add(IntentPrediction());
  r.Add(NaturalLanguageProcessing());
}

}  // namespace kws
