// Status and Diagnostic: errors are values, never exceptions across stages.
//
// Status is ok() or carries a message. Diagnostic is one located problem in a
// rule file, printed as `file:line:col: error: [rule-id] message`. Loaders
// collect every Diagnostic of a pass instead of stopping at the first.
#ifndef CLAIMEX_BASE_STATUS_H_
#define CLAIMEX_BASE_STATUS_H_

#include <string>
#include <utility>
#include <vector>

namespace claimex {

class Status {
 public:
  Status() = default;  // ok
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !failed_; }
  const std::string& message() const { return message_; }

 private:
  explicit Status(std::string message) : failed_(true), message_(std::move(message)) {}
  bool failed_ = false;
  std::string message_;
};

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  std::string rule_id;  // empty when the problem is not inside a rule
  std::string message;

  // `file:line:col: error: [rule-id] message`
  std::string ToString() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace claimex

#endif  // CLAIMEX_BASE_STATUS_H_
