import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { retryLater } from '../limits/retry-later';
import { CLIENT_LIMITS, PRINCIPAL_LIMITS } from './rate-limits';

abstract class LimitsGuard extends ThrottlerGuard {
  protected abstract readonly limits: readonly string[];

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((throttler) => this.limits.includes(throttler.name ?? ''));
  }

  // Kafka handlers of the hybrid apps pass through guards too; limits are for HTTP callers.
  override canActivate(context: ExecutionContext): Promise<boolean> {
    return context.getType() === 'http' ? super.canActivate(context) : Promise.resolve(true);
  }

  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const response = context
      .switchToHttp()
      .getResponse<{ setHeader(name: string, value: string): unknown }>();
    retryLater(response, {
      seconds: detail.timeToBlockExpire,
      message: `Too many requests: at most ${detail.limit} per ${Math.round(detail.ttl / 1000)} s; retry after ${detail.timeToBlockExpire} s`,
    });
  }
}

// Runs before authentication: limits per client address (and per address on sign-in routes).
@Injectable()
export class ClientRateLimitGuard extends LimitsGuard {
  protected readonly limits = CLIENT_LIMITS;
}

// Runs after authentication: limits per token subject (and per subject on expensive routes).
@Injectable()
export class PrincipalRateLimitGuard extends LimitsGuard {
  protected readonly limits = PRINCIPAL_LIMITS;
}
