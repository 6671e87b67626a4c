import { Ajv, type ValidateFunction } from 'ajv';
import { ERROR_CODES } from '../../src/common/codes.js';

/**
 * Checks an answer of the service against the OpenAPI document it serves at /docs-json: a JSON
 * answer must match the schema documented for its route and status, exactly (no field the class
 * does not declare, none missing, no null where none is documented), and every 4xx carries a
 * `code` from the one list. The e2e suite runs every answer through this (see check-answers.ts),
 * so the web app's generated types are the answers' real shapes.
 */

type Schema = Record<string, any>;
export type OpenApiDocument = {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
} & Schema;

export interface Answer {
  method: string;
  /** The path of the request, without the query string. */
  path: string;
  status: number;
  contentType: string | undefined;
  body: unknown;
  /** The raw text, for a JSON answer that was not parsed. */
  text?: string;
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  literals: number;
}

const ERROR_SCHEMA = '#/components/schemas/ApiErrorDto';
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/**
 * OpenAPI 3.0 schemas → JSON Schema for Ajv: `nullable` becomes a union with null, and every
 * object that lists its properties admits no others (a view that adds a field fails).
 */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { nullable, example: _example, ...rest } = schema as Schema;
  const converted: Schema = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === '$ref' && typeof value === 'string') converted.$ref = value.replace('#/components/', 'openapi#/components/');
    else if (key === 'properties') converted.properties = Object.fromEntries(Object.entries(value as Schema).map(([name, s]) => [name, toJsonSchema(s)]));
    else converted[key] = toJsonSchema(value);
  }
  if (converted.properties && converted.additionalProperties === undefined) converted.additionalProperties = false;
  return nullable === true ? { anyOf: [{ type: 'null' }, converted] } : converted;
}

/** The checker of one OpenAPI document: its routes, and a compiled validator per response schema. */
export class AnswerChecker {
  private readonly ajv = new Ajv({ allErrors: true, strict: false, formats: { date: /^\d{4}-\d{2}-\d{2}$/, binary: true } });
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv.addSchema({ $id: 'openapi', components: toJsonSchema(document.components ?? {}) });
    this.routes = Object.entries(document.paths).flatMap(([template, operations]) =>
      Object.keys(operations)
        .filter((method) => HTTP_METHODS.has(method))
        .map((method) => {
          const segments = template.split('/');
          const pattern = new RegExp(`^${segments.map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : escape(s))).join('/')}/?$`);
          return { method, template, pattern, literals: segments.filter((s) => !s.startsWith('{')).length };
        }),
    );
  }

  /** The documented route of a request: the match with the most literal segments (`/api/requests/stats` before `/api/requests/{id}`). */
  route(method: string, path: string): Route | undefined {
    const lower = method.toLowerCase();
    return this.routes.filter((r) => r.method === lower && r.pattern.test(path)).sort((a, b) => b.literals - a.literals)[0];
  }

  /** What is wrong with an answer, in words; null when nothing is. */
  problems(answer: Answer): string | null {
    const where = `${answer.method.toUpperCase()} ${answer.path} → ${answer.status}`;
    const json = /^application\/(?:[\w.+-]+\+)?json\b/i.test(answer.contentType ?? '');
    const isError = answer.status >= 400;
    if (isError && answer.status < 500 && !json) {
      // The sign-in pages answer a browser, in HTML: the only refusals without a JSON body.
      if (answer.path.startsWith('/auth/') && /^text\/html\b/i.test(answer.contentType ?? '')) return null;
      return `${where}: a refusal must be JSON with a code, got ${answer.contentType ?? 'no content type'}`;
    }
    if (!json || answer.method.toUpperCase() === 'HEAD') return null;
    const body = answer.body !== undefined && !(answer.body instanceof Buffer) ? answer.body : safeParse(answer.text);
    if (isError && answer.status < 500) {
      const code = (body as { code?: unknown } | null)?.code;
      if (!ERROR_CODES.includes(code as never))
        return `${where}: a refusal needs a code from ERROR_CODES, got ${JSON.stringify(code)} in ${JSON.stringify(body)}`;
    }
    const route = this.route(answer.method, answer.path);
    let ref: string;
    let schema: Schema | undefined;
    if (route) {
      const responses = this.document.paths[route.template][route.method].responses ?? {};
      const documented = responses[String(answer.status)];
      if (!documented) {
        return `${where}: /docs-json documents only ${Object.keys(responses).join(', ')} for ${route.method.toUpperCase()} ${route.template}`;
      }
      const media = Object.entries(documented.content ?? {}).find(([type]) => /json/i.test(type));
      if (!media?.[1].schema) return `${where}: /docs-json documents no JSON body for this status of ${route.method.toUpperCase()} ${route.template}`;
      ref = `${route.method} ${route.template} ${answer.status}`;
      schema = media[1].schema;
    } else if (isError) {
      // No route (an unknown path, or a request refused before routing): the error shape all the same.
      ref = ERROR_SCHEMA;
      schema = { $ref: ERROR_SCHEMA };
    } else {
      return null; // Not an API route: /docs-json itself, the web app's files.
    }
    const validate = this.validator(ref, schema);
    if (validate(body)) return null;
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '(answer)'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    return `${where} does not match ${route ? `the schema of ${route.method.toUpperCase()} ${route.template}` : 'the error schema'}:\n  ${[...new Set(errors)].slice(0, 12).join('\n  ')}\nanswer: ${JSON.stringify(body).slice(0, 2000)}`;
  }

  private validator(ref: string, schema: Schema): ValidateFunction {
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Schema);
      this.validators.set(ref, validate);
    }
    return validate;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
}

function safeParse(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

const checkers = new Map<string, AnswerChecker>();
const documentsByServer = new WeakMap<object, AnswerChecker>();

/** One checker per distinct document (every app of one test file serves the same one). */
export function checkerFor(document: OpenApiDocument): AnswerChecker {
  const key = JSON.stringify(document);
  let checker = checkers.get(key);
  if (!checker) {
    checker = new AnswerChecker(document);
    checkers.set(key, checker);
  }
  return checker;
}

/** Registers the document a server serves, so that its answers are checked without asking it (and without counting against its rate limit). */
export function registerDocument(server: object, document: OpenApiDocument): void {
  documentsByServer.set(server, checkerFor(document));
}

export function registeredChecker(server: object): AnswerChecker | undefined {
  return documentsByServer.get(server);
}
