// Worker thread side of the analysis pool: builds the analyzer its parent names, then analyses batches of texts.
import { parentPort, workerData } from 'node:worker_threads';
import type { Analysis, MessageAnalyzer } from '../understanding/message-analyzer';
import type { AnalysisReply, AnalysisRequest, ThreadFactory } from './analysis-pool';

const factory = (workerData as { factory: ThreadFactory }).factory;
const port = parentPort;
if (!port) throw new Error('analysis-worker runs only as a worker thread');

const module = (await import(factory.module)) as Record<string, unknown>;
const create = module[factory.name];
if (typeof create !== 'function') throw new Error(`${factory.module} exports no function ${factory.name}`);
const analyzer = (create as () => MessageAnalyzer)();

port.on('message', (request: AnalysisRequest) => {
  let reply: AnalysisReply;
  try {
    const analyses: Analysis[] = request.texts.map((text, i) => analyzer.analyze(text, new Date(request.at[i]!)));
    reply = { id: request.id, analyses };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
