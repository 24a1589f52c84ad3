// JsonWriter: appends compact JSON to a string without building a DOM.
//
// Records are the bulk of the output, and building an nlohmann DOM per
// claim cost about a seventh of the run. The bytes are exactly what
// nlohmann::json::dump() gives for the same values (compact separators,
// UTF-8 kept as is, the same escapes), which a test checks, so either path
// can write a record.
//
// The writer grows the string ahead of what it writes and fills it through
// a pointer: a record is some forty small pieces (keys, numbers, short
// strings), and appending each through std::string cost more than the
// bytes themselves. The string holds exactly the JSON written once Finish()
// runs, or the writer is destroyed.
#ifndef CLAIMEX_EMIT_JSON_WRITER_H_
#define CLAIMEX_EMIT_JSON_WRITER_H_

#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace claimex {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out), size_(out->size()) {}
  ~JsonWriter() { Finish(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Trims the string to what was written; writing may go on after it.
  void Finish() { out_->resize(size_); }

  JsonWriter& BeginObject() {
    Separate();
    Put('{');
    first_ = true;
    return *this;
  }
  JsonWriter& EndObject() {
    Put('}');
    first_ = false;
    return *this;
  }
  JsonWriter& BeginArray() {
    Separate();
    Put('[');
    first_ = true;
    return *this;
  }
  JsonWriter& EndArray() {
    Put(']');
    first_ = false;
    return *this;
  }
  // The next value is this member's. Keys are the program's own names,
  // which need no escape: they are copied as they are.
  JsonWriter& Key(std::string_view key) {
    Separate();
    char* at = Room(key.size() + 3);
    at[0] = '"';
    std::memcpy(at + 1, key.data(), key.size());
    at[key.size() + 1] = '"';
    at[key.size() + 2] = ':';
    size_ += key.size() + 3;
    after_key_ = true;
    return *this;
  }
  JsonWriter& String(std::string_view value) {
    Separate();
    AppendString(value);
    return *this;
  }
  JsonWriter& OptionalString(const std::optional<std::string>& value) {
    return value ? String(*value) : Null();
  }
  JsonWriter& Int(int64_t value) {
    Separate();
    char* at = Room(24);
    size_ += static_cast<size_t>(std::to_chars(at, at + 24, value).ptr - at);
    return *this;
  }
  JsonWriter& Bool(bool value) {
    Separate();
    return value ? Put("true", 4) : Put("false", 5);
  }
  JsonWriter& Null() {
    Separate();
    return Put("null", 4);
  }
  // A value already serialized as compact JSON.
  JsonWriter& Raw(std::string_view json) {
    Separate();
    return Put(json.data(), json.size());
  }
  // A byte outside any value (a record's closing newline).
  JsonWriter& Byte(char c) { return Put(c); }

 private:
  void Separate() {
    if (after_key_) {
      after_key_ = false;
    } else if (!first_) {
      Put(',');
    }
    first_ = false;
  }
  // Room for `n` more bytes at the end of what was written.
  char* Room(size_t n) {
    if (out_->size() - size_ < n) Grow(n);
    return out_->data() + size_;
  }
  void Grow(size_t n);
  JsonWriter& Put(char c) {
    *Room(1) = c;
    ++size_;
    return *this;
  }
  JsonWriter& Put(const char* bytes, size_t n) {
    std::memcpy(Room(n), bytes, n);
    size_ += n;
    return *this;
  }
  void AppendString(std::string_view s);

  std::string* out_;
  size_t size_;  // bytes of *out_ written; the rest is room
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace claimex

#endif  // CLAIMEX_EMIT_JSON_WRITER_H_
