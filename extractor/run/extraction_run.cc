#include "run/extraction_run.h"

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "emit/record.h"

namespace claimex {
namespace {

using Clock = std::chrono::steady_clock;

// One input item (a document or a reading problem) and, once processed,
// everything the writer needs: serialized records and the stderr message.
struct Item {
  size_t number = 0;
  bool is_document = false;
  Document doc;
  InputError input_error;
  size_t text_bytes = 0;
  // Filled by a worker.
  std::string records;
  std::string mention_records;
  std::string message;  // for stderr, or empty
  size_t claims = 0;
  bool failed = false;
};

void Process(const Extractor& extractor, const RunOptions& options, bool mentions, Item* item) {
  if (!item->is_document) {
    item->failed = true;
    item->message = item->input_error.ToString();
    return;
  }
  std::vector<Claim> claims;
  std::vector<DateMention> found;
  Status status = extractor.Extract(item->doc, options.explain, &claims, mentions ? &found : nullptr);
  if (!status.ok()) {
    item->failed = true;
    item->message = item->doc.source + ": " + status.message() + (options.fail_fast ? "" : ", skipped");
  } else {
    item->claims = claims.size();
    item->records = options.format == OutputFormat::kCsv ? ToCsvRows(claims) : ToJsonLines(claims);
    if (mentions) item->mention_records = MentionsToJsonLines(found);
  }
  // The text is no longer needed; release it before the item waits its turn.
  std::string().swap(item->doc.text);
}

// Prints "documents, MB/s, claims" on one stderr line, at most twice a second.
class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled), started_(Clock::now()), last_(started_) {}
  void Update(const RunTotals& totals, bool final) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - started_).count();
    const double mb = totals.bytes / 1e6;
    std::fprintf(stderr, "\rclaimex: %zu documents, %.1f MB, %.1f MB/s, %zu claims, %zu errors%s", totals.documents,
                 mb, seconds > 0 ? mb / seconds : 0.0, totals.claims, totals.errors, final ? "\n" : "");
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  Clock::time_point started_, last_;
};

// Appends one processed item to the outputs and the totals. Returns false
// when the run must stop (--fail-fast, or the output failed).
bool Emit(const RunOptions& options, Item* item, AtomicFile* out, AtomicFile* mentions, RunTotals* totals) {
  if (item->failed) {
    std::cerr << "claimex: " << item->message << "\n";
    ++totals->errors;
    if (options.fail_fast) {
      totals->stopped = true;
      return false;
    }
    return true;
  }
  totals->claims += item->claims;
  totals->write_status = out->Write(item->records);
  if (totals->write_status.ok() && mentions) totals->write_status = mentions->Write(item->mention_records);
  return totals->write_status.ok();
}

bool Cancelled(const RunOptions& options) { return options.cancel && options.cancel->load(); }

// --jobs 1: read, process and write in the calling thread.
RunTotals RunSerial(const Extractor& extractor, DocumentSource* source, const RunOptions& options,
                    AtomicFile* out, AtomicFile* mentions) {
  RunTotals totals;
  ProgressLine progress(options.progress);
  while (!Cancelled(options)) {
    Item item;
    const DocumentSource::Result r = source->Next(&item.doc, &item.input_error);
    if (r == DocumentSource::Result::kEnd) break;
    item.is_document = r == DocumentSource::Result::kDocument;
    if (item.is_document) ++totals.documents;
    totals.bytes += item.doc.text.size();
    Process(extractor, options, mentions != nullptr, &item);
    if (!Emit(options, &item, out, mentions, &totals)) break;
    progress.Update(totals, false);
  }
  totals.interrupted = Cancelled(options);
  progress.Update(totals, true);
  return totals;
}

// The hand-off between the reader, the workers and the writer.
class Pipeline {
 public:
  Pipeline(size_t max_items, size_t max_bytes) : max_items_(max_items), max_bytes_(max_bytes) {}

  // Reader: waits until the item fits in the in-flight budget; false when the run is over.
  bool Submit(Item item) {
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [&] {
      return stop_ || in_flight_ == 0 || (in_flight_ < max_items_ && in_flight_bytes_ + item.text_bytes <= max_bytes_);
    });
    if (stop_) return false;
    ++in_flight_;
    in_flight_bytes_ += item.text_bytes;
    todo_.push_back(std::move(item));
    work_.notify_one();
    return true;
  }

  void FinishInput(size_t count) {
    std::lock_guard<std::mutex> lock(mu_);
    input_done_ = true;
    total_items_ = count;
    work_.notify_all();
    done_.notify_all();
  }

  // Worker: the next item to process, or false when there is none left.
  bool Take(Item* item) {
    std::unique_lock<std::mutex> lock(mu_);
    work_.wait(lock, [&] { return stop_ || !todo_.empty() || input_done_; });
    if (stop_ || todo_.empty()) return false;
    *item = std::move(todo_.front());
    todo_.pop_front();
    return true;
  }

  void Done(Item item) {
    std::lock_guard<std::mutex> lock(mu_);
    const size_t number = item.number;
    finished_.emplace(number, std::move(item));
    if (number == next_to_write_) done_.notify_all();
  }

  // Writer: the next item in input order, or false at the end of input.
  bool Next(Item* item) {
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [&] {
      return stop_ || finished_.count(next_to_write_) || (input_done_ && next_to_write_ == total_items_);
    });
    auto it = finished_.find(next_to_write_);
    if (it == finished_.end()) return false;
    *item = std::move(it->second);
    finished_.erase(it);
    ++next_to_write_;
    --in_flight_;
    in_flight_bytes_ -= item->text_bytes;
    room_.notify_one();
    return true;
  }

  // Ends the run early: everyone returns at their next wait.
  void Stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    work_.notify_all();
    done_.notify_all();
    room_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable work_, done_, room_;
  std::deque<Item> todo_;
  std::map<size_t, Item> finished_;
  size_t max_items_, max_bytes_;
  size_t in_flight_ = 0, in_flight_bytes_ = 0;
  size_t next_to_write_ = 0, total_items_ = 0;
  bool input_done_ = false, stop_ = false;
};

RunTotals RunParallel(const Extractor& extractor, DocumentSource* source, const RunOptions& options,
                      AtomicFile* out, AtomicFile* mentions) {
  const size_t max_items = options.max_in_flight ? options.max_in_flight : 16 * static_cast<size_t>(options.jobs);
  Pipeline pipeline(max_items, options.max_in_flight_bytes);
  RunTotals totals;  // written by the writer thread only, until it is joined
  std::vector<std::thread> workers;
  for (int i = 0; i < options.jobs; ++i)
    workers.emplace_back([&] {
      Item item;
      while (pipeline.Take(&item)) {
        Process(extractor, options, mentions != nullptr, &item);
        pipeline.Done(std::move(item));
      }
    });
  std::thread writer([&] {
    ProgressLine progress(options.progress);
    Item item;
    while (pipeline.Next(&item)) {
      if (item.is_document) ++totals.documents;
      totals.bytes += item.text_bytes;
      if (!Emit(options, &item, out, mentions, &totals)) {
        pipeline.Stop();
        break;
      }
      progress.Update(totals, false);
    }
    progress.Update(totals, true);
  });
  size_t count = 0;
  while (!Cancelled(options)) {
    Item item;
    const DocumentSource::Result r = source->Next(&item.doc, &item.input_error);
    if (r == DocumentSource::Result::kEnd) break;
    item.number = count++;
    item.is_document = r == DocumentSource::Result::kDocument;
    item.text_bytes = item.doc.text.size();
    if (!pipeline.Submit(std::move(item))) break;
  }
  if (Cancelled(options)) pipeline.Stop();
  pipeline.FinishInput(count);
  for (std::thread& t : workers) t.join();
  writer.join();
  totals.interrupted = Cancelled(options);
  return totals;
}

}  // namespace

RunTotals RunExtraction(const Extractor& extractor, DocumentSource* source, const RunOptions& options,
                        AtomicFile* out, AtomicFile* mentions) {
  if (options.jobs <= 1) return RunSerial(extractor, source, options, out, mentions);
  return RunParallel(extractor, source, options, out, mentions);
}

}  // namespace claimex
