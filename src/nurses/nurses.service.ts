import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type Principal } from '../common/principal.js';
import { Clock } from '../common/clock.js';
import { ForbiddenError, NotFoundError, RuleViolationError, unknownReference } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { Transactions } from '../database/transactions.js';
import { ProviderEntity } from '../reference/reference.entities.js';
import { NurseEntity } from './nurse.entity.js';
import { CreateNurseDto, UpdateNurseDto } from './dto/create-nurse.dto.js';
import { PartiesService } from '../contracts/parties.service.js';

export function nurseView(n: NurseEntity) {
  return {
    id: n.id,
    name: n.name,
    employerAgb: n.employerAgb,
    qualifications: n.qualifications,
    bigNumber: n.bigNumber,
    phone: n.phone,
    contractMinutesPerWeek: n.contractMinutesPerWeek ?? null,
  };
}

@Injectable()
export class NursesService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly parties: PartiesService,
    @InjectRepository(NurseEntity) private readonly nurses: Repository<NurseEntity>,
  ) {}

  /** May `who` see or manage nurses of this employer? */
  async inScope(who: Principal, nurse: NurseEntity): Promise<boolean> {
    if (who.role === 'admin') return true;
    if (who.role === 'nurse') return who.nurseId === nurse.id;
    if (who.role === 'coordinator') return (await this.parties.employerAgbsInRegions(who.regionCodes)).has(nurse.employerAgb);
    return false;
  }

  /** May `who` see the nurse? False for an unknown one too, so both look the same to the caller; an admin sees all (existence is checked where the nurse is used). */
  async isVisibleTo(who: Principal, nurseId: string): Promise<boolean> {
    // An admin sees every nurse; whether it exists is checked where it is used.
    if (who.role === 'admin') return true;
    const nurse = await this.nurses.findOneBy({ id: nurseId });
    return nurse !== null && (await this.inScope(who, nurse));
  }

  /** A nurse outside the caller's scope answers 404, so ids do not leak. */
  async findInScope(who: Principal, id: string): Promise<NurseEntity> {
    const nurse = await this.nurses.findOneBy({ id });
    if (!nurse || !(await this.inScope(who, nurse))) throw new NotFoundError(`nurse ${id} not found`);
    return nurse;
  }

  async list(who: Principal, employerAgb?: string) {
    const where = employerAgb ? { employerAgb } : {};
    let rows = await this.nurses.find({ where, order: { name: 'ASC', id: 'ASC' } });
    if (who.role === 'coordinator') {
      const agbs = await this.parties.employerAgbsInRegions(who.regionCodes);
      rows = rows.filter((n) => agbs.has(n.employerAgb));
    } else if (who.role === 'nurse') {
      rows = rows.filter((n) => n.id === who.nurseId);
    }
    return rows.map(nurseView);
  }

  async get(who: Principal, id: string) {
    return nurseView(await this.findInScope(who, id));
  }

  async create(who: Principal, dto: CreateNurseDto) {
    if (who.role === 'coordinator' && !(await this.parties.employerAgbsInRegions(who.regionCodes)).has(dto.employerAgb)) {
      throw new ForbiddenError(`provider ${dto.employerAgb} is not a responsible party in your regions`);
    }
    return this.tx.run(async (m) => {
      if (!(await m.findOneBy(ProviderEntity, { agb: dto.employerAgb }))) {
        throw new RuleViolationError([unknownReference('provider', dto.employerAgb)]);
      }
      const nurse = Object.assign(new NurseEntity(), {
        id: newId(),
        name: dto.name,
        employerAgb: dto.employerAgb,
        qualifications: [...new Set(dto.qualifications)],
        bigNumber: dto.bigNumber ?? null,
        phone: dto.phone ?? null,
        contractMinutesPerWeek: dto.contractMinutesPerWeek ?? null,
        createdAt: this.clock.now(),
      });
      await m.insert(NurseEntity, nurse);
      await this.audit.append(m, who, 'create', 'nurse', nurse.id, `nurse employed by ${dto.employerAgb}`);
      return nurseView(nurse);
    });
  }

  async update(who: Principal, id: string, dto: UpdateNurseDto) {
    await this.findInScope(who, id);
    return this.tx.run(async (m) => {
      const nurse = await m.findOneByOrFail(NurseEntity, { id });
      if (dto.name !== undefined) nurse.name = dto.name;
      if (dto.qualifications !== undefined) nurse.qualifications = [...new Set(dto.qualifications)];
      if (dto.bigNumber !== undefined) nurse.bigNumber = dto.bigNumber;
      if (dto.phone !== undefined) nurse.phone = dto.phone;
      if (dto.contractMinutesPerWeek !== undefined) nurse.contractMinutesPerWeek = dto.contractMinutesPerWeek;
      await m.save(NurseEntity, nurse);
      await this.audit.append(m, who, 'update', 'nurse', id, `fields: ${Object.keys(dto).join(', ') || 'none'}`);
      return nurseView(nurse);
    });
  }
}
