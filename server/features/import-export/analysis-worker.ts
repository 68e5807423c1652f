// Worker thread side of the import pool: builds the analyzer its parent names (from the data it hands over, such as
// the serialised classifier), then parses and prepares the chunks of records it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { createProductionCalendar } from '../../../shared/deadlines/production-calendar';
import { buildThreadAnalyzer } from '../understanding/thread-analyzer';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './analysis-pool';
import { MessagePreparer } from './prepare-messages';

const { factory, reference } = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error('analysis-worker runs only as a worker thread');

const analyzer = await buildThreadAnalyzer(factory);
const preparer = new MessagePreparer(analyzer, reference, createProductionCalendar());

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (request.op === 'parse')
      reply = { id: request.id, parsed: preparer.parse(request.chunk, request.records, request.options) };
    else {
      reply = { id: request.id, prepared: preparer.prepare(request.chunk, request.indices, request.known) };
      preparer.drop(request.chunk);
    }
  } catch (error) {
    if (request.op === 'prepare') preparer.drop(request.chunk);
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
