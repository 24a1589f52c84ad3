#include "base/status.h"

namespace claimex {

std::string Diagnostic::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  out += ": error: ";
  if (!rule_id.empty()) out += "[" + rule_id + "] ";
  out += message;
  return out;
}

}  // namespace claimex
