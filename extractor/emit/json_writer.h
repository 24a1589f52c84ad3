// JsonWriter: appends compact JSON to a string without building a DOM.
//
// Records are the bulk of the output, and building an nlohmann DOM per
// claim cost about a seventh of the run. The bytes are exactly what
// nlohmann::json::dump() gives for the same values (compact separators,
// UTF-8 kept as is, the same escapes), which a test checks, so either path
// can write a record.
#ifndef CLAIMEX_EMIT_JSON_WRITER_H_
#define CLAIMEX_EMIT_JSON_WRITER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace claimex {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  JsonWriter& BeginObject() {
    Separate();
    out_->push_back('{');
    first_ = true;
    return *this;
  }
  JsonWriter& EndObject() {
    out_->push_back('}');
    first_ = false;
    return *this;
  }
  JsonWriter& BeginArray() {
    Separate();
    out_->push_back('[');
    first_ = true;
    return *this;
  }
  JsonWriter& EndArray() {
    out_->push_back(']');
    first_ = false;
    return *this;
  }
  // The next value is this member's.
  JsonWriter& Key(std::string_view key) {
    Separate();
    AppendString(key);
    out_->push_back(':');
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
    out_->append(std::to_string(value));
    return *this;
  }
  JsonWriter& Bool(bool value) {
    Separate();
    out_->append(value ? "true" : "false");
    return *this;
  }
  JsonWriter& Null() {
    Separate();
    out_->append("null");
    return *this;
  }
  // A value already serialized as compact JSON.
  JsonWriter& Raw(std::string_view json) {
    Separate();
    out_->append(json);
    return *this;
  }

 private:
  void Separate() {
    if (after_key_) {
      after_key_ = false;
    } else if (!first_) {
      out_->push_back(',');
    }
    first_ = false;
  }
  void AppendString(std::string_view s);

  std::string* out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace claimex

#endif  // CLAIMEX_EMIT_JSON_WRITER_H_
