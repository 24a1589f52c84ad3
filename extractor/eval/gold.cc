#include "eval/gold.h"

#include <cmath>
#include <fstream>

#include "base/ascii.h"
#include "emit/record.h"

namespace claimex {

using Json = nlohmann::json;

const std::vector<std::string>& ScoredFields() {
  static const std::vector<std::string> kFields = {"value", "relation", "unit", "kind", "speaker", "cue",
                                                     "date", "article_date", "subject", "place"};
  return kFields;
}

double Score::F1() const {
  const double p = Precision(), r = Recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

double Score::ClaimF1() const {
  const double p = predicted ? double(claims_right) / predicted : 1.0;
  const double r = gold ? double(claims_right) / gold : 1.0;
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

double Score::Accuracy(const std::string& field) const {
  auto it = fields.find(field);
  if (it == fields.end() || it->second.second == 0) return 1.0;
  return double(it->second.first) / it->second.second;
}

void Score::Add(const Score& o) {
  gold += o.gold;
  predicted += o.predicted;
  matched += o.matched;
  claims_right += o.claims_right;
  for (const auto& [k, v] : o.fields) {
    fields[k].first += v.first;
    fields[k].second += v.second;
  }
}

std::map<std::string, std::vector<GoldClaim>> LoadGold(const std::string& gold_dir,
                                                        const std::map<std::string, std::string>& texts,
                                                        Diagnostics* diags) {
  std::map<std::string, std::vector<GoldClaim>> gold;
  for (const auto& [doc, text] : texts) {
    const std::string path = gold_dir + "/" + doc + ".jsonl";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      diags->push_back({path, 0, 0, "", "no gold file for document " + doc});
      continue;
    }
    auto& claims = gold[doc];
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      Json record = Json::parse(line, nullptr, false);
      if (record.is_discarded() || !record.is_object() || !record["quantity"].is_object()) {
        diags->push_back({path, line_no, 1, "", "not a gold record: want a JSON object with a 'quantity' object"});
        continue;
      }
      GoldClaim g;
      g.doc = doc;
      g.line = line_no;
      g.optional = record.value("optional", false);
      const Json& q = record["quantity"];
      if (q.contains("start") && q.contains("end")) {
        g.span = {q["start"].get<size_t>(), q["end"].get<size_t>()};
      } else if (q.contains("text") && q["text"].is_string()) {
        const std::string needle = q["text"].get<std::string>();
        const int occurrence = q.value("occurrence", 1);
        size_t at = std::string::npos, from = 0;
        for (int k = 0; k < occurrence; ++k) {
          at = text.find(needle, from);
          if (at == std::string::npos) break;
          from = at + 1;
        }
        if (needle.empty() || at == std::string::npos) {
          diags->push_back({path, line_no, 1, "",
                            "quantity text \"" + needle + "\" occurrence " + std::to_string(occurrence) +
                                " is not in " + doc});
          continue;
        }
        g.span = {at, at + needle.size()};
      } else {
        diags->push_back({path, line_no, 1, "", "quantity needs start/end or text (+ occurrence)"});
        continue;
      }
      g.record = std::move(record);
      claims.push_back(std::move(g));
    }
  }
  return gold;
}

namespace {

bool JsonEqual(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) return std::fabs(a.get<double>() - b.get<double>()) < 1e-6;
  return a == b;
}

// Right or wrong for each field the gold record states; absent = not scored.
std::map<std::string, bool> CompareFields(const Json& gold, const Json& got) {
  std::map<std::string, bool> out;
  const Json& gq = gold["quantity"];
  const Json& pq = got["quantity"];
  if (gq.contains("low") || gq.contains("high"))
    out["value"] = JsonEqual(gq.value("low", Json()), pq["low"]) && JsonEqual(gq.value("high", Json()), pq["high"]);
  for (const char* f : {"relation", "unit", "kind"})
    if (gq.contains(f)) out[f] = JsonEqual(gq[f], pq[f]);
  // A gold object matches a predicted one when both are null, when their
  // spans overlap, when their texts are equal (gold written by hand often
  // gives only the text), or when `key` (name, canonical, lemma) is equal
  // ignoring case.
  auto lower = [](const std::string& s) { return AsciiLower(s); };
  auto same_object = [&](const Json& g, const Json& p, const char* key) {
    if (g.is_null() || p.is_null()) return g.is_null() && p.is_null();
    if (!g.is_object() || !p.is_object()) return false;
    if (key && g.contains(key)) {
      if (g[key].is_string() && p.value(key, Json()).is_string())
        return lower(g[key].get<std::string>()) == lower(p[key].get<std::string>());
      if (g[key].is_null() && !g.contains("text")) return p.value(key, Json()).is_null();
    }
    if (g.contains("start") && p.contains("start"))
      return g["start"].get<size_t>() < p["end"].get<size_t>() && p["start"].get<size_t>() < g["end"].get<size_t>();
    if (g["text"].is_string() && p["text"].is_string()) return g["text"] == p["text"];
    return false;
  };
  if (gold.contains("speaker")) {
    // CLAIMS.md "Scoring": spans overlap, or `name` equal ignoring case.
    const Json& gs = gold["speaker"];
    const Json& ps = got["speaker"];
    bool right = same_object(gs, ps, nullptr);
    if (!right && gs.is_object() && ps.is_object() && gs.value("name", Json()).is_string() &&
        ps.value("name", Json()).is_string())
      right = lower(gs["name"].get<std::string>()) == lower(ps["name"].get<std::string>());
    out["speaker"] = right;
  }
  if (gold.contains("cue")) out["cue"] = same_object(gold["cue"], got["cue"], "lemma");
  if (gold.contains("subject")) out["subject"] = same_object(gold["subject"], got["subject"], "canonical");
  if (gold.contains("place")) out["place"] = same_object(gold["place"], got["place"], nullptr);
  if (gold.contains("date")) {
    const Json& gd = gold["date"];
    const Json& pd = got["date"];
    Json gv = gd.is_object() ? gd.value("value", Json()) : Json();
    Json pv = pd.is_object() ? pd.value("value", Json()) : Json();
    out["date"] = gv == pv;
  }
  if (gold.contains("article_date")) out["article_date"] = gold["article_date"] == got["article_date"];
  return out;
}

}  // namespace

CorpusScore ScoreCorpus(const std::map<std::string, std::vector<GoldClaim>>& gold,
                        const std::map<std::string, std::vector<Claim>>& predicted) {
  CorpusScore result;
  static const std::vector<Claim> kNone;
  for (const auto& [doc, gold_claims] : gold) {
    auto pit = predicted.find(doc);
    const std::vector<Claim>& claims = pit == predicted.end() ? kNone : pit->second;
    Score& ds = result.by_doc[doc];
    std::vector<bool> used(claims.size(), false);
    for (const GoldClaim& g : gold_claims) {
      if (!g.optional) ++ds.gold;
      int found = -1;
      for (size_t i = 0; i < claims.size() && found < 0; ++i)
        if (!used[i] && claims[i].quantity_span.Overlaps(g.span)) found = static_cast<int>(i);
      if (found < 0) {
        if (!g.optional)
          result.mismatches.push_back({doc, "missed", g.record["quantity"].dump()});
        continue;
      }
      used[found] = true;
      if (g.optional) continue;  // neither helps nor hurts
      const Claim& c = claims[found];
      Score& rs = result.by_rule[c.rules.front()];
      ++ds.matched;
      ++ds.predicted;
      ++rs.matched;
      ++rs.predicted;
      ++rs.gold;
      const Json got = Json::parse(ClaimToJson(c).dump());
      bool all_right = true;
      for (const auto& [field, right] : CompareFields(g.record, got)) {
        ds.fields[field].first += right;
        ds.fields[field].second += 1;
        rs.fields[field].first += right;
        rs.fields[field].second += 1;
        if (!right) {
          // Fields outside `quantity` show their own gold and predicted values.
          const bool own = g.record.contains(field) && got.contains(field);
          result.mismatches.push_back(
              {doc, "field",
               field + ": gold " + g.record["quantity"].dump() + " vs " + got["quantity"].dump() +
                   (own ? "; gold " + field + " " + g.record[field].dump() + " vs " + got[field].dump() : "")});
          if (field == "value" || field == "speaker" || field == "date") all_right = false;
        }
      }
      if (all_right) {
        ++ds.claims_right;
        ++rs.claims_right;
      }
    }
    for (size_t i = 0; i < claims.size(); ++i) {
      if (used[i]) continue;
      ++ds.predicted;
      ++result.by_rule[claims[i].rules.front()].predicted;
      result.mismatches.push_back({doc, "spurious", "\"" + claims[i].quantity_text + "\" from " +
                                                        claims[i].rules.front()});
    }
    result.total.Add(ds);
  }
  return result;
}

}  // namespace claimex
