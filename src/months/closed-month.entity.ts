import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../common/columns.js';

/** A contract's roster month closed by its final fee statement; it never reopens. */
@Entity('closed_months')
export class ClosedMonthEntity {
  @PrimaryColumn('text', { name: 'contract_id' }) contractId: string;
  @PrimaryColumn('text') month: string;
  @Column('bigint', { name: 'closed_at', transformer: bigintAsNumber }) closedAt: number;
}
