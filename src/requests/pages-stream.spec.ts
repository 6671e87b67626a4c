import type { DataSource } from 'typeorm';
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

function listener(nurseId: string): PageListener & { got: string[] } {
  const got: string[] = [];
  return { nurseId, userId: `user-${nurseId}`, got, send: (p) => got.push(p.id) };
}

describe('PagesStream', () => {
  it('a stream still opening gets no old page from a poll, and every new page once it is open', async () => {
    const { dataSource, answers } = fakeTable();
    const stream = new PagesStream(dataSource);
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
});
