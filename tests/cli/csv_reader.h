// ParseCsv: a minimal RFC 4180 reader for the tests that read claimex's CSV
// (tests/cli/cli_test.cc, tests/cli/regenerate_test.cc). Header-only.
#ifndef CLAIMEX_TESTS_CLI_CSV_READER_H_
#define CLAIMEX_TESTS_CLI_CSV_READER_H_

#include <string>
#include <vector>

namespace claimex {

// A minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes,
// CR and LF; records end in CRLF (record.h promises CRLF, so a bare CR or LF
// outside quotes is an error). Returns false and sets *error on bad input.
inline bool ParseCsv(const std::string& text, std::vector<std::vector<std::string>>* rows, std::string* error) {
  rows->clear();
  std::vector<std::string> row;
  std::string field;
  bool in_quotes = false, quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        in_quotes = false;
      }
      continue;
    }
    if (c == '"') {
      if (quoted || !field.empty()) {
        *error = "quote inside an unquoted field at byte " + std::to_string(i);
        return false;
      }
      in_quotes = quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      quoted = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(std::move(field));
      rows->push_back(std::move(row));
      field.clear();
      row.clear();
      quoted = false;
      ++i;
    } else if (c == '\r' || c == '\n') {
      *error = "bare CR or LF outside quotes at byte " + std::to_string(i);
      return false;
    } else if (quoted) {
      *error = "text after a closing quote at byte " + std::to_string(i);
      return false;
    } else {
      field += c;
    }
  }
  if (in_quotes) {
    *error = "unterminated quoted field";
    return false;
  }
  if (quoted || !field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows->push_back(std::move(row));
  }
  return true;
}

}  // namespace claimex

#endif  // CLAIMEX_TESTS_CLI_CSV_READER_H_
