import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

/**
 * The one-time "Ik ga" link of a page's SMS (`<PUBLIC_URL>/p/<code>`): for that page's nurse only,
 * usable once, while the request is open. Only the SHA-256 of the code is kept.
 */
@Entity('page_links')
@Index('page_links_secret_hash', ['secretHash'], { unique: true })
@Index('page_links_page', ['pageId'])
export class PageLinkEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('request_pages', { name: 'page_links_page_id_fkey' })
  @Column('text', { name: 'page_id' })
  pageId: string;
  @Column('text', { name: 'secret_hash' }) secretHash: string;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
  @Column('bigint', { name: 'used_at', nullable: true, transformer: bigintAsNumber }) usedAt: number | null;
}
