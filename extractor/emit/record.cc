#include "emit/record.h"

#include <cmath>
#include <cstdio>

namespace claimex {

using Json = nlohmann::ordered_json;

Json NumberToJson(const std::optional<double>& value) {
  if (!value) return nullptr;
  const double v = *value;
  if (std::nearbyint(v) == v && std::fabs(v) < 9e15) return static_cast<int64_t>(v);
  return v;
}

Json ClaimToJson(const Claim& c) {
  Json j;
  j["schema"] = kSchemaVersion;
  j["doc"] = c.doc;
  j["id"] = c.doc + ":" + std::to_string(c.index);
  j["sentence"] = {{"start", c.sentence.start}, {"end", c.sentence.end}};
  Json q;
  q["text"] = c.quantity_text;
  q["start"] = c.quantity_span.start;
  q["end"] = c.quantity_span.end;
  q["kind"] = QuantityKindName(c.kind);
  q["low"] = NumberToJson(c.low);
  q["high"] = NumberToJson(c.high);
  q["relation"] = RelationName(c.relation);
  q["approx"] = c.approx;
  q["unit"] = c.unit ? Json(*c.unit) : Json(nullptr);
  j["quantity"] = std::move(q);
  j["subject"] = nullptr;
  j["place"] = nullptr;
  j["speaker"] = nullptr;
  j["cue"] = nullptr;
  j["date"] = nullptr;
  j["article_date"] = c.article_date.empty() ? Json(nullptr) : Json(c.article_date);
  j["rules"] = c.rules;
  if (!c.meta_json.empty()) j["meta"] = Json::parse(c.meta_json);
  if (c.explain) j["explain"] = *c.explain;
  return j;
}

std::string ToJsonLines(const std::vector<Claim>& claims) {
  std::string out;
  for (const Claim& c : claims) {
    out += ClaimToJson(c).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    out += '\n';
  }
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

std::string CsvHeader() {
  return "id,doc,article_date,quantity_text,quantity_start,quantity_end,kind,low,high,relation,approx,unit,"
         "rules,sentence_start,sentence_end\r\n";
}

std::string ToCsvRows(const std::vector<Claim>& claims) {
  std::string out;
  for (const Claim& c : claims) {
    std::string rules;
    for (const std::string& r : c.rules) rules += (rules.empty() ? "" : " ") + r;
    const std::string fields[] = {
        c.doc + ":" + std::to_string(c.index), c.doc, c.article_date, c.quantity_text,
        std::to_string(c.quantity_span.start), std::to_string(c.quantity_span.end),
        QuantityKindName(c.kind), NumberText(c.low), NumberText(c.high), RelationName(c.relation),
        c.approx ? "true" : "false", c.unit.value_or(""), rules,
        std::to_string(c.sentence.start), std::to_string(c.sentence.end)};
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
