import fc from 'fast-check';
import { addressKind, addressRefusal, ipv6Groups } from './webhook-address.js';

describe('which addresses a paging webhook may reach', () => {
  it('reads IPv6 addresses in every written form, a dotted IPv4 tail and a zone included', () => {
    expect(ipv6Groups('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups('[fe80::1%eth0]')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups('::ffff:169.254.169.254')).toEqual([0, 0, 0, 0, 0, 0xffff, 0xa9fe, 0xa9fe]);
    expect(ipv6Groups('2001:db8:1:2:3:4:5:6')).toEqual([0x2001, 0xdb8, 1, 2, 3, 4, 5, 6]);
    expect(ipv6Groups('1:2:3:4:5:6:7.8.9.10')).toEqual([1, 2, 3, 4, 5, 6, 0x708, 0x90a]);
    expect(ipv6Groups('169.254.169.254')).toBeNull();
    expect(ipv6Groups('example.nl')).toBeNull();
  });

  it('the cloud metadata service and the rest of link-local are refused always, also with private ranges allowed', () => {
    for (const address of ['169.254.169.254', '169.254.170.2', '169.254.0.1', 'fe80::1', 'febf::1', 'fd00:ec2::254', '100.100.100.200']) {
      expect({ address, refusal: addressRefusal(address, true) }).toEqual({ address, refusal: expect.stringMatching(/link-local|metadata/) });
    }
  });

  it('an IPv4 address written as IPv6 is judged as that IPv4 address: mapped, translated, compatible, NAT64 and 6to4', () => {
    for (const address of [
      '::ffff:169.254.169.254',
      '::ffff:a9fe:a9fe',
      '[::ffff:a9fe:a9fe]',
      '0:0:0:0:0:ffff:a9fe:a9fe',
      '::ffff:0:169.254.169.254',
      '::169.254.169.254',
      '64:ff9b::169.254.169.254',
      '64:ff9b:1::a9fe:a9fe',
      '2002:a9fe:a9fe::1',
    ]) {
      expect({ address, kind: addressKind(address) }).toEqual({ address, kind: 'metadata' });
    }
    expect(addressKind('::ffff:10.1.2.3')).toBe('private');
    expect(addressKind('::ffff:127.0.0.1')).toBe('loopback');
    expect(addressKind('::ffff:8.8.8.8')).toBe('public');
    expect(addressKind('2002:0a00:0001::1')).toBe('private');
  });

  it('every IPv4 address has the same kind in each IPv6 form that carries it', () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        const [a, b, c, d] = v4.split('.').map(Number);
        const hex = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        const kind = addressKind(v4);
        for (const form of [`::ffff:${v4}`, `::ffff:${hex}`, `::ffff:0:${v4}`, `64:ff9b::${hex}`, `2002:${hex}::`]) {
          if (addressKind(form) !== kind) return false;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('private ranges (and 100.64/10, 0.0.0.0/8, ::, fc00::/7) are refused unless WEBHOOK_ALLOW_PRIVATE is set', () => {
    for (const address of [
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.10',
      '100.64.0.1',
      '100.127.255.254',
      '0.0.0.0',
      '0.1.2.3',
      '198.18.0.1',
      '::',
      'fc00::1',
      'fd12:3456::1',
      'fec0::1',
    ]) {
      expect({ address, kind: addressKind(address) }).toEqual({ address, kind: 'private' });
      expect(addressRefusal(address, false)).toMatch(/private-network address .*WEBHOOK_ALLOW_PRIVATE/);
      expect(addressRefusal(address, true)).toBeNull();
    }
  });

  it('the edges of each range fall on the right side', () => {
    expect(addressKind('172.15.255.255')).toBe('public');
    expect(addressKind('172.32.0.0')).toBe('public');
    expect(addressKind('100.63.255.255')).toBe('public');
    expect(addressKind('100.128.0.0')).toBe('public');
    expect(addressKind('169.253.255.255')).toBe('public');
    expect(addressKind('169.255.0.0')).toBe('public');
    expect(addressKind('11.0.0.0')).toBe('public');
    expect(addressKind('fbff::1')).toBe('public');
    expect(addressKind('fe7f::1')).toBe('public');
  });

  it('loopback and public addresses are allowed; multicast and reserved ones are not', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '8.8.8.8', '145.97.39.155', '2a00:1450:400e:80c::200e']) {
      expect({ address, refusal: addressRefusal(address, false) }).toEqual({ address, refusal: null });
    }
    for (const address of ['224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255', 'ff02::1']) {
      expect({ address, refusal: addressRefusal(address, true) }).toEqual({ address, refusal: expect.stringMatching(/multicast or reserved/) });
    }
  });

  it('a host name is no address: it must be resolved first', () => {
    expect(addressKind('hooks.example.nl')).toBeNull();
    expect(addressRefusal('hooks.example.nl', true)).toMatch(/not an IP address/);
  });
});
