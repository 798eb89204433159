import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { BATCH_HANDLER, BatchHandlerMetadata } from './batch-handler.decorator';
import type { BatchHandlerFn } from './inbound-event';

export interface DiscoveredBatchHandler extends BatchHandlerMetadata {
  handler: BatchHandlerFn<unknown>;
  name: string;
}

// Finds the @BatchHandler methods of the app's providers, so code outside the Kafka consumers (the
// dead-letter re-processor) calls exactly the handler a normal delivery of the topic would reach.
@Injectable()
export class BatchHandlerDiscovery {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  handlers(): DiscoveredBatchHandler[] {
    const found: DiscoveredBatchHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) {
        continue;
      }
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const target = (instance as Record<string, unknown>)[method];
        if (typeof target !== 'function') {
          continue;
        }
        const metadata = this.reflector.get<BatchHandlerMetadata | undefined>(BATCH_HANDLER, target);
        if (metadata) {
          found.push({
            ...metadata,
            handler: (target as BatchHandlerFn<unknown>).bind(instance),
            name: `${instance.constructor.name}.${method}`,
          });
        }
      }
    }
    return found;
  }

  forTopic(topic: string): DiscoveredBatchHandler | undefined {
    return this.handlers().find((h) => h.contract.topic === topic);
  }
}
