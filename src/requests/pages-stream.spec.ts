import type { DataSource } from 'typeorm';
import { type AccessEndReason, AccessEnds } from '../identity/access-ends.js';
import type { AccessHolder, SessionsService } from '../identity/sessions.service.js';
import type { Transactions } from '../database/transactions.js';
import { PagesStream, type PageListener } from './pages-stream.js';
import type { RequestPageEntity } from './request.entities.js';

const page = (id: string, nurseId: string) => ({ id, nurseId, userId: null, requestId: 'r', pagedAt: 0 }) as unknown as RequestPageEntity;

/** A pages table whose reads answer in the order given; each answer may be held until released. */
function fakeTable() {
  const answers: Array<Promise<RequestPageEntity[]>> = [];
  const dataSource = {
    options: { type: 'sqlite' },
    getRepository: () => ({ find: () => answers.shift() ?? Promise.resolve([]) }),
  } as unknown as DataSource;
  return { dataSource, answers };
}

function listener(nurseId: string, sessionId: string | null = null): PageListener & { got: string[]; ended: AccessEndReason[] } {
  const got: string[] = [];
  const ended: AccessEndReason[] = [];
  return { nurseId, userId: `user-${nurseId}`, sessionId, got, ended, send: (p) => got.push(p.id), end: (reason) => ended.push(reason) };
}

/** Identity as the stream asks it: which holders' access has ended (a set the test fills). */
function fakeIdentity() {
  const accessEnds = new AccessEnds({ isPostgres: false } as Transactions);
  const over = new Map<string, AccessEndReason>();
  const sessions = {
    endedAccess: async (holders: AccessHolder[]) => holders.map((h) => over.get(h.sessionId ?? h.userId) ?? null),
  } as unknown as SessionsService;
  return { accessEnds, sessions, over };
}

describe('PagesStream', () => {
  it('a stream still opening gets no old page from a poll, and every new page once it is open', async () => {
    const { dataSource, answers } = fakeTable();
    const { accessEnds, sessions } = fakeIdentity();
    const stream = new PagesStream(dataSource, accessEnds, sessions);
    const anna = listener('anna');
    const bram = listener('bram');
    answers.push(Promise.resolve([]));
    const stopAnna = await stream.subscribe(anna);

    // Bram's stream opens; reading his existing pages is slow.
    let release!: (rows: RequestPageEntity[]) => void;
    answers.push(new Promise((r) => (release = r)));
    const opening = stream.subscribe(bram);
    // A poll runs meanwhile and finds Bram's old page and a new one of Anna's.
    answers.push(Promise.resolve([page('new-anna', 'anna'), page('old-bram', 'bram')]));
    await (stream as unknown as { poll(): Promise<void> }).poll();
    expect(anna.got).toEqual(['new-anna']);
    expect(bram.got).toEqual([]);
    // A page published while Bram's stream opens is new: it reaches him.
    stream.publish([page('new-bram', 'bram')]);
    expect(bram.got).toEqual(['new-bram']);

    release([page('old-bram', 'bram'), page('new-bram', 'bram')]);
    const stopBram = await opening;
    answers.push(Promise.resolve([page('new-anna', 'anna'), page('old-bram', 'bram'), page('new-bram', 'bram'), page('newer-bram', 'bram')]));
    await (stream as unknown as { poll(): Promise<void> }).poll();
    expect(bram.got).toEqual(['new-bram', 'newer-bram']);
    expect(anna.got).toEqual(['new-anna']);
    stopAnna();
    stopBram();
    stream.onModuleDestroy();
  });

  it('a stream ends when its session ends or its user is revoked, and no other stream does', async () => {
    const { dataSource } = fakeTable();
    const { accessEnds, sessions } = fakeIdentity();
    const stream = new PagesStream(dataSource, accessEnds, sessions);
    stream.onModuleInit();
    const laptop = listener('anna', 'session-laptop');
    const phone = listener('anna', 'session-phone');
    const token = listener('anna', null);
    const bram = listener('bram', 'session-bram');
    for (const l of [laptop, phone, token, bram]) await stream.subscribe(l);
    accessEnds.publish([{ userId: 'user-anna', sessionId: 'session-laptop', reason: 'session-ended' }]);
    expect([laptop.ended, phone.ended, token.ended, bram.ended]).toEqual([['session-ended'], [], [], []]);
    // An ended stream gets no more pages, the others do.
    stream.publish([page('p1', 'anna')]);
    expect([laptop.got, phone.got, token.got]).toEqual([[], ['p1'], ['p1']]);
    accessEnds.publish([{ userId: 'user-anna', sessionId: null, reason: 'user-revoked' }]);
    expect([laptop.ended, phone.ended, token.ended, bram.ended]).toEqual([['session-ended'], ['user-revoked'], ['user-revoked'], []]);
    // Announced twice (here and by NOTIFY): ended once.
    accessEnds.publish([{ userId: 'user-anna', sessionId: null, reason: 'user-revoked' }]);
    expect(phone.ended).toEqual(['user-revoked']);
    stream.onModuleDestroy();
  });

  it('the poll ends a stream whose session expired meanwhile', async () => {
    const { dataSource, answers } = fakeTable();
    const { accessEnds, sessions, over } = fakeIdentity();
    const stream = new PagesStream(dataSource, accessEnds, sessions);
    const anna = listener('anna', 'session-anna');
    const bram = listener('bram', 'session-bram');
    answers.push(Promise.resolve([]), Promise.resolve([]));
    await stream.subscribe(anna);
    await stream.subscribe(bram);
    over.set('session-anna', 'session-ended');
    await (stream as unknown as { checkAccess(l: PageListener[]): Promise<void> }).checkAccess([anna, bram]);
    expect([anna.ended, bram.ended]).toEqual([['session-ended'], []]);
    stream.onModuleDestroy();
  });
});
