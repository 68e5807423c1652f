// Worker thread side of the intake's analysis threads (analysis-threads.ts): builds the analyzer handed over and
// analyses the texts it is sent, a batch per message.
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalysisReply, AnalysisRequest } from './analysis-threads';
import { buildThreadAnalyzer, type ThreadFactory } from './thread-analyzer';

const port = parentPort;
if (!port) throw new Error('analysis-threads.worker runs only as a worker thread');
const analyzer = await buildThreadAnalyzer((workerData as { factory: ThreadFactory }).factory);

port.on('message', (request: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    reply = {
      id: request.id,
      analyses: request.texts.map((text, k) => analyzer.analyze(text, new Date(request.at[k]!))),
    };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
