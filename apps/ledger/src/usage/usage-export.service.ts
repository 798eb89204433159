import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ConcurrencyLimiter, retryLater } from '@sms/runtime';
import { LEDGER_CONFIG, LedgerConfig } from '../config/ledger.config';
import type { ExportJob, MainMessage, WorkerMessage } from './usage-export.worker';
import { UsageFilter, UsageRepository } from './usage.repository';

// An xlsx sheet holds 1,048,576 rows; a bigger export is cut there (narrow the period instead).
const EXPORT_ROW_LIMIT = 1_000_000;
const RETRY_AFTER_SECONDS = 30;
// The worker's heap: a cursor batch, a CSV chunk or ExcelJS's zip buffers, never the whole export.
const WORKER_HEAP_MB = 128;

export type UsageExportFormat = 'csv' | 'xlsx';

// Where an export is written: an HTTP response (or any writable that takes headers).
export type ExportTarget = Writable & {
  setHeader(name: string, value: string): unknown;
  headersSent?: boolean;
};

const CONTENT_TYPES: Record<UsageExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

// Exports run in the process that also charges sms.sent. Reading half a million rows and formatting
// them took the event loop from the consumer (30 s of consumer lag measured with bench:export), so
// each export runs in a worker thread with its own database connection and cursor
// (usage-export.worker.ts); this thread only passes the finished bytes to the client, with
// backpressure. Only a few run at once; beyond that a caller is told to come back.
@Injectable()
export class UsageExportService {
  private readonly logger = new Logger(UsageExportService.name);
  private readonly slots: ConcurrencyLimiter;
  private readonly databaseUrl: string;

  constructor(
    private readonly em: EntityManager,
    private readonly usage: UsageRepository,
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
  ) {
    this.slots = new ConcurrencyLimiter(config.LEDGER_EXPORTS_MAX_CONCURRENT);
    this.databaseUrl = config.DATABASE_URL;
  }

  async export(options: {
    filter: UsageFilter;
    format: UsageExportFormat;
    target: ExportTarget;
  }): Promise<void> {
    const { filter, format, target } = options;
    const release = this.slots.tryAcquire();
    if (release === null) {
      retryLater(target, {
        seconds: RETRY_AFTER_SECONDS,
        message: `${this.slots.max} usage exports are already running; try again shortly`,
      });
    }
    const started = performance.now();
    try {
      target.setHeader('Content-Type', CONTENT_TYPES[format]);
      target.setHeader('Content-Disposition', `attachment; filename="usage-${filter.accountId}.${format}"`);
      const query = this.usage.exportQuery(this.em, filter, EXPORT_ROW_LIMIT);
      await relay(startWorker({ databaseUrl: this.databaseUrl, ...query, format }), target);
      this.logger.log({
        message: 'usage exported',
        accountId: filter.accountId,
        format,
        ms: Math.round(performance.now() - started),
      });
    } catch (error) {
      if (target.headersSent !== true) {
        throw error; // nothing sent yet: the client gets a proper error response
      }
      // Headers are gone by now: the client sees a cut-off file; the reason stays in the log.
      this.logger.warn({
        message: 'usage export stopped',
        accountId: filter.accountId,
        format,
        error: String(error),
      });
      target.destroy();
    } finally {
      release();
    }
  }
}

// Compiled, the worker is the .js beside this file; from the sources (ts-node, jest) the worker
// compiles it on the fly with tsx (esbuild), which costs the worker about 20 MB less than ts-node.
function startWorker(job: ExportJob): Worker {
  const options = { workerData: job, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
  const compiled = join(__dirname, 'usage-export.worker.js');
  if (existsSync(compiled)) {
    return new Worker(compiled, options);
  }
  const source = join(__dirname, 'usage-export.worker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { ...options, eval: true });
}

// Writes the worker's chunks to the target, acknowledging each once the target has taken it (after
// 'drain' when its buffer is full). Ends when the worker is done; a failure or a client that goes
// away stops the worker, which closes its cursor and connection.
async function relay(worker: Worker, target: ExportTarget): Promise<void> {
  const ack = () => worker.postMessage({ type: 'ack' } satisfies MainMessage);
  try {
    await new Promise<void>((resolve, reject) => {
      let done = false;
      const onClose = () => reject(new Error('the client closed the connection'));
      target.once('close', onClose);
      worker.once('error', reject);
      worker.once('exit', (code) => done || reject(new Error(`the export worker exited (${code})`)));
      worker.on('message', (message: WorkerMessage) => {
        switch (message.type) {
          case 'chunk':
            if (target.write(message.data)) {
              ack();
            } else {
              target.once('drain', ack);
            }
            return;
          case 'done':
            done = true;
            target.off('close', onClose);
            target.end(() => resolve());
            return;
          case 'error':
            reject(new Error(message.message));
            return;
        }
      });
    });
  } finally {
    if (worker.threadId !== -1) {
      await worker.terminate();
    }
  }
}
