import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { phoneE164 } from '../common/phone.js';
import { inChunks } from '../database/dialect.js';
import { AuditService } from '../audit/audit.service.js';
import { type Principal } from '../common/principal.js';
import { Clock } from '../common/clock.js';
import { ForbiddenError, NotFoundError, RuleViolationError, unknownReference } from '../common/errors.js';
import type { Violation } from '../common/codes.js';
import { newId } from '../common/ids.js';
import { Locks } from '../database/locks.js';
import { Transactions } from '../database/transactions.js';
import { ReferenceService } from '../reference/reference.service.js';
import { NurseEntity } from './nurse.entity.js';
import { CreateNurseDto, UpdateNurseDto } from './dto/create-nurse.dto.js';
import { PartiesService } from '../contracts/parties.service.js';
import type { NurseResponse } from './nurse.response.js';
import { ProviderMembership } from '../reference/provider-membership.js';
import { recordsByPerson } from './person.js';

export function nurseView(n: NurseEntity): NurseResponse {
  return {
    id: n.id,
    name: n.name,
    employerAgb: n.employerAgb,
    qualifications: n.qualifications,
    bigNumber: n.bigNumber,
    phone: n.phone,
    contractMinutesPerWeek: n.contractMinutesPerWeek ?? null,
    regionCodes: n.regionCodes ?? null,
  };
}

/** A list of region codes as stored: each once, sorted; null stays null (every region of the employer). */
function regionList(codes: readonly string[] | null): string[] | null {
  return codes === null ? null : [...new Set(codes)].sort();
}

/** The region codes that name no region. */
@Injectable()
export class NursesService implements OnModuleInit {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly parties: PartiesService,
    private readonly reference: ReferenceService,
    private readonly membership: ProviderMembership,
    @InjectRepository(NurseEntity) private readonly nurses: Repository<NurseEntity>,
  ) {}

  /** A nurse user is one of its employer's own users (e.g. it may read the employer's paging webhook). */
  onModuleInit(): void {
    this.membership.register(async (who) => {
      if (who.role !== 'nurse' || !who.nurseId) return [];
      const nurse = await this.nurses.findOneBy({ id: who.nurseId });
      return nurse ? [nurse.employerAgb] : [];
    });
  }

  // The reads of the modules above: they read nurses only through here. Inside a transaction,
  // pass its manager.

  /** A nurse by id, or null. */
  byId(id: string, m: EntityManager = this.nurses.manager): Promise<NurseEntity | null> {
    return m.findOneBy(NurseEntity, { id });
  }

  /** The nurses of the ids (unknown ids are left out). */
  byIds(ids: readonly string[], m: EntityManager = this.nurses.manager): Promise<NurseEntity[]> {
    return inChunks(ids, (chunk) => m.findBy(NurseEntity, { id: In(chunk) }));
  }

  /** The names of the nurses of the ids, by id. */
  async namesOf(ids: readonly string[], m: EntityManager = this.nurses.manager): Promise<Map<string, string>> {
    const rows = await inChunks([...new Set(ids)], (chunk) => m.find(NurseEntity, { where: { id: In(chunk) }, select: { id: true, name: true } }));
    return new Map(rows.map((n) => [n.id, n.name]));
  }

  /**
   * The nurses whose phone is this number (E.164), however it was written on the record. The
   * digits' tail narrows the list before each candidate is parsed.
   */
  async withPhone(e164: string, m: EntityManager = this.nurses.manager): Promise<NurseEntity[]> {
    const tail = e164.replace(/\D/g, '').slice(-8);
    const rows = await m.find(NurseEntity, { where: { phone: Not(IsNull()) }, select: { id: true, phone: true }, order: { id: 'ASC' } });
    const ids = rows.filter((n) => (n.phone ?? '').replace(/\D/g, '').endsWith(tail) && phoneE164(n.phone ?? '') === e164).map((n) => n.id);
    return this.byIds(ids, m);
  }

  /** The nurses employed by the providers, by name. */
  employedBy(agbs: readonly string[], m: EntityManager = this.nurses.manager): Promise<NurseEntity[]> {
    return agbs.length ? m.find(NurseEntity, { where: { employerAgb: In([...agbs]) }, order: { name: 'ASC', id: 'ASC' } }) : Promise.resolve([]);
  }

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

  /**
   * For each nurse, the ids of every record of its person (records with the same BIG number; a
   * record without one is its own person), itself included. Unknown ids are left out.
   */
  async recordsOfPersons(m: EntityManager, nurseIds: readonly string[]): Promise<Map<string, string[]>> {
    const ids = [...new Set(nurseIds)];
    if (!ids.length) return new Map();
    const asked = await inChunks(ids, (chunk) => m.find(NurseEntity, { where: { id: In(chunk) }, select: { id: true, bigNumber: true } }));
    const bigs = [...new Set(asked.map((n) => n.bigNumber).filter((b): b is string => b !== null))];
    const sharing = bigs.length
      ? await inChunks(bigs, (chunk) => m.find(NurseEntity, { where: { bigNumber: In(chunk) }, select: { id: true, bigNumber: true } }))
      : [];
    return recordsByPerson(ids, [...asked, ...sharing]);
  }

  /** One unknown-reference violation per region code that names no region. */
  private async unknownRegions(m: EntityManager, codes: readonly string[] | null | undefined): Promise<Violation[]> {
    const missing: Violation[] = [];
    for (const code of new Set(codes ?? [])) if (!(await this.reference.regionByCode(code, m))) missing.push(unknownReference('region', code));
    return missing;
  }

  async list(who: Principal, employerAgb?: string): Promise<NurseResponse[]> {
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

  async get(who: Principal, id: string): Promise<NurseResponse> {
    return nurseView(await this.findInScope(who, id));
  }

  async create(who: Principal, dto: CreateNurseDto): Promise<NurseResponse> {
    if (who.role === 'coordinator' && !(await this.parties.employerAgbsInRegions(who.regionCodes)).has(dto.employerAgb)) {
      throw new ForbiddenError(`provider ${dto.employerAgb} is not a responsible party in your regions`);
    }
    return this.tx.run(async (m) => {
      const missing = await this.unknownRegions(m, dto.regionCodes);
      if (!(await this.reference.providerByAgb(dto.employerAgb, m))) missing.unshift(unknownReference('provider', dto.employerAgb));
      if (missing.length) throw new RuleViolationError(missing);
      const nurse = Object.assign(new NurseEntity(), {
        id: newId(),
        name: dto.name,
        employerAgb: dto.employerAgb,
        qualifications: [...new Set(dto.qualifications)],
        bigNumber: dto.bigNumber ?? null,
        phone: dto.phone ?? null,
        contractMinutesPerWeek: dto.contractMinutesPerWeek ?? null,
        regionCodes: regionList(dto.regionCodes ?? null),
        createdAt: this.clock.now(),
      });
      await m.insert(NurseEntity, nurse);
      await this.audit.append(m, who, 'create', 'nurse', nurse.id, `nurse employed by ${dto.employerAgb}`);
      return nurseView(nurse);
    });
  }

  async update(who: Principal, id: string, dto: UpdateNurseDto): Promise<NurseResponse> {
    const found = await this.findInScope(who, id);
    // A new BIG number moves the record from one person to another: it waits for, and holds off,
    // every judged assignment of a record of either person (they lock every record of theirs).
    const joining = dto.bigNumber !== undefined && dto.bigNumber !== found.bigNumber;
    const people = joining
      ? await this.nurses.find({ where: [found.bigNumber ? { bigNumber: found.bigNumber } : { id }, { bigNumber: dto.bigNumber }], select: { id: true } })
      : [];
    const locks = [Locks.nurse(id), ...people.map((n) => Locks.nurse(n.id))];
    return this.tx.run(async (m) => {
      const nurse = await m.findOneByOrFail(NurseEntity, { id });
      if (dto.name !== undefined) nurse.name = dto.name;
      if (dto.qualifications !== undefined) nurse.qualifications = [...new Set(dto.qualifications)];
      if (dto.bigNumber !== undefined) nurse.bigNumber = dto.bigNumber;
      if (dto.phone !== undefined) nurse.phone = dto.phone;
      if (dto.contractMinutesPerWeek !== undefined) nurse.contractMinutesPerWeek = dto.contractMinutesPerWeek;
      if (dto.regionCodes !== undefined) {
        const missing = await this.unknownRegions(m, dto.regionCodes);
        if (missing.length) throw new RuleViolationError(missing);
        nurse.regionCodes = regionList(dto.regionCodes);
      }
      await m.save(NurseEntity, nurse);
      await this.audit.append(m, who, 'update', 'nurse', id, `fields: ${Object.keys(dto).join(', ') || 'none'}`);
      return nurseView(nurse);
    }, locks);
  }
}
