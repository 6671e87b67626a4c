import supertest from 'supertest';
import type { Response } from 'superagent';
import { checkerFor, type OpenApiDocument, registeredChecker, type AnswerChecker } from './openapi-answers.js';

/**
 * Jest setup (setupFilesAfterEnv): every answer that a test receives through supertest is checked
 * against the OpenAPI document its server serves (openapi-answers.ts). A mismatch fails the
 * request's promise, and so the test, with the route, the status and what differs.
 *
 * The document of a server started by startTestApp is registered in process; any other server is
 * asked for /docs-json once.
 */
/** A request that is not checked: the checker's own request for /docs-json. */
const UNCHECKED = Symbol('unchecked');
const PATCHED = Symbol('answers checked');

/** What of supertest's Test (a superagent request) the check uses. */
interface SupertestTest {
  end: (this: SupertestTest, fn: (err: unknown, res: Response | undefined) => void) => unknown;
  app: unknown;
  method: string;
  url: string;
  [UNCHECKED]?: boolean;
}
const { Test } = supertest as unknown as { Test: { prototype: SupertestTest & { [PATCHED]?: true } } };
const fetched = new WeakMap<object, Promise<AnswerChecker>>();
const fetchedByOrigin = new Map<string, Promise<AnswerChecker>>();

function checkerOf(app: unknown): Promise<AnswerChecker> {
  if (typeof app === 'object' && app !== null) {
    const known = registeredChecker(app);
    if (known) return Promise.resolve(known);
    let pending = fetched.get(app);
    if (!pending) fetched.set(app, (pending = fetchDocument(app)));
    return pending;
  }
  const origin = new URL(String(app)).origin;
  let pending = fetchedByOrigin.get(origin);
  if (!pending) fetchedByOrigin.set(origin, (pending = fetchDocument(origin)));
  return pending;
}

async function fetchDocument(app: unknown): Promise<AnswerChecker> {
  const test = supertest(app as string).get('/docs-json') as ReturnType<ReturnType<typeof supertest>['get']> & { [UNCHECKED]?: boolean };
  test[UNCHECKED] = true;
  const res = await test;
  if (res.status !== 200) throw new Error(`/docs-json answered ${res.status}`);
  return checkerFor(res.body as OpenApiDocument);
}

function mismatch(problem: string): Error {
  const error = new Error(`The answer does not match the OpenAPI document: ${problem}`);
  error.stack = error.message; // where the check runs says nothing; the route and status say it all
  return error;
}

if (!Test.prototype[PATCHED]) {
  const end = Test.prototype.end;
  Test.prototype[PATCHED] = true;
  Test.prototype.end = function (fn) {
    return end.call(this, (err, res) => {
      if (this[UNCHECKED] || !res) return fn(err, res);
      const url = new URL(this.url);
      checkerOf(this.app).then(
        (checker) => {
          const problem = checker.problems({
            method: this.method,
            path: url.pathname,
            status: res.status,
            contentType: res.headers['content-type'],
            body: res.body,
            text: res.text,
          });
          fn(err ?? (problem ? mismatch(problem) : null), res);
        },
        (e: unknown) => fn(err ?? e, res),
      );
    });
  };
}
