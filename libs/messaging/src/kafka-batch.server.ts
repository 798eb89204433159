import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { MikroORM } from '@mikro-orm/core';
import { ReadinessRegistry } from '@sms/observability';
import { BatchHandlerDiscovery, type DiscoveredBatchHandler } from './batch-handler.discovery';
import { BatchPipeline } from './batch-pipeline';
import { ConsumerSupervisor } from './consumer-supervisor';
import { resolveConsumerTuning } from './consumer-tuning';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { KafkaConnection } from './kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { MessagingMetrics } from './messaging.metrics';

// The Kafka side of each hybrid app: one consumer group per handled topic, whole batches handed to
// the handler, offsets committed only after the handler's transaction committed. A crash before the
// offset commit means redelivery (handlers are idempotent), never loss. This class only wires the
// parts to Nest: discovery finds the handlers, the supervisor keeps their consumers alive, and a
// pipeline per topic applies and commits each batch.
@Injectable()
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaBatchServer.name);
  private readonly supervisor: ConsumerSupervisor;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly connection: KafkaConnection,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly metrics: MessagingMetrics,
    private readonly orm: MikroORM,
    readiness: ReadinessRegistry,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    super();
    this.supervisor = new ConsumerSupervisor({
      connection,
      service: options.service,
      tuning: resolveConsumerTuning(options.consumer),
    });
    readiness.register({
      name: 'kafka',
      check: async () => {
        await (await this.connection.admin()).describeCluster();
        const crashed = this.supervisor.unrecovered();
        if (crashed !== undefined) {
          throw new Error(
            `consumer of ${crashed.topic} crashed (${crashed.reason}) and has not recovered yet`,
          );
        }
      },
    });
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const routes = this.discoverRoutes();
      await this.connection.ensureTopics(
        routes.flatMap((r) => [
          this.connection.topic(r.contract.topic),
          this.deadLetters.topicFor(r.contract.topic),
        ]),
      );
      for (const route of routes) {
        const pipeline = new BatchPipeline({
          route,
          orm: this.orm,
          deadLetters: this.deadLetters,
          metrics: this.metrics,
          isStopping: () => this.supervisor.isStopping(),
          committed: () => this.supervisor.recovered(route.contract.topic),
        });
        await this.supervisor.supervise(route, (consumer, payload) => pipeline.process(consumer, payload));
      }
      this.supervisor.watchForSilence();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.supervisor.close();
  }

  on(): void {
    // No transport-level events to subscribe to.
  }

  unwrap<T>(): T {
    return this.supervisor.consumers() as T;
  }

  private discoverRoutes(): DiscoveredBatchHandler[] {
    const routes = new BatchHandlerDiscovery(this.discovery, this.scanner, this.reflector).handlers();
    const topics = routes.map((r) => r.contract.topic);
    const duplicate = topics.find((topic, i) => topics.indexOf(topic) !== i);
    if (duplicate) {
      throw new Error(`Two batch handlers consume ${duplicate}; a topic has one handler per service`);
    }
    return routes;
  }
}
