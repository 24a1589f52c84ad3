// Timex: what one time expression says, field by field, before it is
// resolved, and the resolver that turns it into an ISO 8601 / TIMEX3 value.
//
// A rule match fills the fields it captures (year, month, weekday, a part of
// the year, an offset "last"/"previous" with its unit...). Resolution happens
// late, once the article's date is settled and the earlier expressions of
// the text are resolved: relative expressions take the article date as
// reference, anaphoric ones ("the previous month", "four years later") the
// nearest earlier expression precise enough (CLAIMS.md "Dates").
#ifndef CLAIMEX_TIME_TIMEX_H_
#define CLAIMEX_TIME_TIMEX_H_

#include <optional>
#include <string>

#include "time/calendar.h"

namespace claimex {

// The granularity a relative expression counts in ("last month": month).
enum class TimeUnit { kNone, kHour, kDay, kWeek, kWeekend, kMonth, kQuarter, kHalf, kYear, kDecade, kCentury };

// Reads a unit name as written in rules (`day`, `week`, ... `century`).
TimeUnit ParseTimeUnit(const std::string& name);

// What the reference of a relative expression is.
enum class TimeAnchor {
  kNone,     // absolute; a missing year comes from the article date
  kArticle,  // deictic: the article date ("last month", "two years ago")
  kText,     // anaphoric: the nearest earlier expression ("the previous month")
};

struct Timex {
  std::string type = "DATE";              // DATE | TIME | DURATION | SET
  std::optional<std::string> fixed_value;  // set by the rule (PRESENT_REF, XXXX…)
  bool null_value = false;                 // an interval or a list: text kept, value null

  int year = 0, month = 0, day = 0;  // 0 = not said
  int weekday = 0;                   // 1 = Monday … 7 = Sunday
  int quarter = 0, half = 0;         // 1..4, 1..2
  std::string season;                // SP SU FA WI
  std::string day_part;              // MO AF EV NI
  int hour = -1, minute = -1;
  int decade = -1;                   // 199 for the 1990s
  int century = -1;                  // 19 for the 20th century
  std::string mod;                   // START MID END (kept for --explain; the value ignores it)

  bool relative = false;  // an offset from the reference, counted in `unit`
  TimeAnchor anchor = TimeAnchor::kNone;
  TimeUnit unit = TimeUnit::kNone;
  int shift = 0;
  bool future = false;  // the sentence speaks of the future: year-less dates look forward
  // "last July", "next Friday": a named month or day strictly before (-1)
  // or after (+1) the reference; 0 = the default search.
  int direction = 0;

  int amount = -1;  // DURATION: how many units (-1 = unspecified, written X)
};

// The value of `t`, or nullopt when it cannot be resolved (a relative
// expression without a reference precise enough, an interval). `reference`
// is the article date for deictic and year-less expressions, the anchor
// expression's date for anaphoric ones.
std::optional<std::string> ResolveTimex(const Timex& t, const std::optional<PartialDate>& reference);

// The date a resolved value names, to the precision it has, for anaphoric
// resolution ("2022-09" → year and month; "2020-Q1" → year only; "PRESENT_REF"
// → none).
std::optional<PartialDate> DateOfValue(const std::string& value);

}  // namespace claimex

#endif  // CLAIMEX_TIME_TIMEX_H_
