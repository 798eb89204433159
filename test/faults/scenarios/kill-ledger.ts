import { AppProcess } from '../../../tools/demo/app-process';
import {
  asRecords,
  Infra,
  prepareLedger,
  publishPaced,
  RawProducer,
  ScenarioLog,
  startApp,
  topicPrefix,
  traffic,
  verifyLedger,
} from '../support';

const ACCOUNTS = ['acc_k1', 'acc_k2', 'acc_k3', 'acc_k4', 'acc_k5', 'acc_k6'];
const CREDITS_EACH = 1_000_000;

// kill -9 the ledger several times while 100,000+ sms.sent flow (with 5% redelivered), restart it
// each time: every message charged exactly once.
export async function killLedger(
  infra: Infra,
  options: { messages: number; kills: number },
): Promise<ScenarioLog> {
  const log = new ScenarioLog('kill -9 the ledger mid-stream');
  const prefix = topicPrefix('kill');
  const ledger: AppProcess = await startApp({ name: 'ledger', infra, topicPrefix: prefix, label: 'kill' });
  const producer = new RawProducer(infra, prefix);
  await producer.connect();
  try {
    const api = await prepareLedger({ ledger, producer, accounts: ACCOUNTS, creditsEach: CREDITS_EACH });
    const t = traffic({ accounts: ACCOUNTS, count: options.messages, campaignId: 'kill', seed: 7 });
    const records = asRecords(t.events);
    // Redeliveries: every 20th event again, further down the stream.
    const replays = records.filter((_, i) => i % 20 === 0);
    const stream = [
      ...records.slice(0, records.length / 2),
      ...replays,
      ...records.slice(records.length / 2),
    ];
    log.did(
      `publishing ${stream.length.toLocaleString('en-US')} sms.sent (${records.length.toLocaleString('en-US')} distinct, ${replays.length.toLocaleString('en-US')} repeats) over ${ACCOUNTS.length} accounts at ~5,000/s`,
    );
    const publishing = publishPaced({ producer, records: stream, ratePerSecond: 5_000 });
    const killer = (async () => {
      const pids: number[] = [];
      for (let k = 1; k <= options.kills; k += 1) {
        await new Promise((done) => setTimeout(done, 2500 + Math.random() * 2000));
        pids.push(ledger.pid ?? 0);
        await ledger.kill9();
        const down = Date.now();
        ledger.start();
        await ledger.waitUntilReady();
        log.did(
          `kill -9 #${k} (pid ${pids[k - 1]}), restarted and ready in ${((Date.now() - down) / 1000).toFixed(1)} s`,
        );
      }
    })();
    await Promise.all([publishing, killer]);
    log.did('all events published');
    await verifyLedger({ log, api, creditsEach: CREDITS_EACH, traffic: t });
  } finally {
    if (!log.passed) {
      process.stdout.write(`  last lines of the ledger's log:\n${ledger.tail(25)}\n`);
    }
    await producer.close();
    await ledger.stop();
  }
  return log;
}
