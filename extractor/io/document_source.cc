#include "io/document_source.h"

#include <poll.h>

#include "io/jsonl_fast.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

namespace claimex {
namespace {

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

constexpr std::string_view kStdinName = "<stdin>";
constexpr std::string_view kMetadataName = "metadata.jsonl";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// Longest JSON value echoed back in an error message.
constexpr size_t kMaxEchoBytes = 40;
// Deepest nesting accepted in a JSONL line; real metadata is a few levels.
constexpr int kMaxJsonDepth = 256;
// Deeper lines take the full parser, which enforces kMaxJsonDepth.
constexpr int kFastPathMaxDepth = 32;

std::string ErrnoText(int err) { return std::strerror(err); }

std::string OverLimit(const char* what, size_t bytes, size_t limit) {
  return std::string(what) + " is " + std::to_string(bytes) +
         " bytes, over the limit of " + std::to_string(limit) +
         " (--max-doc-bytes), skipped";
}

bool IsHidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

// Reads lines from a file descriptor through a fixed buffer, so a huge line
// costs no more memory than the limit: its bytes past the limit are counted,
// not kept. read(2) rather than fread, so a line arriving on a pipe is handed
// out at once instead of after a full buffer.
class LineReader {
 public:
  enum class Result { kLine, kTooLong, kEnd, kError };

  LineReader(int fd, size_t max_line, const std::atomic<bool>* cancel)
      : fd_(fd), max_line_(max_line), cancel_(cancel), buffer_(new char[kBufferSize]) {}

  // Whether Next() can answer without waiting for a producer: a whole line
  // is buffered, the input has ended, or the descriptor has data now (a
  // regular file always has).
  bool ReadyNow() const {
    if (eof_ || (pos_ < end_ && std::memchr(buffer_.get() + pos_, '\n', end_ - pos_) != nullptr)) return true;
    pollfd p{fd_, POLLIN, 0};
    return poll(&p, 1, 0) != 0;  // readable, at its end, or an error Next() will report
  }

  // On kLine *line holds the line without '\n'; on kTooLong *length is the
  // full line length and *line is empty; on kError errno describes it.
  Result Next(std::string* line, size_t* length) {
    line->clear();
    size_t total = 0;
    bool any = false;
    for (;;) {
      if (pos_ == end_) {
        if (eof_) break;
        ssize_t n;
        do {
          n = read(fd_, buffer_.get(), kBufferSize);
        } while (n < 0 && errno == EINTR && !(cancel_ && cancel_->load()));
        if (n < 0 && errno == EINTR) n = 0;  // cancelled: end of input
        if (n < 0) return Result::kError;
        pos_ = 0;
        end_ = static_cast<size_t>(n);
        if (n == 0) {
          eof_ = true;
          break;
        }
      }
      any = true;
      const char* start = buffer_.get() + pos_;
      const size_t avail = end_ - pos_;
      const void* nl = std::memchr(start, '\n', avail);
      const size_t take = nl ? static_cast<const char*>(nl) - start : avail;
      if (total + take <= max_line_) line->append(start, take);
      total += take;
      pos_ += take;
      if (nl) {
        ++pos_;  // consume '\n'
        break;
      }
    }
    if (!any) return Result::kEnd;
    *length = total;
    if (total > max_line_) {
      line->clear();
      return Result::kTooLong;
    }
    return Result::kLine;
  }

 private:
  static constexpr size_t kBufferSize = 64 * 1024;
  int fd_;
  size_t max_line_;
  const std::atomic<bool>* cancel_;
  std::unique_ptr<char[]> buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
};

// Turns nlohmann's parse_error text into a short reason: drops the exception
// tag and the "last read" echo, which may quote a long stretch of the input.
std::string ShortParseReason(const nlohmann::json::parse_error& e,
                             size_t column_offset) {
  std::string what = e.what();
  const size_t colon = what.find(": ");
  if (colon != std::string::npos && what.compare(0, 1, "[") == 0) {
    what.erase(0, colon + 2);
  }
  const size_t last_read = what.find("; last read: ");
  if (last_read != std::string::npos) {
    const size_t expected = what.rfind("; expected ");
    std::string tail;
    if (expected != std::string::npos && expected > last_read) {
      tail = what.substr(expected);
    }
    what.erase(last_read);
    what += tail;
  }
  if (what.size() > 200) what.resize(200);
  return what + " (column " + std::to_string(e.byte + column_offset) + ")";
}

std::string EchoValue(const ordered_json& value) {
  std::string text =
      value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > kMaxEchoBytes) text = text.substr(0, kMaxEchoBytes) + "...";
  return text;
}

std::string InvalidDate(const ordered_json& value) {
  return "invalid date " + EchoValue(value) +
         " (want YYYY, YYYY-MM or YYYY-MM-DD)";
}

// Reads `date` from a JSON object: absent or null gives "", a valid partial
// date gives itself; anything else sets *error.
std::string ReadDate(const ordered_json& object, std::string* error) {
  const auto it = object.find("date");
  if (it == object.end() || it->is_null()) return "";
  if (it->is_string() && IsValidPartialDate(it->get_ref<const std::string&>())) {
    return it->get<std::string>();
  }
  *error = InvalidDate(*it);
  return "";
}

// The object's fields other than `skip`, as compact JSON; "" when none.
std::string MetaJson(const ordered_json& object,
                     std::initializer_list<std::string_view> skip) {
  ordered_json meta = ordered_json::object();
  for (const auto& [key, value] : object.items()) {
    if (std::find(skip.begin(), skip.end(), key) != skip.end()) continue;
    meta[key] = value;
  }
  return meta.empty() ? std::string() : meta.dump();
}

// Parses one non-blank JSONL line into an object, or sets *error.
std::optional<ordered_json> ParseObjectLine(std::string_view line,
                                            size_t column_offset,
                                            std::string* error) {
  // Copying and serializing a json value recurse, so a deeply nested line
  // could overflow the stack; the parser itself does not recurse.
  struct TooDeep {};
  const auto limit_depth = [](int depth, ordered_json::parse_event_t, ordered_json&) {
    if (depth > kMaxJsonDepth) throw TooDeep{};
    return true;
  };
  ordered_json value;
  try {
    value = ordered_json::parse(line.begin(), line.end(), limit_depth);
  } catch (const nlohmann::json::parse_error& e) {
    *error = "malformed JSON: " + ShortParseReason(e, column_offset);
    return std::nullopt;
  } catch (const nlohmann::json::exception& e) {  // e.g. number overflow
    std::string what = e.what();
    const size_t tag_end = what.find("] ");
    if (tag_end != std::string::npos) what.erase(0, tag_end + 2);
    if (what.size() > 200) what.resize(200);
    *error = "malformed JSON: " + what;
    return std::nullopt;
  } catch (const TooDeep&) {
    *error = "malformed JSON: nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return std::nullopt;
  }
  if (!value.is_object()) {
    *error = "not a JSON object";
    return std::nullopt;
  }
  return value;
}

// Checks that `key` is a string field, and not empty unless `allow_empty`.
bool RequireString(const ordered_json& object, const char* key,
                   bool allow_empty, std::string* error) {
  const auto it = object.find(key);
  if (it == object.end()) {
    *error = std::string("missing \"") + key + "\"";
  } else if (!it->is_string()) {
    *error = std::string("\"") + key + "\" is not a string";
  } else if (!allow_empty && it->get_ref<const std::string&>().empty()) {
    *error = std::string("\"") + key + "\" is empty";
  } else {
    return true;
  }
  return false;
}

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

enum class FileKind { kText, kJsonl };

FileKind KindByExtension(const fs::path& path) {
  return path.extension() == ".jsonl" ? FileKind::kJsonl : FileKind::kText;
}

struct CorpusMeta {
  std::string date;  // "" = none, so --date applies
  std::string meta_json;
};

// One file queued from an expanded path.
struct FileItem {
  std::string path;
  FileKind kind;
  bool corpus_article;  // look up date and meta in the current corpus metadata
};

// std::string compares chars as unsigned, so this is byte-wise order.
void SortByPath(std::vector<FileItem>* files) {
  std::sort(files->begin(), files->end(),
            [](const FileItem& a, const FileItem& b) { return a.path < b.path; });
}

}  // namespace

struct DocumentSource::Impl {
  std::vector<std::string> paths;
  InputOptions options;
  size_t next_path = 0;

  // Expansion of the current path, consumed front to back: errors first.
  std::deque<InputError> errors;
  std::vector<FileItem> files;
  size_t next_file = 0;
  std::unordered_map<std::string, CorpusMeta> corpus_meta;

  // The JSONL file being read, if any.
  FILE* jsonl_file = nullptr;
  bool jsonl_owned = false;  // false for stdin
  std::string jsonl_name;
  std::optional<LineReader> jsonl_reader;
  size_t jsonl_line = 0;

  std::optional<Document> stdin_doc;  // a text document read from stdin
  std::vector<char> read_buffer;      // reused by ReadText

  ~Impl() { CloseJsonl(); }

  void CloseJsonl() {
    if (jsonl_file != nullptr && jsonl_owned) std::fclose(jsonl_file);
    jsonl_file = nullptr;
    jsonl_reader.reset();
  }

  void AddError(std::string source, std::string reason) {
    errors.push_back(InputError{std::move(source), std::move(reason)});
  }

  void StartJsonl(FILE* file, bool owned, std::string name) {
    jsonl_file = file;
    jsonl_owned = owned;
    jsonl_name = std::move(name);
    jsonl_reader.emplace(fileno(file), options.max_document_bytes, options.cancel);
    jsonl_line = 0;
  }

  // Replaces the queued files with the expansion of `path`.
  void Expand(const std::string& path) {
    files.clear();
    next_file = 0;
    corpus_meta.clear();
    if (path == "-") {
      if (options.format == InputFormat::kTxt) {
        ReadStdinText();
      } else {
        StartJsonl(stdin, /*owned=*/false, std::string(kStdinName));
      }
      return;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
      AddError(path, "no such file or directory");
      return;
    }
    if (ec) {
      AddError(path, ec.message());
      return;
    }
    if (!fs::is_directory(status)) {
      FileKind kind = KindByExtension(path);
      if (options.format == InputFormat::kTxt) kind = FileKind::kText;
      if (options.format == InputFormat::kJsonl) kind = FileKind::kJsonl;
      files.push_back(FileItem{path, kind, false});
      return;
    }
    const fs::path metadata = fs::path(path) / kMetadataName;
    if (fs::is_regular_file(metadata, ec)) {
      ExpandCorpus(path, metadata.string());
    } else {
      Walk(path);
      SortByPath(&files);
    }
  }

  // A corpus directory: top-level *.txt articles plus metadata.jsonl.
  void ExpandCorpus(const std::string& dir, const std::string& metadata_path) {
    std::error_code ec;
    std::unordered_set<std::string> article_ids;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      std::error_code type_ec;
      if (IsHidden(p) || p.extension() != ".txt" || !it->is_regular_file(type_ec)) {
        continue;
      }
      files.push_back(FileItem{p.string(), FileKind::kText, true});
      article_ids.insert(p.stem().string());
    }
    if (ec) AddError(dir, ec.message());
    SortByPath(&files);
    LoadMetadata(metadata_path, article_ids);
  }

  void LoadMetadata(const std::string& metadata_path,
                    const std::unordered_set<std::string>& article_ids) {
    FILE* file = std::fopen(metadata_path.c_str(), "rb");
    if (file == nullptr) {
      AddError(metadata_path, ErrnoText(errno));
      return;
    }
    std::unordered_map<std::string, size_t> first_line;
    LineReader reader(fileno(file), options.max_document_bytes, options.cancel);
    std::string line;
    size_t length = 0;
    for (size_t line_no = 1;; ++line_no) {
      const LineReader::Result result = reader.Next(&line, &length);
      if (result == LineReader::Result::kEnd) break;
      const std::string source = metadata_path + ":" + std::to_string(line_no);
      if (result == LineReader::Result::kError) {
        AddError(source, ErrnoText(errno));
        break;
      }
      if (result == LineReader::Result::kTooLong) {
        AddError(source, OverLimit("line", length, options.max_document_bytes));
        continue;
      }
      std::string error;
      const std::optional<ordered_json> object = ParseLine(line, line_no, &error);
      if (!object && error.empty()) continue;  // blank line
      if (!object || !RequireString(*object, "id", false, &error)) {
        AddError(source, error);
        continue;
      }
      const std::string id = (*object)["id"].get<std::string>();
      CorpusMeta meta;
      meta.date = ReadDate(*object, &error);
      if (!error.empty()) {
        AddError(source, error);
        continue;
      }
      const auto [it, inserted] = first_line.emplace(id, line_no);
      if (!inserted) {
        AddError(source, "duplicate id " + id + " (first at line " +
                             std::to_string(it->second) + ")");
        continue;
      }
      if (article_ids.count(id) == 0) {
        AddError(source, "no article file for id " + id);
        continue;
      }
      meta.meta_json = MetaJson(*object, {"id", "date"});
      corpus_meta.emplace(id, std::move(meta));
    }
    std::fclose(file);
  }

  // Collects *.txt and *.jsonl below `dir`, skipping hidden entries. Symlinked
  // directories are not followed, so a link cycle cannot loop forever.
  void Walk(const fs::path& dir) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      if (IsHidden(p)) continue;
      std::error_code type_ec;
      if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) {
        Walk(p);
        continue;
      }
      const fs::path ext = p.extension();
      if ((ext == ".txt" || ext == ".jsonl") && it->is_regular_file(type_ec)) {
        files.push_back(FileItem{p.string(), KindByExtension(p), false});
      }
    }
    if (ec) AddError(dir.string(), ec.message());
  }

  // Parses a JSONL line. Returns nullopt with an empty *error for a blank line.
  std::optional<ordered_json> ParseLine(std::string& line, size_t line_no,
                                        std::string* error) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t offset = 0;
    if (line_no == 1 && std::string_view(line).substr(0, kUtf8Bom.size()) == kUtf8Bom) {
      offset = kUtf8Bom.size();
    }
    const std::string_view body = std::string_view(line).substr(offset);
    if (IsBlank(body)) return std::nullopt;
    return ParseObjectLine(body, offset, error);
  }

  // Reads one file as a single document (text), or starts reading it and
  // returns kEnd (JSONL).
  Result OpenFile(const FileItem& item, Document* doc, InputError* error) {
    FILE* file = std::fopen(item.path.c_str(), "rb");
    if (file == nullptr) {
      *error = InputError{item.path, ErrnoText(errno)};
      return Result::kError;
    }
    if (item.kind == FileKind::kJsonl) {
      StartJsonl(file, /*owned=*/true, item.path);
      return Result::kEnd;
    }
    std::string text;
    std::string reason = ReadText(file, &text);
    std::fclose(file);
    if (!reason.empty()) {
      *error = InputError{item.path, std::move(reason)};
      return Result::kError;
    }
    *doc = Document{};
    doc->id = fs::path(item.path).stem().string();
    doc->text = std::move(text);
    doc->date = options.date;
    doc->source = item.path;
    if (item.corpus_article) {
      const auto it = corpus_meta.find(doc->id);
      if (it != corpus_meta.end()) {
        if (!it->second.date.empty()) doc->date = it->second.date;
        doc->meta_json = it->second.meta_json;
      }
    }
    return Result::kDocument;
  }

  // Reads a whole text document; returns an error reason or "".
  std::string ReadText(FILE* file, std::string* text) {
    const size_t limit = options.max_document_bytes;
    struct stat st;
    if (fstat(fileno(file), &st) == 0 && S_ISREG(st.st_mode)) {
      const auto size = static_cast<unsigned long long>(st.st_size);
      if (size > limit) return OverLimit("document", size, limit);
      text->reserve(static_cast<size_t>(size));
    }
    // The size is checked again while reading: stdin, pipes and files that
    // grow after fstat have no trustworthy size up front.
    read_buffer.resize(64 * 1024);
    char* buffer = read_buffer.data();
    size_t total = 0;
    for (;;) {
      const size_t n = std::fread(buffer, 1, read_buffer.size(), file);
      if (n == 0) {
        if (std::ferror(file)) return ErrnoText(errno);
        break;
      }
      total += n;
      if (total <= limit) text->append(buffer, n);
    }
    if (total > limit) {
      text->clear();
      return OverLimit("document", total, limit);
    }
    const size_t nul = text->find('\0');
    if (nul != std::string::npos) {
      text->clear();
      return "binary file (NUL byte at offset " + std::to_string(nul) + "), skipped";
    }
    return "";
  }

  void ReadStdinText() {
    Document doc;
    const std::string name(kStdinName);
    std::string reason = ReadText(stdin, &doc.text);
    if (!reason.empty()) {
      AddError(name, std::move(reason));
      return;
    }
    doc.id = "stdin";
    doc.date = options.date;
    doc.source = name;
    stdin_doc = std::move(doc);
  }

  // Reads the next line of the open JSONL file. Returns kEnd at its end.
  Result NextJsonl(Document* doc, InputError* error) {
    std::string line;
    size_t length = 0;
    for (;;) {
      const LineReader::Result result = jsonl_reader->Next(&line, &length);
      if (result == LineReader::Result::kEnd) {
        CloseJsonl();
        return Result::kEnd;
      }
      ++jsonl_line;
      const std::string source = jsonl_name + ":" + std::to_string(jsonl_line);
      if (result == LineReader::Result::kError) {
        *error = InputError{source, ErrnoText(errno)};
        CloseJsonl();
        return Result::kError;
      }
      if (result == LineReader::Result::kTooLong) {
        *error = InputError{source,
                            OverLimit("line", length, options.max_document_bytes)};
        return Result::kError;
      }
      {
        // The common well-formed line, without building a DOM; anything
        // else (and every error) goes through the full parser below.
        std::string_view body(line);
        if (!body.empty() && body.back() == '\r') body.remove_suffix(1);
        if (jsonl_line == 1 && body.substr(0, kUtf8Bom.size()) == kUtf8Bom) body.remove_prefix(kUtf8Bom.size());
        Document fast;
        if (ParseDocumentLineFast(body, kFastPathMaxDepth, &fast)) {
          fast.source = source;
          *doc = std::move(fast);
          return Result::kDocument;
        }
      }
      std::string reason;
      std::optional<ordered_json> object = ParseLine(line, jsonl_line, &reason);
      if (!object && reason.empty()) continue;  // blank line
      if (object && RequireString(*object, "id", false, &reason) &&
          RequireString(*object, "text", true, &reason)) {
        std::string date = ReadDate(*object, &reason);
        if (reason.empty()) {
          *doc = Document{};
          doc->id = (*object)["id"].get<std::string>();
          doc->text = std::move((*object)["text"].get_ref<std::string&>());
          doc->date = std::move(date);
          doc->meta_json = MetaJson(*object, {"id", "text", "date"});
          doc->source = source;
          return Result::kDocument;
        }
      }
      *error = InputError{source, std::move(reason)};
      return Result::kError;
    }
  }
};

DocumentSource::DocumentSource(std::vector<std::string> paths, InputOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->paths = std::move(paths);
  impl_->options = std::move(options);
}

DocumentSource::~DocumentSource() = default;

bool DocumentSource::ReadyNow() const {
  return !impl_->jsonl_reader || impl_->jsonl_reader->ReadyNow();
}

DocumentSource::Result DocumentSource::Next(Document* doc, InputError* error) {
  Impl& s = *impl_;
  for (;;) {
    if (!s.errors.empty()) {
      *error = std::move(s.errors.front());
      s.errors.pop_front();
      return Result::kError;
    }
    if (s.stdin_doc) {
      *doc = std::move(*s.stdin_doc);
      s.stdin_doc.reset();
      return Result::kDocument;
    }
    if (s.jsonl_reader) {
      const Result result = s.NextJsonl(doc, error);
      if (result != Result::kEnd) return result;
      continue;
    }
    if (s.next_file < s.files.size()) {
      const Result result = s.OpenFile(s.files[s.next_file++], doc, error);
      if (result != Result::kEnd) return result;
      continue;
    }
    if (s.next_path < s.paths.size()) {
      s.Expand(s.paths[s.next_path++]);
      continue;
    }
    return Result::kEnd;
  }
}

bool IsValidPartialDate(const std::string& date) {
  const size_t n = date.size();
  if (n != 4 && n != 7 && n != 10) return false;
  for (size_t i = 0; i < n; ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? date[i] != '-' : (date[i] < '0' || date[i] > '9')) return false;
  }
  const auto number = [&](size_t pos, size_t len) {
    return std::stoi(date.substr(pos, len));
  };
  if (n == 4) return true;
  const int month = number(5, 2);
  if (month < 1 || month > 12) return false;
  if (n == 7) return true;
  const int year = number(0, 4);
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  const int day = number(8, 2);
  return day >= 1 && day <= days;
}

}  // namespace claimex
