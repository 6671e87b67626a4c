import { personKeyOf, recordsByPerson } from './person.js';

describe('one person, one set of rules', () => {
  it('records with the same BIG number have the same person key', () => {
    expect(personKeyOf({ id: 'a', bigNumber: '19012345601' })).toBe(personKeyOf({ id: 'b', bigNumber: '19012345601' }));
  });

  it('records with different BIG numbers are different people', () => {
    expect(personKeyOf({ id: 'a', bigNumber: '19012345601' })).not.toBe(personKeyOf({ id: 'a', bigNumber: '19012345602' }));
  });

  it('a record without a BIG number is a person of its own, also when another has none either', () => {
    expect(personKeyOf({ id: 'a', bigNumber: null })).not.toBe(personKeyOf({ id: 'b', bigNumber: null }));
    expect(personKeyOf({ id: 'a', bigNumber: null })).toBe(personKeyOf({ id: 'a', bigNumber: null }));
  });

  it("a BIG number can never make a record the person of a record without one (the keys' spaces are apart)", () => {
    expect(personKeyOf({ id: '19012345601', bigNumber: null })).not.toBe(personKeyOf({ id: 'x', bigNumber: '19012345601' }));
  });

  it('names every record of the person for each nurse asked, itself included, sorted', () => {
    const loaded = [
      { id: 'c', bigNumber: '19012345601' },
      { id: 'a', bigNumber: '19012345601' },
      { id: 'b', bigNumber: null },
      { id: 'd', bigNumber: '19012345602' },
    ];
    const records = recordsByPerson(['a', 'b', 'd', 'unknown'], loaded);
    expect(records.get('a')).toEqual(['a', 'c']);
    expect(records.get('b')).toEqual(['b']);
    expect(records.get('d')).toEqual(['d']);
    expect(records.has('unknown')).toBe(false);
  });
});
