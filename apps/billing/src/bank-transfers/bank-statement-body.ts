import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { text } from 'express';

export const BANK_STATEMENTS_PATH = '/bank-statements';

// A statement is uploaded as it comes from the bank (text/csv). Registered at construction, before
// the app's JSON parser, like the Stripe webhook's raw body (see StripeRawBodyParser).
@Injectable()
export class BankStatementBodyParser {
  constructor(adapterHost: HttpAdapterHost) {
    adapterHost.httpAdapter?.use(
      BANK_STATEMENTS_PATH,
      text({ type: ['text/csv', 'text/plain'], limit: '10mb' }),
    );
  }
}
