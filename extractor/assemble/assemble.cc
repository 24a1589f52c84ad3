#include "assemble/assemble.h"

namespace claimex {

void AssembleSentence(const Document& doc, const NormalizedText& normalized, Span sentence,
                      size_t sentence_index, const SentenceMatches& matches, bool explain,
                      std::vector<Claim>* claims) {
  const Span original_sentence = normalized.map.ToOriginal(sentence);
  for (const QuantityMention& m : matches.quantities) {
    Claim c;
    c.doc = doc.id;
    c.index = static_cast<int>(claims->size()) + 1;
    c.sentence = original_sentence;
    c.sentence_text = doc.text.substr(original_sentence.start, original_sentence.size());
    c.normalized_sentence = sentence;
    c.normalized_quantity = m.span;
    c.sentence_index = sentence_index;
    c.quantity_span = normalized.map.ToOriginal(m.span);
    c.quantity_text = doc.text.substr(c.quantity_span.start, c.quantity_span.size());
    static_cast<QuantityValue&>(c) = m;
    c.rules.push_back(m.rule->id);
    c.meta_json = doc.meta_json;
    if (explain) {
      nlohmann::ordered_json e;
      e["normalized_sentence"] = normalized.text.substr(sentence.start, sentence.size());
      e["quantity_rule"] = m.rule->id;
      e["unit_from"] = m.unit ? nlohmann::ordered_json(m.unit_how) : nlohmann::ordered_json(nullptr);
      nlohmann::ordered_json seen = nlohmann::ordered_json::array();
      for (const MatchTrace& t : matches.trace) {
        if (!t.span.Overlaps(m.span)) continue;
        seen.push_back({{"rule", t.rule_id},
                        {"normalized_text", normalized.text.substr(t.span.start, t.span.size())},
                        {"outcome", t.outcome}});
      }
      e["matches"] = std::move(seen);
      c.explain = std::move(e);
    }
    claims->push_back(std::move(c));
  }
}

}  // namespace claimex
