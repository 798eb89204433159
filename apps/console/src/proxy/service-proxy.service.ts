import { BadRequestException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config/console.config';
import {
  FORWARDED_REQUEST_HEADERS,
  FORWARDED_RESPONSE_HEADERS,
  isServiceName,
  type ServiceName,
  upstreamUrl,
} from './upstream';

const UPSTREAM_TIMEOUT_MS = 30_000;

// Calls a service on the signed-in person's behalf with their access token, and streams the answer
// back (JSON, CSV, xlsx and PDF alike). The services decide what the token may do.
@Injectable()
export class ServiceProxy {
  private readonly logger = new Logger(ServiceProxy.name);
  private readonly bases: Record<ServiceName, string | undefined>;

  constructor(@Inject(CONSOLE_CONFIG) config: ConsoleConfig) {
    this.bases = {
      ledger: config.LEDGER_URL,
      billing: config.BILLING_URL,
      notifier: config.NOTIFIER_URL,
      identity: config.IDENTITY_URL,
    };
  }

  async forward(input: {
    service: string;
    segments: string[];
    request: Request;
    response: Response;
    accessToken: string;
  }): Promise<void> {
    const { service, request, response } = input;
    const base = isServiceName(service) ? this.bases[service] : undefined;
    if (base === undefined) {
      throw new NotFoundException(`No service ${service} is configured`);
    }
    let url: URL;
    try {
      const query = request.originalUrl.indexOf('?');
      url = upstreamUrl({
        base,
        segments: input.segments,
        search: query === -1 ? '' : request.originalUrl.slice(query),
      });
    } catch {
      throw new BadRequestException('Malformed path');
    }
    const headers = new Headers({ authorization: `Bearer ${input.accessToken}` });
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') {
        headers.set(name, value);
      }
    }
    const hasBody = !['GET', 'HEAD'].includes(request.method) && request.body !== undefined;
    let upstream: globalThis.Response;
    try {
      upstream = await fetch(url, {
        method: request.method,
        headers,
        body: hasBody ? JSON.stringify(request.body) : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      });
    } catch (error) {
      this.logger.warn({ message: 'service unreachable', service, error: String(error) });
      response.status(502).json({ statusCode: 502, message: `The ${service} service is not reachable` });
      return;
    }
    response.status(upstream.status);
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) {
        response.setHeader(name, value);
      }
    }
    if (upstream.body === null) {
      response.end();
      return;
    }
    Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>).pipe(response);
  }
}
