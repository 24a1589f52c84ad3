#include "time/calendar.h"

#include <cstdio>

namespace claimex {

long DaysFromCivil(int y, int m, int d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

void CivilFromDays(long z, int* year, int* month, int* day) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  *year = static_cast<int>(static_cast<long>(yoe) + era * 400 + (m <= 2));
  *month = static_cast<int>(m);
  *day = static_cast<int>(d);
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[(month - 1) % 12];
}

int Weekday(int year, int month, int day) {
  const long days = DaysFromCivil(year, month, day);  // 1970-01-01 was a Thursday (4)
  long w = (days % 7 + 7 + 3) % 7;                    // 0 = Monday
  return static_cast<int>(w) + 1;
}

long IsoWeekMonday(int iso_year, int week) {
  // Week 1 holds January 4th.
  const long jan4 = DaysFromCivil(iso_year, 1, 4);
  const long week1_monday = jan4 - (Weekday(iso_year, 1, 4) - 1);
  return week1_monday + 7L * (week - 1);
}

void IsoWeek(int year, int month, int day, int* iso_year, int* week) {
  const long days = DaysFromCivil(year, month, day);
  const long thursday = days + (4 - Weekday(year, month, day));  // the week's Thursday decides its year
  int ty, tm, td;
  CivilFromDays(thursday, &ty, &tm, &td);
  *iso_year = ty;
  *week = static_cast<int>((thursday - DaysFromCivil(ty, 1, 1)) / 7 + 1);
}

std::optional<PartialDate> ParsePartialDate(const std::string& text) {
  PartialDate d;
  auto digits = [&](size_t at, size_t n, int* out) {
    if (at + n > text.size()) return false;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      v = v * 10 + (text[i] - '0');
    }
    *out = v;
    return true;
  };
  if (!digits(0, 4, &d.year)) return std::nullopt;
  if (text.size() == 4) return d;
  if (text.size() < 7 || text[4] != '-' || !digits(5, 2, &d.month) || d.month < 1 || d.month > 12)
    return std::nullopt;
  if (text.size() == 7) return d;
  if (text.size() != 10 || text[7] != '-' || !digits(8, 2, &d.day) || d.day < 1 ||
      d.day > DaysInMonth(d.year, d.month))
    return std::nullopt;
  return d;
}

std::string FormatYear(int year) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", year);
  return buf;
}

std::string FormatMonth(int year, int month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::string FormatDay(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string FormatWeek(int iso_year, int week) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", iso_year, week);
  return buf;
}

}  // namespace claimex
