// QuantityValue: what a quantity says, as CLAIMS.md "Fields" defines it —
// kind, bounds, relation, approximation and the counted unit. Shared by the
// match stage's mentions and the emitted claims.
#ifndef CLAIMEX_BASE_QUANTITY_H_
#define CLAIMEX_BASE_QUANTITY_H_

#include <optional>
#include <string>

namespace claimex {

enum class QuantityKind { kCount, kMoney, kPercent, kRatio };
enum class Relation { kEq, kLt, kLe, kGt, kGe, kRange };

const char* QuantityKindName(QuantityKind kind);
const char* RelationName(Relation relation);
std::optional<Relation> ParseRelation(const std::string& name);

struct QuantityValue {
  QuantityKind kind = QuantityKind::kCount;
  std::optional<double> low;   // null: no lower bound
  std::optional<double> high;  // null: no upper bound
  Relation relation = Relation::kEq;
  bool approx = false;
  std::optional<std::string> unit;  // lower-case singular noun, currency code, "percent"; null
};

}  // namespace claimex

#endif  // CLAIMEX_BASE_QUANTITY_H_
