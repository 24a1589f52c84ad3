#include "base/quantity.h"

namespace claimex {

const char* QuantityKindName(QuantityKind kind) {
  switch (kind) {
    case QuantityKind::kCount: return "count";
    case QuantityKind::kMoney: return "money";
    case QuantityKind::kPercent: return "percent";
    case QuantityKind::kRatio: return "ratio";
  }
  return "count";
}

const char* RelationName(Relation relation) {
  switch (relation) {
    case Relation::kEq: return "eq";
    case Relation::kLt: return "lt";
    case Relation::kLe: return "le";
    case Relation::kGt: return "gt";
    case Relation::kGe: return "ge";
    case Relation::kRange: return "range";
  }
  return "eq";
}

std::optional<Relation> ParseRelation(const std::string& name) {
  static const std::pair<const char*, Relation> kNames[] = {
      {"eq", Relation::kEq}, {"lt", Relation::kLt}, {"le", Relation::kLe},
      {"gt", Relation::kGt}, {"ge", Relation::kGe}, {"range", Relation::kRange}};
  for (const auto& [n, r] : kNames)
    if (name == n) return r;
  return std::nullopt;
}

}  // namespace claimex
