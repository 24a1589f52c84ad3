#include "eval/dataset_diff.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace claimex {

using Json = nlohmann::ordered_json;

namespace {

// Accessors that never throw: a hand-edited dataset line may hold anything.
const Json* Field(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}
std::string Text(const Json* j) {
  if (!j) return "";
  return j->is_string() ? j->get<std::string>() : j->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
size_t Offset(const Json* j) { return j && j->is_number_unsigned() ? j->get<size_t>() : 0; }

std::string Doc(const Json& r) { return Text(Field(r, "doc")); }
const Json* Quantity(const Json& r) { return Field(r, "quantity"); }
std::string QuantityText(const Json& r) { return Quantity(r) ? Text(Field(*Quantity(r), "text")) : ""; }
size_t QuantityStart(const Json& r) { return Quantity(r) ? Offset(Field(*Quantity(r), "start")) : 0; }
size_t QuantityEnd(const Json& r) { return Quantity(r) ? Offset(Field(*Quantity(r), "end")) : 0; }

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

// The fields where `a` and `b` differ, as dotted paths: objects on both
// sides are compared field by field (quantity.low, subject.canonical); any
// other difference is shown whole (subject: null -> {...}, rules: [...]).
void Compare(const Json* a, const Json* b, const std::string& path, std::vector<FieldChange>* out) {
  if (a && b && *a == *b) return;
  if (a && b && a->is_object() && b->is_object()) {
    for (auto it = b->begin(); it != b->end(); ++it) {
      if (path.empty() && it.key() == "id") continue;  // a position; shifts when claims come or go
      auto in_a = a->find(it.key());
      Compare(in_a == a->end() ? nullptr : &*in_a, &it.value(),
              path.empty() ? it.key() : path + "." + it.key(), out);
    }
    for (auto it = a->begin(); it != a->end(); ++it)
      if (!b->contains(it.key()) && !(path.empty() && it.key() == "id"))
        Compare(&it.value(), nullptr, path.empty() ? it.key() : path + "." + it.key(), out);
    return;
  }
  out->push_back({path, a ? Dump(*a) : "(absent)", b ? Dump(*b) : "(absent)"});
}

std::vector<FieldChange> CompareRecords(const Json& a, const Json& b) {
  std::vector<FieldChange> out;
  Compare(&a, &b, "", &out);
  return out;
}

std::vector<std::string> RulesOf(const Json& r) {
  std::vector<std::string> out;
  if (const Json* rules = Field(r, "rules"); rules && rules->is_array())
    for (const Json& id : *rules)
      if (id.is_string()) out.push_back(id.get<std::string>());
  return out;
}

void AddRules(const Json& r, std::vector<std::string>* rules) {
  for (const std::string& id : RulesOf(r))
    if (std::find(rules->begin(), rules->end(), id) == rules->end()) rules->push_back(id);
}

// One line that says what a claim is.
std::string Summary(const Json& r) {
  std::ostringstream out;
  const Json* id = Field(r, "id");
  out << (id ? Text(id) : "?") << " \"" << QuantityText(r) << "\"";
  if (const Json* q = Quantity(r)) {
    const Json* relation = Field(*q, "relation");
    const Json* low = Field(*q, "low");
    const Json* high = Field(*q, "high");
    const Json* unit = Field(*q, "unit");
    out << " " << (relation ? Text(relation) : "?") << " " << (low ? Dump(*low) : "null") << ".."
        << (high ? Dump(*high) : "null");
    if (unit && !unit->is_null()) out << " " << Text(unit);
  }
  auto field = [&](const char* name, const char* key) {
    const Json* o = Field(r, name);
    if (!o || !o->is_object()) return;
    const Json* v = Field(*o, key);
    if (!v || v->is_null()) v = Field(*o, "text");
    out << "; " << name << " " << (v ? Dump(*v) : "null");
  };
  field("subject", "canonical");
  field("place", "text");
  field("speaker", "text");
  field("date", "value");
  return out.str();
}

}  // namespace

size_t DatasetDiff::added() const {
  return std::count_if(changes.begin(), changes.end(), [](const ClaimChange& c) { return c.kind == ClaimChange::kAdded; });
}
size_t DatasetDiff::removed() const {
  return std::count_if(changes.begin(), changes.end(), [](const ClaimChange& c) { return c.kind == ClaimChange::kRemoved; });
}
size_t DatasetDiff::changed() const {
  return std::count_if(changes.begin(), changes.end(), [](const ClaimChange& c) { return c.kind == ClaimChange::kChanged; });
}

DatasetDiff DiffDatasets(const std::vector<Json>& old_records, const std::vector<Json>& new_records) {
  DatasetDiff diff;
  // Records by document, keeping their order.
  std::map<std::string, std::pair<std::vector<const Json*>, std::vector<const Json*>>> docs;
  for (const Json& r : old_records) docs[Doc(r)].first.push_back(&r);
  for (const Json& r : new_records) docs[Doc(r)].second.push_back(&r);

  for (const auto& [doc, lists] : docs) {
    const auto& olds = lists.first;
    const auto& news = lists.second;
    std::vector<int> old_match(olds.size(), -1), new_match(news.size(), -1);
    auto pair_up = [&](auto same) {
      for (size_t i = 0; i < olds.size(); ++i) {
        if (old_match[i] >= 0) continue;
        for (size_t j = 0; j < news.size(); ++j) {
          if (new_match[j] >= 0 || !same(*olds[i], *news[j])) continue;
          old_match[i] = static_cast<int>(j);
          new_match[j] = static_cast<int>(i);
          break;
        }
      }
    };
    // 1. Same quantity text at the same offsets.
    pair_up([](const Json& a, const Json& b) {
      return QuantityText(a) == QuantityText(b) && QuantityStart(a) == QuantityStart(b) && QuantityEnd(a) == QuantityEnd(b);
    });
    // 2. Same quantity text, in order of appearance (the article moved).
    pair_up([](const Json& a, const Json& b) { return QuantityText(a) == QuantityText(b); });
    // 3. Overlapping quantity spans (the quantity grew or shrank).
    pair_up([](const Json& a, const Json& b) {
      return QuantityStart(a) < QuantityEnd(b) && QuantityStart(b) < QuantityEnd(a);
    });

    // Report in the new dataset's order, removed claims where they stood.
    std::vector<std::pair<size_t, ClaimChange>> ordered;  // (position, change)
    for (size_t j = 0; j < news.size(); ++j) {
      const Json& now = *news[j];
      const size_t at = QuantityStart(now);
      if (new_match[j] < 0) {
        ClaimChange c{ClaimChange::kAdded, doc, Json(), now, {}, {}};
        AddRules(now, &c.rules);
        ordered.emplace_back(at, std::move(c));
        continue;
      }
      const Json& before = *olds[new_match[j]];
      std::vector<FieldChange> fields = CompareRecords(before, now);
      if (fields.empty()) {
        ++diff.unchanged;
        continue;
      }
      ClaimChange c{ClaimChange::kChanged, doc, before, now, std::move(fields), {}};
      AddRules(before, &c.rules);
      AddRules(now, &c.rules);
      ordered.emplace_back(at, std::move(c));
    }
    for (size_t i = 0; i < olds.size(); ++i) {
      if (old_match[i] >= 0) continue;
      ClaimChange c{ClaimChange::kRemoved, doc, *olds[i], Json(), {}, {}};
      AddRules(*olds[i], &c.rules);
      ordered.emplace_back(QuantityStart(*olds[i]), std::move(c));
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [at, change] : ordered) diff.changes.push_back(std::move(change));
  }
  return diff;
}

std::string DatasetDiff::Report() const {
  std::ostringstream out;
  out << added() << " added, " << removed() << " removed, " << changed() << " changed, " << unchanged
      << " unchanged\n";
  std::string doc;
  for (const ClaimChange& c : changes) {
    if (c.doc != doc) {
      doc = c.doc;
      out << doc << ":\n";
    }
    std::string rules;
    for (const std::string& r : c.rules) rules += (rules.empty() ? "" : ", ") + r;
    switch (c.kind) {
      case ClaimChange::kAdded:
        out << "  + " << Summary(c.new_record) << "\n      rules involved: " << rules << "\n";
        break;
      case ClaimChange::kRemoved:
        out << "  - " << Summary(c.old_record) << "\n      rules involved: " << rules << "\n";
        break;
      case ClaimChange::kChanged:
        out << "  ~ " << Summary(c.new_record) << "\n";
        for (const FieldChange& f : c.fields)
          out << "      " << f.field << ": " << f.old_value << " -> " << f.new_value << "\n";
        out << "      rules involved: " << rules << "\n";
        break;
    }
  }
  return out.str();
}

Status ParseDataset(const std::string& text, const std::string& name, std::vector<Json>* records) {
  records->clear();
  std::istringstream in(text);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json record = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded() || !record.is_object())
      return Status::Error(name + ":" + std::to_string(line_no) + ": not a JSON object");
    records->push_back(std::move(record));
  }
  return Status::Ok();
}

}  // namespace claimex
