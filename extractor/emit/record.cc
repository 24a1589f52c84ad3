#include "emit/record.h"

#include <cmath>
#include <cstdio>

#include "emit/json_writer.h"

namespace claimex {

using Json = nlohmann::ordered_json;

namespace {
// Whole numbers are written as integers, without a decimal point.
bool IsWhole(double v) { return std::nearbyint(v) == v && std::fabs(v) < 9e15; }
}  // namespace

Json NumberToJson(const std::optional<double>& value) {
  if (!value) return nullptr;
  if (IsWhole(*value)) return static_cast<int64_t>(*value);
  return *value;
}

namespace {

void WriteNumber(const std::optional<double>& value, JsonWriter* w) {
  if (!value) {
    w->Null();
  } else if (IsWhole(*value)) {
    w->Int(static_cast<int64_t>(*value));
  } else {
    w->Raw(Json(*value).dump());  // nlohmann's shortest round-trip form
  }
}

void WriteSpan(const Span& span, JsonWriter* w) {
  w->Key("start").Int(static_cast<int64_t>(span.start));
  w->Key("end").Int(static_cast<int64_t>(span.end));
}

void WriteRef(const TextRef& ref, JsonWriter* w) {
  w->Key("text").String(ref.text);
  WriteSpan(ref.span, w);
}

}  // namespace

// The record, written without building a DOM: this is the one place its
// fields and their order are spelled out.
void AppendJsonLine(const Claim& c, std::string* out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("schema").Int(kSchemaVersion);
  w.Key("doc").String(c.doc);
  w.Key("id").String(c.doc + ":" + std::to_string(c.index));
  w.Key("sentence").BeginObject();
  WriteSpan(c.sentence, &w);
  w.EndObject();
  w.Key("quantity").BeginObject();
  w.Key("text").String(c.quantity_text);
  WriteSpan(c.quantity_span, &w);
  w.Key("kind").String(QuantityKindName(c.kind));
  w.Key("low");
  WriteNumber(c.low, &w);
  w.Key("high");
  WriteNumber(c.high, &w);
  w.Key("relation").String(RelationName(c.relation));
  w.Key("approx").Bool(c.approx);
  w.Key("unit").OptionalString(c.unit);
  w.EndObject();
  w.Key("subject");
  if (c.subject) {
    w.BeginObject();
    WriteRef(*c.subject, &w);
    w.Key("canonical").OptionalString(c.subject->canonical);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("place");
  if (c.place) {
    w.BeginObject();
    WriteRef(*c.place, &w);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("speaker");
  if (c.speaker) {
    w.BeginObject();
    WriteRef(*c.speaker, &w);
    w.Key("name").OptionalString(c.speaker->name);
    w.Key("kind").String(c.speaker->kind);
    w.Key("anonymous").Bool(c.speaker->anonymous);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("cue");
  if (c.cue) {
    w.BeginObject();
    WriteRef(*c.cue, &w);
    w.Key("lemma").String(c.cue->lemma);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("date");
  if (c.date) {
    w.BeginObject();
    WriteRef(*c.date, &w);
    w.Key("value").OptionalString(c.date->value);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("article_date");
  if (c.article_date.empty()) w.Null();
  else w.String(c.article_date);
  w.Key("rules").BeginArray();
  for (const std::string& r : c.rules) w.String(r);
  w.EndArray();
  // meta_json is compact JSON from the reader (an ordered dump), so it goes in as is.
  if (!c.meta_json.empty()) w.Key("meta").Raw(c.meta_json);
  if (c.explain) w.Key("explain").Raw(c.explain->dump(-1, ' ', false, nlohmann::json::error_handler_t::strict));
  w.EndObject();
  w.Byte('\n');
}

Json ClaimToJson(const Claim& c) {
  std::string line;
  AppendJsonLine(c, &line);
  return Json::parse(line);
}

Json MentionToJson(const DateMention& m) {
  Json j;
  j["doc"] = m.doc;
  j["text"] = m.where.text;
  j["start"] = m.where.span.start;
  j["end"] = m.where.span.end;
  j["type"] = m.type;
  j["value"] = m.value ? Json(*m.value) : Json(nullptr);
  j["rule"] = m.rule;
  return j;
}

std::string MentionsToJsonLines(const std::vector<DateMention>& mentions) {
  std::string out;
  for (const DateMention& m : mentions) {
    out += MentionToJson(m).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    out += '\n';
  }
  return out;
}

std::string ToJsonLines(const std::vector<Claim>& claims) {
  std::string out;
  for (const Claim& c : claims) AppendJsonLine(c, &out);
  return out;
}

std::string CsvField(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (char ch : field) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

namespace {
std::string NumberText(const std::optional<double>& v) {
  if (!v) return "";
  return NumberToJson(v).dump();
}
}  // namespace

// The columns a spreadsheet user reads first, then offsets and rule ids.
std::string CsvHeader() {
  return "id,doc,article_date,quantity_text,low,high,relation,approx,unit,kind,subject,place,"
         "speaker_text,speaker_name,speaker_kind,speaker_anonymous,cue,date_text,date_value,sentence_text,"
         "subject_text,cue_lemma,quantity_start,quantity_end,sentence_start,sentence_end,rules\r\n";
}

std::string ToCsvRows(const std::vector<Claim>& claims) {
  std::string out;
  for (const Claim& c : claims) {
    std::string rules;
    for (const std::string& r : c.rules) rules += (rules.empty() ? "" : " ") + r;
    auto opt = [](const std::optional<std::string>& s) { return s.value_or(""); };
    const std::string fields[] = {
        c.doc + ":" + std::to_string(c.index),
        c.doc,
        c.article_date,
        c.quantity_text,
        NumberText(c.low),
        NumberText(c.high),
        RelationName(c.relation),
        c.approx ? "true" : "false",
        c.unit.value_or(""),
        QuantityKindName(c.kind),
        c.subject ? c.subject->canonical.value_or(c.subject->text) : "",
        c.place ? c.place->text : "",
        c.speaker ? c.speaker->text : "",
        c.speaker ? opt(c.speaker->name) : "",
        c.speaker ? c.speaker->kind : "",
        c.speaker ? (c.speaker->anonymous ? "true" : "false") : "",
        c.cue ? c.cue->text : "",
        c.date ? c.date->text : "",
        c.date ? opt(c.date->value) : "",
        c.sentence_text,
        c.subject ? c.subject->text : "",
        c.cue ? c.cue->lemma : "",
        std::to_string(c.quantity_span.start),
        std::to_string(c.quantity_span.end),
        std::to_string(c.sentence.start),
        std::to_string(c.sentence.end),
        rules};
    bool first = true;
    for (const std::string& f : fields) {
      if (!first) out += ',';
      out += CsvField(f);
      first = false;
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace claimex
