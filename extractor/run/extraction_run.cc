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

// Documents are read into batches, and a batch is the unit of work: the
// extractor runs it stage by stage (pipeline.h), which keeps each stage's
// rules in the CPU caches. A batch closes at kBatchDocuments documents or
// kBatchBytes of text, whichever comes first (on news articles, 128
// documents ran 7% faster than 32, and 512 no faster than 128).
constexpr size_t kBatchDocuments = 128;
constexpr size_t kBatchBytes = 1u << 20;

struct Batch {
  size_t number = 0;
  size_t text_bytes = 0;
  std::vector<Item> items;
  bool Full() const { return items.size() >= kBatchDocuments || text_bytes >= kBatchBytes; }
  void Add(Item item) {
    text_bytes += item.text_bytes;
    items.push_back(std::move(item));
  }
};

void Process(const Extractor& extractor, const RunOptions& options, bool mentions, Batch* batch) {
  const size_t n = batch->items.size();
  std::vector<std::vector<Claim>> claims(n);
  std::vector<std::vector<DateMention>> found(n);
  std::vector<ExtractJob> jobs;
  std::vector<size_t> job_item;
  for (size_t i = 0; i < n; ++i) {
    Item& item = batch->items[i];
    if (!item.is_document) {
      item.failed = true;
      item.message = item.input_error.ToString();
      continue;
    }
    jobs.push_back({&item.doc, &claims[i], mentions ? &found[i] : nullptr, Status::Ok()});
    job_item.push_back(i);
  }
  extractor.ExtractBatch(&jobs, options.explain);
  for (size_t j = 0; j < jobs.size(); ++j) {
    const size_t i = job_item[j];
    Item& item = batch->items[i];
    if (!jobs[j].status.ok()) {
      item.failed = true;
      item.message = item.doc.source + ": " + jobs[j].status.message() + (options.fail_fast ? "" : ", skipped");
    } else {
      item.claims = claims[i].size();
      item.records = options.format == OutputFormat::kCsv ? ToCsvRows(claims[i]) : ToJsonLines(claims[i]);
      if (mentions) item.mention_records = MentionsToJsonLines(found[i]);
    }
  }
  // The texts are no longer needed; release them before the batch waits its turn.
  for (Item& item : batch->items) std::string().swap(item.doc.text);
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

// Reads the next batch from `source`; false at the end of input (or on
// cancellation) with nothing read.
bool ReadBatch(DocumentSource* source, const RunOptions& options, Batch* batch) {
  *batch = Batch();
  // A batch also closes when the next document would have to be waited for
  // (a slow stream): what has arrived is processed and written meanwhile.
  while (!batch->Full() && !Cancelled(options) && (batch->items.empty() || source->ReadyNow())) {
    Item item;
    const DocumentSource::Result r = source->Next(&item.doc, &item.input_error);
    if (r == DocumentSource::Result::kEnd) break;
    item.is_document = r == DocumentSource::Result::kDocument;
    item.text_bytes = item.doc.text.size();
    batch->Add(std::move(item));
  }
  return !batch->items.empty();
}

// Writes a processed batch's items in order and counts them. Returns false
// when the run must stop.
bool EmitBatch(const RunOptions& options, Batch* batch, AtomicFile* out, AtomicFile* mentions, RunTotals* totals,
               ProgressLine* progress) {
  for (Item& item : batch->items) {
    if (item.is_document) ++totals->documents;
    totals->bytes += item.text_bytes;
    if (!Emit(options, &item, out, mentions, totals)) return false;
    progress->Update(*totals, false);
  }
  totals->write_status = out->Flush();
  if (totals->write_status.ok() && mentions) totals->write_status = mentions->Flush();
  return totals->write_status.ok();
}

// --jobs 1: read, process and write in the calling thread.
RunTotals RunSerial(const Extractor& extractor, DocumentSource* source, const RunOptions& options,
                    AtomicFile* out, AtomicFile* mentions) {
  RunTotals totals;
  ProgressLine progress(options.progress);
  Batch batch;
  while (ReadBatch(source, options, &batch)) {
    Process(extractor, options, mentions != nullptr, &batch);
    if (!EmitBatch(options, &batch, out, mentions, &totals, &progress)) break;
  }
  totals.interrupted = Cancelled(options);
  progress.Update(totals, true);
  return totals;
}

// The hand-off between the reader, the workers and the writer.
class Pipeline {
 public:
  Pipeline(size_t max_items, size_t max_bytes) : max_items_(max_items), max_bytes_(max_bytes) {}

  // Reader: waits until the batch fits in the in-flight budget; false when the run is over.
  bool Submit(Batch item) {
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [&] {
      return stop_ || in_flight_ == 0 || (in_flight_ + item.items.size() <= max_items_ && in_flight_bytes_ + item.text_bytes <= max_bytes_);
    });
    if (stop_) return false;
    in_flight_ += item.items.size();
    in_flight_bytes_ += item.text_bytes;
    todo_.push_back(std::move(item));
    work_.notify_one();
    return true;
  }

  void FinishInput(size_t batches) {
    std::lock_guard<std::mutex> lock(mu_);
    input_done_ = true;
    total_batches_ = batches;
    work_.notify_all();
    done_.notify_all();
  }

  // Worker: the next batch to process, or false when there is none left.
  bool Take(Batch* item) {
    std::unique_lock<std::mutex> lock(mu_);
    work_.wait(lock, [&] { return stop_ || !todo_.empty() || input_done_; });
    if (stop_ || todo_.empty()) return false;
    *item = std::move(todo_.front());
    todo_.pop_front();
    return true;
  }

  void Done(Batch item) {
    std::lock_guard<std::mutex> lock(mu_);
    const size_t number = item.number;
    finished_.emplace(number, std::move(item));
    if (number == next_to_write_) done_.notify_all();
  }

  // Writer: the next batch in input order, or false at the end of input.
  bool Next(Batch* item) {
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [&] {
      return stop_ || finished_.count(next_to_write_) || (input_done_ && next_to_write_ == total_batches_);
    });
    auto it = finished_.find(next_to_write_);
    if (it == finished_.end()) return false;
    *item = std::move(it->second);
    finished_.erase(it);
    ++next_to_write_;
    in_flight_ -= item->items.size();
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
  std::deque<Batch> todo_;
  std::map<size_t, Batch> finished_;
  size_t max_items_, max_bytes_;
  size_t in_flight_ = 0, in_flight_bytes_ = 0;  // documents and their text bytes
  size_t next_to_write_ = 0, total_batches_ = 0;
  bool input_done_ = false, stop_ = false;
};

RunTotals RunParallel(const Extractor& extractor, DocumentSource* source, const RunOptions& options,
                      AtomicFile* out, AtomicFile* mentions) {
  const size_t max_items =
      options.max_in_flight ? options.max_in_flight : 4 * kBatchDocuments * static_cast<size_t>(options.jobs);
  Pipeline pipeline(max_items, options.max_in_flight_bytes);
  RunTotals totals;  // written by the writer thread only, until it is joined
  std::vector<std::thread> workers;
  for (int i = 0; i < options.jobs; ++i)
    workers.emplace_back([&] {
      Batch batch;
      while (pipeline.Take(&batch)) {
        Process(extractor, options, mentions != nullptr, &batch);
        pipeline.Done(std::move(batch));
      }
    });
  std::thread writer([&] {
    ProgressLine progress(options.progress);
    Batch batch;
    while (pipeline.Next(&batch)) {
      if (!EmitBatch(options, &batch, out, mentions, &totals, &progress)) {
        pipeline.Stop();
        break;
      }
    }
    progress.Update(totals, true);
  });
  size_t batches = 0;
  Batch batch;
  while (ReadBatch(source, options, &batch)) {
    batch.number = batches++;
    if (!pipeline.Submit(std::move(batch))) break;
  }
  if (Cancelled(options)) pipeline.Stop();
  pipeline.FinishInput(batches);
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
