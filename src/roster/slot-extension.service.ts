import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { addDays, localDateOf } from '../common/local-time.js';
import { Locks } from '../database/locks.js';
import { SYSTEM_PRINCIPAL } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { MonthsService } from '../months/months.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import { SlotEntity, TemplateEntity } from './roster.entities.js';
import { buildSlots, generationHorizon } from './slot-generator.js';
import { insertSlots } from './slots.service.js';

/** Keeps open-ended contracts' slots ahead of today (the extend-slots job). */
@Injectable()
export class SlotExtensionService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly months: MonthsService,
    private readonly contracts: ContractsService,
    private readonly reference: ReferenceService,
  ) {}

  /** Open-ended contracts get slots at least 400 days past today; closed months are skipped. */
  async extendOpenEnded(): Promise<Record<string, number>> {
    const contracts = await this.contracts.openEnded();
    let extended = 0;
    let slots = 0;
    for (const c of contracts) {
      const added = await this.tx.run(
        async (m) => {
          const contract = await this.contracts.byId(c.id, m);
          if (contract === null || contract.validTo !== null) return 0;
          const region = await this.reference.regionByCode(contract.regionCode, m);
          if (region === null) return 0; // a contract's region cannot go (foreign key)
          const horizon = generationHorizon(contract, localDateOf(this.clock.now(), region.timezone));
          if (contract.slotsThrough !== null && contract.slotsThrough >= horizon) return 0;
          const fromDate = contract.slotsThrough ? addDays(contract.slotsThrough, 1) : contract.validFrom;
          const closed = await this.months.closedMonthsOf(m, contract.id);
          const templates = await m.find(TemplateEntity, { where: { contractId: contract.id, deletedAt: IsNull() } });
          let count = 0;
          for (const t of templates) {
            const rows = (await buildSlots(t, contract, region, horizon, fromDate)).filter((s) => !closed.has(s.localDate.slice(0, 7)));
            const existing = new Set(
              (await m.find(SlotEntity, { where: { templateId: t.id, localDate: In(rows.map((r) => r.localDate)) }, select: { localDate: true } })).map(
                (s) => s.localDate,
              ),
            );
            const fresh = rows.filter((r) => !existing.has(r.localDate));
            await insertSlots(m, fresh);
            count += fresh.length;
          }
          await this.contracts.markSlotsThrough(m, contract.id, horizon);
          if (count > 0) await this.audit.append(m, SYSTEM_PRINCIPAL, 'extend', 'contract', contract.id, `${count} slots added through ${horizon}`);
          return count;
        },
        [Locks.contractRoster(c.id, 'exclusive')],
      );
      if (added > 0) extended++;
      slots += added;
    }
    return { contracts: contracts.length, extended, slots };
  }
}
