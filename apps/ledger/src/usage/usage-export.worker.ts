import { EventEmitter, once } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import QueryStream from 'pg-query-stream';
import { csvLine, USAGE_EXPORT_HEADER, usageCells } from './usage-export-format';
import type { UsageRow } from './usage.repository';

// One usage export, in a worker thread: it reads the rows through a cursor on a connection of its own
// and formats them, so the event loop that consumes sms.sent only passes finished bytes on. The bytes
// go back as chunks, at most MAX_UNACKNOWLEDGED ahead of what the main thread has handed to the client,
// so a slow client slows the cursor instead of filling memory.

export interface ExportJob {
  databaseUrl: string;
  // The repository's query, in PostgreSQL's native form ($1, $2…).
  sql: string;
  params: unknown[];
  format: 'csv' | 'xlsx';
}

export type WorkerMessage =
  { type: 'chunk'; data: Uint8Array } | { type: 'done' } | { type: 'error'; message: string };
export type MainMessage = { type: 'ack' };

const MAX_UNACKNOWLEDGED = 4;
const CSV_CHUNK_BYTES = 64 * 1024;
const CURSOR_BATCH_ROWS = 1000;
// How often the xlsx writer looks at its backlogs, and how much sheet XML may wait for the compressor.
const ROWS_PER_CHECK = 500;
const XLSX_BACKLOG_BYTES = 1024 * 1024;

// Posts each chunk to the main thread; a write completes once few enough chunks await acknowledgement.
function toMainThread(port: NonNullable<typeof parentPort>): Writable {
  let unacknowledged = 0;
  let waiting: (() => void) | undefined;
  port.on('message', (message: MainMessage) => {
    if (message.type === 'ack') {
      unacknowledged--;
      const resume = waiting;
      waiting = undefined;
      resume?.();
    }
  });
  return new Writable({
    highWaterMark: CSV_CHUNK_BYTES,
    write(chunk: Buffer | string, _encoding, callback) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      // A copy the transfer can take: the chunk may be a view into a pooled buffer.
      const data = new Uint8Array(bytes);
      unacknowledged++;
      port.postMessage({ type: 'chunk', data } satisfies WorkerMessage, [data.buffer]);
      if (unacknowledged < MAX_UNACKNOWLEDGED) {
        callback();
      } else {
        waiting = () => callback();
      }
    },
  });
}

async function* csvChunks(rows: AsyncIterable<UsageRow>): AsyncGenerator<string> {
  let chunk = csvLine(USAGE_EXPORT_HEADER);
  for await (const row of rows) {
    chunk += csvLine(usageCells(row));
    if (chunk.length >= CSV_CHUNK_BYTES) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

// ExcelJS's streaming writer zips each committed row into the sink. Waiting for the sink keeps a slow
// client from piling the workbook up, and waiting for the zip's input keeps rows from outrunning the
// compressor.
async function writeXlsx(rows: AsyncIterable<UsageRow>, sink: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('usage');
  sheet.addRow([...USAGE_EXPORT_HEADER]).commit();
  let count = 0;
  for await (const row of rows) {
    sheet.addRow(usageCells(row)).commit();
    if (++count % ROWS_PER_CHECK !== 0) {
      continue;
    }
    const backlog = sheetBacklog(sheet);
    if (backlog !== undefined && backlog.bytes > XLSX_BACKLOG_BYTES) {
      await once(backlog.stream, 'drain');
    }
    if (sink.writableNeedDrain) {
      await once(sink, 'drain');
    }
  }
  sheet.commit();
  await workbook.commit();
}

// ExcelJS's sheet buffer hands each 64 KB of XML to the zip without heeding backpressure, so a
// compressor slower than the rows would let the sheet pile up in memory (343 MB of growth measured on
// 500,000 rows without this). Its first pipe is the (readable-stream) PassThrough the zip reads from;
// the bytes buffered there are that backlog. This reads ExcelJS internals: when they are not there,
// only the client's backpressure applies.
function sheetBacklog(sheet: ExcelJS.Worksheet): { bytes: number; stream: EventEmitter } | undefined {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const first = pipes?.[0] as { _writableState?: { length?: unknown } } | undefined;
  const bytes = first?._writableState?.length;
  return typeof bytes === 'number' && first instanceof EventEmitter ? { bytes, stream: first } : undefined;
}

async function run(job: ExportJob, port: NonNullable<typeof parentPort>): Promise<void> {
  const client = new Client({ connectionString: job.databaseUrl, application_name: 'ledger-usage-export' });
  await client.connect();
  try {
    const rows = client.query(new QueryStream(job.sql, job.params, { batchSize: CURSOR_BATCH_ROWS }));
    const sink = toMainThread(port);
    if (job.format === 'csv') {
      await pipeline(Readable.from(csvChunks(rows as AsyncIterable<UsageRow>)), sink);
    } else {
      await writeXlsx(rows as AsyncIterable<UsageRow>, sink);
      // The zip ends the sink when the workbook is committed.
      await finished(sink);
    }
  } finally {
    await client.end();
  }
}

if (parentPort !== null) {
  const port = parentPort;
  run(workerData as ExportJob, port).then(
    () => port.postMessage({ type: 'done' } satisfies WorkerMessage),
    (error: unknown) =>
      port.postMessage({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
      } satisfies WorkerMessage),
  );
}
