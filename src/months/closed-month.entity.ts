import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

/** A contract's roster month closed by its final fee statement; it never reopens. */
@Entity('closed_months')
export class ClosedMonthEntity {
  @ForeignKey('contracts', { name: 'closed_months_contract_id_fkey' })
  @PrimaryColumn('text', { name: 'contract_id' })
  contractId: string;
  @PrimaryColumn('text') month: string;
  @Column('bigint', { name: 'closed_at', transformer: bigintAsNumber }) closedAt: number;
}
