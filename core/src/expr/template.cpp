// expr/template.cpp -- Handlebars templates: compile once, render many.
//
// Compile: Tokenize (find the {{...}} tags) -> ApplyWhitespaceControl (~ and Handlebars'
// "standalone line" rule) -> BuildTree (an explicit stack of open blocks, so deeply nested
// input cannot overflow the C++ stack; depth is capped by max_depth) with ExprParser for the
// inside of each tag (recursive, depth-capped for subexpressions). Render walks the tree; its
// recursion is bounded by the compile-time caps. Nothing here throws.
//
// Paths: inside #each/#with a bare path is looked up in the current element first and, when
// missing there, in the run's scope (so "{{#each steps.1.items}}{{steps.1.id}}{{/each}}" works
// as Kustomer users expect). "this.x", "./x" and "../x" never fall back.
//
// Index of this file:
// [SECTION] Program representation
// [SECTION] Tokenizer
// [SECTION] Whitespace control
// [SECTION] Expression parser
// [SECTION] Block structure (BuildTree)
// [SECTION] Renderer
// [SECTION] Dump
// [SECTION] CompiledTemplate
#include "kws/expr/template.h"

#include "expr/expr_internal.h"
#include "expr/template_internal.h"

#include <array>
#include <string>
#include <utility>

namespace kws {
namespace template_detail {

namespace ei = expr_internal;

//-------------------------------------------------------------------------------------------
// [SECTION] Program representation
//-------------------------------------------------------------------------------------------

enum class ExprKind : uint8_t { kLiteral, kPath, kData, kBlockParam, kCall };
enum class Anchor : uint8_t { kAuto, kThis, kRoot };
enum class DataVar : uint8_t { kIndex, kKey, kFirst, kLast };

struct HashPair;  // key=value argument; defined below (Expr must be complete first)

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  Anchor anchor = Anchor::kAuto;
  DataVar data = DataVar::kIndex;
  int up = 0;    // "../" count (paths) or frames above (block params)
  int slot = 0;  // block params: 0 = element, 1 = index/key
  PathSegments segs;
  std::string text;  // canonical written form, for dumps
  Json literal;
  const ei::HelperSpec* helper = nullptr;
  std::vector<Expr> args;
  std::vector<HashPair> hash;
};

struct HashPair {
  std::string key;
  Expr value;
};

enum class NodeKind : uint8_t { kText, kEscaped, kRaw, kIf, kUnless, kEach, kWith, kHelperBlock };

struct Node {
  NodeKind kind = NodeKind::kText;
  std::string text;  // kText
  Expr expr;         // output expression, block subject, or the helper call of kHelperBlock
  bool include_zero = false;
  bool has_else = false;
  std::vector<Node> body;
  std::vector<Node> inverse;
  std::vector<std::string> params;  // "as |item index|"
};

const char* BlockName(NodeKind k) {
  switch (k) {
    case NodeKind::kIf: return "if";
    case NodeKind::kUnless: return "unless";
    case NodeKind::kEach: return "each";
    case NodeKind::kWith: return "with";
    default: return "block";
  }
}

}  // namespace template_detail

struct CompiledTemplate::Program {
  std::vector<template_detail::Node> nodes;
  bool plain = true;
  std::vector<std::string> reads;
};

namespace template_detail {

//-------------------------------------------------------------------------------------------
// [SECTION] Tokenizer
//-------------------------------------------------------------------------------------------
// - Compiler::Tokenize()
// - Compiler::ScanTag() [Internal]

enum class TokKind : uint8_t { kText, kMustache, kRaw, kOpen, kInverseOpen, kElse, kClose, kComment };

struct Token {
  TokKind kind = TokKind::kText;
  size_t offset = 0;  // byte offset of the tag's "{{", or of the text
  size_t end = 0;     // one past the tag
  std::string text;   // kText (after escapes and stripping)
  std::string_view original;  // kText: the source it came from (standalone checks use this)
  std::string_view content;   // tags: what is between the delimiters, without sigil and '~'
  size_t content_offset = 0;
  bool strip_left = false;   // {{~
  bool strip_right = false;  // ~}}
};

struct Compiler {
  std::string_view src;
  std::string_view path;
  Errors* errors;
  int max_depth;
  bool failed = false;  // any error: the program renders the source as literal text
  bool fatal = false;   // structural error: stop
  CompiledTemplate::Program* program;

  void Fail(const char* code, size_t byte_offset, const std::string& message) {
    failed = true;
    if (errors) {
      errors->push_back(Error{code, std::string(path),
                              "at offset " + std::to_string(ei::CodePointOffset(src, byte_offset)) + ": " + message});
    }
  }

  std::string TagExcerpt(const Token& t) const { return ei::Excerpt(src.substr(t.offset, t.end - t.offset)); }

  bool Tokenize(std::vector<Token>* toks);
  bool ScanTag(size_t p, Token* t);
  void ApplyWhitespaceControl(std::vector<Token>* toks);
  void BuildTree(const std::vector<Token>& toks);
  void NoteRead(const Expr& e);
};

bool Compiler::ScanTag(size_t p, Token* t) {
  const size_t n = src.size();
  t->offset = p;
  size_t i = p + 2;
  if (i < n && src[i] == '~') {
    t->strip_left = true;
    ++i;
  }
  auto unclosed = [&](const char* expected) {
    Fail("template.unclosed", p,
         ei::Excerpt(src.substr(p, 20)) + " is never closed (expected '" + expected + "')");
    fatal = true;
    return false;
  };
  char sigil = i < n ? src[i] : '\0';
  if (sigil == '!') {
    t->kind = TokKind::kComment;
    if (src.substr(i, 3) == "!--") {
      size_t q = i + 3;
      for (;;) {
        q = src.find("--", q);
        if (q == std::string_view::npos) return unclosed("--}}");
        if (src.substr(q + 2, 2) == "}}") {
          t->end = q + 4;
          return true;
        }
        if (src.substr(q + 2, 3) == "~}}") {
          t->strip_right = true;
          t->end = q + 5;
          return true;
        }
        ++q;
      }
    }
    size_t q = src.find("}}", i + 1);
    if (q == std::string_view::npos) return unclosed("}}");
    if (q > i + 1 && src[q - 1] == '~') t->strip_right = true;
    t->end = q + 2;
    return true;
  }
  const bool triple = sigil == '{';
  if (triple || sigil == '&' || sigil == '#' || sigil == '/' || sigil == '^' || sigil == '>' || sigil == '*') ++i;
  // Find the closing delimiter; string literals may contain "}}".
  size_t j = i;
  size_t close = std::string_view::npos;
  while (j < n) {
    char c = src[j];
    if (c == '"' || c == '\'') {
      size_t k = j + 1;
      while (k < n && src[k] != c) k += (src[k] == '\\' && k + 1 < n) ? 2 : 1;
      if (k >= n) break;
      j = k + 1;
      continue;
    }
    if (c == '}' && src.substr(j, triple ? 3 : 2) == (triple ? "}}}" : "}}")) {
      close = j;
      break;
    }
    ++j;
  }
  if (close == std::string_view::npos) return unclosed(triple ? "}}}" : "}}");
  std::string_view content = src.substr(i, close - i);
  if (!content.empty() && content.back() == '~') {
    t->strip_right = true;
    content.remove_suffix(1);
  }
  t->content = content;
  t->content_offset = i;
  t->end = close + (triple ? 3 : 2);
  std::string_view trimmed = ei::TrimView(content);
  switch (sigil) {
    case '{':
    case '&': t->kind = TokKind::kRaw; break;
    case '#':
      if (!content.empty() && (content[0] == '>' || content[0] == '*')) {
        Fail("template.bad_argument", p, TagExcerpt(*t) + ": partial blocks and decorators are not supported");
        return false;
      }
      t->kind = TokKind::kOpen;
      break;
    case '/': t->kind = TokKind::kClose; break;
    case '^':
      t->kind = trimmed.empty() ? TokKind::kElse : TokKind::kInverseOpen;
      break;
    case '>':
      Fail("template.bad_argument", p, TagExcerpt(*t) + ": partials are not supported");
      return false;
    case '*':
      Fail("template.bad_argument", p, TagExcerpt(*t) + ": decorators are not supported");
      return false;
    default:
      if (trimmed == "else") {
        t->kind = TokKind::kElse;
        t->content = {};
      } else if (trimmed.size() > 4 && trimmed.substr(0, 4) == "else" &&
                 (trimmed[4] == ' ' || trimmed[4] == '\t' || trimmed[4] == '\n' || trimmed[4] == '\r')) {
        t->kind = TokKind::kElse;  // chained: {{else if x}}
        size_t skip = static_cast<size_t>(trimmed.data() - content.data()) + 4;
        t->content = content.substr(skip);
        t->content_offset = i + skip;
      } else {
        t->kind = TokKind::kMustache;
      }
  }
  return true;
}

bool Compiler::Tokenize(std::vector<Token>* toks) {
  std::string pending;
  size_t pending_start = 0;
  size_t pos = 0;
  auto flush = [&](size_t original_end) {
    if (!pending.empty() || original_end > pending_start) {
      Token t;
      t.kind = TokKind::kText;
      t.offset = pending_start;
      t.end = original_end;
      t.text = std::move(pending);
      t.original = src.substr(pending_start, original_end - pending_start);
      if (!t.text.empty()) toks->push_back(std::move(t));
      pending.clear();
    }
  };
  while (pos < src.size()) {
    size_t p = src.find("{{", pos);
    if (pending.empty()) pending_start = pos;
    if (p == std::string_view::npos) {
      pending.append(src.substr(pos));
      pos = src.size();
      break;
    }
    if (p > pos && src[p - 1] == '\\') {
      if (p - 1 > pos && src[p - 2] == '\\') {
        pending.append(src.substr(pos, p - 1 - pos));  // "\\{{" -> "\" then a real tag
      } else {
        pending.append(src.substr(pos, p - 1 - pos));  // "\{{" -> literal "{{"
        pending += "{{";
        pos = p + 2;
        continue;
      }
    } else {
      pending.append(src.substr(pos, p - pos));
    }
    flush(p);
    Token t;
    if (!ScanTag(p, &t)) {
      if (fatal) return false;
      pos = t.end > p ? t.end : p + 2;  // unsupported tag: skip it, keep checking the rest
      program->plain = false;
      continue;
    }
    program->plain = false;
    pos = t.end;
    toks->push_back(std::move(t));
  }
  flush(src.size());
  return true;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Whitespace control
//-------------------------------------------------------------------------------------------
// "~" strips all whitespace on its side. Block tags, else and comments that stand alone on a
// line remove that line's indentation and newline (Handlebars' WhitespaceControl, including its
// looser rule at the very start and end of the template).

namespace {

bool IsWs(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Trailing whitespace run contains a newline (or, loose: the text is all whitespace).
bool PrevIsWhitespace(std::string_view s, bool loose) {
  size_t i = s.size();
  while (i > 0 && IsWs(s[i - 1])) {
    if (s[i - 1] == '\n') return true;
    --i;
  }
  return loose && i == 0;
}

// Leading whitespace run contains a newline (or, loose: the text is all whitespace).
bool NextIsWhitespace(std::string_view s, bool loose) {
  size_t i = 0;
  while (i < s.size() && IsWs(s[i])) {
    if (s[i] == '\n') return true;
    ++i;
  }
  return loose && i == s.size();
}

void RTrimAll(std::string* s) {
  while (!s->empty() && IsWs(s->back())) s->pop_back();
}
void LTrimAll(std::string* s) {
  size_t i = 0;
  while (i < s->size() && IsWs((*s)[i])) ++i;
  s->erase(0, i);
}
void OmitLeft(std::string* s) {  // /[ \t]+$/
  while (!s->empty() && (s->back() == ' ' || s->back() == '\t')) s->pop_back();
}
void OmitRight(std::string* s) {  // /^[ \t]*\r?\n?/
  size_t i = 0;
  while (i < s->size() && ((*s)[i] == ' ' || (*s)[i] == '\t')) ++i;
  if (i < s->size() && (*s)[i] == '\r') ++i;
  if (i < s->size() && (*s)[i] == '\n') ++i;
  s->erase(0, i);
}

}  // namespace

void Compiler::ApplyWhitespaceControl(std::vector<Token>* toks) {
  std::vector<Token>& t = *toks;
  const size_t n = t.size();
  for (size_t k = 0; k < n; ++k) {
    if (t[k].kind == TokKind::kText) continue;
    if (t[k].strip_left && k > 0 && t[k - 1].kind == TokKind::kText) RTrimAll(&t[k - 1].text);
    if (t[k].strip_right && k + 1 < n && t[k + 1].kind == TokKind::kText) LTrimAll(&t[k + 1].text);
  }
  for (size_t k = 0; k < n; ++k) {
    TokKind kind = t[k].kind;
    if (kind == TokKind::kText || kind == TokKind::kMustache || kind == TokKind::kRaw) continue;
    const bool opens = kind == TokKind::kOpen || kind == TokKind::kInverseOpen || kind == TokKind::kComment;
    const bool closes = kind == TokKind::kClose || kind == TokKind::kComment;
    bool prev_ok, next_ok;
    if (k == 0) prev_ok = opens;  // start of the root program
    else prev_ok = t[k - 1].kind == TokKind::kText && PrevIsWhitespace(t[k - 1].original, opens && k == 1);
    if (k + 1 == n) next_ok = closes;  // end of the root program
    else next_ok = t[k + 1].kind == TokKind::kText && NextIsWhitespace(t[k + 1].original, closes && k + 2 == n);
    if (!prev_ok || !next_ok) continue;
    if (k > 0) OmitLeft(&t[k - 1].text);
    if (k + 1 < n) OmitRight(&t[k + 1].text);
  }
}

//-------------------------------------------------------------------------------------------
// [SECTION] Expression parser
//-------------------------------------------------------------------------------------------
// Grammar of a tag's content (Handlebars):
//   call   := head param* hash* ("as" "|" id+ "|")?      (block params on block tags only)
//   param  := literal | path | "(" call ")"
//   hash   := id "=" param
//   literal:= "string" | 'string' | number | true | false | null | undefined
//   path   := ("../")* ("this" | "." | "@root" | id) (("." | "/") (id | "[" any "]"))*  | "@"data

struct BlockScope {  // compile-time view of an open #each/#with for block params and ../
  std::vector<std::string> params;
  bool pushes_frame;  // #each/#with body: the renderer pushes a context frame
};

class ExprParser {
 public:
  ExprParser(Compiler* c, std::string_view s, size_t base, const std::vector<BlockScope>* scopes)
      : c_(c), s_(s), base_(base), scopes_(scopes) {}

  // Parses a whole tag: head, params, hash and (if allowed) block params. False on error
  // (already reported).
  bool ParseTag(Expr* head, std::vector<Expr>* params, std::vector<HashPair>* hash,
                std::vector<std::string>* block_params) {
    SkipWs();
    if (AtEnd()) return Error(i_, "expected an expression");
    if (!ParseParam(head, 0)) return false;
    if (!ParseArgs(params, hash, 0, block_params)) return false;
    SkipWs();
    if (!AtEnd()) return Error(i_, "unexpected '" + std::string(s_.substr(i_, 1)) + "'");
    return true;
  }

  // Resolves a head expression with args into a helper call (or keeps a bare path).
  bool MakeCall(Expr* head, std::vector<Expr>* params, std::vector<HashPair>* hash,
                size_t offset, bool must_be_helper, Expr* out);

 private:
  bool AtEnd() const { return i_ >= s_.size(); }
  void SkipWs() {
    while (i_ < s_.size() && IsWs(s_[i_])) ++i_;
  }
  bool Error(size_t at, const std::string& msg, const char* code = "template.bad_argument") {
    c_->Fail(code, base_ + at, msg);
    return false;
  }
  static bool IsIdChar(char c) {
    switch (c) {
      case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
      case '.': case '/': case '=': case '~': case '{': case '}': case '(': case ')':
      case '|': case '[': case ']': case '"': case '\'': case '\0':
        return false;
      default:
        return true;
    }
  }
  bool AtDelimiter(size_t k) const {
    return k >= s_.size() || IsWs(s_[k]) || s_[k] == ')' || s_[k] == '|' || s_[k] == '}' || s_[k] == '~';
  }
  // id followed by optional whitespace and '=' (a hash pair starts here)?
  bool AtHashKey(size_t* key_end, size_t* value_start) const {
    size_t k = i_;
    while (k < s_.size() && IsIdChar(s_[k]) && s_[k] != '@') ++k;
    if (k == i_) return false;
    size_t e = k;
    while (k < s_.size() && IsWs(s_[k])) ++k;
    if (k >= s_.size() || s_[k] != '=') return false;
    *key_end = e;
    *value_start = k + 1;
    return true;
  }

  bool ParseArgs(std::vector<Expr>* params, std::vector<HashPair>* hash, int depth,
                 std::vector<std::string>* block_params) {
    for (;;) {
      SkipWs();
      if (AtEnd() || s_[i_] == ')') return true;
      if (block_params && s_.substr(i_, 2) == "as") {
        size_t k = i_ + 2;
        while (k < s_.size() && IsWs(s_[k])) ++k;
        if (k < s_.size() && s_[k] == '|' && k > i_ + 2) {
          i_ = k + 1;
          return ParseBlockParams(block_params);
        }
      }
      size_t key_end, value_start;
      if (AtHashKey(&key_end, &value_start)) {
        std::string key(s_.substr(i_, key_end - i_));
        i_ = value_start;
        SkipWs();
        if (AtEnd() || s_[i_] == ')') return Error(i_, "expected a value after '" + key + "='");
        Expr value;
        if (!ParseParam(&value, depth)) return false;
        hash->push_back(HashPair{std::move(key), std::move(value)});
        continue;
      }
      if (!hash->empty()) return Error(i_, "positional argument after key=value arguments");
      Expr e;
      if (!ParseParam(&e, depth)) return false;
      params->push_back(std::move(e));
    }
  }

  bool ParseBlockParams(std::vector<std::string>* out) {
    for (;;) {
      SkipWs();
      if (AtEnd()) return Error(i_, "block parameters are not closed with '|'");
      if (s_[i_] == '|') {
        ++i_;
        if (out->empty()) return Error(i_, "empty block parameter list");
        return true;
      }
      size_t k = i_;
      while (k < s_.size() && IsIdChar(s_[k]) && s_[k] != '@') ++k;
      if (k == i_) return Error(i_, "expected a block parameter name");
      out->emplace_back(s_.substr(i_, k - i_));
      i_ = k;
    }
  }

  bool ParseParam(Expr* out, int depth) {
    SkipWs();
    if (AtEnd()) return Error(i_, "expected a value");
    char c = s_[i_];
    if (c == '(') {
      if (depth + 1 > c_->max_depth) {
        c_->fatal = true;
        return Error(i_, "subexpressions nested deeper than " + std::to_string(c_->max_depth), "template.too_deep");
      }
      size_t open = i_;
      ++i_;
      SkipWs();
      Expr head;
      if (AtEnd() || s_[i_] == ')') return Error(i_, "empty subexpression '()'");
      if (!ParseParam(&head, depth + 1)) return false;
      std::vector<Expr> params;
      std::vector<HashPair> hash;
      if (!ParseArgs(&params, &hash, depth + 1, nullptr)) return false;
      SkipWs();
      if (AtEnd() || s_[i_] != ')') return Error(open, "subexpression '(' is not closed with ')'");
      ++i_;
      return MakeCall(&head, &params, &hash, open, /*must_be_helper=*/true, out);
    }
    if (c == '"' || c == '\'') {
      std::string value;
      size_t k = i_ + 1;
      while (k < s_.size() && s_[k] != c) {
        if (s_[k] == '\\' && k + 1 < s_.size() && s_[k + 1] == c) ++k;
        value += s_[k++];
      }
      if (k >= s_.size()) return Error(i_, "string literal is not closed");
      i_ = k + 1;
      out->kind = ExprKind::kLiteral;
      out->literal = Json(std::move(value));
      return true;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t k = i_ + (c == '-' ? 1 : 0);
      size_t digits = 0;
      while (k < s_.size() && s_[k] >= '0' && s_[k] <= '9') ++k, ++digits;
      if (digits > 0 && k < s_.size() && s_[k] == '.' && k + 1 < s_.size() && s_[k + 1] >= '0' && s_[k + 1] <= '9') {
        ++k;
        while (k < s_.size() && s_[k] >= '0' && s_[k] <= '9') ++k;
      }
      double d;
      if (digits > 0 && AtDelimiter(k) && ei::ParseNumber(s_.substr(i_, k - i_), &d)) {
        out->kind = ExprKind::kLiteral;
        out->literal = ei::NumberJson(d);
        i_ = k;
        return true;
      }
    }
    for (const char* word : {"true", "false", "null", "undefined"}) {
      size_t len = std::char_traits<char>::length(word);
      if (s_.substr(i_, len) == word && AtDelimiter(i_ + len)) {
        out->kind = ExprKind::kLiteral;
        if (word[0] == 't') out->literal = true;
        else if (word[0] == 'f') out->literal = false;
        i_ += len;
        return true;
      }
    }
    return ParsePath(out);
  }

  bool ParseSegment(std::string* seg) {
    if (i_ < s_.size() && s_[i_] == '[') {
      size_t close = s_.find(']', i_ + 1);
      if (close == std::string_view::npos) return Error(i_, "'[' segment is not closed with ']'");
      *seg = std::string(s_.substr(i_ + 1, close - i_ - 1));
      i_ = close + 1;
      return true;
    }
    size_t k = i_;
    while (k < s_.size() && IsIdChar(s_[k])) ++k;
    if (k == i_) return Error(i_, AtEnd() ? "expected a path segment" : "unexpected '" + std::string(s_.substr(i_, 1)) + "'");
    *seg = std::string(s_.substr(i_, k - i_));
    i_ = k;
    return true;
  }

  static std::string SegmentText(const std::string& seg) {
    for (char ch : seg) {
      if (!IsIdChar(ch)) return "[" + seg + "]";
    }
    return seg.empty() ? "[]" : seg;
  }

  bool ParsePath(Expr* out) {
    size_t start = i_;
    out->kind = ExprKind::kPath;
    // Data variables: @index @key @first @last @root.path
    if (s_[i_] == '@') {
      ++i_;
      std::string name;
      if (!ParseSegment(&name)) return false;
      if (name == "root") {
        out->anchor = Anchor::kRoot;
        out->text = "@root";
        while (i_ < s_.size() && (s_[i_] == '.' || s_[i_] == '/')) {
          ++i_;
          std::string seg;
          if (!ParseSegment(&seg)) return false;
          out->text += "." + SegmentText(seg);
          out->segs.push_back(std::move(seg));
        }
        return AtDelimiter(i_) ? true : Error(i_, "unexpected '" + std::string(s_.substr(i_, 1)) + "'");
      }
      out->kind = ExprKind::kData;
      out->text = "@" + name;
      if (name == "index") out->data = DataVar::kIndex;
      else if (name == "key") out->data = DataVar::kKey;
      else if (name == "first") out->data = DataVar::kFirst;
      else if (name == "last") out->data = DataVar::kLast;
      else return Error(start, "unknown data variable '@" + name + "' (expected @index, @key, @first, @last or @root)");
      return AtDelimiter(i_) ? true : Error(i_, "unexpected '" + std::string(s_.substr(i_, 1)) + "'");
    }
    while (s_.substr(i_, 3) == "../") {
      ++out->up;
      i_ += 3;
      out->anchor = Anchor::kThis;
    }
    bool need_segment = true;
    if (s_.substr(i_, 2) == "..") {  // "{{..}}" (the parent context itself)
      ++out->up;
      i_ += 2;
      out->anchor = Anchor::kThis;
      need_segment = false;
    } else if (s_.substr(i_, 4) == "this" && (AtDelimiter(i_ + 4) || s_[i_ + 4] == '.' || s_[i_ + 4] == '/')) {
      i_ += 4;
      out->anchor = Anchor::kThis;
      need_segment = false;
    } else if (i_ < s_.size() && s_[i_] == '.' && (AtDelimiter(i_ + 1) || s_[i_ + 1] == '/')) {
      i_ += 1;
      out->anchor = Anchor::kThis;
      need_segment = false;
    }
    if (need_segment) {
      std::string seg;
      if (!ParseSegment(&seg)) return false;
      out->segs.push_back(std::move(seg));
    }
    while (i_ < s_.size() && (s_[i_] == '.' || s_[i_] == '/')) {
      ++i_;
      std::string seg;
      if (!ParseSegment(&seg)) return false;
      out->segs.push_back(std::move(seg));
    }
    if (!AtDelimiter(i_) && !(i_ < s_.size() && s_[i_] == '=')) {
      return Error(i_, "unexpected '" + std::string(s_.substr(i_, 1)) + "' in path");
    }
    // Canonical text.
    std::string text;
    for (int k = 0; k < out->up; ++k) text += "../";
    if (out->anchor == Anchor::kThis && out->up == 0) text += "this";
    for (size_t k = 0; k < out->segs.size(); ++k) {
      if (k > 0 || (out->anchor == Anchor::kThis && out->up == 0)) text += '.';
      text += SegmentText(out->segs[k]);
    }
    if (text.empty()) text = "..";
    else if (text.size() >= 3 && text.compare(text.size() - 3, 3, "../") == 0) text.resize(text.size() - 1);
    out->text = std::move(text);
    ResolveBlockParam(out);
    return true;
  }

  // A path whose first segment names a block parameter ("as |item i|") reads that frame.
  void ResolveBlockParam(Expr* e) {
    if (e->anchor != Anchor::kAuto || e->up != 0 || e->segs.empty() || !scopes_) return;
    int frames_above = 0;
    for (size_t k = scopes_->size(); k-- > 0;) {
      const BlockScope& bs = (*scopes_)[k];
      for (size_t p = 0; p < bs.params.size(); ++p) {
        if (bs.params[p] == e->segs[0]) {
          e->kind = ExprKind::kBlockParam;
          e->up = frames_above;
          e->slot = static_cast<int>(p);
          e->segs.erase(e->segs.begin());
          return;
        }
      }
      if (bs.pushes_frame) ++frames_above;
    }
  }

  Compiler* c_;
  std::string_view s_;
  size_t base_;
  const std::vector<BlockScope>* scopes_;
  size_t i_ = 0;
};

bool ExprParser::MakeCall(Expr* head, std::vector<Expr>* params, std::vector<HashPair>* hash,
                          size_t offset, bool must_be_helper, Expr* out) {
  const bool simple = head->kind == ExprKind::kPath && head->anchor == Anchor::kAuto && head->up == 0 &&
                      head->segs.size() == 1;
  const ei::HelperSpec* helper = simple ? ei::FindHelper(head->segs[0]) : nullptr;
  if (!helper) {
    if (!must_be_helper && params->empty() && hash->empty()) {
      *out = std::move(*head);
      return true;
    }
    if (simple || head->kind == ExprKind::kBlockParam) {
      std::string name = head->kind == ExprKind::kBlockParam ? head->text : head->segs[0];
      return Error(offset, "unknown helper '" + name + "'", "template.unknown_helper");
    }
    if (head->kind == ExprKind::kLiteral) return Error(offset, "the literal " + Dump(head->literal) + " cannot take arguments");
    return Error(offset, "'" + head->text + "' is not a helper name");
  }
  const int argc = static_cast<int>(params->size());
  if (argc < helper->min_args || (helper->max_args >= 0 && argc > helper->max_args)) {
    std::string expected;
    if (helper->max_args < 0) expected = "at least " + std::to_string(helper->min_args);
    else if (helper->min_args == helper->max_args) expected = std::to_string(helper->min_args);
    else expected = std::to_string(helper->min_args) + " to " + std::to_string(helper->max_args);
    return Error(offset, "'" + std::string(helper->name) + "' takes " + expected + " argument" +
                             (expected == "1" ? "" : "s") + ", got " + std::to_string(argc));
  }
  out->kind = ExprKind::kCall;
  out->helper = helper;
  out->text = std::string(helper->name);
  out->args = std::move(*params);
  out->hash = std::move(*hash);
  return true;
}

//-------------------------------------------------------------------------------------------
// [SECTION] Block structure (BuildTree)
//-------------------------------------------------------------------------------------------

void Compiler::NoteRead(const Expr& e) {
  if (e.kind == ExprKind::kCall) {
    for (const Expr& a : e.args) NoteRead(a);
    for (const auto& h : e.hash) NoteRead(h.value);
    return;
  }
  if (e.kind != ExprKind::kPath || e.segs.empty()) return;
  if (e.anchor == Anchor::kThis) return;
  if (e.segs[0] != "steps" && e.segs[0] != "variables") return;
  std::string dotted = JoinPath(e.segs);
  for (const std::string& r : program->reads) {
    if (r == dotted) return;
  }
  program->reads.push_back(std::move(dotted));
}

void Compiler::BuildTree(const std::vector<Token>& toks) {
  struct Open {
    Node* node;
    std::string name;
    const Token* tok;
    bool in_inverse = false;
    bool chained = false;  // opened by {{else if ...}}: closes with its parent
  };
  std::vector<Open> stack;
  std::vector<BlockScope> scopes;  // parallel to stack
  std::vector<Node>& root = program->nodes;

  auto current = [&]() -> std::vector<Node>& {
    if (stack.empty()) return root;
    Open& o = stack.back();
    return o.in_inverse ? o.node->inverse : o.node->body;
  };
  auto append_text = [&](const std::string& text) {
    std::vector<Node>& list = current();
    if (!list.empty() && list.back().kind == NodeKind::kText) {
      list.back().text += text;
    } else {
      Node n;
      n.kind = NodeKind::kText;
      n.text = text;
      list.push_back(std::move(n));
    }
  };
  // Parses a block opening ({{#x ...}}, {{^x}}, {{else x ...}}) and pushes it.
  auto open_block = [&](const Token& t, bool inverse_section, bool chained) -> bool {
    if (static_cast<int>(stack.size()) + 1 > max_depth) {
      Fail("template.too_deep", t.offset,
           TagExcerpt(t) + ": blocks nested deeper than " + std::to_string(max_depth));
      fatal = true;
      return false;
    }
    Node node;
    std::string name = "?";
    Expr head;
    std::vector<Expr> params;
    std::vector<HashPair> hash;
    std::vector<std::string> block_params;
    ExprParser parser(this, t.content, t.content_offset, &scopes);
    bool ok = parser.ParseTag(&head, &params, &hash, &block_params);
    if (ok && !inverse_section) {
      bool simple = head.kind == ExprKind::kPath && head.anchor == Anchor::kAuto && head.up == 0 && head.segs.size() == 1;
      if (!simple) {
        Fail("template.bad_argument", t.offset, TagExcerpt(t) + ": a block must start with a helper name");
        ok = false;
      } else {
        name = head.segs[0];
      }
    }
    if (ok && inverse_section) {
      // {{^x}}...{{/x}} is an inverted section: render when x is falsy.
      params.insert(params.begin(), std::move(head));
      node.kind = NodeKind::kUnless;
      if (params.size() != 1 || !hash.empty() || !block_params.empty()) {
        Fail("template.bad_argument", t.offset, TagExcerpt(t) + ": an inverted section takes one path");
        ok = false;
      } else {
        node.expr = std::move(params[0]);
      }
      name = node.expr.text;
    } else if (ok && (name == "if" || name == "unless" || name == "each" || name == "with")) {
      node.kind = name == "if" ? NodeKind::kIf : name == "unless" ? NodeKind::kUnless
                : name == "each" ? NodeKind::kEach : NodeKind::kWith;
      const size_t max_block_params = node.kind == NodeKind::kEach ? 2 : node.kind == NodeKind::kWith ? 1 : 0;
      if (params.size() != 1) {
        Fail("template.bad_argument", t.offset,
             TagExcerpt(t) + ": #" + name + " takes exactly 1 argument, got " + std::to_string(params.size()));
        ok = false;
      } else if (block_params.size() > max_block_params) {
        Fail("template.bad_argument", t.offset, TagExcerpt(t) + ": #" + name + " takes at most " +
                                                  std::to_string(max_block_params) + " block parameters");
        ok = false;
      } else {
        for (auto& h : hash) {
          if ((node.kind == NodeKind::kIf || node.kind == NodeKind::kUnless) && h.key == "includeZero") {
            node.include_zero = h.value.kind == ExprKind::kLiteral && IsTruthy(h.value.literal);
          } else {
            Fail("template.bad_argument", t.offset, TagExcerpt(t) + ": #" + name + " does not take '" + h.key + "='");
            ok = false;
          }
        }
        node.expr = std::move(params[0]);
        node.params = std::move(block_params);
      }
    } else if (ok) {
      // Any other helper as a block: renders its body when the helper's result is truthy.
      node.kind = NodeKind::kHelperBlock;
      if (!block_params.empty()) {
        Fail("template.bad_argument", t.offset, TagExcerpt(t) + ": only #each and #with take block parameters");
        ok = false;
      } else {
        ok = parser.MakeCall(&head, &params, &hash, 0, /*must_be_helper=*/true, &node.expr);
      }
    }
    if (fatal) return false;
    if (ok) NoteRead(node.expr);
    else node.kind = NodeKind::kIf;  // keep the structure balanced; output is discarded anyway
    std::vector<Node>& list = current();
    list.push_back(std::move(node));
    Open o{&list.back(), name, &t};
    o.chained = chained;
    BlockScope bs;
    bs.pushes_frame = list.back().kind == NodeKind::kEach || list.back().kind == NodeKind::kWith;
    bs.params = list.back().params;
    stack.push_back(o);
    scopes.push_back(std::move(bs));
    return true;
  };

  for (const Token& t : toks) {
    if (fatal) return;
    switch (t.kind) {
      case TokKind::kText:
        if (!t.text.empty()) append_text(t.text);
        break;
      case TokKind::kComment:
        break;
      case TokKind::kMustache:
      case TokKind::kRaw: {
        Expr head, out;
        std::vector<Expr> params;
        std::vector<HashPair> hash;
        ExprParser parser(this, t.content, t.content_offset, &scopes);
        if (!parser.ParseTag(&head, &params, &hash, nullptr)) break;
        if (!parser.MakeCall(&head, &params, &hash, 0, /*must_be_helper=*/false, &out)) break;
        NoteRead(out);
        Node n;
        n.kind = t.kind == TokKind::kRaw ? NodeKind::kRaw : NodeKind::kEscaped;
        n.expr = std::move(out);
        current().push_back(std::move(n));
        break;
      }
      case TokKind::kOpen:
      case TokKind::kInverseOpen:
        open_block(t, t.kind == TokKind::kInverseOpen, /*chained=*/false);
        break;
      case TokKind::kElse: {
        if (stack.empty()) {
          Fail("template.unbalanced_block", t.offset, TagExcerpt(t) + " is outside of any block");
          fatal = true;
          return;
        }
        Open& top = stack.back();
        if (top.in_inverse) {
          Fail("template.unbalanced_block", t.offset,
               TagExcerpt(t) + ": '{{#" + top.name + "}}' already has an {{else}}");
          fatal = true;
          return;
        }
        top.in_inverse = true;
        top.node->has_else = true;
        scopes.back().pushes_frame = false;  // the inverse renders in the outer context
        scopes.back().params.clear();
        if (!ei::TrimView(t.content).empty()) open_block(t, false, /*chained=*/true);
        break;
      }
      case TokKind::kClose: {
        std::string name(ei::TrimView(t.content));
        while (!stack.empty() && stack.back().chained) {
          stack.pop_back();
          scopes.pop_back();
        }
        if (stack.empty()) {
          Fail("template.unbalanced_block", t.offset, TagExcerpt(t) + " closes a block that was never opened");
          fatal = true;
          return;
        }
        if (stack.back().name != name) {
          const Token* open = stack.back().tok;
          Fail("template.unbalanced_block", t.offset,
               TagExcerpt(t) + " does not close " + TagExcerpt(*open) + " (opened at offset " +
                   std::to_string(ei::CodePointOffset(src, open->offset)) + ")");
          fatal = true;
          return;
        }
        stack.pop_back();
        scopes.pop_back();
        break;
      }
    }
  }
  while (!stack.empty() && stack.back().chained) stack.pop_back();
  if (!stack.empty() && !fatal) {
    const Token* open = stack.back().tok;
    Fail("template.unbalanced_block", open->offset,
         TagExcerpt(*open) + " is never closed (expected '{{/" + stack.back().name + "}}')");
    fatal = true;
  }
}

//-------------------------------------------------------------------------------------------
// [SECTION] Renderer
//-------------------------------------------------------------------------------------------

constexpr uint64_t kMaxIterations = 1000000;  // #each iterations per render

struct Frame {
  const Json* value;
  const std::string* key;  // object iteration
  size_t index;
  size_t count;
};

struct RenderState {
  const Scope& scope;
  EvalContext& ctx;
  std::string& out;
  std::vector<Frame> frames;
  uint64_t iterations = 0;
  bool stopped = false;
};

const Json* Eval(const Expr& e, RenderState& st, Json& storage);

Json CallHelper(const Expr& e, RenderState& st) {
  constexpr size_t kInline = 6;
  const size_t argc = e.args.size(), hashc = e.hash.size();
  std::array<Json, kInline> arg_store;
  std::array<const Json*, kInline> arg_ptrs;
  std::array<Json, kInline> hash_store;
  std::array<ei::HashArg, kInline> hash_args;
  std::vector<Json> big_arg_store, big_hash_store;
  std::vector<const Json*> big_arg_ptrs;
  std::vector<ei::HashArg> big_hash_args;
  Json* as = arg_store.data();
  const Json** ap = arg_ptrs.data();
  Json* hs = hash_store.data();
  ei::HashArg* ha = hash_args.data();
  if (argc > kInline) {
    big_arg_store.resize(argc);
    big_arg_ptrs.resize(argc);
    as = big_arg_store.data();
    ap = big_arg_ptrs.data();
  }
  if (hashc > kInline) {
    big_hash_store.resize(hashc);
    big_hash_args.resize(hashc);
    hs = big_hash_store.data();
    ha = big_hash_args.data();
  }
  for (size_t k = 0; k < argc; ++k) ap[k] = Eval(e.args[k], st, as[k]);
  for (size_t k = 0; k < hashc; ++k) ha[k] = ei::HashArg{e.hash[k].key, Eval(e.hash[k].value, st, hs[k])};
  ei::HelperInput in;
  in.args = std::span<const Json* const>(ap, argc);
  in.hash = std::span<const ei::HashArg>(ha, hashc);
  in.ctx = &st.ctx;
  return e.helper->fn(in);
}

const Json* ResolvePath(const Expr& e, RenderState& st) {
  if (e.anchor == Anchor::kRoot) return e.segs.empty() ? nullptr : st.scope.Resolve(e.segs);
  const size_t nframes = st.frames.size();
  if (static_cast<size_t>(e.up) >= nframes) {
    // At (or above) the root the context is the run's scope, which has no value of its own.
    return e.segs.empty() ? nullptr : st.scope.Resolve(e.segs);
  }
  const Frame& f = st.frames[nframes - 1 - static_cast<size_t>(e.up)];
  const Json* v = WalkPath(*f.value, e.segs);
  if (!v && e.anchor == Anchor::kAuto && !e.segs.empty()) v = st.scope.Resolve(e.segs);
  return v;
}

const Json* Eval(const Expr& e, RenderState& st, Json& storage) {
  switch (e.kind) {
    case ExprKind::kLiteral: return &e.literal;
    case ExprKind::kPath: return ResolvePath(e, st);
    case ExprKind::kData: {
      if (st.frames.empty()) return nullptr;
      const Frame& f = st.frames.back();
      if (f.count == 0) return nullptr;  // #with: no iteration data
      switch (e.data) {
        case DataVar::kIndex: storage = f.index; break;
        case DataVar::kKey:
          if (f.key) storage = *f.key;
          else storage = f.index;
          break;
        case DataVar::kFirst: storage = f.index == 0; break;
        case DataVar::kLast: storage = f.index + 1 == f.count; break;
      }
      return &storage;
    }
    case ExprKind::kBlockParam: {
      const size_t nframes = st.frames.size();
      if (static_cast<size_t>(e.up) >= nframes) return nullptr;
      const Frame& f = st.frames[nframes - 1 - static_cast<size_t>(e.up)];
      if (e.slot == 0) return WalkPath(*f.value, e.segs);
      if (!e.segs.empty()) return nullptr;
      if (f.key) storage = *f.key;
      else storage = f.index;
      return &storage;
    }
    case ExprKind::kCall:
      storage = CallHelper(e, st);
      return &storage;
  }
  return nullptr;
}

void CheckBudget(RenderState& st) {
  if (st.out.size() <= st.ctx.max_output_bytes) return;
  size_t cut = st.ctx.max_output_bytes;
  while (cut > 0 && (static_cast<unsigned char>(st.out[cut]) & 0xC0) == 0x80) --cut;
  st.out.resize(cut);
  st.ctx.error = "template.too_large: rendered output exceeds " + std::to_string(st.ctx.max_output_bytes) +
                 " bytes; cut";
  st.stopped = true;
}

void RenderNodes(const std::vector<Node>& nodes, RenderState& st);

void RenderBody(const std::vector<Node>& body, RenderState& st, const Frame& frame) {
  st.frames.push_back(frame);
  RenderNodes(body, st);
  st.frames.pop_back();
}

bool CountIteration(RenderState& st) {
  if (++st.iterations <= kMaxIterations) return true;
  st.ctx.error = "template.too_large: more than " + std::to_string(kMaxIterations) + " #each iterations";
  st.stopped = true;
  return false;
}

void RenderNode(const Node& n, RenderState& st) {
  switch (n.kind) {
    case NodeKind::kText:
      st.out += n.text;
      CheckBudget(st);
      return;
    case NodeKind::kEscaped:
    case NodeKind::kRaw: {
      Json storage;
      const Json* v = Eval(n.expr, st, storage);
      if (!v || v->is_null()) return;
      if (n.kind == NodeKind::kRaw) {
        ei::AppendText(&st.out, *v);
      } else if (v->is_string()) {
        ei::AppendHtmlEscaped(&st.out, v->get_ref<const std::string&>());
      } else {
        std::string text;
        ei::AppendText(&text, *v);
        ei::AppendHtmlEscaped(&st.out, text);
      }
      CheckBudget(st);
      return;
    }
    case NodeKind::kIf:
    case NodeKind::kUnless: {
      Json storage;
      const Json* v = Eval(n.expr, st, storage);
      bool truthy = v && (IsTruthy(*v) || (n.include_zero && v->is_number()));
      if (n.kind == NodeKind::kUnless) truthy = !truthy;
      RenderNodes(truthy ? n.body : n.inverse, st);
      return;
    }
    case NodeKind::kWith: {
      Json storage;
      const Json* v = Eval(n.expr, st, storage);
      // Handlebars' isEmpty: null, false, "", [] (0 and {} are not empty).
      bool empty = !v || v->is_null() || (v->is_boolean() && !v->get<bool>()) ||
                   (v->is_string() && v->get_ref<const std::string&>().empty()) || (v->is_array() && v->empty());
      if (empty) RenderNodes(n.inverse, st);
      else RenderBody(n.body, st, Frame{v, nullptr, 0, 0});
      return;
    }
    case NodeKind::kEach: {
      Json storage;
      const Json* v = Eval(n.expr, st, storage);
      if (v && v->is_array() && !v->empty()) {
        const size_t count = v->size();
        for (size_t i = 0; i < count && !st.stopped; ++i) {
          if (!CountIteration(st)) return;
          RenderBody(n.body, st, Frame{&(*v)[i], nullptr, i, count});
        }
      } else if (v && v->is_object() && !v->empty()) {
        const size_t count = v->size();
        size_t i = 0;
        for (auto it = v->begin(); it != v->end() && !st.stopped; ++it, ++i) {
          if (!CountIteration(st)) return;
          RenderBody(n.body, st, Frame{&*it, &it.key(), i, count});
        }
      } else {
        RenderNodes(n.inverse, st);
      }
      return;
    }
    case NodeKind::kHelperBlock: {
      Json result = CallHelper(n.expr, st);
      RenderNodes(IsTruthy(result) ? n.body : n.inverse, st);
      return;
    }
  }
}

void RenderNodes(const std::vector<Node>& nodes, RenderState& st) {
  for (const Node& n : nodes) {
    if (st.stopped) return;
    RenderNode(n, st);
  }
}

//-------------------------------------------------------------------------------------------
// [SECTION] Dump
//-------------------------------------------------------------------------------------------
// cat{lit{Hi }raw{steps.1.name}}        text and mustaches ({{x}} = esc, {{{x}}} = raw)
// esc{call{toLower path{steps.1.a}}}     helper calls; literals as JSON; hash as key=value
// if{path{x} then{...} else{...}}        blocks: if unless each with, block{call{...} ...}

void DumpExpr(const Expr& e, std::string* out) {
  switch (e.kind) {
    case ExprKind::kLiteral: *out += Dump(e.literal); return;
    case ExprKind::kPath:
    case ExprKind::kData:
    case ExprKind::kBlockParam:
      *out += "path{";
      *out += e.text;
      *out += '}';
      return;
    case ExprKind::kCall:
      *out += "call{";
      *out += e.text;
      for (const Expr& a : e.args) {
        *out += ' ';
        DumpExpr(a, out);
      }
      for (const auto& h : e.hash) {
        *out += ' ';
        *out += h.key;
        *out += '=';
        DumpExpr(h.value, out);
      }
      *out += '}';
      return;
  }
}

void DumpNodes(const std::vector<Node>& nodes, std::string* out);

void DumpNode(const Node& n, std::string* out) {
  switch (n.kind) {
    case NodeKind::kText:
      *out += "lit{" + n.text + "}";
      return;
    case NodeKind::kEscaped:
    case NodeKind::kRaw:
      *out += n.kind == NodeKind::kRaw ? "raw{" : "esc{";
      if (n.expr.kind == ExprKind::kCall || n.expr.kind == ExprKind::kLiteral) DumpExpr(n.expr, out);
      else *out += n.expr.text;
      *out += '}';
      return;
    default: break;
  }
  *out += BlockName(n.kind);
  *out += '{';
  DumpExpr(n.expr, out);
  if (n.include_zero) *out += " includeZero=true";
  if (!n.params.empty()) {
    *out += " as|";
    for (size_t k = 0; k < n.params.size(); ++k) {
      if (k) *out += ' ';
      *out += n.params[k];
    }
    *out += '|';
  }
  *out += " then{";
  DumpNodes(n.body, out);
  *out += '}';
  if (n.has_else) {
    *out += " else{";
    DumpNodes(n.inverse, out);
    *out += '}';
  }
  *out += '}';
}

void DumpNodes(const std::vector<Node>& nodes, std::string* out) {
  for (const Node& n : nodes) DumpNode(n, out);
}

}  // namespace template_detail

//-------------------------------------------------------------------------------------------
// [SECTION] CompiledTemplate
//-------------------------------------------------------------------------------------------

namespace {
const std::shared_ptr<const CompiledTemplate::Program>& EmptyProgram() {
  static const std::shared_ptr<const CompiledTemplate::Program> kEmpty =
      std::make_shared<const CompiledTemplate::Program>();
  return kEmpty;
}
}  // namespace

CompiledTemplate::CompiledTemplate() : program_(EmptyProgram()) {}
CompiledTemplate::~CompiledTemplate() = default;
CompiledTemplate::CompiledTemplate(CompiledTemplate&&) noexcept = default;
CompiledTemplate& CompiledTemplate::operator=(CompiledTemplate&&) noexcept = default;
CompiledTemplate::CompiledTemplate(const CompiledTemplate&) = default;
CompiledTemplate& CompiledTemplate::operator=(const CompiledTemplate&) = default;

CompiledTemplate CompiledTemplate::Compile(std::string_view text, std::string_view path, Errors* errors,
                                           int max_depth) {
  return Compile(text, path, errors, max_depth, kDefaultMaxTemplateBytes);
}

CompiledTemplate CompiledTemplate::Compile(std::string_view text, std::string_view path, Errors* errors,
                                           int max_depth, size_t max_bytes) {
  using namespace template_detail;
  auto program = std::make_shared<Program>();
  Compiler c{text, path, errors, max_depth < 1 ? 1 : max_depth, false, false, program.get()};
  if (text.size() > max_bytes) {
    c.Fail("template.too_large", 0,
           "template is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(max_bytes));
  } else {
    std::vector<Token> toks;
    if (c.Tokenize(&toks)) {
      c.ApplyWhitespaceControl(&toks);
      c.BuildTree(toks);
    }
  }
  if (c.failed) {
    // A template with errors renders as its source text: visible, never half-evaluated.
    program->nodes.clear();
    program->reads.clear();
    program->plain = false;
    if (!text.empty()) {
      Node n;
      n.kind = NodeKind::kText;
      n.text = std::string(text);
      program->nodes.push_back(std::move(n));
    }
  }
  CompiledTemplate t;
  t.program_ = std::move(program);
  return t;
}

std::string CompiledTemplate::Render(const Scope& scope, EvalContext& ctx) const {
  using namespace template_detail;
  std::string out;
  RenderState st{scope, ctx, out, {}, 0, false};
  RenderNodes(program_->nodes, st);
  return out;
}

bool CompiledTemplate::IsPlainText() const { return program_->plain; }

std::string CompiledTemplate::Dump() const {
  using namespace template_detail;
  std::string out;
  const auto& nodes = program_->nodes;
  if (nodes.size() == 1) {
    DumpNode(nodes[0], &out);
  } else {
    out += "cat{";
    DumpNodes(nodes, &out);
    out += '}';
  }
  return out;
}

std::vector<std::string> CompiledTemplate::Reads() const { return program_->reads; }

}  // namespace kws
