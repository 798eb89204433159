import { EventEmitter, once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import ExcelJS from 'exceljs';
import { ConcurrencyLimiter, retryLater } from '@sms/runtime';
import { LEDGER_CONFIG, LedgerConfig } from '../config/ledger.config';
import { csvLine, USAGE_EXPORT_HEADER, usageCells } from './usage-export-format';
import { UsageFilter, UsageRepository, UsageRow } from './usage.repository';

// An xlsx sheet holds 1,048,576 rows; a bigger export is cut there (narrow the period instead).
const EXPORT_ROW_LIMIT = 1_000_000;
// CSV lines are gathered into chunks of about this size before they are written.
const CSV_CHUNK_BYTES = 64 * 1024;
const RETRY_AFTER_SECONDS = 30;
// Rows written between two turns of the event loop, so the sms.sent consumer sharing this process is
// never kept waiting behind a long stretch of export work.
const ROWS_PER_TURN = 500;
// Sheet XML waiting for the zip compressor beyond this is a backlog: stop producing until it drains.
const XLSX_BACKLOG_BYTES = 1024 * 1024;

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

// Exports run in the process that also charges sms.sent, so each streams from a database cursor to the
// client with bounded memory, and only a few run at once; beyond that a caller is told to come back.
@Injectable()
export class UsageExportService {
  private readonly logger = new Logger(UsageExportService.name);
  private readonly slots: ConcurrencyLimiter;

  constructor(
    private readonly em: EntityManager,
    private readonly usage: UsageRepository,
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
  ) {
    this.slots = new ConcurrencyLimiter(config.LEDGER_EXPORTS_MAX_CONCURRENT);
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
      const rows = this.usage.stream(this.em.fork(), filter, EXPORT_ROW_LIMIT);
      await (format === 'csv' ? writeCsv(rows, target) : writeXlsx(rows, target));
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

function writeCsv(rows: AsyncIterable<UsageRow>, target: Writable): Promise<void> {
  return pipeline(Readable.from(csvChunks(rows)), target);
}

async function* csvChunks(rows: AsyncIterable<UsageRow>): AsyncGenerator<string> {
  let chunk = csvLine(USAGE_EXPORT_HEADER);
  let count = 0;
  for await (const row of rows) {
    chunk += csvLine(usageCells(row));
    if (chunk.length >= CSV_CHUNK_BYTES) {
      yield chunk;
      chunk = '';
    }
    if (++count % ROWS_PER_TURN === 0) {
      await nextTurn();
    }
  }
  yield chunk;
}

// ExcelJS's streaming writer zips each committed row straight into the target; waiting for the target
// to drain keeps a slow client from piling the workbook up in memory.
async function writeXlsx(rows: AsyncIterable<UsageRow>, target: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: target,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('usage');
  sheet.addRow([...USAGE_EXPORT_HEADER]).commit();
  let count = 0;
  for await (const row of rows) {
    sheet.addRow(usageCells(row)).commit();
    if (++count % ROWS_PER_TURN !== 0) {
      continue;
    }
    const backlog = sheetBacklog(sheet);
    if (backlog !== undefined && backlog.bytes > XLSX_BACKLOG_BYTES) {
      await drainedOrClosed(backlog.stream, target);
    }
    if (target.writableNeedDrain) {
      await drainedOrClosed(target, target);
    }
    if (target.destroyed) {
      throw new Error('the client closed the connection');
    }
    await nextTurn();
  }
  sheet.commit();
  await workbook.commit();
}

// ExcelJS's sheet buffer hands each 64 KB of XML to the zip without heeding backpressure, so a
// compressor slower than the rows would let the sheet pile up in memory. Its first pipe is the
// (readable-stream) PassThrough the zip reads from; the bytes buffered there are that backlog. This
// reads ExcelJS internals: when they are not there, only the client's backpressure applies.
function sheetBacklog(sheet: ExcelJS.Worksheet): { bytes: number; stream: EventEmitter } | undefined {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const first = pipes?.[0] as { _writableState?: { length?: unknown } } | undefined;
  const bytes = first?._writableState?.length;
  return typeof bytes === 'number' && first instanceof EventEmitter ? { bytes, stream: first } : undefined;
}

async function drainedOrClosed(stream: EventEmitter, target: Writable): Promise<void> {
  const controller = new AbortController();
  try {
    await Promise.race([
      once(stream, 'drain', { signal: controller.signal }),
      once(target, 'close', { signal: controller.signal }),
    ]);
  } catch (error) {
    if (!controller.signal.aborted) {
      throw error;
    }
  } finally {
    controller.abort();
  }
}
