#include "time/timex.h"

#include <cstdio>

namespace claimex {

TimeUnit ParseTimeUnit(const std::string& name) {
  if (name == "hour") return TimeUnit::kHour;
  if (name == "day") return TimeUnit::kDay;
  if (name == "week") return TimeUnit::kWeek;
  if (name == "weekend") return TimeUnit::kWeekend;
  if (name == "month") return TimeUnit::kMonth;
  if (name == "quarter") return TimeUnit::kQuarter;
  if (name == "half") return TimeUnit::kHalf;
  if (name == "year") return TimeUnit::kYear;
  if (name == "decade") return TimeUnit::kDecade;
  if (name == "century") return TimeUnit::kCentury;
  return TimeUnit::kNone;
}

namespace {

// The letter a duration of `unit` is written with, and whether it is a time
// (PT…) duration.
const char* DurationLetter(TimeUnit unit, int* scale, bool* clock) {
  *scale = 1;
  *clock = false;
  switch (unit) {
    case TimeUnit::kHour: *clock = true; return "H";
    case TimeUnit::kDay: return "D";
    case TimeUnit::kWeek: return "W";
    case TimeUnit::kWeekend: return "WE";
    case TimeUnit::kMonth: return "M";
    case TimeUnit::kQuarter: *scale = 3; return "M";
    case TimeUnit::kHalf: *scale = 6; return "M";
    case TimeUnit::kYear: return "Y";
    case TimeUnit::kDecade: return "DE";
    case TimeUnit::kCentury: return "CE";
    case TimeUnit::kNone: break;
  }
  return "";
}

std::string Duration(const Timex& t) {
  int scale;
  bool clock;
  const char* letter = DurationLetter(t.unit, &scale, &clock);
  if (!*letter) return "PX";
  const std::string amount = t.amount < 0 ? "X" : std::to_string(t.amount * scale);
  return std::string(clock ? "PT" : "P") + amount + letter;
}

// Appends the time of day (T20:00, TAF) when the expression has one.
std::string WithTime(const std::string& date, const Timex& t) {
  if (t.hour >= 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "T%02d:%02d", t.hour, t.minute < 0 ? 0 : t.minute);
    return date + buf;
  }
  if (!t.day_part.empty()) return date + "T" + t.day_part;
  return date;
}

// Day counts of a reference date.
long Days(const PartialDate& d) { return DaysFromCivil(d.year, d.month, d.day); }

std::string DayValue(long days, const Timex& t) {
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  return WithTime(FormatDay(y, m, d), t);
}

// A year with whatever finer part of it the expression names.
std::string YearWithPart(int year, const Timex& t) {
  if (t.month > 0) {
    if (t.day > 0) {
      if (t.day > DaysInMonth(year, t.month)) return "";
      return WithTime(FormatDay(year, t.month, t.day), t);
    }
    return FormatMonth(year, t.month);
  }
  if (t.quarter > 0) return FormatYear(year) + "-Q" + std::to_string(t.quarter);
  if (t.half > 0) return FormatYear(year) + "-H" + std::to_string(t.half);
  if (!t.season.empty()) return FormatYear(year) + "-" + t.season;
  return FormatYear(year);
}

// The year of a year-less month (or quarter, half, season, as a month) with
// respect to `ref`: the latest such not after it, or with `future` the
// earliest not before it; `strict` excludes the reference's own.
int YearFor(int month, const PartialDate& ref, bool future, bool strict) {
  if (future) return (strict ? month > ref.month : month >= ref.month) ? ref.year : ref.year + 1;
  return (strict ? month < ref.month : month <= ref.month) ? ref.year : ref.year - 1;
}

// The first month a part of the year covers, for YearFor.
int FirstMonth(const Timex& t) {
  if (t.month > 0) return t.month;
  if (t.quarter > 0) return 3 * t.quarter - 2;
  if (t.half > 0) return 6 * t.half - 5;
  if (t.season == "SP") return 3;
  if (t.season == "SU") return 6;
  if (t.season == "FA") return 9;
  if (t.season == "WI") return 12;
  return 0;
}

std::optional<std::string> Relative(const Timex& t, const PartialDate& ref) {
  switch (t.unit) {
    case TimeUnit::kHour:
    case TimeUnit::kDay:
      if (!ref.has_day()) return std::nullopt;
      return DayValue(Days(ref) + t.shift, t);
    case TimeUnit::kWeek:
    case TimeUnit::kWeekend: {
      if (!ref.has_day()) return std::nullopt;
      long days = Days(ref) + 7L * t.shift;
      int y, m, d, iso_year, week;
      CivilFromDays(days, &y, &m, &d);
      // "the weekend" with no offset is the latest one: on a weekday, the
      // week before's.
      if (t.unit == TimeUnit::kWeekend && t.shift == 0 && !t.future && Weekday(y, m, d) < 6) {
        CivilFromDays(days - 7, &y, &m, &d);
      }
      IsoWeek(y, m, d, &iso_year, &week);
      return FormatWeek(iso_year, week) + (t.unit == TimeUnit::kWeekend ? "-WE" : "");
    }
    case TimeUnit::kMonth: {
      if (!ref.has_month()) return std::nullopt;
      const int index = ref.year * 12 + (ref.month - 1) + t.shift;
      const int y = index / 12, m = index % 12 + 1;
      if (t.day > 0) {
        if (t.day > DaysInMonth(y, m)) return std::nullopt;
        return WithTime(FormatDay(y, m, t.day), t);
      }
      return FormatMonth(y, m);
    }
    case TimeUnit::kQuarter: {
      if (!ref.has_month()) return std::nullopt;
      const int index = ref.year * 4 + (ref.month - 1) / 3 + t.shift;
      return FormatYear(index / 4) + "-Q" + std::to_string(index % 4 + 1);
    }
    case TimeUnit::kHalf: {
      if (!ref.has_month()) return std::nullopt;
      const int index = ref.year * 2 + (ref.month - 1) / 6 + t.shift;
      return FormatYear(index / 2) + "-H" + std::to_string(index % 2 + 1);
    }
    case TimeUnit::kYear: {
      const int year = ref.year + t.shift;
      // "last July", "the summer of last year": a part of that year.
      const std::string v = YearWithPart(year, t);
      if (v.empty()) return std::nullopt;
      return v;
    }
    case TimeUnit::kDecade: return std::to_string(ref.year / 10 + t.shift);
    case TimeUnit::kCentury: return std::to_string(ref.year / 100 + t.shift);
    case TimeUnit::kNone: break;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ResolveTimex(const Timex& t, const std::optional<PartialDate>& reference) {
  if (t.null_value) return std::nullopt;
  if (t.fixed_value) return t.fixed_value;
  if (t.type == "DURATION") return Duration(t);
  if (t.century >= 0) return std::to_string(t.century);
  if (t.decade >= 0) return std::to_string(t.decade);
  if (t.year > 0) {
    if (t.weekday > 0 && t.month > 0 && t.day > 0 && t.day <= DaysInMonth(t.year, t.month) &&
        Weekday(t.year, t.month, t.day) != t.weekday) {
      // "Sunday, 21 January 2018" with the wrong weekday: trust the date.
    }
    std::string v = YearWithPart(t.year, t);
    if (v.empty()) return std::nullopt;
    return v;
  }
  if (t.relative) {
    if (!reference) return std::nullopt;
    return Relative(t, *reference);
  }
  if (!reference) return std::nullopt;
  const PartialDate& ref = *reference;
  if (t.weekday > 0 && t.month == 0) {
    // CLAIMS.md: the latest such day on or before the reference (the same
    // day counts); forward in a sentence about the future.
    if (!ref.has_day()) return std::nullopt;
    const long today = Days(ref);
    const int wd = Weekday(ref.year, ref.month, ref.day);
    long day;
    if (t.direction < 0) day = today - ((wd - t.weekday + 6) % 7 + 1);
    else if (t.direction > 0) day = today + ((t.weekday - wd + 6) % 7 + 1);
    else if (t.future) day = today + (t.weekday - wd + 7) % 7;
    else day = today - (wd - t.weekday + 7) % 7;
    return DayValue(day, t);
  }
  const int first_month = FirstMonth(t);
  if (first_month > 0) {
    // CLAIMS.md: a month without a year is the latest such month not after
    // the reference.
    if (!ref.has_month()) return std::nullopt;
    const int year = t.direction != 0 ? YearFor(first_month, ref, t.direction > 0, true)
                                      : YearFor(first_month, ref, t.future, false);
    std::string v = YearWithPart(year, t);
    if (v.empty()) return std::nullopt;
    return v;
  }
  if (t.hour >= 0 || !t.day_part.empty()) {
    if (!ref.has_day()) return std::nullopt;
    return DayValue(Days(ref), t);
  }
  return std::nullopt;
}

std::optional<PartialDate> DateOfValue(const std::string& value) {
  if (value.size() >= 10) {
    if (auto d = ParsePartialDate(value.substr(0, 10))) return d;
  }
  if (value.size() >= 7 && value[4] == '-' && value[5] != 'Q' && value[5] != 'H' && value[5] != 'W') {
    if (auto d = ParsePartialDate(value.substr(0, 7))) return d;
  }
  if (value.size() >= 4) {
    if (auto d = ParsePartialDate(value.substr(0, 4))) {
      if (value.size() == 4 || value[4] == '-') return d;
    }
  }
  return std::nullopt;
}

}  // namespace claimex
