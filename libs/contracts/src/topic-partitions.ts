import { Topics } from './topics';

// How many partitions each topic gets when it is created. Partitions bound a consumer group's
// parallelism: a group never has more busy members than its topic has partitions, and adding
// partitions later moves accounts to other partitions (keys hash anew), breaking per-account order
// while old events drain. So sms.sent, the one topic that carries every message sent, starts with
// room for several ledger replicas; the other topics carry a few events per purchase or per day.
export const DEFAULT_SMS_SENT_PARTITIONS = 12;
export const DEFAULT_TOPIC_PARTITIONS = 3;

export interface TopicPartitions {
  smsSent: number;
  other: number;
}

// The partition count of a catalogue topic (or its dead-letter topic), given its name without the
// environment's prefix. A dead-letter topic takes the default: it only holds what could not be applied.
export function partitionsFor(topic: string, settings: TopicPartitions): number {
  return topic === Topics.SmsSent ? settings.smsSent : settings.other;
}
