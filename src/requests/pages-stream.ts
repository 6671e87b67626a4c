import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { RequestPageEntity } from './request.entities.js';

/** One open event stream: whose pages it wants and where to send them. */
export interface PageListener {
  nurseId: string | null;
  userId: string;
  send(page: RequestPageEntity): void;
}

/** How often an instance looks for pages another instance wrote, while someone listens. */
const POLL_MS = 1_000;
/** The newest pages of the listeners that one poll reads. */
const POLL_ROWS = 200;

/**
 * Pages to the open event streams of this instance: at once for pages this instance wrote (after
 * their commit), and within a second for pages another instance wrote (a poll of the pages table
 * that runs only while streams are open). Each stream gets each page once, and only pages that
 * did not exist when it opened (the list endpoint has those).
 */
@Injectable()
export class PagesStream implements OnModuleDestroy {
  private readonly listeners = new Map<PageListener, Set<string>>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(private readonly dataSource: DataSource) {}

  private get pages() {
    return this.dataSource.getRepository(RequestPageEntity);
  }

  private whereOf(listeners: PageListener[]) {
    const nurseIds = [...new Set(listeners.map((l) => l.nurseId).filter((id): id is string => !!id))];
    const userIds = [...new Set(listeners.filter((l) => !l.nurseId).map((l) => l.userId))];
    const where = [];
    if (nurseIds.length) where.push({ nurseId: In(nurseIds) });
    if (userIds.length) where.push({ userId: In(userIds) });
    return where;
  }

  /** Starts sending new pages to the listener; returns the function that stops it. */
  async subscribe(listener: PageListener): Promise<() => void> {
    // What exists now counts as seen: a stream carries only what is new.
    const existing = await this.pages.find({ where: this.whereOf([listener]), select: { id: true }, order: { pagedAt: 'DESC' }, take: POLL_ROWS });
    this.listeners.set(listener, new Set(existing.map((p) => p.id)));
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), POLL_MS);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /** Pages just committed by this instance. */
  publish(pages: RequestPageEntity[]): void {
    for (const page of pages) for (const [listener, seen] of this.listeners) this.deliver(listener, seen, page);
  }

  private deliver(listener: PageListener, seen: Set<string>, page: RequestPageEntity): void {
    const mine = listener.nurseId ? page.nurseId === listener.nurseId : page.userId === listener.userId;
    if (!mine || seen.has(page.id)) return;
    seen.add(page.id);
    listener.send(page);
  }

  private async poll(): Promise<void> {
    if (this.polling || !this.listeners.size) return;
    this.polling = true;
    try {
      const pages = await this.pages.find({ where: this.whereOf([...this.listeners.keys()]), order: { pagedAt: 'DESC' }, take: POLL_ROWS });
      for (const page of pages.reverse()) for (const [listener, seen] of this.listeners) this.deliver(listener, seen, page);
    } catch {
      // A failed poll is retried on the next tick; pages of this instance arrive by publish anyway.
    } finally {
      this.polling = false;
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }
}
