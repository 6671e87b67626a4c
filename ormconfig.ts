import { resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import { DataSource, DataSourceOptions } from 'typeorm';
import { UserEntity } from './src/identity/user.entity.js';
import { ConsortiumEntity, InsurerEntity, ProviderEntity, RegionEntity } from './src/reference/reference.entities.js';
import { NurseEntity } from './src/nurses/nurse.entity.js';
import { ContractEntity } from './src/contracts/contract.entity.js';
import { SlotEntity, TemplateEntity } from './src/roster/roster.entities.js';
import { AssignmentEntity } from './src/assignments/assignment.entity.js';
import { FeeStatementEntity } from './src/fees/fee-statement.entity.js';
import { CalendarFeedEntity } from './src/calendar/calendar-feed.entity.js';
import { AuditEventEntity } from './src/audit/audit-event.entity.js';
import { JobRunEntity } from './src/jobs/job-run.entity.js';
import { InitialSchema1795420800000 } from './src/migrations/1795420800000-InitialSchema.js';
import { PlanningAids1795507200000 } from './src/migrations/1795507200000-PlanningAids.js';
import { GapAlerts1795593600000 } from './src/migrations/1795593600000-GapAlerts.js';
import { AssignmentsOutliveSlots1795680000000 } from './src/migrations/1795680000000-AssignmentsOutliveSlots.js';
import { AppendOnlyHardening1795766400000 } from './src/migrations/1795766400000-AppendOnlyHardening.js';
import { WideFeeColumns1795852800000 } from './src/migrations/1795852800000-WideFeeColumns.js';
import { ClosedMonths1795939200000 } from './src/migrations/1795939200000-ClosedMonths.js';
import { NamedSqliteConstraints1796025600000 } from './src/migrations/1796025600000-NamedSqliteConstraints.js';
import { DropOriginalValidTo1796112000000 } from './src/migrations/1796112000000-DropOriginalValidTo.js';
import { RosterPlansAndWishes1796200000000 } from './src/migrations/1796200000000-RosterPlansAndWishes.js';
import { RosterPlanEntity, WishEntity } from './src/roster-plans/plan.entities.js';
import { SignInForPeople1796500000000 } from './src/migrations/1796500000000-SignInForPeople.js';
import { FinalizedByAndCoordinatorPhone1796600000000 } from './src/migrations/1796600000000-FinalizedByAndCoordinatorPhone.js';
import { NurseRegionsAndPersons1796740000000 } from './src/migrations/1796740000000-NurseRegionsAndPersons.js';
import { SessionEntity } from './src/identity/session.entity.js';
import { SignInLinkEntity } from './src/auth/sign-in-link.entity.js';
import { ClosedMonthEntity } from './src/months/closed-month.entity.js';
import { AlertEntity } from './src/alerts/alert.entity.js';
import { AbsenceEntity } from './src/absences/absence.entity.js';
import { OfferEntity } from './src/offers/offer.entity.js';
import { RequestEntity, RequestPageEntity } from './src/requests/request.entities.js';
import { OutboxEntity } from './src/delivery/outbox.entity.js';
import { AcuteRequests1796300000000 } from './src/migrations/1796300000000-AcuteRequests.js';
import { ClosedMonthsNoTruncate1796700000000 } from './src/migrations/1796700000000-ClosedMonthsNoTruncate.js';
import { IdentityLinks1796700100000 } from './src/migrations/1796700100000-IdentityLinks.js';
import { UserIdentityEntity } from './src/identity/user-identity.entity.js';

/** The one DataSource definition, used by the application and by the TypeORM CLI. */
export const ENTITIES = [
  UserEntity,
  InsurerEntity,
  RegionEntity,
  ProviderEntity,
  ConsortiumEntity,
  NurseEntity,
  ContractEntity,
  TemplateEntity,
  SlotEntity,
  AssignmentEntity,
  FeeStatementEntity,
  CalendarFeedEntity,
  AuditEventEntity,
  JobRunEntity,
  AbsenceEntity,
  OfferEntity,
  AlertEntity,
  ClosedMonthEntity,
  WishEntity,
  RosterPlanEntity,
  SessionEntity,
  UserIdentityEntity,
  SignInLinkEntity,
  RequestEntity,
  RequestPageEntity,
  OutboxEntity,
];

export const MIGRATIONS = [
  InitialSchema1795420800000,
  PlanningAids1795507200000,
  GapAlerts1795593600000,
  AssignmentsOutliveSlots1795680000000,
  AppendOnlyHardening1795766400000,
  WideFeeColumns1795852800000,
  ClosedMonths1795939200000,
  NamedSqliteConstraints1796025600000,
  DropOriginalValidTo1796112000000,
  RosterPlansAndWishes1796200000000,
  AcuteRequests1796300000000,
  SignInForPeople1796500000000,
  FinalizedByAndCoordinatorPhone1796600000000,
  ClosedMonthsNoTruncate1796700000000,
  IdentityLinks1796700100000,
  NurseRegionsAndPersons1796740000000,
];

export interface DatabaseSettings {
  databasePath: string;
  databaseUrl?: string;
}

export const POSTGRES_POOL_SIZE = 10;

/**
 * Nothing waits for PostgreSQL forever (the README's production section lists these): a request
 * that cannot get a pooled connection in 5 s, waits for a lock 5 s, runs one statement 15 s, or
 * hears nothing back for 20 s fails with 503; a connection left idle inside a transaction for
 * 15 s is closed by the server, releasing its locks.
 */
export const POSTGRES_TIMEOUTS = {
  connectionTimeoutMillis: 5_000,
  lock_timeout: 5_000,
  statement_timeout: 15_000,
  query_timeout: 20_000,
  idle_in_transaction_session_timeout: 15_000,
};

export const DEFAULT_DATABASE_PATH = './data/wijkwacht.sqlite';

export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: false, synchronize: false, logging: false };
  if (settings.databaseUrl) {
    return { ...common, type: 'postgres', url: settings.databaseUrl, extra: { ...POSTGRES_TIMEOUTS, max: POSTGRES_POOL_SIZE } };
  }
  const database = resolve(settings.databasePath);
  // WAL + a busy timeout: a hard kill loses nothing committed, and a second reader waits rather than fails.
  // TypeORM switches sqlite3 to verbose mode, which captures a stack trace on every call; the
  // driver is handed over with verbose() as a no-op so the hot paths do not pay for it.
  const driver = Object.assign(Object.create(sqlite3), { verbose: () => sqlite3 });
  return { ...common, type: 'sqlite', database, driver, enableWAL: true, busyTimeout: 10_000 };
}

export default new DataSource(
  dataSourceOptions({
    databasePath: process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH,
    databaseUrl: process.env.DATABASE_URL || undefined,
  }),
);
