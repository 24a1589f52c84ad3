// Conformance against Microsoft Recognizers-Text's English number specs.
//
// Reads the peer suite's JSON case files AT RUN TIME (they are never copied
// into this repository), runs every case's Input through the Extractor and
// maps the expected Results onto claims. It measures: each file's floors
// catch regressions, not the distance to 100% (much of the peer suite is out
// of claimex's scope by design). See tests/conformance/README.md.
//
// Where the suite is looked for: $CLAIMEX_EXTERNAL_DIR/recognizers-text, else
// CLAIMEX_PROJECT_DIR/../shared/external/recognizers-text. If it is absent,
// every test skips and says where it looked.
//
// CLAIMEX_CONFORMANCE_DUMP=1 prints every failing case (input, expected
// results, claims produced); any other value prints only the files whose name
// contains it (e.g. =Currency).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "assemble/claim.h"
#include "base/document.h"
#include "base/span.h"
#include "base/status.h"
#include "emit/record.h"
#include "pipeline.h"
#include "rulebook/rulebook.h"

namespace claimex {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string PeerDir() {
  const char* env = std::getenv("CLAIMEX_EXTERNAL_DIR");
  const fs::path external = env && *env ? fs::path(env)
                                        : fs::path(CLAIMEX_PROJECT_DIR) / "../shared/external";
  return (external / "recognizers-text").lexically_normal().string();
}

// Byte offset of every UTF-16 code unit of `s` (plus one past the end). The
// second unit of a surrogate pair maps to the start of its character.
std::vector<size_t> Utf16ToByte(const std::string& s) {
  std::vector<size_t> map;
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = s[i];
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    map.push_back(i);
    if (len == 4) map.push_back(i);
    i = std::min(s.size(), i + len);
  }
  map.push_back(s.size());
  return map;
}

std::string AsciiLower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A number as the peer writes it ("1.2732E+15", "13%"); nullopt for null,
// "null" or anything else that is not entirely a number.
std::optional<double> ParseNumber(const Json& v, bool percent = false) {
  if (!v.is_string()) return std::nullopt;
  std::string s = v.get<std::string>();
  if (percent && !s.empty() && s.back() == '%') s.pop_back();
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

// Relative tolerance 1e-6; 1e-3 when `want` has more than 4 decimals (claimex
// rounds fractions such as a third to 0.3333).
bool Close(std::optional<double> got, double want) {
  if (!got) return false;
  const double diff = std::fabs(*got - want);
  const double scale = std::max(std::fabs(*got), std::fabs(want));
  if (diff <= 1e-6 * scale) return true;
  const double x = want * 1e4;
  const bool rounded = std::fabs(x - std::nearbyint(x)) > 1e-6 * std::max(1.0, std::fabs(x));
  return rounded && diff <= 1e-3 * scale;
}

// One peer result, mapped onto claimex terms.
struct Expected {
  std::string text;
  std::string type;    // number | numberrange | percentage | currency
  std::string value;   // the peer's resolution value, for messages
  std::optional<Span> span;  // UTF-8 bytes of Input; nullopt if not locatable
  std::optional<double> number;  // number, percentage, currency
  // numberrange: the bounds, and the relation claimex should give.
  std::optional<double> low, high;
  std::optional<Relation> relation;
  std::string iso;  // currency: isoCurrency, or empty
};

// Parses an interval "[a,b)", "(a,)", "(,b]" … into the Expected fields.
void ParseInterval(const std::string& s, Expected* e) {
  if (s.size() < 3) return;
  const char open = s.front(), close = s.back();
  const size_t comma = s.find(',');
  if (comma == std::string::npos) return;
  const std::string a = s.substr(1, comma - 1), b = s.substr(comma + 1, s.size() - comma - 2);
  if (!a.empty()) e->low = ParseNumber(Json(a));
  if (!b.empty()) e->high = ParseNumber(Json(b));
  if (!a.empty() && !b.empty()) {
    if (e->low && e->high) e->relation = Relation::kRange;
  } else if (!a.empty() && e->low) {
    e->relation = open == '(' ? Relation::kGt : Relation::kGe;
  } else if (!b.empty() && e->high) {
    e->relation = close == ')' ? Relation::kLt : Relation::kLe;
  }
}

Expected ToExpected(const Json& r, const std::string& input, const std::vector<size_t>& u16,
                    size_t* search_from) {
  Expected e;
  e.text = r.value("Text", "");
  e.type = r.value("TypeName", "");
  const Json& res = r.contains("Resolution") ? r["Resolution"] : Json::object();
  const Json value = res.contains("value") ? res["value"] : Json();
  e.value = value.is_string() ? value.get<std::string>() : value.dump();
  if (r.contains("Start") && r.contains("End")) {
    const size_t start = r["Start"].get<size_t>();
    const size_t end = r["End"].get<size_t>() + 1;  // End is inclusive
    if (start < u16.size() && end < u16.size() && start < end) e.span = Span{u16[start], u16[end]};
  } else if (!e.text.empty()) {
    const std::string lower = AsciiLower(input);
    size_t at = lower.find(e.text, *search_from);
    if (at == std::string::npos) at = lower.find(e.text);
    if (at != std::string::npos) e.span = Span{at, at + e.text.size()};
  }
  if (e.span) *search_from = e.span->end;
  if (e.type == "numberrange") {
    if (value.is_string()) ParseInterval(value.get<std::string>(), &e);
  } else {
    e.number = ParseNumber(value, e.type == "percentage");
  }
  if (res.contains("isoCurrency") && res["isoCurrency"].is_string()) e.iso = res["isoCurrency"];
  return e;
}

bool Exact(const Claim& c) { return c.low && c.high && Close(c.low, *c.high); }

// Whether claim `c` (already known to overlap) gives the value `e` expects.
bool ValueMatches(const Claim& c, const Expected& e) {
  if (e.type == "number") return e.number && Exact(c) && Close(c.low, *e.number);
  if (e.type == "percentage") {
    return e.number && c.kind == QuantityKind::kPercent && Exact(c) && Close(c.low, *e.number);
  }
  if (e.type == "currency") {
    return e.number && c.kind == QuantityKind::kMoney && Exact(c) && Close(c.low, *e.number) &&
           (e.iso.empty() || (c.unit && *c.unit == e.iso));
  }
  if (e.type == "numberrange" && e.relation) {
    switch (*e.relation) {
      case Relation::kRange:
        if (Close(*e.low, *e.high) && Exact(c) && Close(c.low, *e.low)) return true;  // [a,a]
        return c.relation == Relation::kRange && Close(c.low, *e.low) && Close(c.high, *e.high);
      case Relation::kGt:
      case Relation::kGe:
        return c.relation == *e.relation && Close(c.low, *e.low);
      case Relation::kLt:
      case Relation::kLe:
        return c.relation == *e.relation && Close(c.high, *e.high);
      default:
        return false;
    }
  }
  return false;
}

struct Tally {
  int cases = 0;
  int empty_cases = 0;      // cases whose Results are empty
  int expected = 0;         // peer results
  int detected = 0;         // results overlapped by some claim
  int value_ok = 0;         // results overlapped by a claim with the right value
  int claims = 0;
  int claims_matched = 0;   // claims overlapping some result
  int claims_value_ok = 0;  // claims giving some overlapped result's value
  int spurious = 0;         // claims overlapping no result, in cases with results
  int spurious_empty = 0;   // claims in cases with no results
  int spurious_kind = 0;    // spurious claims (either kind of case) of the file's kind

  // NaN (printed "-") when there is nothing to divide by.
  static double Ratio(int a, int b) { return b == 0 ? NAN : static_cast<double>(a) / b; }
  static double F1(double p, double r) { return p + r == 0 ? 0.0 : 2 * p * r / (p + r); }
  double det_precision() const { return Ratio(claims_matched, claims); }
  double det_recall() const { return Ratio(detected, expected); }
  double det_f1() const { return F1(det_precision(), det_recall()); }
  double val_precision() const { return Ratio(claims_value_ok, claims); }
  double val_recall() const { return Ratio(value_ok, expected); }
  double val_f1() const { return F1(val_precision(), val_recall()); }
  double val_accuracy() const { return Ratio(value_ok, detected); }  // of detected results
};

struct FileResult {
  std::string file;
  Tally all;
  Tally supported;  // cases without NotSupported / NotSupportedByDesign
};

void PrintHeader(std::ostream& out) {
  out << "file                   subset    cases empty  exp claims  det valok spur spurE spurK"
         "  detP  detR detF1  valP  valR valF1 valAcc\n";
}

std::string Fixed(double x) {
  if (std::isnan(x)) return "    -";
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%5.3f", x);
  return buf;
}

void PrintRow(std::ostream& out, const std::string& file, const std::string& subset,
              const Tally& t) {
  char line[128];
  std::snprintf(line, sizeof(line), "%-22s %-9s %5d %5d %4d %6d %4d %5d %4d %5d %5d", file.c_str(),
                subset.c_str(), t.cases, t.empty_cases, t.expected, t.claims, t.detected,
                t.value_ok, t.spurious, t.spurious_empty, t.spurious_kind);
  out << line;
  for (double x : {t.det_precision(), t.det_recall(), t.det_f1(), t.val_precision(),
                   t.val_recall(), t.val_f1()}) {
    out << " " << Fixed(x);
  }
  out << "  " << Fixed(t.val_accuracy()) << "\n";
}

void PrintFile(std::ostream& out, const FileResult& r) {
  PrintRow(out, r.file, "all", r.all);
  PrintRow(out, r.file, "supported", r.supported);
}

bool DumpWanted(const std::string& file) {
  const char* env = std::getenv("CLAIMEX_CONFORMANCE_DUMP");
  if (env == nullptr) return false;
  const std::string v = env;
  return v.empty() || v == "1" || file.find(v) != std::string::npos;
}

std::string Describe(const Expected& e) {
  std::ostringstream s;
  s << e.type << " \"" << e.text << "\" = " << e.value;
  if (e.span) s << " [" << e.span->start << "," << e.span->end << ")";
  if (!e.iso.empty()) s << " " << e.iso;
  return s.str();
}

// Floors on the "all" row: measured figures rounded down to the next 0.05
// (README.md lists the measured values).
struct Floors {
  double det_precision;
  double det_recall;
  double val_recall;
};

class RecognizersTextTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::is_directory(PeerDir())) return;
    Diagnostics diags;
    rules_ = Rulebook::Load(std::string(CLAIMEX_PROJECT_DIR) + "/rules", &diags);
    for (const Diagnostic& d : diags) load_errors_ += d.ToString() + "\n";
    if (rules_) extractor_ = std::make_unique<Extractor>(*rules_);
  }

  static void TearDownTestSuite() {
    if (results_.size() > 1) {
      std::cout << "\nRecognizers-Text conformance, all files:\n";
      PrintHeader(std::cout);
      for (const FileResult& r : results_) PrintFile(std::cout, r);
    }
    results_.clear();
    extractor_.reset();
    rules_.reset();
  }

  void SetUp() override {
    if (!fs::is_directory(PeerDir())) {
      GTEST_SKIP() << "Recognizers-Text peer suite not found at " << PeerDir()
                   << " (set CLAIMEX_EXTERNAL_DIR to the directory holding recognizers-text/)";
    }
    ASSERT_NE(extractor_, nullptr) << "rules failed to load:\n" << load_errors_;
  }

  // `kind`: the claims this file's model is about (spurK counts only those);
  // nullopt for all.
  void Measure(const std::string& file, std::optional<QuantityKind> kind, const Floors& floors) {
    const std::string path = PeerDir() + "/" + file;
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << "cannot read " << path;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
    const Json cases = Json::parse(bytes, nullptr, /*allow_exceptions=*/false);
    ASSERT_TRUE(cases.is_array()) << path << " is not a JSON array of cases";

    const bool dump = DumpWanted(file);
    FileResult result{file, {}, {}};
    for (size_t n = 0; n < cases.size(); ++n) {
      const Json& c = cases[n];
      const std::string input = c.value("Input", "");
      const bool supported = !c.contains("NotSupported") && !c.contains("NotSupportedByDesign");

      const std::vector<size_t> u16 = Utf16ToByte(input);
      std::vector<Expected> expected;
      size_t search_from = 0;
      if (c.contains("Results") && c["Results"].is_array()) {
        for (const Json& r : c["Results"]) {
          expected.push_back(ToExpected(r, input, u16, &search_from));
        }
      }

      Document doc;
      doc.id = "case" + std::to_string(n);
      doc.text = input;
      doc.source = path + "#" + std::to_string(n);
      std::vector<Claim> claims;
      const Status status = extractor_->Extract(doc, false, &claims);
      EXPECT_TRUE(status.ok()) << doc.source << ": " << status.message();

      Tally t;
      t.cases = 1;
      t.empty_cases = expected.empty() ? 1 : 0;
      t.expected = static_cast<int>(expected.size());
      t.claims = static_cast<int>(claims.size());
      std::vector<bool> claim_matched(claims.size()), claim_value_ok(claims.size());
      std::vector<std::string> misses;
      for (const Expected& e : expected) {
        bool detected = false, value_ok = false, qualified = false;
        for (size_t k = 0; k < claims.size(); ++k) {
          const Claim& claim = claims[k];
          if (!e.span || !claim.quantity_span.Overlaps(*e.span)) continue;
          detected = claim_matched[k] = true;
          if (ValueMatches(claim, e)) value_ok = claim_value_ok[k] = true;
          // The right number as a bound of "more than N" and the like.
          qualified |= e.number && claim.relation != Relation::kEq &&
                       (Close(claim.low, *e.number) || Close(claim.high, *e.number));
        }
        t.detected += detected;
        t.value_ok += value_ok;
        if (!value_ok) {
          const char* tag = !detected  ? "  MISSED      "
                            : qualified ? "  QUALIFIED   "
                                        : "  WRONG VALUE ";
          misses.push_back(tag + Describe(e));
        }
      }
      for (size_t k = 0; k < claims.size(); ++k) {
        t.claims_matched += claim_matched[k];
        t.claims_value_ok += claim_value_ok[k];
        if (claim_matched[k]) continue;
        (expected.empty() ? t.spurious_empty : t.spurious)++;
        t.spurious_kind += !kind || claims[k].kind == *kind;
      }

      for (Tally* sum : {&result.all, supported ? &result.supported : nullptr}) {
        if (sum == nullptr) continue;
        sum->cases += t.cases;
        sum->empty_cases += t.empty_cases;
        sum->expected += t.expected;
        sum->detected += t.detected;
        sum->value_ok += t.value_ok;
        sum->claims += t.claims;
        sum->claims_matched += t.claims_matched;
        sum->claims_value_ok += t.claims_value_ok;
        sum->spurious += t.spurious;
        sum->spurious_empty += t.spurious_empty;
        sum->spurious_kind += t.spurious_kind;
      }

      const bool failed = !misses.empty() || t.spurious + t.spurious_empty > 0;
      if (dump && failed) {
        std::cout << "--- " << file << " #" << n << (supported ? "" : " (NotSupported)")
                  << "\n  INPUT       " << input << "\n";
        for (const std::string& m : misses) std::cout << m << "\n";
        for (size_t k = 0; k < claims.size(); ++k) {
          std::cout << (claim_matched[k] ? "  CLAIM       " : "  SPURIOUS    ")
                    << ClaimToJson(claims[k])["quantity"].dump() << "\n";
        }
      }
    }

    std::cout << "\nRecognizers-Text conformance, " << file << " (" << PeerDir() << "):\n";
    PrintHeader(std::cout);
    PrintFile(std::cout, result);
    results_.push_back(result);

    const Tally& a = result.all;
    const char* why = " (floor; see tests/conformance/README.md)";
    EXPECT_GE(a.det_precision(), floors.det_precision) << file << ": detection precision" << why;
    EXPECT_GE(a.det_recall(), floors.det_recall) << file << ": detection recall" << why;
    EXPECT_GE(a.val_recall(), floors.val_recall) << file << ": value recall" << why;
  }

  static std::unique_ptr<Rulebook> rules_;
  static std::unique_ptr<Extractor> extractor_;
  static std::string load_errors_;
  static std::vector<FileResult> results_;
};

std::unique_ptr<Rulebook> RecognizersTextTest::rules_;
std::unique_ptr<Extractor> RecognizersTextTest::extractor_;
std::string RecognizersTextTest::load_errors_;
std::vector<FileResult> RecognizersTextTest::results_;

TEST_F(RecognizersTextTest, NumberModel) {
  Measure("NumberModel.json", std::nullopt, {0.95, 0.80, 0.40});
}

TEST_F(RecognizersTextTest, NumberRangeModel) {
  Measure("NumberRangeModel.json", std::nullopt, {0.90, 0.90, 0.45});
}

TEST_F(RecognizersTextTest, PercentModel) {
  Measure("PercentModel.json", QuantityKind::kPercent, {0.40, 0.80, 0.35});
}

TEST_F(RecognizersTextTest, CurrencyModel) {
  Measure("CurrencyModel.json", QuantityKind::kMoney, {0.70, 0.90, 0.50});
}

}  // namespace
}  // namespace claimex
