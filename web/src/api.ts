/**
 * The one way the web app talks to the service: JSON over fetch with the bearer token from
 * sessionStorage. The token never goes into a URL; downloads are fetched with the header too.
 */
const TOKEN_KEY = 'wijkwacht.token';
/** Fired on window when the service no longer accepts the stored token. */
export const SIGNED_OUT = 'wijkwacht:signed-out';

export interface Violation {
  rule: string;
  message: string;
}

/** An answer other than 2xx, kept whole so the screen can put it into words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly serverMessage: string,
    readonly violations: Violation[],
  ) {
    super(`${status} ${serverMessage}`);
  }
}

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
}

async function send(method: string, path: string, body?: unknown, token = storedToken()): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', []);
  }
  if (res.status === 401 && token !== null && token === storedToken()) {
    // The token was revoked (or the admin token changed): back to the sign-in form.
    storeToken(null);
    window.dispatchEvent(new Event(SIGNED_OUT));
  }
  if (!res.ok) {
    let message = res.statusText;
    let violations: Violation[] = [];
    try {
      const err = (await res.json()) as { message?: string | string[]; violations?: Violation[] };
      message = Array.isArray(err.message) ? err.message.join('; ') : (err.message ?? message);
      violations = err.violations ?? [];
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(res.status, message, violations);
  }
  return res;
}

export async function api<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await send(method, path, body, token);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const del = (path: string) => api<void>('DELETE', path);

/** Fetches a file with the token in the header and hands it to the browser as a download. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await send('GET', path);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  return q.toString();
}

// ---- shapes the app reads (the fields it uses) ----

export type Role = 'admin' | 'coordinator' | 'insurer' | 'nurse';
export type FunctionCode = 'unplanned-night-care' | 'acute-screening' | 'specialist-nursing' | 'care-coordination';

export interface Me {
  id: string;
  name: string;
  role: Role;
  regionCodes: string[];
  insurerUzovi: string | null;
  nurseId: string | null;
}

export interface Region {
  code: string;
  name: string;
  population: number;
  preferredInsurerUzovi: string;
  timezone: string;
}

export interface Contract {
  id: string;
  regionCode: string;
  insurerUzovi: string;
  function: FunctionCode;
  responsibleParty: { type: 'provider' | 'consortium'; agb?: string; consortiumId?: string; name?: string };
  validFrom: string;
  validTo: string | null;
  fee: { fixedMonthlyCents: number; perPositionHourCents: number; perInhabitantMonthlyCents: number };
  sla: { minCoveragePct: number; deductionPerUncoveredHourCents: number } | null;
  status: 'active' | 'terminated';
}

/** What a slot and a nurse's shift have in common: where, what, and when in the region's offset. */
interface Duty {
  id: string;
  regionCode: string;
  function: FunctionCode;
  localDate: string;
  start: string;
  end: string;
  durationMinutes: number;
  dutyType: 'shift' | 'on-call';
}

export interface Slot extends Duty {
  contractId: string;
  isHoliday: boolean;
  requiredNurses: number;
  requiredQualifications: string[];
  assignments: Array<{ id: string; nurseId: string; nurseName: string }>;
  status: 'open' | 'partial' | 'covered';
}

export interface Candidate {
  nurseId: string;
  name: string;
  qualified: boolean;
  violations: Violation[];
  monthMinutes: number;
  nights16Weeks: number;
}

export interface Shift extends Duty {
  slotId: string;
}

export interface Offer {
  id: string;
  assignmentId: string;
  slotId: string;
  regionCode: string;
  fromNurseId: string;
  toNurseId: string | null;
  takerNurseId: string | null;
  status: 'open' | 'accepted' | 'approved' | 'rejected' | 'withdrawn' | 'cancelled';
  function: FunctionCode | null;
  localDate: string | null;
  start: string | null;
  end: string | null;
  fromNurseName: string | null;
  toNurseName: string | null;
  takerNurseName: string | null;
}

export interface Alert {
  id: string;
  slotId: string;
  regionCode: string;
  function: FunctionCode;
  start: string;
  end: string;
  missing: number;
  status: 'open' | 'resolved';
  createdAt: string;
}

export interface Nurse {
  id: string;
  name: string;
  employerAgb: string;
  qualifications: string[];
}

export interface Absence {
  id: string;
  nurseId: string;
  from: string;
  to: string;
  reason: 'leave' | 'sick' | 'training' | 'other';
}

export interface Coverage {
  contractId: string;
  function: FunctionCode;
  positionMinutes: number;
  coveredMinutes: number;
  uncoveredMinutes: number;
  coveragePct: number;
}

export interface Statement {
  id: string;
  contractId: string;
  regionCode: string;
  function: FunctionCode;
  insurerUzovi: string;
  responsibleParty: { type: string; agb?: string; consortiumId?: string; name?: string };
  month: string;
  status: 'draft' | 'final';
  positionMinutes: number;
  coveredMinutes: number;
  coveragePct: number;
  lines: { fixedCents: number; capitationCents: number; positionHoursCents: number; deductionCents: number };
  totalCents: number;
  computedAt: string;
  finalizedAt: string | null;
}
