import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import config from '../eslint.config.js';
import { LAYERS } from '../lint/layers.js';
import { walls } from '../lint/walls.js';

/**
 * The walls between the modules of src/ are kept by the linter (lint/walls.js): each rule is shown
 * failing on a planted import, and passing on what is allowed.
 */
const cwd = process.cwd();
const linter = new Linter({ configType: 'flat', cwd });
const rules = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' as const } },
    plugins: { walls },
    rules: { 'walls/layer-order': 'error' as const, 'walls/feature-entities': 'error' as const },
  },
];

/** The wall rules' messages for a file at `path` (relative to the project) holding `code`. */
function lint(path: string, code: string): string[] {
  return linter
    .verify(code, rules, { filename: join(cwd, path) })
    .map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`)
    .filter((m) => m.startsWith('walls/') || m.startsWith('parse'));
}

describe("walls/feature-entities: another module's entity classes are types only", () => {
  it("refuses a value use of another module's entity (a query through the class)", () => {
    const messages = lint(
      'src/fees/planted.ts',
      `import { ContractEntity } from '../contracts/contract.entity.js';
       export const load = (m: any) => m.find(ContractEntity);`,
    );
    expect(messages).toEqual([
      expect.stringMatching(/^walls\/feature-entities: ContractEntity belongs to contracts: read and change its table through contracts's exported service/),
    ]);
  });

  it('refuses it in a module registration and with new, once per import', () => {
    expect(
      lint(
        'src/auth/planted.module.ts',
        `import { UserEntity } from '../identity/user.entity.js';
         import { TypeOrmModule } from '@nestjs/typeorm';
         export const feature = TypeOrmModule.forFeature([UserEntity]);
         export const blank = () => new UserEntity();`,
      ),
    ).toEqual([expect.stringContaining('UserEntity belongs to identity')]);
  });

  it('refuses a re-export of it', () => {
    expect(lint('src/fees/planted.ts', `export { SlotEntity } from '../roster/roster.entities.js';`)).toEqual([
      expect.stringContaining('SlotEntity belongs to roster'),
    ]);
  });

  it('allows a type import, and an import used only as a type', () => {
    expect(
      lint('src/fees/planted.ts', `import type { ContractEntity } from '../contracts/contract.entity.js'; export let c: ContractEntity | null = null;`),
    ).toEqual([]);
    expect(
      lint('src/fees/planted.ts', `import { ContractEntity } from '../contracts/contract.entity.js'; export function f(c: ContractEntity) { return c.id; }`),
    ).toEqual([]);
  });

  it("allows a module its own entities, and another module's constants", () => {
    expect(
      lint('src/contracts/planted.ts', `import { ContractEntity } from './contract.entity.js'; export const load = (m: any) => m.find(ContractEntity);`),
    ).toEqual([]);
    expect(
      lint('src/roster/dto/planted.ts', `import { SlotEntity } from '../roster.entities.js'; export const load = (m: any) => m.find(SlotEntity);`),
    ).toEqual([]);
    expect(lint('src/coverage/planted.ts', `import { FUNCTIONS } from '../contracts/contract.entity.js'; export const all = [...FUNCTIONS];`)).toEqual([]);
  });
});

describe('walls/layer-order: a module imports only from the layers below its own', () => {
  it('refuses an import from a layer above', () => {
    expect(lint('src/contracts/planted.ts', `import { computeMonthlyFee } from '../fees/fee-calculator.js'; export const f = computeMonthlyFee;`)).toEqual([
      'walls/layer-order: contracts may not import from fees: fees is not below contracts in the layer order (lint/layers.js). Move the code down, or let fees call contracts instead.',
    ]);
  });

  it('refuses an import from the same layer, a type import and an import() too', () => {
    expect(lint('src/fees/planted.ts', `import type { CalendarService } from '../calendar/calendar.service.js'; export let c: CalendarService;`)).toEqual([
      expect.stringContaining('fees may not import from calendar'),
    ]);
    expect(lint('src/common/planted.ts', `export const load = () => import('../config/app-config.js');`)).toEqual([
      expect.stringContaining('common may not import from config'),
    ]);
  });

  it('allows an import from a layer below, within the module, and of packages', () => {
    expect(
      lint(
        'src/fees/planted.ts',
        `import { ContractsService } from '../contracts/contracts.service.js';
         import { Clock } from '../common/clock.js';
         import { positionMinutesOf } from './position-minutes.js';
         import { Injectable } from '@nestjs/common';
         export const all = [ContractsService, Clock, positionMinutesOf, Injectable];`,
      ),
    ).toEqual([]);
  });

  it('names a module that is in no layer, and leaves files outside src/ alone', () => {
    expect(lint('src/referrals/planted.ts', `import { Clock } from '../common/clock.js'; export const c = Clock;`)).toEqual([
      'walls/layer-order: src/referrals is in no layer of lint/layers.js: place it in the order.',
    ]);
    expect(lint('test/planted.ts', `import { ContractEntity } from '../src/contracts/contract.entity.js'; export const c = new ContractEntity();`)).toEqual([]);
  });

  it('places every folder and root file of src/ in the order', () => {
    const modules = readdirSync(join(cwd, 'src')).map((name) => name.replace(/\.ts$/, ''));
    expect(modules.filter((module) => !LAYERS.some((layer) => layer.includes(module)))).toEqual([]);
  });
});

describe('the lint configuration', () => {
  const blocks = config as Array<{ files?: string[]; ignores?: string[]; rules?: Record<string, unknown> }>;

  it('applies both wall rules to the service code', () => {
    expect(blocks).toContainEqual(
      expect.objectContaining({ files: ['src/**/*.ts'], rules: { 'walls/layer-order': 'error', 'walls/feature-entities': 'error' } }),
    );
  });

  it('exempts no module from either wall rule', () => {
    const exemptions = blocks.filter((b) => Object.entries(b.rules ?? {}).some(([rule, level]) => rule.startsWith('walls/') && level === 'off'));
    expect(exemptions).toEqual([]);
  });
});

describe('the folder-cycle check of npm run lint', () => {
  const run = (root: string) => {
    try {
      return { status: 0, out: execFileSync(process.execPath, ['scripts/folder-cycles.js', root], { cwd, encoding: 'utf8' }) };
    } catch (e) {
      const failed = e as { status: number; stdout: string };
      return { status: failed.status, out: failed.stdout };
    }
  };

  it('finds no cycle between the modules of src/', () => {
    expect(run('src')).toEqual({ status: 0, out: 'no import cycles between the modules of src\n' });
  });

  it('fails on a planted cycle and shows the imports that close it', () => {
    const root = mkdtempSync(join(tmpdir(), 'folder-cycles-'));
    try {
      for (const dir of ['fees', 'roster', 'common']) mkdirSync(join(root, dir));
      writeFileSync(join(root, 'fees', 'a.ts'), `import type { B } from '../roster/b.js';\nexport type A = B;\n`);
      writeFileSync(join(root, 'roster', 'b.ts'), `import { c } from '../common/c.js';\nexport { a } from '../fees/a.js';\nexport type B = typeof c;\n`);
      writeFileSync(join(root, 'common', 'c.ts'), `export const c = 1;\n`);
      const { status, out } = run(root);
      expect(status).toBe(1);
      expect(out).toContain('cycle: fees → roster → fees');
      expect(out).toMatch(/fees\/a\.ts imports \.\.\/roster\/b\.js/);
      expect(out).toMatch(/roster\/b\.ts imports \.\.\/fees\/a\.js/);
      expect(out).toContain('1 import cycle(s) between the modules of');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
