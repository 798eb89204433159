import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  Inject,
} from '@nestjs/common';
import { CreditsApplied, eventEnvelope } from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { AccountRepository } from '../accounts/account.repository';
import { endOfDay } from '../grants/expiry-date';
import { deficitNettingEntries, fundNewLot } from '../lots/lot-funding';
import { LotRepository } from '../lots/lot.repository';
import { JournalWriter, NewJournalEntry } from '../journal/journal.writer';
import { BalanceSignals } from '../monitors/balance-signals.service';
import { RateCardRepository } from '../rates/rate-card.repository';
import { adjustmentEntry, adjustmentProblem } from './adjustment-entry';
import { AdjustmentRepository } from './adjustment.repository';
import type { AdjustmentView, CreateAdjustmentDto } from './dto/create-adjustment.dto';

// Operators' goodwill grants and corrections [PRODUCT: identity and access, production safety: every
// change of credit is in the journal with who did it and why]. Credits added become a lot of their
// own (netting a deficit first, like any grant); credits taken away are spent from the lots in the
// account's policy order, like a charge, so what the lots cannot cover becomes a deficit.
@Injectable()
export class AdjustmentsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly adjustments: AdjustmentRepository,
    private readonly lots: LotRepository,
    private readonly rateCards: RateCardRepository,
    private readonly journal: JournalWriter,
    private readonly signals: BalanceSignals,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(input: {
    accountId: string;
    actor: string;
    idempotencyKey: string;
    dto: CreateAdjustmentDto;
  }): Promise<{ created: boolean; adjustment: AdjustmentView }> {
    const { dto } = input;
    const expiryDate = dto.expiryDate ?? null;
    const problem = adjustmentProblem({
      kind: dto.kind,
      amountMillicredits: dto.amountMillicredits,
      expiryDate,
    });
    if (problem !== null) {
      throw new BadRequestException(problem);
    }
    const result = await this.unitOfWork.run(async (tx) => {
      // The account lock also serialises two requests with one key: the second sees the first's row.
      const account = (await this.accounts.lock(tx, [input.accountId])).get(input.accountId);
      if (account === undefined) {
        throw new NotFoundException(`Account ${input.accountId} not found`);
      }
      const existing = await this.adjustments.findByKey(tx, input.accountId, input.idempotencyKey);
      if (existing !== null) {
        if (
          existing.kind !== dto.kind ||
          existing.amountMillicredits !== dto.amountMillicredits ||
          existing.reason !== dto.reason ||
          existing.expiryDate !== expiryDate
        ) {
          throw new ConflictException(
            `Idempotency-Key ${input.idempotencyKey} was already used for a different adjustment (${existing.id})`,
          );
        }
        return { created: false, adjustment: existing };
      }
      const expiry = expiryDate === null ? null : endOfDay(expiryDate, account.timeZone);
      if (expiry !== null && expiry.expiresAt.getTime() <= this.clock.now().getTime()) {
        throw new BadRequestException(`expiryDate ${expiryDate} has already passed in ${account.timeZone}`);
      }
      const id = `adj_${randomUUID()}`;
      const amount = dto.amountMillicredits;
      const entries: NewJournalEntry[] = [];
      let lotId: string | null = null;
      let netted = 0;
      if (amount > 0) {
        lotId = randomUUID();
        netted = fundNewLot({ balanceBefore: account.balanceMillicredits, amount }).nettedMillicredits;
        await this.lots.insert(tx, {
          id: lotId,
          accountId: account.id,
          orderId: id,
          source: dto.kind === 'goodwill' ? 'goodwill' : 'adjustment',
          grantedMillicredits: amount,
          remainingMillicredits: amount - netted,
          expiryDate,
          expiresAt: expiry?.expiresAt ?? null,
        });
      } else {
        await this.lots.spend(tx, [{ accountId: account.id, amount: -amount }]);
      }
      entries.push(
        adjustmentEntry({
          adjustmentId: id,
          accountId: account.id,
          kind: dto.kind,
          amountMillicredits: amount,
          actor: input.actor,
          reason: dto.reason,
          lotId,
          expiryDate,
        }),
      );
      if (lotId !== null) {
        entries.push(
          ...deficitNettingEntries({
            accountId: account.id,
            reference: id,
            lotId,
            nettedMillicredits: netted,
          }),
        );
      }
      const after = await this.accounts.applyDeltas(tx, [
        { accountId: account.id, balance: amount, held: 0 },
      ]);
      const balanceAfter = after.get(account.id)?.balance ?? account.balanceMillicredits + amount;
      await this.journal.append(tx, entries);
      const adjustment = await this.adjustments.insert(tx, {
        id,
        accountId: account.id,
        idempotencyKey: input.idempotencyKey,
        kind: dto.kind,
        amountMillicredits: amount,
        reason: dto.reason,
        actor: input.actor,
        expiryDate,
        expiresAt: expiry?.expiresAt ?? null,
        lotId,
        balanceMillicredits: balanceAfter,
      });
      if (lotId !== null) {
        await this.outbox.add(tx, CreditsApplied, [
          {
            ...eventEnvelope(adjustment.createdAt),
            accountId: account.id,
            orderId: id,
            lotId,
            source: dto.kind === 'goodwill' ? 'goodwill' : 'adjustment',
            grantedMillicredits: amount,
            deficitNettedMillicredits: netted,
            balanceMillicredits: balanceAfter,
            expiresAt: adjustment.expiresAt,
          },
        ]);
      }
      await this.signals.afterChanges(
        tx,
        [
          {
            accountId: account.id,
            homeCountry: account.homeCountry,
            balanceBefore: account.balanceMillicredits,
            balanceAfter,
            heldAfter: account.heldMillicredits,
            wasDepleted: account.depleted,
          },
        ],
        await this.rateCards.load(tx),
      );
      return { created: true, adjustment };
    });
    return result;
  }
}
