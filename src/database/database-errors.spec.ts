import { QueryFailedError } from 'typeorm';
import { classifyDatabaseError, POOL_UNAVAILABLE_CODE } from './database-errors.js';

function failed(driverError: object): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], Object.assign(new Error('whatever the server said'), driverError));
}

describe('database errors are recognised by their code, not their wording', () => {
  it.each([
    ['23505', 'conflict'],
    ['23503', 'conflict'],
    ['23514', 'conflict'],
    ['P0001', 'conflict'],
    ['55P03', 'unavailable'],
    ['57014', 'unavailable'],
    ['40P01', 'unavailable'],
    ['40001', 'unavailable'],
    ['08006', 'unavailable'],
    ['22P05', 'bad-input'],
    ['42601', 'unknown'],
  ])('PostgreSQL SQLSTATE %s is a %s', (code, kind) => {
    expect(classifyDatabaseError(failed({ code }))).toBe(kind);
  });

  it('a SQLite constraint failure (unique, foreign key, check or a trigger) is a conflict, busy is unavailable', () => {
    expect(classifyDatabaseError(failed({ code: 'SQLITE_CONSTRAINT', errno: 19 }))).toBe('conflict');
    expect(classifyDatabaseError(failed({ code: 'SQLITE_BUSY', errno: 5 }))).toBe('unavailable');
    expect(classifyDatabaseError(failed({ code: 'SQLITE_ERROR', errno: 1 }))).toBe('unknown');
  });

  it('a message that merely mentions UNIQUE does not make a conflict', () => {
    expect(classifyDatabaseError(new Error('UNIQUE constraint failed'))).toBe('unknown');
  });

  it('a failed query without a code comes from the client library (connection lost, its timeout) and means unavailable', () => {
    expect(classifyDatabaseError(failed({}))).toBe('unavailable');
    expect(classifyDatabaseError(Object.assign(new Error('timeout'), { code: POOL_UNAVAILABLE_CODE }))).toBe('unavailable');
    expect(classifyDatabaseError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe('unavailable');
  });
});
