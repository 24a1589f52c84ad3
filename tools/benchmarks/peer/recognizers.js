// The peer for tools/bench: Microsoft Recognizers-Text's English number
// models — number, ordinal and percentage, all that
// @microsoft/recognizers-text-number has (its JavaScript release has no
// range model) — over the `text` of every JSONL line of the
// file given. Models are built once, before the clock starts; prints
// {"documents", "bytes", "seconds", "entities"} on stdout.
'use strict';
const fs = require('fs');
const Recognizers = require('@microsoft/recognizers-text-number');

const recognizer = new Recognizers.NumberRecognizer(Recognizers.Culture.English);
const models = [recognizer.getNumberModel(), recognizer.getOrdinalModel(), recognizer.getPercentageModel()];
const texts = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text);

const start = process.hrtime.bigint();
let bytes = 0;
let entities = 0;
for (const text of texts) {
  bytes += Buffer.byteLength(text, 'utf8');
  for (const model of models) entities += model.parse(text).length;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(JSON.stringify({ documents: texts.length, bytes, seconds, entities }) + '\n');
