import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which addresses a provider's paging webhook may reach (the policy api.md states under "Being
 * paged"). Pure: an address in, a verdict out; resolving names and connecting live in
 * webhook-targets.ts.
 *
 * - `loopback` (127.0.0.0/8, ::1): allowed, as api.md allows http to a loopback receiver.
 * - `link-local` (169.254.0.0/16, fe80::/10) and cloud `metadata` addresses: refused always. The
 *   instance metadata services (169.254.169.254 and the like) hand out cloud credentials to
 *   whoever asks from inside.
 * - `reserved` (multicast, 240.0.0.0/4, the broadcast address): refused always; no HTTP receiver
 *   lives there.
 * - `private` (10/8, 172.16/12, 192.168/16, 100.64/10 carrier-grade NAT, 198.18/15, 0.0.0.0/8 and
 *   ::, fc00::/7, fec0::/10): refused unless WEBHOOK_ALLOW_PRIVATE=true, because a receiver
 *   inside the service's own network is rarely a provider's planning system.
 * - `public`: allowed.
 *
 * IPv6 forms that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, IPv4-translated
 * ::ffff:0:a.b.c.d, the deprecated IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96 and
 * 64:ff9b:1::/48, 6to4 2002::/16) are judged by that IPv4 address, so none slips through.
 */
export type AddressKind = 'loopback' | 'link-local' | 'metadata' | 'reserved' | 'private' | 'public';

/** Cloud instance metadata services outside the link-local block (AWS over IPv6, Alibaba Cloud, Oracle Cloud's old address). */
const METADATA_V4 = new Set(['100.100.100.200', '192.0.0.192']);
const METADATA_V6 = 'fd00:ec2:0:0:0:0:0:254';

function v4Number(text: string): number {
  return text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function inV4(n: number, base: string, bits: number): boolean {
  const size = 2 ** (32 - bits);
  const start = v4Number(base);
  return n >= start && n < start + size;
}

function kindOfV4(n: number): AddressKind {
  const dotted = [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
  if (dotted === '169.254.169.254' || METADATA_V4.has(dotted)) return 'metadata';
  if (inV4(n, '169.254.0.0', 16)) return 'link-local';
  if (inV4(n, '127.0.0.0', 8)) return 'loopback';
  if (inV4(n, '224.0.0.0', 4) || inV4(n, '240.0.0.0', 4)) return 'reserved';
  for (const [base, bits] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
    ['100.64.0.0', 10],
    ['198.18.0.0', 15],
  ] as const) {
    if (inV4(n, base, bits)) return 'private';
  }
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail included), or null. */
export function ipv6Groups(text: string): number[] | null {
  let address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(address)) return null;
  // A dotted IPv4 tail becomes the last two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    const n = v4Number(dotted[1]);
    address = `${address.slice(0, -dotted[1].length)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const toGroups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const left = toGroups(halves[0]);
  const right = halves.length === 2 ? toGroups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function kindOfV6(g: number[]): AddressKind {
  const v4At = (i: number) => kindOfV4(g[i] * 65536 + g[i + 1]);
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return 'private'; // :: — "this host", like 0.0.0.0
  if (zeros(0, 7) && g[7] === 1) return 'loopback';
  if (zeros(0, 5) && g[5] === 0xffff) return v4At(6); // IPv4-mapped
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return v4At(6); // IPv4-translated
  if (zeros(0, 6)) return v4At(6); // IPv4-compatible (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && (zeros(2, 6) || g[2] === 1)) return v4At(6); // NAT64
  if (g[0] === 0x2002) return v4At(1); // 6to4
  if (g.map((x) => x.toString(16)).join(':') === METADATA_V6) return 'metadata';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated)
  if ((g[0] & 0xfe00) === 0xfc00) return 'private'; // unique local
  if ((g[0] & 0xff00) === 0xff00) return 'reserved'; // multicast
  return 'public';
}

/** What kind of address this is, or null when it is no IP address (a host name). */
export function addressKind(address: string): AddressKind | null {
  if (isIPv4(address)) return kindOfV4(v4Number(address));
  const groups = ipv6Groups(address);
  return groups ? kindOfV6(groups) : null;
}

/** Why the webhook may not go to this address, or null when it may. */
export function addressRefusal(address: string, allowPrivate: boolean): string | null {
  const kind = addressKind(address);
  if (kind === null) return `${address} is not an IP address`;
  switch (kind) {
    case 'loopback':
    case 'public':
      return null;
    case 'private':
      return allowPrivate ? null : `${address} is a private-network address (allowed only with WEBHOOK_ALLOW_PRIVATE=true)`;
    case 'link-local':
      return `${address} is a link-local address`;
    case 'metadata':
      return `${address} is a cloud metadata address`;
    case 'reserved':
      return `${address} is a multicast or reserved address`;
  }
}
