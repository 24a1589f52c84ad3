// Calendar: the date arithmetic the time stage needs to resolve relative
// expressions (days, ISO weeks, months, quarters) and to read and write
// ISO 8601 / TIMEX3 values. Proleptic Gregorian, no time zones.
#ifndef CLAIMEX_TIME_CALENDAR_H_
#define CLAIMEX_TIME_CALENDAR_H_

#include <optional>
#include <string>

namespace claimex {

// A date known to some precision: year only, year and month, or a full day.
struct PartialDate {
  int year = 0;
  int month = 0;  // 1..12, 0 = unknown
  int day = 0;    // 1..31, 0 = unknown
  bool has_month() const { return month > 0; }
  bool has_day() const { return day > 0; }
};

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (checked against the calendar).
std::optional<PartialDate> ParsePartialDate(const std::string& text);

// Days since 1970-01-01 (negative before), and back.
long DaysFromCivil(int year, int month, int day);
void CivilFromDays(long days, int* year, int* month, int* day);

int DaysInMonth(int year, int month);
// 1 = Monday … 7 = Sunday.
int Weekday(int year, int month, int day);
// ISO 8601 week-numbering year and week of a day.
void IsoWeek(int year, int month, int day, int* iso_year, int* week);
// The Monday of ISO week `week` of `iso_year`, as days since the epoch.
long IsoWeekMonday(int iso_year, int week);

// TIMEX3 value strings.
std::string FormatYear(int year);                       // 2019
std::string FormatMonth(int year, int month);           // 2019-03
std::string FormatDay(int year, int month, int day);    // 2019-03-05
std::string FormatWeek(int iso_year, int week);         // 2019-W09

}  // namespace claimex

#endif  // CLAIMEX_TIME_CALENDAR_H_
