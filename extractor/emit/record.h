// Emit: the fifth pipeline stage. Writes Claims as CLAIMS.md records (JSON
// Lines, via nlohmann::json: no hand-written escaping) or as CSV rows.
#ifndef CLAIMEX_EMIT_RECORD_H_
#define CLAIMEX_EMIT_RECORD_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "assemble/claim.h"

namespace claimex {

// The record, fields in CLAIMS.md order, as one line of JSON (appended to
// *out, with its '\n'); ClaimToJson is the same record as a DOM, for code
// that reads fields from it.
void AppendJsonLine(const Claim& claim, std::string* out);
nlohmann::ordered_json ClaimToJson(const Claim& claim);

// A number as the record shows it: integers without a decimal point.
nlohmann::ordered_json NumberToJson(const std::optional<double>& value);

// A time expression as `extract --mentions` writes it:
// {"doc","text","start","end","type","value","rule"}.
nlohmann::ordered_json MentionToJson(const DateMention& mention);
std::string MentionsToJsonLines(const std::vector<DateMention>& mentions);

// One JSON line per claim, each ending in '\n'.
std::string ToJsonLines(const std::vector<Claim>& claims);

// CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes
// doubled; lines end in \r\n as the RFC says).
std::string CsvHeader();
std::string ToCsvRows(const std::vector<Claim>& claims);
std::string CsvField(const std::string& field);

}  // namespace claimex

#endif  // CLAIMEX_EMIT_RECORD_H_
